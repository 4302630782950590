// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "store/MonitorRepository.h"

#include "observability/Logging.h"
#include "store/Database.h"
#include "store/TaskFilterSql.h"
#include "store/TaskRow.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>

#include <atomic>

using namespace Qt::StringLiterals;

namespace taskmill {

namespace {
// The monitor page polls every few seconds: a status with more tasks than this shows the planner's estimate
// (three counts of 20,000 rows took ~200 ms of a poll on a million tasks).
constexpr qint64 StatsExactMaxRows = 5'000;

// Statistics that lag behind a burst (a planner estimate below the rows just counted) are refreshed with
// ANALYZE tasks — a sample of ~30,000 rows, ~0.1–0.3 s on a million — at most once a minute per process, so
// the page shows the burst's size instead of its capped count of 5,001 until autovacuum gets to it.
constexpr qint64 AnalyzeGapMs = 60'000;
std::atomic<qint64> lastAnalyzeMs{0};

bool analyzeDue()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    qint64 last = lastAnalyzeMs.load();
    return now - last >= AnalyzeGapMs && lastAnalyzeMs.compare_exchange_strong(last, now);
}

// Rows of `workers w` that count as alive; binds one value, aliveWithinMs.
const QString LiveWorker = u"w.stopped_at IS NULL AND w.heartbeat_at > now() - make_interval(secs => ? / 1000.0)"_s;

RunningTask runningTask(const QJsonObject &t)
{
    const QJsonValue started = t.value(u"started_ms"_s);
    return {QUuid::fromString(t.value(u"id"_s).toString()), t.value(u"type"_s).toString(), t.value(u"title"_s).toString(),
            started.isDouble() ? QDateTime::fromMSecsSinceEpoch(started.toInteger(), Qt::UTC) : QDateTime()};
}

} // namespace

Result<StatsSnapshot> MonitorRepository::dashboard(qint64 aliveWithinMs)
{
    StatsSnapshot s;
    if (auto r = countByStatus(s); !r)
        return r.error();
    if (auto r = countLastMinute(s); !r)
        return r.error();
    if (auto r = readWorkers(s, aliveWithinMs); !r)
        return r.error();
    return s;
}

Result<Unit> MonitorRepository::countByStatus(StatsSnapshot &s)
{
    // Per status through tasks_status_created_idx, each count stopping after StatsExactMaxRows + 1 rows:
    // the small, live statuses are exact, and a status past the cap (COMPLETED in a big table) takes the
    // planner's estimate per priority instead of a scan of the whole table on every poll of the page.
    for (Status status : allStatuses()) {
        QSqlQuery q(m_db);
        q.setForwardOnly(true);
        q.prepare(u"SELECT priority, count(*) FROM (SELECT priority FROM tasks WHERE status = ? LIMIT ?) c GROUP BY 1"_s);
        q.addBindValue(toString(status));
        q.addBindValue(StatsExactMaxRows + 1);
        if (!q.exec())
            return dbError(q.lastError(), u"count tasks"_s);
        qint64 total = 0;
        QHash<Priority, qint64> seen;
        while (q.next()) {
            const Priority p = priorityFromDb(q.value(0).toInt());
            s.setCount(status, p, q.value(1).toLongLong());
            seen.insert(p, q.value(1).toLongLong());
            total += q.value(1).toLongLong();
        }
        if (total <= StatsExactMaxRows)
            continue;
        s.estimated.insert(status);
        for (int pass = 0; pass < 2; ++pass) {
            bool lagging = false;
            for (Priority p : allPriorities()) {
                TaskFilter f;
                f.statuses = {status};
                f.priorities = {p};
                auto estimate = estimatedTaskRows(m_db, TaskFilterSql::of(f));
                if (!estimate)
                    return estimate.error();
                // Never below the rows just counted: statistics lag behind a burst of new tasks (a planner
                // estimate of 1 for 100,000 postponed tasks added a moment ago).
                lagging = lagging || *estimate < seen.value(p);
                s.setCount(status, p, qMax(*estimate, seen.value(p)));
            }
            if (pass > 0 || !lagging || !analyzeDue())
                break;
            QSqlQuery analyze(m_db);
            if (!analyze.exec(u"ANALYZE tasks"_s)) {
                qCWarning(lcStore).noquote() << "refreshing the task statistics failed:" << analyze.lastError().text();
                break; // the floor above stands
            }
        }
    }
    return Unit{};
}

Result<Unit> MonitorRepository::countLastMinute(StatsSnapshot &s)
{
    // Finished tasks by completed_at (tasks_completed_idx), retries among the few RETRY_WAITING rows: both
    // read only the last minute's rows, not the table.
    QSqlQuery q(m_db);
    if (!q.prepare(u"SELECT (SELECT count(*) FROM tasks WHERE completed_at > now() - interval '1 minute' AND status = 'COMPLETED'), "
                   "(SELECT count(*) FROM tasks WHERE completed_at > now() - interval '1 minute' AND status = 'FAILED'), "
                   "(SELECT count(*) FROM tasks WHERE status = 'RETRY_WAITING' AND updated_at > now() - interval '1 minute')"_s)
        || !q.exec() || !q.next())
        return dbError(q.lastError(), u"throughput"_s);
    s.completedLastMinute = q.value(0).toLongLong();
    s.failedLastMinute = q.value(1).toLongLong();
    s.retriedLastMinute = q.value(2).toLongLong();
    return Unit{};
}

