// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "api/ApiContext.h"

#include "api/HttpReply.h"

#include <QtConcurrent/QtConcurrentRun>

#include <map>
#include <memory>

namespace taskmill {

ApiContext::ApiContext(const BackendConfig &config, DbParams db, RedisEndpoint redis, TaskWriter &writer)
    : m_config(config), m_db(std::move(db), QStringLiteral("api")), m_redisEndpoint(std::move(redis)), m_writer(writer)
{
    // Threads never expire: each owns a named SQL connection that would otherwise leak with it.
    m_pool.setExpiryTimeout(-1);
    m_pool.setMaxThreadCount(4);
}

ApiContext::~ApiContext()
{
    m_pool.waitForDone();
}

QFuture<HttpReply> ApiContext::run(std::function<HttpReply()> work) const
{
    return QtConcurrent::run(&m_pool, [work = std::move(work)]() -> HttpReply {
        try {
            return work();
        } catch (const std::exception &e) {
            return HttpReply::error(ApiError::internal(QString::fromUtf8(e.what())));
        }
    });
}

RedisConnection &ApiContext::redis() const
{
    thread_local std::map<const ApiContext *, std::unique_ptr<RedisConnection>> connections;
    auto &conn = connections[this];
    if (!conn)
        conn = std::make_unique<RedisConnection>(m_redisEndpoint, 1000);
    return *conn;
}

} // namespace taskmill
