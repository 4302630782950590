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

// The scheduler role, on its own thread:
// - every scheduler.interval_ms: POSTPONED tasks whose run_at has come are dispatched;
// - every scheduler.reconcile_interval_ms: NEW tasks that were never dispatched (Redis was down at
//   commit time, or the api process died between commit and XADD) are dispatched again.
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

    BackendConfig m_config;
    DbParams m_db;
    RedisEndpoint m_redis;
    std::atomic<bool> m_stopping{false};
    std::unique_ptr<QThread> m_thread;
};

} // namespace taskmill
