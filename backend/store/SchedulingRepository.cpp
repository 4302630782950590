// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "store/SchedulingRepository.h"

#include "store/Database.h"
#include "store/PauseRepository.h"
#include "store/PgArray.h"
#include "store/TaskRow.h"

#include <QSqlError>
#include <QSqlQuery>

namespace taskmill {

Result<QList<TaskRef>> SchedulingRepository::undispatched(int olderThanMs, int limit)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
        "SELECT id, priority FROM tasks t WHERE status = 'NEW' "
        // updated_at, not created_at: a delayed task or a retry becomes NEW long after it was created,
        // and must not look "never dispatched" the moment the scheduler promotes it.
        "AND coalesce(dispatched_at, updated_at) < now() - make_interval(secs => ?::double precision / 1000) "
        // Paused work waits undispatched (store/PauseRepository); its resume dispatches it.
        "AND NOT ") + PauseRepository::heldByPause(QStringLiteral("t")) + QStringLiteral(" ORDER BY created_at LIMIT ?"));
    q.addBindValue(olderThanMs);
    q.addBindValue(limit);
    if (!q.exec())
        return dbError(q.lastError(), QStringLiteral("find undispatched"));
    QList<TaskRef> out;
    while (q.next())
        out.append({QUuid::fromString(q.value(0).toString()), priorityFromDb(q.value(1).toInt())});
    return out;
}

Result<QList<TaskRef>> SchedulingRepository::promoteDue(int limit)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
        "WITH due AS (SELECT id, status FROM tasks WHERE status IN ('POSTPONED', 'RETRY_WAITING') AND run_at <= now() "
        "ORDER BY run_at LIMIT ? FOR NO KEY UPDATE SKIP LOCKED), "
        "u AS (UPDATE tasks t SET status = 'NEW', updated_at = now() FROM due WHERE t.id = due.id "
        "RETURNING t.id, t.priority, due.status AS old), "
        "h AS (INSERT INTO task_history (task_id, from_status, to_status, message) "
        "SELECT id, old, 'NEW', CASE WHEN old = 'POSTPONED' THEN 'run_at reached' ELSE 'retry due' END FROM u) "
        "SELECT id, priority FROM u"));
    q.addBindValue(limit);
    if (!q.exec())
        return dbError(q.lastError(), QStringLiteral("promote due tasks"));
    QList<TaskRef> out;
    while (q.next())
        out.append({QUuid::fromString(q.value(0).toString()), priorityFromDb(q.value(1).toInt())});
    return out;
}

Result<std::optional<qint64>> SchedulingRepository::msUntilNextDue()
{
    QSqlQuery q(m_db);
    // NULL (not 0) when nothing is scheduled: greatest() would turn that into "due now" and spin the loop.
    if (!q.exec(QStringLiteral("SELECT (extract(epoch FROM min(run_at) - now()) * 1000)::bigint FROM tasks "
                               "WHERE status IN ('POSTPONED', 'RETRY_WAITING')")))
        return dbError(q.lastError(), QStringLiteral("next due time"));
    if (!q.next() || q.value(0).isNull())
        return std::optional<qint64>{};
    return std::optional<qint64>(std::max<qint64>(0, q.value(0).toLongLong()));
}

