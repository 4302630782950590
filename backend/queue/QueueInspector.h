// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "queue/TaskStream.h"
#include "wire/StatsTypes.h"

#include <array>

namespace taskmill {

// Read-only look at the priority streams and their consumer group, the one place queue numbers are
// computed: the dashboard (/api/v1/stats), /metrics and the pending report all read them here, so they
// agree. A missing group (no executor started yet) means nothing is pending.
class QueueInspector final
{
public:
    using Depths = std::array<QueueDepth, StatsSnapshot::PriorityCount>; // [priority]

    QueueInspector(RedisConnection &connection, QByteArray prefix);

    // Per priority, in one pipeline: the stream's length, `pending` from the XPENDING summary (exact),
    // `waiting` = length − pending. Acknowledged entries are deleted, so the length is the backlog.
    RedisResult<Depths> depths();

    // Which pending entries to list: the oldest `limit` of each stream, idle at least `minIdleMs`,
    // of one consumer when `consumer` is not empty.
    struct PendingFilter
    {
        qint64 limit = PendingReport::DefaultLimit;
        qint64 minIdleMs = 0;
        QString consumer;
    };
    // Pending entries matching `filter` (XPENDING extended form), stream by stream in priority order,
    // without task ids.
    RedisResult<QList<PendingEntry>> pendingEntries(const PendingFilter &filter);
    // The pending report as far as Redis knows it (`alive` and the visibility timeout are PostgreSQL's):
    // exact counts per consumer (XPENDING summary, ignoring the filter), and the `filter.limit` longest
    // idle matching entries over every stream, longest first, with their task ids (XRANGE).
    RedisResult<PendingReport> pendingReport(const PendingFilter &filter);

private:
    QList<QByteArray> pendingCommand(Priority p, const PendingFilter &filter) const;

    RedisConnection &m_conn;
    TaskStream m_stream;
};

} // namespace taskmill
