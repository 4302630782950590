// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/Result.h"
#include "wire/StatsTypes.h"

#include <QSet>
#include <QSqlDatabase>

namespace taskmill {

// SQL of the monitor routes (read only). An executor counts as alive while it has not stopped and its
// heartbeat is younger than `aliveWithinMs` (the visibility timeout: older, its entries are reclaimed).
class MonitorRepository final
{
public:
    explicit MonitorRepository(QSqlDatabase db) : m_db(std::move(db)) {}

    // The PostgreSQL half of the dashboard: counts by status × priority, what finished, failed or went to
    // RETRY_WAITING in the last minute, and the live executors with their running tasks. Queues and
    // pending entries are left empty (QueueInspector reads them).
    Result<StatsSnapshot> dashboard(qint64 aliveWithinMs);
    // Tasks finished per `stepSeconds` bucket over the last `minutes`, every bucket present, aligned to
    // multiples of the step on PostgreSQL's clock.
    Result<ThroughputHistory> throughput(qint64 minutes, qint64 stepSeconds);
    // Consumer names of the live executors.
    Result<QSet<QString>> liveConsumers(qint64 aliveWithinMs);
    // Seed 000's notifications: the most recent completed tasks (by completion, operation Update) or not
    // completed tasks (by creation, operation Insert), at most `limit`.
    Result<QList<TaskNotification>> notifications(bool completed, int limit);

private:
    Result<Unit> countByStatus(StatsSnapshot &s);
    Result<Unit> countLastMinute(StatsSnapshot &s);
    Result<Unit> readWorkers(StatsSnapshot &s, qint64 aliveWithinMs);

    QSqlDatabase m_db;
};

} // namespace taskmill
