// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "queue/QueueInspector.h"
#include "wire/Result.h"
#include "wire/StatsTypes.h"

#include <QSqlDatabase>

namespace taskmill {

class RedisConnection;

// The monitor reads that need PostgreSQL and Redis together (store/MonitorRepository, queue/QueueInspector).
// An executor counts as alive while its heartbeat is younger than `visibilityTimeoutMs`.
class StatsReader final
{
public:
    StatsReader(QSqlDatabase db, RedisConnection &redis, QByteArray streamPrefix, qint64 visibilityTimeoutMs);

    // GET /api/v1/stats. Redis not answering is part of the answer (redisUp = false, queues and pending
    // empty), not an error; PostgreSQL not answering is.
    Result<StatsSnapshot> snapshot();
    // GET /api/v1/stats/pending, with each consumer's liveness. Redis not answering → Unavailable.
    Result<PendingReport> pending(const QueueInspector::PendingFilter &filter);

    // The dashboard lists at most this many pending entries per stream (the oldest), so a large backlog
    // of unacknowledged entries cannot make every dashboard refresh heavy; the depths stay exact.
    static constexpr qint64 DashboardPendingPerStream = 1000;

private:
    QSqlDatabase m_db;
    QueueInspector m_queues;
    qint64 m_visibilityTimeoutMs;
};

} // namespace taskmill
