// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "queue/RedisConnection.h"

#include "observability/Logging.h"
#include "observability/Metrics.h"

#include <QUrl>
#include <QUrlQuery>

#include <hiredis/hiredis.h>

#include <poll.h>

#include <cerrno>
#include <vector>

namespace taskmill {

Result<RedisEndpoint> RedisEndpoint::fromUrl(const QString &url)
{
    const QUrl u(url);
    RedisEndpoint e;
    if (u.scheme() == u"unix") {
        e.socketPath = u.path();
        e.db = QUrlQuery(u).queryItemValue(QStringLiteral("db")).toInt();
    } else if (u.scheme() == u"redis") {
        e.host = u.host().isEmpty() ? QStringLiteral("127.0.0.1") : u.host();
        e.port = u.port(6379);
        e.db = u.path().mid(1).toInt();
    }
    if (!u.isValid() || (e.socketPath.isEmpty() && e.host.isEmpty()))
        return ApiError::validation(QStringLiteral("redis"),
                                    QStringLiteral("expected redis://host:port/db or unix:///path/redis.sock, got '%1'").arg(url));
    return e;
}

namespace {
RedisValue convert(const redisReply *r)
{
    RedisValue v;
    switch (r->type) {
    case REDIS_REPLY_STATUS: v.type = RedisValue::Type::Status; v.string = QByteArray(r->str, qsizetype(r->len)); break;
    case REDIS_REPLY_ERROR: v.type = RedisValue::Type::Error; v.string = QByteArray(r->str, qsizetype(r->len)); break;
    case REDIS_REPLY_INTEGER: v.type = RedisValue::Type::Integer; v.integer = r->integer; break;
    case REDIS_REPLY_STRING: v.type = RedisValue::Type::String; v.string = QByteArray(r->str, qsizetype(r->len)); break;
    case REDIS_REPLY_ARRAY:
        v.type = RedisValue::Type::Array;
        v.elements.reserve(qsizetype(r->elements));
        for (size_t i = 0; i < r->elements; ++i)
            v.elements.append(convert(r->element[i]));
        break;
    default: v.type = RedisValue::Type::Nil; break;
    }
    return v;
}

struct ArgvBuffer
{
    std::vector<const char *> argv;
    std::vector<size_t> lens;
    explicit ArgvBuffer(const QList<QByteArray> &args)
    {
        for (const QByteArray &a : args) {
            argv.push_back(a.constData());
            lens.push_back(size_t(a.size()));
        }
    }
};
} // namespace

RedisConnection::RedisConnection(RedisEndpoint endpoint, int timeoutMs, QByteArray clientName)
    : m_endpoint(std::move(endpoint)), m_timeoutMs(timeoutMs), m_clientName(std::move(clientName))
{
}

RedisConnection::~RedisConnection() { disconnect(); }

void RedisConnection::disconnect()
{
    if (m_ctx)
        redisFree(m_ctx);
    m_ctx = nullptr;
    m_currentTimeoutMs = -1;
}

void RedisConnection::setTimeout(int ms)
{
    if (ms == m_currentTimeoutMs || !m_ctx)
        return;
    timeval tv{ms / 1000, (ms % 1000) * 1000};
    redisSetTimeout(m_ctx, tv);
    m_currentTimeoutMs = ms;
}

RedisError RedisConnection::takeError()
{
    RedisError e;
    const bool timeout = m_ctx && m_ctx->err == REDIS_ERR_IO && (errno == EAGAIN || errno == EWOULDBLOCK);
    e.kind = timeout ? RedisError::Kind::Timeout : RedisError::Kind::ConnectionBroken;
    Metrics::countRedisError(timeout ? "timeout" : "connection_broken");
    e.message = m_ctx ? QString::fromUtf8(m_ctx->errstr) : QStringLiteral("not connected");
    // hiredis cannot resynchronise a context after an I/O error: drop it, the next call reconnects.
    disconnect();
    return e;
}

RedisResult<bool> RedisConnection::ensureConnected()
{
    if (m_ctx)
        return true;
    timeval tv{m_timeoutMs / 1000, (m_timeoutMs % 1000) * 1000};
    redisContext *c = m_endpoint.socketPath.isEmpty()
        ? redisConnectWithTimeout(m_endpoint.host.toUtf8().constData(), m_endpoint.port, tv)
        : redisConnectUnixWithTimeout(m_endpoint.socketPath.toUtf8().constData(), tv);
    if (!c || c->err) {
        RedisError e{RedisError::Kind::ConnectionBroken,
                     c ? QString::fromUtf8(c->errstr) : QStringLiteral("cannot allocate redis context")};
        if (c)
            redisFree(c);
        Metrics::countRedisError("connect");
        return e;
    }
    m_ctx = c;
    if (m_endpoint.db != 0) {
        auto r = command({"SELECT", QByteArray::number(m_endpoint.db)});
        if (!r)
            return r.error();
    }
    if (!m_clientName.isEmpty()) {
        // Only a label: a server or proxy that refuses it (an ACL without CLIENT, a proxy) costs nothing else.
        auto r = command({"CLIENT", "SETNAME", m_clientName});
        if (!r && r.error().kind != RedisError::Kind::Reply)
            return r.error();
        if (!r)
            qCWarning(lcQueue).noquote() << "redis: CLIENT SETNAME" << m_clientName << "refused:" << r.error().message;
    }
    return true;
}

RedisResult<RedisValue> RedisConnection::command(const QList<QByteArray> &args, int timeoutMs)
{
    auto ok = ensureConnected();
    if (!ok)
        return ok.error();
    setTimeout(timeoutMs > 0 ? timeoutMs : m_timeoutMs);
    ArgvBuffer buf(args);
    auto *reply = static_cast<redisReply *>(redisCommandArgv(m_ctx, int(buf.argv.size()), buf.argv.data(), buf.lens.data()));
    if (!reply)
        return takeError();
    RedisValue v = convert(reply);
    freeReplyObject(reply);
    if (v.type == RedisValue::Type::Error)
        return RedisError{RedisError::Kind::Reply, QString::fromUtf8(v.string)};
    return v;
}

RedisResult<QList<RedisValue>> RedisConnection::pipeline(const QList<QList<QByteArray>> &commands, int timeoutMs)
{
    auto ok = ensureConnected();
    if (!ok)
        return ok.error();
    setTimeout(timeoutMs > 0 ? timeoutMs : m_timeoutMs);
    for (const auto &args : commands) {
        ArgvBuffer buf(args);
        if (redisAppendCommandArgv(m_ctx, int(buf.argv.size()), buf.argv.data(), buf.lens.data()) != REDIS_OK)
            return takeError();
    }
    QList<RedisValue> out;
    out.reserve(commands.size());
    for (qsizetype i = 0; i < commands.size(); ++i) {
        void *raw = nullptr;
        if (redisGetReply(m_ctx, &raw) != REDIS_OK || !raw)
            return takeError();
        out.append(convert(static_cast<redisReply *>(raw)));
        freeReplyObject(raw);
    }
    return out;
}

RedisResult<std::optional<RedisValue>> RedisConnection::readPushed(int timeoutMs)
{
    if (!m_ctx)
        return RedisError{RedisError::Kind::ConnectionBroken, QStringLiteral("not connected")};
    void *raw = nullptr;
    if (redisReaderGetReply(m_ctx->reader, &raw) != REDIS_OK)
        return takeError();
    if (!raw) {
        pollfd pfd{m_ctx->fd, POLLIN, 0};
        const int ready = ::poll(&pfd, 1, timeoutMs);
        if (ready == 0)
            return std::optional<RedisValue>{};
        if (ready < 0 || redisBufferRead(m_ctx) != REDIS_OK || redisReaderGetReply(m_ctx->reader, &raw) != REDIS_OK)
            return takeError();
        if (!raw)
            return std::optional<RedisValue>{};
    }
    RedisValue v = convert(static_cast<redisReply *>(raw));
    freeReplyObject(raw);
    return std::optional<RedisValue>(v);
}

RedisResult<bool> RedisConnection::ping()
{
    auto r = command({"PING"});
    if (!r)
        return r.error();
    return r->string == "PONG";
}

} // namespace taskmill
