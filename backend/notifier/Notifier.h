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

    // Events published per pass at most (one Redis pipeline, one cursor save).
    static constexpr int BatchMax = 2000;
    // A process that is not the leader asks for the leadership this often: the longest events pause
    // after a leader dies.
    static constexpr int FollowerPollMs = 1000;
    // After PostgreSQL or Redis failed, before the next try.
    static constexpr int RetryPauseMs = 500;
    static constexpr int RedisTimeoutMs = 2000;

private:
    void run();

    BackendConfig m_config;
    DbParams m_db;
    RedisEndpoint m_redis;
    std::atomic<bool> m_stopping{false};
    std::unique_ptr<QThread> m_thread;
};

} // namespace taskmill
