// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "service/StatsReader.h"

#include "store/MonitorRepository.h"

using namespace Qt::StringLiterals;

namespace taskmill {

StatsReader::StatsReader(QSqlDatabase db, RedisConnection &redis, QByteArray streamPrefix, qint64 visibilityTimeoutMs)
    : m_db(std::move(db)), m_queues(redis, std::move(streamPrefix)), m_visibilityTimeoutMs(visibilityTimeoutMs)
{
}

Result<StatsSnapshot> StatsReader::snapshot()
{
    auto s = MonitorRepository(m_db).dashboard(m_visibilityTimeoutMs);
    if (!s)
        return s;
    s->visibilityTimeoutMs = m_visibilityTimeoutMs;
    auto depths = m_queues.depths();
    if (!depths) {
        s->redisUp = false;
        return s;
    }
    QueueInspector::PendingFilter oldest;
    oldest.limit = DashboardPendingPerStream;
    auto pending = m_queues.pendingEntries(oldest);
    if (!pending) {
        s->redisUp = false;
        return s;
    }
    s->queues = *depths;
    s->pending = *pending;
    return s;
}

Result<PendingReport> StatsReader::pending(const QueueInspector::PendingFilter &filter)
{
    auto report = m_queues.pendingReport(filter);
    if (!report)
        return ApiError::unavailable(u"Redis: %1"_s.arg(report.error().message));
    report->visibilityTimeoutMs = m_visibilityTimeoutMs;
    if (report->consumers.isEmpty())
        return *report;
    const auto live = MonitorRepository(m_db).liveConsumers(m_visibilityTimeoutMs);
    if (!live)
        return live.error();
    for (ConsumerPending &c : report->consumers)
        c.alive = live->contains(c.consumer);
    return *report;
}

} // namespace taskmill
