// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "config/BackendConfig.h"
#include "queue/RedisConnection.h"
#include "store/DbParams.h"

#include <QSqlDatabase>
#include <QThread>

#include <atomic>
#include <memory>

namespace taskmill {

class SchedulingRepository;
class TaskDispatch;
class TaskStream;

// The scheduler role, on its own thread:
// - due POSTPONED tasks (run_at) and RETRY_WAITING tasks (backoff over) are dispatched; it sleeps until
//   the next one is due, at most scheduler.interval_ms;
// - every scheduler.reconcile_interval_ms the reconciler compares PostgreSQL with Redis: NEW tasks never
//   dispatched, PENDING tasks whose stream entry is gone (Redis restarted without its data), and
//   IN_PROGRESS tasks of executors that stopped heartbeating and whose entry is gone, are dispatched again;
// - every retention.interval_ms finished tasks past their retention period are removed (docs/operations.md).
// Safe to run on several hosts at once (SKIP LOCKED; a duplicate entry is refused by the claim).
class Scheduler final
{
public:
    Scheduler(const BackendConfig &config, DbParams db, RedisEndpoint redis);
    ~Scheduler();

    void start();
    void stop();

private:
    void run();
    // Returns how long to sleep before the next pass, or -1 when PostgreSQL failed.
    int dispatchDue(QSqlDatabase &db, SchedulingRepository &repo, TaskDispatch &dispatch);
    bool reconcile(QSqlDatabase &db, SchedulingRepository &repo, TaskDispatch &dispatch, TaskStream &stream);
    // False when PostgreSQL failed; *more when the pass ran out of time with expired tasks left.
    bool expireFinished(QSqlDatabase &db, bool *more);
    // Expired leases of external workers become failed attempts (retry policy, dead-letter queue).
    bool reapLeases(QSqlDatabase &db, class TaskStream &stream);
    // A lease is reclaimed within its lease_ms plus this (docs/workers.md promises lease_ms + 1 s).
    static constexpr int LeaseReapIntervalMs = 250;

    BackendConfig m_config;
    DbParams m_db;
    RedisEndpoint m_redis;
    std::atomic<bool> m_stopping{false};
    std::unique_ptr<QThread> m_thread;
};

} // namespace taskmill
