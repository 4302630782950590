// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "config/BackendConfig.h"
#include "queue/RedisConnection.h"
#include "store/DbParams.h"

#include <QThread>

#include <atomic>
#include <memory>

namespace taskmill {

// The notifier role's publisher: turns committed task_history rows (the outbox) into numbered events on
// the Redis events stream. Any number of notifier processes may run; a PostgreSQL advisory lock makes
// one of them the publisher at a time, and the others take over within a second if it dies.
// Revisions: assigned here, one per row, in (xid, id) order over rows whose transaction finished before
// every transaction still running — so a row can never commit "behind" an event already published.
class Notifier final
{
public:
    Notifier(const BackendConfig &config, DbParams db, RedisEndpoint redis);
    ~Notifier();

    void start();
    void stop();

private:
    void run();

    BackendConfig m_config;
    DbParams m_db;
    RedisEndpoint m_redis;
    std::atomic<bool> m_stopping{false};
    std::unique_ptr<QThread> m_thread;
};

} // namespace taskmill