Result<Unit> MonitorRepository::readWorkers(StatsSnapshot &s, qint64 aliveWithinMs)
{
    // Running tasks come aggregated per worker as JSON, so one statement answers for every executor.
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(u"SELECT w.consumer, w.host, w.pid, w.threads, w.started_at, w.heartbeat_at, w.kind, "
              "array_to_string(w.types, ','), "
              "coalesce((SELECT json_agg(json_build_object('id', t.id, 'type', t.type, 'title', t.title, "
              "'started_ms', (extract(epoch FROM t.started_at) * 1000)::bigint) ORDER BY t.started_at) "
              "FROM tasks t WHERE t.worker = w.consumer AND t.status = 'IN_PROGRESS'), '[]')::text "
              "FROM workers w WHERE "_s
              + LiveWorker + u" ORDER BY w.consumer"_s);
    q.addBindValue(aliveWithinMs);
    if (!q.exec())
        return dbError(q.lastError(), u"workers"_s);
    while (q.next()) {
        WorkerInfo w{q.value(0).toString(), q.value(1).toString(), q.value(2).toInt(), q.value(3).toInt(),
                     q.value(4).toDateTime(), q.value(5).toDateTime(), {}, q.value(6).toString(),
                     q.value(7).toString().split(u',', Qt::SkipEmptyParts)};
        for (const QJsonValue &v : QJsonDocument::fromJson(q.value(8).toString().toUtf8()).array())
            w.running.append(runningTask(v.toObject()));
        s.workers.append(std::move(w));
    }
    return Unit{};
}

// Bucket b covers [b·step, (b+1)·step) seconds since the epoch, on PostgreSQL's clock (completed_at is
// set by now() there), so the buckets of two answers line up.
Result<ThroughputHistory> MonitorRepository::throughput(qint64 minutes, qint64 step)
{
    QSqlQuery q(m_db);
    if (!q.prepare(u"SELECT floor(extract(epoch FROM now()))::bigint"_s) || !q.exec() || !q.next())
        return dbError(q.lastError(), u"clock"_s);
    const qint64 last = q.value(0).toLongLong() / step;
    const qint64 first = last - ThroughputHistory::bucketCount(minutes, step) + 1;
    ThroughputHistory h;
    h.stepSeconds = int(step);
    h.from = QDateTime::fromSecsSinceEpoch(first * step, Qt::UTC);
    h.to = QDateTime::fromSecsSinceEpoch((last + 1) * step, Qt::UTC);
    for (qint64 b = first; b <= last; ++b)
        h.buckets.append({QDateTime::fromSecsSinceEpoch(b * step, Qt::UTC)});
    q.prepare(u"SELECT floor(extract(epoch FROM completed_at) / ?)::bigint AS bucket, "
              "count(*) FILTER (WHERE status = 'COMPLETED'), count(*) FILTER (WHERE status = 'FAILED'), "
              "count(*) FILTER (WHERE status = 'CANCELLED') FROM tasks "
              "WHERE completed_at >= to_timestamp(?::bigint) AND completed_at < to_timestamp(?::bigint) GROUP BY bucket"_s);
    q.addBindValue(step);
    q.addBindValue(first * step);
    q.addBindValue((last + 1) * step);
    if (!q.exec())
        return dbError(q.lastError(), u"throughput history"_s);
    while (q.next()) {
        const qint64 i = q.value(0).toLongLong() - first;
        if (i < 0 || i >= h.buckets.size())
            continue;
        ThroughputBucket &b = h.buckets[i];
        b.completed = q.value(1).toLongLong();
        b.failed = q.value(2).toLongLong();
        b.cancelled = q.value(3).toLongLong();
    }
    return h;
}

Result<QSet<QString>> MonitorRepository::liveConsumers(qint64 aliveWithinMs)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(u"SELECT w.consumer FROM workers w WHERE "_s + LiveWorker);
    q.addBindValue(aliveWithinMs);
    if (!q.exec())
        return dbError(q.lastError(), u"workers"_s);
    QSet<QString> names;
    while (q.next())
        names.insert(q.value(0).toString());
    return names;
}

Result<QList<TaskNotification>> MonitorRepository::notifications(bool completed, int limit)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(completed ? u"SELECT id, description, created_at, completed_at, trace_id, span_id FROM tasks "
                          "WHERE status = 'COMPLETED' ORDER BY completed_at DESC LIMIT ?"_s
                        : u"SELECT id, description, created_at, completed_at, trace_id, span_id FROM tasks "
                          "WHERE status <> 'COMPLETED' ORDER BY created_at DESC LIMIT ?"_s);
    q.addBindValue(limit);
    if (!q.exec())
        return dbError(q.lastError(), u"notifications"_s);
    const auto operation = completed ? TaskNotification::Operation::Update : TaskNotification::Operation::Insert;
    QList<TaskNotification> rows;
    while (q.next())
        rows.append({operation, QUuid::fromString(q.value(0).toString()), q.value(1).toString(), q.value(2).toDateTime(),
                     q.value(3).isNull() ? QDateTime() : q.value(3).toDateTime(), q.value(4).toString(),
                     q.value(5).toString()});
    return rows;
}

} // namespace taskmill
