// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "api/ConnectionGuard.h"

#include "observability/Logging.h"

#include <QPointer>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>

#include <sys/socket.h>
#include <unistd.h>

namespace taskmill {

namespace {
constexpr qsizetype TailBytes = 3; // "\r\n\r" of an end of headers cut by a read boundary

// The peer of an accepted socket that no QTcpSocket owns yet.
QHostAddress peerOf(qintptr handle)
{
    sockaddr_storage address{};
    socklen_t length = sizeof(address);
    if (::getpeername(int(handle), reinterpret_cast<sockaddr *>(&address), &length) != 0)
        return {};
    return QHostAddress(reinterpret_cast<const sockaddr *>(&address));
}
} // namespace

QString ConnectionGuard::key(const QHostAddress &peer)
{
    // An IPv4 client seen through an IPv6 socket is the same client.
    bool v4 = false;
    const quint32 ip4 = peer.toIPv4Address(&v4);
    return v4 ? QHostAddress(ip4).toString() : peer.toString();
}

bool ConnectionGuard::admit(const QHostAddress &peer)
{
    const int open = m_open.value(key(peer));
    if (open < m_limits.maxPerAddress)
        return true;
    qCInfo(lcApi).noquote() << "refused a connection from" << peer.toString() << ": it already has" << open << "open";
    return false;
}

void ConnectionGuard::arm(Watched &w, int ms)
{
    if (ms > 0)
        w.timer->start(ms);
    else
        w.timer->stop();
}

void ConnectionGuard::watch(QTcpSocket *socket, const QHostAddress &peer)
{
    const QString k = key(peer);
    ++m_open[k];
    Watched w;
    w.timer = new QTimer(socket);
    w.timer->setSingleShot(true);
    m_sockets.insert(socket, w);
    arm(m_sockets[socket], m_limits.idleTimeoutMs);
    connect(w.timer, &QTimer::timeout, this, [this, socket] {
        const auto it = m_sockets.constFind(socket);
        if (it == m_sockets.cend() || it->phase == Phase::Serving || it->phase == Phase::Upgraded)
            return;
        qCInfo(lcApi).noquote() << "closing a connection from" << socket->peerAddress().toString()
                                << (it->phase == Phase::Headers ? "that sends its request too slowly" : "idle too long");
        socket->abort();
    });
    // Before QHttpServer's own handlers (connected later): the bytes are still in the socket's buffer.
    connect(socket, &QIODevice::readyRead, this, [this, socket] { onReadable(socket); });
    connect(socket, &QIODevice::bytesWritten, this, [this, socket] { onWritten(socket); });
    // The count drops when the socket goes, seen through its child timer: on a WebSocket upgrade Qt 6.4's
    // QHttpServer calls socket->disconnect(), which cuts every connection to the socket's own signals.
    connect(w.timer, &QObject::destroyed, this, [this, socket, k] {
        m_sockets.remove(socket);
        if (--m_open[k] <= 0)
            m_open.remove(k);
    });
}

void ConnectionGuard::onReadable(QTcpSocket *socket)
{
    auto it = m_sockets.find(socket);
    if (it == m_sockets.end() || it->phase == Phase::Upgraded || it->phase == Phase::Serving)
        return;
    const QByteArray seen = socket->peek(socket->bytesAvailable());
    if (it->phase == Phase::Idle) {
        // A WebSocket upgrade leaves HTTP for good: from now on it is the hub's (pings, slow readers).
        const QByteArray head = seen.left(512).toLower();
        if (head.startsWith("get /api/v1/ws") && head.contains("upgrade: websocket")) {
            it->phase = Phase::Upgraded;
            it->timer->stop();
            return;
        }
        it->phase = Phase::Headers;
        it->tail.clear();
        it->headerBytes = 0;
        arm(*it, m_limits.headerTimeoutMs); // from the request's first byte, however it trickles in
    }
    const QByteArray window = it->tail + seen;
    const qsizetype end = window.indexOf("\r\n\r\n");
    // QHttpServer reads everything on each readyRead into its incremental parser: each peek is new bytes.
    it->headerBytes += end >= 0 ? end - it->tail.size() : seen.size();
    if (it->headerBytes > m_limits.maxHeaderBytes) {
        qCInfo(lcApi).noquote() << "closing a connection from" << socket->peerAddress().toString() << ": headers over"
                                << m_limits.maxHeaderBytes << "bytes";
        socket->abort();
        return;
    }
    if (end >= 0) {
        it->phase = Phase::Serving; // the handler (a long-poll, maybe) answers in its own time
        it->timer->stop();
        return;
    }
    it->tail = window.right(TailBytes);
}

void ConnectionGuard::onWritten(QTcpSocket *socket)
{
    auto it = m_sockets.find(socket);
    if (it == m_sockets.end() || it->phase == Phase::Upgraded)
        return;
    // An answer is going out: the connection waits for its next request (keep-alive).
    if (it->phase == Phase::Serving && socket->bytesToWrite() == 0) {
        it->phase = Phase::Idle;
        arm(*it, m_limits.idleTimeoutMs);
        if (socket->bytesAvailable() > 0) // the next request came in while this answer was going out
            onReadable(socket);
    }
}

void GuardedTcpServer::incomingConnection(qintptr handle)
{
    const QHostAddress peer = peerOf(handle);
    if (!m_guard.admit(peer)) {
        ::close(int(handle));
        return;
    }
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(handle)) {
        delete socket;
        return;
    }
    m_guard.watch(socket, peer);
    addPendingConnection(socket);
}

void GuardedSslServer::incomingConnection(qintptr handle)
{
    const QHostAddress peer = peerOf(handle);
    if (!m_guard.admit(peer)) {
        ::close(int(handle));
        return;
    }
    const QList<QSslSocket *> before = findChildren<QSslSocket *>(Qt::FindDirectChildrenOnly);
    QSslServer::incomingConnection(handle); // makes the socket and starts the handshake
    for (QSslSocket *socket : findChildren<QSslSocket *>(Qt::FindDirectChildrenOnly))
        if (!before.contains(socket))
            m_guard.watch(socket, peer);
}

} // namespace taskmill
