// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QSslServer>
#include <QTcpServer>

class QTcpSocket;
class QTimer;

namespace taskmill {

// What QHttpServer 6.4 does not limit (docs/security.md, "Limits"): connections per client address
// (api.max_connections_per_address; more are closed at once), clients that send a request's headers too slowly
// (api.header_timeout_ms from its first byte: slowloris) and connections idle between requests
// (api.idle_timeout_ms). A request being served (its headers are in, its answer is not out yet: a long-poll)
// is never cut, and a WebSocket, once upgraded, is left to the event hub.
class ConnectionGuard final : public QObject
{
public:
    struct Limits
    {
        int maxPerAddress = 256;
        int headerTimeoutMs = 10'000;
        int idleTimeoutMs = 120'000;
        int maxHeaderBytes = 16 * 1024;
    };
    explicit ConnectionGuard(Limits limits, QObject *parent = nullptr) : QObject(parent), m_limits(limits) {}

    // False (and the caller closes the socket) when the address already holds its share.
    bool admit(const QHostAddress &peer);
    // Watches an admitted socket until it is gone or becomes a WebSocket.
    void watch(QTcpSocket *socket, const QHostAddress &peer);

    int openFrom(const QHostAddress &peer) const { return m_open.value(key(peer)); }

private:
    enum class Phase { Idle, Headers, Serving, Upgraded };
    struct Watched
    {
        Phase phase = Phase::Idle;
        QTimer *timer = nullptr;
        QByteArray tail; // the last bytes seen, so an end of headers split across reads is found
        qint64 headerBytes = 0;
    };
    static QString key(const QHostAddress &peer);
    void onReadable(QTcpSocket *socket);
    void onWritten(QTcpSocket *socket);
    void arm(Watched &w, int ms);

    const Limits m_limits;
    QHash<QString, int> m_open;
    QHash<QTcpSocket *, Watched> m_sockets;
};

// A plain listener whose connections pass through a ConnectionGuard before QHttpServer sees them.
class GuardedTcpServer final : public QTcpServer
{
public:
    GuardedTcpServer(ConnectionGuard &guard, QObject *parent) : QTcpServer(parent), m_guard(guard) {}

protected:
    void incomingConnection(qintptr handle) override;

private:
    ConnectionGuard &m_guard;
};

// The same for TLS: the guard counts and times the connection from the TCP accept on.
class GuardedSslServer final : public QSslServer
{
public:
    GuardedSslServer(ConnectionGuard &guard, QObject *parent) : QSslServer(parent), m_guard(guard) {}

protected:
    void incomingConnection(qintptr handle) override;

private:
    ConnectionGuard &m_guard;
};

} // namespace taskmill
