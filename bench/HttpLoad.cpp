// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "HttpLoad.h"

#include "BenchStats.h"

#include <QEventLoop>
#include <QTimer>

#include <cmath>
#include <memory>
#include <vector>

namespace taskmill::bench {

namespace {
QByteArray &extraHeaders()
{
    static QByteArray lines;
    return lines;
}
} // namespace

void HttpConnection::setExtraHeaders(const QByteArray &lines)
{
    extraHeaders() = lines;
}

HttpConnection::HttpConnection(const QUrl &base, QObject *parent)
    : QObject(parent), m_host(base.host()), m_port(quint16(base.port(80)))
{
    connect(&m_socket, &QTcpSocket::connected, this, &HttpConnection::onConnected);
    connect(&m_socket, &QTcpSocket::readyRead, this, &HttpConnection::onReadyRead);
    connect(&m_socket, &QTcpSocket::disconnected, this, &HttpConnection::onBroken);
    connect(&m_socket, &QTcpSocket::errorOccurred, this, &HttpConnection::onBroken);
}

HttpConnection::~HttpConnection()
{
    // The socket member is destroyed after this body and may still signal: it must not reach us then.
    m_socket.disconnect(this);
    m_done = {};
}

void HttpConnection::request(const QByteArray &method, const QByteArray &path, const QByteArray &body, Done done,
                             const QByteArray &headerLines)
{
    m_done = std::move(done);
    m_buffer.clear();
    QByteArray req = method + ' ' + path + " HTTP/1.1\r\nHost: " + m_host.toLatin1() + ':'
                     + QByteArray::number(m_port) + "\r\n" + extraHeaders() + headerLines;
    if (!body.isEmpty() || method == "POST")
        req += "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
    req += "\r\n" + body;
    if (m_socket.state() == QAbstractSocket::ConnectedState) {
        m_socket.write(req);
        return;
    }
    m_pending = req;
    if (m_socket.state() == QAbstractSocket::UnconnectedState)
        m_socket.connectToHost(m_host, m_port);
}

void HttpConnection::onConnected()
{
    m_socket.setSocketOption(QAbstractSocket::LowDelayOption, 1);
    if (!m_pending.isEmpty())
        m_socket.write(std::exchange(m_pending, {}));
}

void HttpConnection::onReadyRead()
{
    m_buffer += m_socket.readAll();
    const qsizetype headerEnd = m_buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0 || !m_done)
        return;
    const QList<QByteArray> lines = m_buffer.left(headerEnd).split('\n');
    const QList<QByteArray> statusLine = lines.value(0).split(' ');
    const int status = statusLine.value(1).toInt();
    qsizetype length = 0;
    for (const QByteArray &line : lines) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().toLower() == "content-length")
            length = line.mid(colon + 1).trimmed().toLongLong();
    }
    if (m_buffer.size() < headerEnd + 4 + length)
        return;
    finish(status, m_buffer.mid(headerEnd + 4, length));
}

void HttpConnection::onBroken()
{
    m_pending.clear();
    if (m_socket.state() != QAbstractSocket::UnconnectedState)
        m_socket.abort();
    if (m_done)
        finish(0, m_socket.errorString().toUtf8());
}

void HttpConnection::finish(int status, const QByteArray &body)
{
    m_buffer.clear();
    Done done = std::exchange(m_done, {});
    done(status, body); // may start the next request on this connection
}

namespace {
// Sends request `i` on `conn` and records its outcome in `result`; `next` runs after each response.
void issue(HttpConnection *conn, qsizetype i, double dueMs, const RequestFactory &make, LoadResult &result,
           const std::function<void(HttpConnection *)> &next)
{
    const LoadRequest request = make(i, dueMs);
    const double sentMs = nowMs();
    result.maxSendLagMs = std::max(result.maxSendLagMs, sentMs - dueMs);
    result.sendEndMs = sentMs;
    ++result.sent;
    conn->request(request.body.isEmpty() ? "GET" : "POST", request.path, request.body,
                  [conn, i, dueMs, &result, next](int status, const QByteArray &reply) {
                      result.endMs = nowMs();
                      if (status >= 200 && status < 300) {
                          result.latencyMs[i] = result.endMs - dueMs;
                      } else {
                          ++result.failed;
                          if (result.firstError.isEmpty())
                              result.firstError = QByteArray::number(status) + ' ' + reply.left(300);
                      }
                      next(conn);
                  },
                  request.headerLines);
}

void runUntil(QEventLoop &loop, int timeoutMs)
{
    QTimer guard;
    guard.setSingleShot(true);
    QObject::connect(&guard, &QTimer::timeout, &loop, &QEventLoop::quit);
    guard.start(timeoutMs);
    loop.exec();
}
} // namespace

