// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "model/TaskEvent.h"
#include "wire/PauseTypes.h"

#include <QList>
#include <QObject>
#include <QStringList>
#include <QSslConfiguration>
#include <QTimer>
#include <QUrl>

class QWebSocket;

namespace taskmill {

// The push half of docs/events.md: one WebSocket to /api/v1/ws that subscribes to every event.
// After each `subscribed` answer it emits connectedChanged(true) with the server's revision: the consumer
// catches up from its own revision with BackendClient::events(). A `resync` message (or a malformed one)
// emits resyncRequired(); the consumer reloads its snapshot. A `pauses` message (the whole set of paused
// priorities and types, not a numbered event) emits pausesReceived(); one that does not parse is dropped,
// since GET /api/v1/pauses tells the same. A lost socket is reopened after a backoff
// of 0.5 s doubling to 10 s, reset by the next successful subscription. The handshake carries the same
// Authorization header, TLS configuration and pinned keys as BackendClient's requests (set by the client,
// applied at the next open). With pins, the TLS socket under the WebSocket is checked when its handshake
// completes and aborted on a mismatch while the upgrade request (with the Authorization header) is still in
// its write buffer; should Qt ever not expose that socket, the check falls back to `connected`, after the
// upgrade. Owned by BackendClient; GUI thread.
class EventStream final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventStream)

public:
    static constexpr int InitialBackoffMs = 500;
    static constexpr int MaxBackoffMs = 10'000;

    // `baseUrl` is the http(s) base of the backend; the socket goes to ws(s)://…/api/v1/ws.
    explicit EventStream(const QUrl &baseUrl, QObject *parent = nullptr);
    ~EventStream() override;

    static QUrl socketUrl(const QUrl &baseUrl);
    // The backoff after `failures` consecutive failed attempts (1 → 0.5 s, 2 → 1 s, … capped at 10 s).
    static int backoffMs(int failures);

    QUrl url() const { return m_url; }
    bool isConnected() const { return m_subscribed; }
    bool isOpen() const { return m_wanted; } // open() was called and close() not since
    bool isReconnectScheduled() const { return m_reconnectTimer.isActive(); } // waiting out a backoff
    qint64 subscribedRevision() const { return m_subscribedRevision; } // -1 until subscribed
    // Why the last attempt failed (a pin mismatch, a socket error); empty once subscribed.
    QString lastError() const { return m_lastError; }

    void open();  // connects now and keeps reconnecting until close()
    void close();

    void setAuthorization(const QByteArray &headerValue) { m_authorization = headerValue; }
    void setSslConfiguration(const QSslConfiguration &configuration) { m_ssl = configuration; }
    void setPinnedKeys(const QStringList &pins) { m_pins = pins; } // PublicKeyPin; empty = no pinning

signals:
    void connectedChanged(bool connected);
    void eventsReceived(const QList<taskmill::TaskEvent> &events, qint64 revision);
    void resyncRequired();
    void pausesReceived(const taskmill::PauseSet &pauses);

private:
    void onSocketConnected();
    void onSocketDisconnected();
    void onTextMessageReceived(const QString &text);
    void scheduleReconnect();
    void setSubscribed(bool subscribed);
    bool acceptedByPins(const QSslConfiguration &session); // false: m_lastError says why

    QUrl m_url;
    QByteArray m_authorization;
    QSslConfiguration m_ssl;
    QStringList m_pins;
    QString m_lastError;
    bool m_refused = false; // this attempt was aborted by the pins: its socket errors say nothing more
    QWebSocket *m_socket = nullptr;
    QTimer m_reconnectTimer;
    int m_failures = 0;
    bool m_wanted = false;
    bool m_subscribed = false;
    qint64 m_subscribedRevision = -1;
};

} // namespace taskmill
