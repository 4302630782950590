// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/Result.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

struct redisContext;

namespace taskmill {

struct RedisError
{
    enum class Kind { ConnectionBroken, Timeout, Reply };
    Kind kind = Kind::ConnectionBroken;
    QString message;
};

// A decoded RESP2 reply (hiredis 0.14 in Debian 12 has no RESP3).
struct RedisValue
{
    enum class Type { Nil, Status, Error, Integer, String, Array };
    Type type = Type::Nil;
    qint64 integer = 0;
    QByteArray string;
    QList<RedisValue> elements;

    bool isNil() const { return type == Type::Nil; }
};

template<typename T>
using RedisResult = Result<T, RedisError>;

// Where to reach Redis: redis://host:port/db or unix:///path/redis.sock[?db=N].
struct RedisEndpoint
{
    QString host;
    int port = 6379;
    QString socketPath;
    int db = 0;

    static Result<RedisEndpoint> fromUrl(const QString &url);
};

// One synchronous hiredis connection, owned by one thread. Commands that fail with a broken connection
// reconnect on the next call (no automatic retry: the caller decides whether a command is safe to repeat).
// Blocking reads (XREADGROUP BLOCK) must use a connection of their own.
// A client name (CLIENT SETNAME, sent on every connect) tells an operator reading CLIENT LIST which role and
// which part of it holds a connection: "taskmill-api", "taskmill-executor-fetch", ...
class RedisConnection final
{
public:
    explicit RedisConnection(RedisEndpoint endpoint, int timeoutMs = 2000, QByteArray clientName = {});
    ~RedisConnection();
    RedisConnection(const RedisConnection &) = delete;
    RedisConnection &operator=(const RedisConnection &) = delete;

    RedisResult<RedisValue> command(const QList<QByteArray> &args, int timeoutMs = -1);
    // Sends all commands in one write and reads every reply (pipelining). A Reply-kind error in one
    // command does not fail the others: inspect each value's type.
    RedisResult<QList<RedisValue>> pipeline(const QList<QList<QByteArray>> &commands, int timeoutMs = -1);

    // For a subscribed connection: the next pushed message, or nullopt after timeoutMs with none.
    // Waits with poll(2) so a quiet channel does not count as an I/O error.
    RedisResult<std::optional<RedisValue>> readPushed(int timeoutMs);

    // PING: true when Redis answers PONG (false while it still loads its data set).
    RedisResult<bool> ping();

    bool isConnected() const { return m_ctx != nullptr; }
    void disconnect();

private:
    RedisResult<bool> ensureConnected();
    void setTimeout(int ms);
    RedisError takeError();

    RedisEndpoint m_endpoint;
    int m_timeoutMs;
    QByteArray m_clientName;
    int m_currentTimeoutMs = -1;
    redisContext *m_ctx = nullptr;
};

} // namespace taskmill