Result<QList<SchedulingRepository::Active>> SchedulingRepository::staleActive(int olderThanMs, int deadAfterMs, int limit)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
        // The type names the lane the entry may live in. Leased tasks are the lease reaper's (their worker is
        // no executor with a heartbeat row).
        // A paused task's entry was acknowledged when it was parked (store/PauseRepository): looking for it would
        // dispatch it again on every pass, to be parked again.
        "(SELECT t.id, t.priority, t.status, coalesce(t.stream_entry, ''), t.attempts, coalesce(t.worker, ''), t.type "
        " FROM tasks t WHERE t.status = 'PENDING' AND t.updated_at < now() - make_interval(secs => ?::double precision / 1000) "
        " AND NOT ") + PauseRepository::heldByPause(QStringLiteral("t")) + QStringLiteral(
        " ORDER BY t.updated_at LIMIT ?) "
        "UNION ALL "
        "(SELECT t.id, t.priority, t.status, coalesce(t.stream_entry, ''), t.attempts, coalesce(t.worker, ''), t.type FROM tasks t "
        " LEFT JOIN workers w ON w.consumer = t.worker "
        " WHERE t.status = 'IN_PROGRESS' AND t.lease_expires_at IS NULL "
        " AND t.updated_at < now() - make_interval(secs => ?::double precision / 1000) "
        " AND (w.consumer IS NULL OR w.stopped_at IS NOT NULL "
        "      OR w.heartbeat_at < now() - make_interval(secs => ?::double precision / 1000)) "
        " ORDER BY t.updated_at LIMIT ?)"));
    q.addBindValue(olderThanMs);
    q.addBindValue(limit);
    q.addBindValue(deadAfterMs);
    q.addBindValue(deadAfterMs);
    q.addBindValue(limit);
    if (!q.exec())
        return dbError(q.lastError(), QStringLiteral("find stale tasks"));
    QList<Active> out;
    while (q.next())
        out.append({QUuid::fromString(q.value(0).toString()), priorityFromDb(q.value(1).toInt()),
                    statusFromString(q.value(2).toString()).value_or(Status::Pending), q.value(3).toString().toLatin1(),
                    q.value(4).toInt(), q.value(5).toString(), q.value(6).toString()});
    return out;
}

Result<QList<QUuid>> SchedulingRepository::releaseOrphans(const QList<Active> &orphans)
{
    QList<QUuid> ids;
    QList<int> attempts;
    QStringList workers;
    for (const Active &a : orphans) {
        ids << a.id;
        attempts << a.attempt;
        workers << a.worker;
    }
    // An orphan that used its last attempt goes to the dead-letter queue, as a reclaimed entry would.
    QSqlQuery d(m_db);
    d.prepare(QStringLiteral(
        "WITH x AS (SELECT * FROM unnest(?::uuid[], ?::int[], ?::text[]) AS x(id, attempt, worker)), "
        "d AS (UPDATE tasks t SET status = 'FAILED', dead_lettered_at = now(), completed_at = now(), updated_at = now(), "
        "error = 'attempt ' || t.attempts || ' of ' || t.max_attempts || ' was lost: its executor (' || x.worker || "
        "') stopped responding' FROM x WHERE t.id = x.id AND t.attempts = x.attempt AND t.worker = x.worker "
        "AND (t.status || '') = 'IN_PROGRESS' AND t.attempts >= t.max_attempts RETURNING t.id, t.attempts, x.worker, t.error) "
        "INSERT INTO task_history (task_id, from_status, to_status, attempt, worker, message) "
        "SELECT id, 'IN_PROGRESS', 'FAILED', attempts, worker, error || ' [dead-lettered]' FROM d"));
    d.addBindValue(pgUuidArray(ids));
    d.addBindValue(pgIntArray(attempts));
    d.addBindValue(pgTextArray(workers));
    if (!d.exec())
        return dbError(d.lastError(), QStringLiteral("dead-letter orphaned tasks"));
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
        "WITH x AS (SELECT * FROM unnest(?::uuid[], ?::int[], ?::text[]) AS x(id, attempt, worker)), "
        "u AS (UPDATE tasks t SET status = 'PENDING', updated_at = now() FROM x "
        // (t.status || ''): a probe per id, never a scan of the status index (ExecutionRepository::claim).
        "WHERE t.id = x.id AND t.attempts = x.attempt AND t.worker = x.worker AND (t.status || '') = 'IN_PROGRESS' "
        "RETURNING t.id, t.attempts, x.worker) "
        "INSERT INTO task_history (task_id, from_status, to_status, attempt, worker, message) "
        "SELECT id, 'IN_PROGRESS', 'PENDING', attempts, worker, 'worker stopped responding; task released' FROM u "
        "RETURNING task_id"));
    q.addBindValue(pgUuidArray(ids));
    q.addBindValue(pgIntArray(attempts));
    q.addBindValue(pgTextArray(workers));
    if (!q.exec())
        return dbError(q.lastError(), QStringLiteral("release orphaned tasks"));
    QList<QUuid> out;
    while (q.next())
        out.append(QUuid::fromString(q.value(0).toString()));
    return out;
}

} // namespace taskmill
