// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// Raw bytes on one connection to taskmilld's real api: ApiServer with every route it registers (auth, tasks,
// dead letters, events, handlers, leases, monitor, info, observability, the WebSocket upgrade and the
// missing-route handler), so Qt's HTTP parser, our routing, the request guard, authentication and
// permissions, and body/query validation all run as in production. Nothing listens: each input is written
// into one end of a socket pair whose other end is handed to the server as an accepted connection (no ports
// to exhaust, no accept latency) through a ConnectionGuard made as start() makes it (connection cap, header
// limits), then the client half-closes and reads until the server has closed its end. The connection looks
// like one from 127.0.0.1 and auth.local_anonymous is on, as for the app's own taskmilld: a request without
// credentials acts as the local principal and reaches every route; one with an Authorization header goes
// through token checks.
// PostgreSQL and Redis point at sockets that do not exist: routes that need them fail fast with 503, and a
// reply that comes back after the server saw the half-close is dropped, as for a client that hung up. The
// handler registry and the accounts are empty (they are loaded from PostgreSQL): creates stop at the
// registry check, after every body and field check, and every token is refused.
// Found here means: a crash, a sanitizer report, an exception reaching a request boundary (logged as
// critical by taskmill.*), a connection the server neither answers nor closes, or one whose socket outlives it.
#include "api/ApiServer.h"
#include "api/ConnectionGuard.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QSocketNotifier>
#include <QTcpServer>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace taskmill;
using namespace Qt::StringLiterals;

namespace {
// Far beyond anything a request takes here (well under a millisecond); reaching it means the connection hangs.
constexpr qint64 HangMs = 10'000;

[[noreturn]] void fail(const char *what, const QByteArray &detail = {})
{
    std::fprintf(stderr, "fuzz_HttpRequest: %s %s\n", what, detail.constData());
    std::abort();
}

// A socket pair has no peer address; this one reports 127.0.0.1, where the app's clients connect from.
class LoopbackSocket final : public QTcpSocket
{
public:
    using QTcpSocket::QTcpSocket;
    void pretendLoopback()
    {
        setPeerAddress(QHostAddress(QHostAddress::LocalHost));
        setPeerPort(40000);
    }
};

// Never listens: feed() takes a socket it did not accept the way start()'s GuardedTcpServer takes one it did.
class PairServer final : public QTcpServer
{
public:
    explicit PairServer(ConnectionGuard::Limits limits) : m_guard(limits) {}

    void feed(qintptr fd)
    {
        const QHostAddress peer(QHostAddress::LocalHost);
        // Each input's connection is gone before the next starts: a refusal means sockets are leaking.
        if (!m_guard.admit(peer))
            fail("the connection guard refused a connection:", QByteArray::number(m_guard.openFrom(peer)) + " still open");
        auto *socket = new LoopbackSocket(this);
        if (!socket->setSocketDescriptor(fd))
            fail("setSocketDescriptor:", socket->errorString().toUtf8());
        socket->pretendLoopback();
        m_guard.watch(socket, peer);
        addPendingConnection(socket);
        emit newConnection();
    }

    // Connections the guard still counts: none once an input is done, whatever the server did with it.
    int open() const { return m_guard.openFrom(QHostAddress(QHostAddress::LocalHost)); }

private:
    ConnectionGuard m_guard;
};

void onMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    // Our code logs critical only for bugs (a request handler that threw): that is a finding.
    if (type == QtFatalMsg || (type == QtCriticalMsg && context.category && qstrncmp(context.category, "taskmill", 8) == 0))
        fail(context.category, message.toUtf8());
}

struct Server
{
    ApiServer *api = nullptr;
    PairServer *pair = nullptr;
};