QPair<int, QByteArray> requestOnce(const QUrl &base, const QByteArray &method, const QByteArray &path,
                                   const QByteArray &body, int timeoutMs)
{
    QPair<int, QByteArray> answer{0, QByteArrayLiteral("no answer in time")};
    HttpConnection conn(base);
    QEventLoop loop;
    conn.request(method, path, body, [&](int status, const QByteArray &reply) {
        answer = {status, reply};
        loop.quit();
    });
    runUntil(loop, timeoutMs);
    return answer;
}

LoadResult runClosedLoop(const QUrl &base, int connections, qsizetype total, const RequestFactory &make, int timeoutMs)
{
    LoadResult result;
    result.latencyMs = QList<double>(total, NAN);
    std::vector<std::unique_ptr<HttpConnection>> conns;
    QEventLoop loop;
    qsizetype issued = 0, answered = 0;
    std::function<void(HttpConnection *)> next = [&](HttpConnection *conn) {
        if (conn && ++answered == total)
            loop.quit();
        if (issued < total) {
            const qsizetype i = issued++;
            issue(conn, i, nowMs(), make, result, next);
        }
    };
    result.startMs = nowMs();
    for (int c = 0; c < connections && c < total; ++c) {
        conns.push_back(std::make_unique<HttpConnection>(base));
        const qsizetype i = issued++;
        issue(conns.back().get(), i, nowMs(), make, result, next);
    }
    result.connectionsUsed = int(conns.size());
    if (total > 0)
        runUntil(loop, timeoutMs);
    next = [](HttpConnection *) {}; // late answers after a timeout are ignored
    return result;
}

LoadResult runOpenLoop(const QUrl &base, double rate, double durationS, int maxConnections,
                       const RequestFactory &make, int timeoutMs)
{
    const qsizetype total = std::max<qsizetype>(1, qsizetype(std::llround(rate * durationS)));
    LoadResult result;
    result.latencyMs = QList<double>(total, NAN);
    std::vector<std::unique_ptr<HttpConnection>> conns;
    QList<HttpConnection *> idle;
    QEventLoop loop;
    qsizetype issued = 0, answered = 0;
    bool stopped = false;
    QTimer ticker;
    ticker.setTimerType(Qt::PreciseTimer);

    std::function<void(HttpConnection *)> next;
    const auto pump = [&] {
        const double now = nowMs();
        const qsizetype due = std::min(total, qsizetype((now - result.startMs) * rate / 1000.0) + 1);
        while (issued < due) {
            HttpConnection *conn = nullptr;
            if (!idle.isEmpty()) {
                conn = idle.takeLast();
            } else if (int(conns.size()) < maxConnections) {
                conns.push_back(std::make_unique<HttpConnection>(base));
                conn = conns.back().get();
            } else {
                break; // all connections busy: the due requests wait (their due time stays in the body)
            }
            const qsizetype i = issued++;
            issue(conn, i, result.startMs + double(i) * 1000.0 / rate, make, result, next);
        }
        if (issued == total)
            ticker.stop();
    };
    next = [&](HttpConnection *conn) {
        if (stopped)
            return;
        idle.append(conn);
        if (++answered == total)
            loop.quit();
        else
            pump();
    };
    QObject::connect(&ticker, &QTimer::timeout, &loop, pump);
    result.startMs = nowMs();
    ticker.start(1);
    pump();
    runUntil(loop, timeoutMs);
    stopped = true;
    ticker.stop();
    result.connectionsUsed = int(conns.size());
    return result;
}

} // namespace taskmill::bench
