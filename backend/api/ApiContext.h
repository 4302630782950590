// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "config/BackendConfig.h"
#include "queue/RedisConnection.h"
#include "store/Database.h"

#include <QFuture>
#include <QThreadPool>

#include <functional>
#include <memory>

namespace taskmill {

class Authenticator;
class HandlerCatalog;
class TaskActions;
class TaskDispatch;
class TaskWriter;
struct HttpReply;

// What route handlers share: configuration, the database (one connection per pool thread), Redis,
// the grouped writer, and the pool that keeps blocking SQL and Redis calls off the HTTP thread.
class ApiContext final
{
public:
    ApiContext(const BackendConfig &config, DbParams db, RedisEndpoint redis, TaskWriter &writer);
    ~ApiContext();

    const BackendConfig &config() const { return m_config; }
    const Database &database() const { return m_db; }
    TaskWriter &writer() const { return m_writer; }
    // The handler registry as this process knows it (creates are checked against it on the HTTP thread).
    HandlerCatalog &handlers() const { return *m_handlers; }
    // Credentials → callers (docs/security.md); shared with the route registry.
    Authenticator &auth() const { return *m_auth; }
    std::shared_ptr<Authenticator> authShared() const { return m_auth; }
    QByteArray streamPrefix() const { return m_config.streamPrefix.toUtf8(); }

    // The one way a handler reaches PostgreSQL: runs `work` on a pool thread with that thread's
    // connection and writes the reply back on the HTTP thread. PostgreSQL unreachable → 503 without
    // calling `work`; a 503 that `work` answers (the server went away meanwhile) drops the connection,
    // so the next request on this thread connects afresh. An exception is a bug: logged, 500.
    QFuture<HttpReply> withDb(std::function<HttpReply(QSqlDatabase &db)> work) const;
    // For work that needs no database (Redis only).
    QFuture<HttpReply> run(std::function<HttpReply()> work) const;
    // withDb() for requests that wait on purpose (a worker's lease long-poll, up to a minute): their own
    // pool, so waiting workers never hold the threads other requests need.
    QFuture<HttpReply> withDbLongPoll(std::function<HttpReply(QSqlDatabase &db)> work) const;

    // On a pool thread only: this thread's Redis connection, dispatcher and operator actions (pool threads
    // live as long as the context, so these are made once per thread and reused).
    RedisConnection &redis() const;
    TaskDispatch &dispatch() const;
    TaskActions actions(QSqlDatabase &db) const;

    // Requests at most this many pool threads serve at once; each holds one PostgreSQL connection.
    static constexpr int PoolThreads = 4;
    // Long-polls served at once; more wait for a thread (a worker then sees a shorter poll, never an error).
    static constexpr int LongPollThreads = 16;
    // A Redis call from a request that takes longer than this answers 503 rather than holding the thread.
    static constexpr int RedisTimeoutMs = 1000;

private:
    BackendConfig m_config;
    Database m_db;
    RedisEndpoint m_redisEndpoint;
    TaskWriter &m_writer;
    std::unique_ptr<HandlerCatalog> m_handlers;
    std::shared_ptr<Authenticator> m_auth;
    mutable QThreadPool m_pool;
    mutable QThreadPool m_longPollPool;

    QFuture<HttpReply> runOn(QThreadPool &pool, std::function<HttpReply()> work) const;
    QFuture<HttpReply> withDbOn(QThreadPool &pool, std::function<HttpReply(QSqlDatabase &db)> work) const;
};

} // namespace taskmill