// Writes `request` on a new connection and reads what comes back. halfClose: shut the write side once it
// is all sent and return when the server has closed. Otherwise return as soon as one whole response with a
// Content-Length body has arrived (the warm-up's own requests, which are complete and known).
QByteArray exchange(Server &s, QByteArrayView request, bool halfClose)
{
    int fds[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0)
        fail("socketpair");
    const int client = fds[1];
    if (::fcntl(client, F_SETFL, O_NONBLOCK) != 0)
        fail("fcntl");
    s.pair->feed(fds[0]);
    // Wakes the event loop when the server writes or closes, so waiting costs no polling.
    QSocketNotifier readable(client, QSocketNotifier::Read);

    QByteArray received;
    qsizetype written = 0;
    bool sent = false;
    bool closed = false;
    QElapsedTimer clock;
    clock.start();
    while (!closed) {
        // Inputs larger than the socket buffer go in pieces while the server reads.
        while (written < request.size()) {
            const ssize_t n = ::send(client, request.data() + written, size_t(request.size() - written), MSG_NOSIGNAL);
            if (n > 0)
                written += n;
            else if (errno == EAGAIN || errno == EINTR)
                break;
            else
                written = request.size(); // the server closed early (a parse error): the rest cannot be sent
        }
        if (written == request.size() && !sent) {
            if (halfClose)
                ::shutdown(client, SHUT_WR);
            sent = true;
        }
        char buffer[16384];
        while (true) {
            const ssize_t n = ::recv(client, buffer, sizeof buffer, 0);
            if (n > 0) {
                if (!halfClose)
                    received.append(buffer, n);
                continue;
            }
            if (n == 0 || (errno != EAGAIN && errno != EINTR))
                closed = true;
            break;
        }
        if (!halfClose) {
            const qsizetype end = received.indexOf("\r\n\r\n");
            const qsizetype length = received.indexOf("Content-Length: ");
            if (end > 0 && length > 0 && received.size() >= end + 4 + received.mid(length + 16).split('\r').value(0).toLongLong())
                break;
        }
        if (closed)
            break;
        if (clock.elapsed() > HangMs)
            fail("the server neither answered nor closed the connection:", request.first(std::min<qsizetype>(request.size(), 200)).toByteArray());
        QCoreApplication::processEvents(sent ? QEventLoop::WaitForMoreEvents : QEventLoop::AllEvents);
    }
    ::close(client);
    // The server's socket was deleteLater()'d when it closed; without a running loop nothing else deletes it.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    return received;
}

Server *g_server = nullptr;

// At exit the pools' threads must stop before the statics they use (Qt's, and our Metrics registry) are
// destroyed, as the daemon does by deleting its ApiServer first.
void shutDown()
{
    delete g_server->api;
    g_server->api = nullptr;
}

Server &server()
{
    static Server s = [] {
        // The plain poll(2) dispatcher: GLib's adds work to every iteration and the harness runs millions.
        qputenv("QT_NO_GLIB", "1");
        static int argc = 1;
        static char name[] = "fuzz_HttpRequest";
        static char *argv[] = {name, nullptr};
        new QCoreApplication(argc, argv); // kept for the life of the process, like the daemon's
        // Every failed PostgreSQL connect is a warning: formatting millions of them would be most of the work.
        QLoggingCategory::setFilterRules(u"*.debug=false\n*.info=false\n*.warning=false"_s);
        qInstallMessageHandler(onMessage);
        BackendConfig config;
        config.localAnonymous = true;
        // Small enough that the fuzzer reaches "too large" (declared and actual) with short inputs.
        config.maxBodyBytes = 16 * 1024;
        DbParams db;
        db.host = u"/nonexistent/taskmill-fuzz"_s;
        db.port = 1;
        db.user = db.database = u"taskmill"_s;
        RedisEndpoint redis;
        redis.socketPath = u"/nonexistent/taskmill-fuzz/redis.sock"_s;
        Server out;
        // start() is not called: it loads the handler registry from PostgreSQL and listens on TCP. The
        // QHttpServer is reached through routes(), which exposes it const only; the ApiServer is not const.
        out.api = new ApiServer(config, db, redis);
        ConnectionGuard::Limits limits;
        limits.maxPerAddress = config.maxConnectionsPerAddress;
        limits.headerTimeoutMs = config.headerTimeoutMs;
        limits.idleTimeoutMs = config.idleTimeoutMs;
        limits.maxHeaderBytes = config.maxHeaderBytes;
        out.pair = new PairServer(limits);
        const_cast<RouteRegistry &>(out.api->routes()).server().bind(out.pair); // takes ownership
        return out;
    }();
    if (!g_server) {
        g_server = &s;
        // Proves the harness reaches the routes (a database route, the missing handler, the pools' health
        // probe) and makes the statics those paths create before shutDown() is registered, so it runs first.
        const QByteArray tasks = exchange(s, "GET /api/v1/tasks HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", false);
        const QByteArray missing = exchange(s, "GET /nowhere HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", false);
        const QByteArray health = exchange(s, "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", false);
        if (!tasks.startsWith("HTTP/1.1 503") || !missing.startsWith("HTTP/1.1 404") || !health.startsWith("HTTP/1.1 503"))
            fail("unexpected warm-up answers:", tasks.left(12) + " / " + missing.left(12) + " / " + health.left(12));
        std::atexit(shutDown);
    }
    return s;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Server &s = server();
    exchange(s, QByteArrayView(data, qsizetype(size)), true);
    // A socket that outlives its connection (never deleted, or deleted unseen by the guard) counts against the
    // address's cap for good: api.max_connections_per_address of them lock the address out.
    if (s.pair->open() != 0)
        fail("a connection outlived its input; still counted:", QByteArray::number(s.pair->open()));
    return 0;
}
