// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "api/ApiContext.h"

#include "service/Authenticator.h"

#include "api/HttpReply.h"
#include "observability/Logging.h"
#include "service/HandlerCatalog.h"
#include "service/TaskActions.h"
#include "service/TaskDispatch.h"

#include <QtConcurrent/QtConcurrentRun>

#include <map>
#include <memory>

namespace taskmill {

ApiContext::ApiContext(const BackendConfig &config, DbParams db, RedisEndpoint redis, TaskWriter &writer)
    : m_config(config), m_db(std::move(db), QStringLiteral("api"), CommitWait::Flush, config.statementTimeoutMs), m_redisEndpoint(std::move(redis)), m_writer(writer),
      m_handlers(std::make_unique<HandlerCatalog>()),
      m_auth(std::make_shared<Authenticator>(config.localAnonymousEffective(), config.accessTtlS))
{
    // Threads never expire: each owns a named SQL connection that would otherwise leak with it.
    m_pool.setExpiryTimeout(-1);
    m_pool.setMaxThreadCount(PoolThreads);
    m_longPollPool.setExpiryTimeout(-1);
    m_longPollPool.setMaxThreadCount(LongPollThreads);
}

ApiContext::~ApiContext()
{
    m_longPollPool.waitForDone();
    m_pool.waitForDone();
}

QFuture<HttpReply> ApiContext::run(std::function<HttpReply()> work) const
{
    return runOn(m_pool, std::move(work));
}

QFuture<HttpReply> ApiContext::runOn(QThreadPool &pool, std::function<HttpReply()> work) const
{
    return QtConcurrent::run(&pool, [work = std::move(work)]() -> HttpReply {
        try {
            return work();
        } catch (const std::exception &e) {
            qCCritical(lcApi).noquote() << "request handler threw:" << e.what();
            return HttpReply::error(ApiError::internal(QStringLiteral("internal error")));
        }
    });
}

QFuture<HttpReply> ApiContext::withDb(std::function<HttpReply(QSqlDatabase &db)> work) const
{
    return withDbOn(m_pool, std::move(work));
}

QFuture<HttpReply> ApiContext::withDbLongPoll(std::function<HttpReply(QSqlDatabase &db)> work) const
{
    return withDbOn(m_longPollPool, std::move(work));
}

QFuture<HttpReply> ApiContext::withDbOn(QThreadPool &pool, std::function<HttpReply(QSqlDatabase &db)> work) const
{
    return runOn(pool, [this, work = std::move(work)]() -> HttpReply {
        auto db = m_db.connection();
        if (!db)
            return HttpReply::error(db.error());
        HttpReply reply = work(*db);
        if (reply.status == httpStatus(ErrorCode::Unavailable))
            m_db.closeThreadConnection();
        return reply;
    });
}

RedisConnection &ApiContext::redis() const
{
    thread_local std::map<const ApiContext *, std::unique_ptr<RedisConnection>> connections;
    auto &conn = connections[this];
    if (!conn)
        conn = std::make_unique<RedisConnection>(m_redisEndpoint, RedisTimeoutMs, "taskmill-api");
    return *conn;
}

TaskDispatch &ApiContext::dispatch() const
{
    thread_local std::map<const ApiContext *, std::unique_ptr<TaskDispatch>> dispatchers;
    auto &d = dispatchers[this];
    if (!d)
        d = std::make_unique<TaskDispatch>(redis(), streamPrefix());
    return *d;
}

TaskActions ApiContext::actions(QSqlDatabase &db) const
{
    return TaskActions(db, redis(), dispatch(), streamPrefix());
}

} // namespace taskmill
