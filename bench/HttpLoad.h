// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QTcpSocket>
#include <QUrl>

#include <functional>

namespace taskmill::bench {

// One keep-alive HTTP/1.1 connection with at most one request in flight. Deliberately minimal (POST/GET,
// Content-Length framing, which is what taskmilld's QHttpServer sends) so that the client costs far less CPU
// than the server it measures on a shared 2-core machine; QNetworkAccessManager would also cap a host at six
// connections. `done` gets the HTTP status (0 on a connection error) and the body.
class HttpConnection final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpConnection)

public:
    using Done = std::function<void(int status, const QByteArray &body)>;

    explicit HttpConnection(const QUrl &base, QObject *parent = nullptr);
    // Header lines ("Name: value\r\n"…) every connection of this process adds to each request, set once
    // before any load runs: the credentials of --auth (one process measures one target).
    static void setExtraHeaders(const QByteArray &lines);
    ~HttpConnection() override; // drops a pending callback without calling it

    bool busy() const { return bool(m_done); }
    // `headerLines`: this request's own header lines ("Idempotency-Key: …\r\n"), after the process-wide ones.
    void request(const QByteArray &method, const QByteArray &path, const QByteArray &body, Done done,
                 const QByteArray &headerLines = {});

private:
    void onConnected();
    void onReadyRead();
    void onBroken();
    void finish(int status, const QByteArray &body);

    QString m_host;
    quint16 m_port;
    QTcpSocket m_socket;
    QByteArray m_pending; // request bytes waiting for the connection
    QByteArray m_buffer;
    Done m_done;
};

// One request of a load: path, JSON body (empty: a GET) and header lines of its own.
struct LoadRequest
{
    LoadRequest(const QPair<QByteArray, QByteArray> &pathAndBody) : path(pathAndBody.first), body(pathAndBody.second) {}
    LoadRequest(QByteArray p, QByteArray b, QByteArray h) : path(std::move(p)), body(std::move(b)), headerLines(std::move(h)) {}
    QByteArray path;
    QByteArray body;
    QByteArray headerLines;
};

// The request to send as the i-th one. `scheduledMs` is the epoch time the request was due (open loop) or
// issued (closed loop).
using RequestFactory = std::function<LoadRequest(qsizetype i, double scheduledMs)>;

struct LoadResult
{
    QList<double> latencyMs; // per request, NaN for failures
    qsizetype sent = 0;
    qsizetype failed = 0;
    double startMs = 0;
    double sendEndMs = 0;    // when the last request was handed to a connection
    double endMs = 0;        // when the last response arrived
    double maxSendLagMs = 0; // open loop: worst delay between a request's due time and its send
    int connectionsUsed = 0;
    QByteArray firstError;
};

// Closed loop: `total` requests over `connections` keep-alive connections, each awaited before its
// connection sends the next. Gives up after `timeoutMs`.
LoadResult runClosedLoop(const QUrl &base, int connections, qsizetype total, const RequestFactory &make,
                         int timeoutMs);

// Open loop: `rate` requests/s for `durationS` seconds, request i due at start + i/rate, whatever the server's
// speed (no coordinated omission: the due time, not the send time, goes into the body). A request due while
// every connection is busy opens another one, up to `maxConnections`; beyond that it waits.
LoadResult runOpenLoop(const QUrl &base, double rate, double durationS, int maxConnections,
                       const RequestFactory &make, int timeoutMs);

// One request on a fresh connection, waited for (at most `timeoutMs`): set-up calls such as a login.
QPair<int, QByteArray> requestOnce(const QUrl &base, const QByteArray &method, const QByteArray &path,
                                   const QByteArray &body, int timeoutMs);

} // namespace taskmill::bench
