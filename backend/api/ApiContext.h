// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "config/BackendConfig.h"
#include "queue/RedisConnection.h"
#include "store/Database.h"

#include <QFuture>
#include <QThreadPool>

#include <functional>

namespace taskmill {

class TaskWriter;
struct HttpReply;

// What route handlers share: configuration, the database (one connection per pool thread), Redis,
// the grouped writer, and the pool that keeps blocking SQL off the HTTP thread.
class ApiContext final
{
public:
    ApiContext(const BackendConfig &config, DbParams db, RedisEndpoint redis, TaskWriter &writer);
    ~ApiContext();

    const BackendConfig &config() const { return m_config; }
    const Database &database() const { return m_db; }
    TaskWriter &writer() const { return m_writer; }
    QByteArray streamPrefix() const { return m_config.streamPrefix.toUtf8(); }

    // Runs `work` on a database thread; the reply is written back on the HTTP thread.
    QFuture<HttpReply> run(std::function<HttpReply()> work) const;
    // This thread's Redis connection (pool threads are long-lived, so the connection is reused).
    RedisConnection &redis() const;

private:
    BackendConfig m_config;
    Database m_db;
    RedisEndpoint m_redisEndpoint;
    TaskWriter &m_writer;
    mutable QThreadPool m_pool;
};

} // namespace taskmill
