// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "store/ExecutionRepository.h"

#include "observability/Metrics.h"
#include "store/Database.h"
#include "store/PauseRepository.h"
#include "store/PgArray.h"
#include "store/TaskRow.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace taskmill {

namespace {
QList<QUuid> readIds(QSqlQuery &q)
{
    QList<QUuid> ids;
    while (q.next())
        ids.append(QUuid::fromString(q.value(0).toString()));
    return ids;
}

QString jsonValueText(const QJsonValue &v)
{
    if (v.isNull() || v.isUndefined())
        return {};
    const QByteArray wrapped = QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(wrapped.mid(1, wrapped.size() - 2));
}
} // namespace

Result<QList<Task>> ExecutionRepository::claim(const QList<QUuid> &ids, const QList<QByteArray> &entryIds, const QString &worker,
                                               const QStringList &types, bool reclaim, int leaseMs)
{
    if (reclaim) {
        // A reclaimed entry whose task already used its last attempt (the executor died during it,
        // perhaps because of the task): dead-letter it instead of running it again and again.
        QSqlQuery d(m_db);
        d.prepare(u"WITH d AS (UPDATE tasks SET status = 'FAILED', dead_lettered_at = now(), completed_at = now(), "
                  "updated_at = now(), error = 'attempt ' || attempts || ' of ' || max_attempts || "
                  "' was lost: its executor (' || coalesce(worker, '?') || ') stopped responding' "
                  "WHERE id = ANY(?::uuid[]) AND (status || '') = 'IN_PROGRESS' AND attempts >= max_attempts "
                  "RETURNING id, worker, attempts, error, type, priority), "
                  "h AS (INSERT INTO task_history (task_id, from_status, to_status, worker, attempt, message) "
                  "SELECT id, 'IN_PROGRESS', 'FAILED', worker, attempts, error || ' [dead-lettered]' FROM d) "
                  "SELECT type, priority FROM d"_s);
        d.addBindValue(pgUuidArray(ids));
        if (!d.exec())
            return dbError(d.lastError(), u"dead-letter lost attempts"_s);
        while (d.next())
            Metrics::countTask(Metrics::TaskEvent::DeadLettered, d.value(0).toString(), priorityFromDb(d.value(1).toInt()));
    }
    const QString claimable = reclaim ? u"('NEW','PENDING','IN_PROGRESS')"_s : u"('NEW','PENDING')"_s;
    // The row lock serialises with a concurrent cancel: whichever commits first wins, never both. Every task
    // row lock is FOR NO KEY UPDATE (what an UPDATE that keeps the key takes anyway): it excludes the other
    // writers but not the KEY SHARE locks of foreign-key checks (the search indexer's task_search rows),
    // which FOR UPDATE would wait for — and deadlock with, since those are taken in no particular order.
    // Join the id list (a primary-key probe per id) rather than `id = ANY(…) AND status IN (…)`, which
    // the planner may answer with a bitmap AND over the status index: a scan of the whole backlog.
    // The claim records the entry it came from: the PENDING mark may land after it (or never, if a crash
    // lost it), and the reconciler needs the entry of an IN_PROGRESS task to tell a dead executor's pending
    // entry (reclaimed in time) from a lost one.
    // The status test is written so no index can serve it (as in the PENDING mark): on a table of finished
    // tasks the statistics say NEW and PENDING rows are rare, and the planner then scanned the status index
    // for the whole backlog on every claim — 40 ms a claim, 13x slower draining beside a million finished
    // tasks (docs/benchmarks.md, "Cost as work grows").
    // A paused priority or type (task_pauses) is read in this very statement: whatever view of the pauses the
    // caller has, nothing paused starts once the pause has committed.
    const QString sql = (u"WITH o AS (SELECT t.id, t.status, x.entry FROM unnest(?::uuid[], ?::text[]) AS x(id, entry) "
              "JOIN tasks t ON t.id = x.id WHERE (t.status || '') IN "_s + claimable + u" AND t.type = ANY(?::text[]) "
              "AND NOT "_s + PauseRepository::heldByPause(u"t"_s) + u" "
              "ORDER BY t.id FOR NO KEY UPDATE OF t), "
              // statement_timestamp(): under a concurrency limit the transaction began before the count, and a
              // start stamped then could precede the end of the run whose slot this claim takes.
              "c AS (UPDATE tasks t SET status = 'IN_PROGRESS', attempts = t.attempts + 1, started_at = statement_timestamp(), "
              "updated_at = statement_timestamp(), worker = ?, error = NULL, stream_entry = o.entry, progress = NULL, progress_message = NULL, "
              // A lease (external worker) ends leaseMs from now unless heartbeats move it on; a built-in run has none.
              "lease_expires_at = CASE WHEN ?::int > 0 THEN now() + make_interval(secs => ?::int / 1000.0) END "
              "FROM o WHERE t.id = o.id RETURNING "_s
              + taskColumns(u"t"_s)
              + u", o.status AS old_status), "
                "h AS (INSERT INTO task_history (task_id, from_status, to_status, worker, attempt) "
                "SELECT id, old_status, 'IN_PROGRESS', worker, attempts FROM c) "
                "SELECT * FROM c"_s);
    QSqlError prepareError;
    QSqlQuery *q = preparedQuery(m_db, sql, &prepareError);
    if (!q)
        return dbError(prepareError, u"prepare claim"_s);
    QStringList entries;
    for (const QByteArray &e : entryIds)
        entries << QString::fromLatin1(e);
    q->addBindValue(pgUuidArray(ids));
    q->addBindValue(pgTextArray(entries));
    q->addBindValue(pgTextArray(types));
    q->addBindValue(worker);
    q->addBindValue(leaseMs);
    q->addBindValue(leaseMs);
    if (!q->exec())
        return dbError(q->lastError(), u"claim tasks"_s);
    QList<Task> out;
    while (q->next())
        out.append(taskFromRow(*q));
    q->finish();
    return out;
}

Result<QList<QUuid>> ExecutionRepository::waitingForOtherHandlers(const QList<QUuid> &ids, const QStringList &types)
{
    QSqlQuery q(m_db);
    q.prepare(u"SELECT id FROM tasks WHERE id = ANY(?::uuid[]) AND (status || '') IN ('NEW', 'PENDING', 'IN_PROGRESS') "
              "AND NOT (type = ANY(?::text[]))"_s);
    q.addBindValue(pgUuidArray(ids));
    q.addBindValue(pgTextArray(types));
    if (!q.exec())
        return dbError(q.lastError(), u"find tasks for other handlers"_s);
    QList<QUuid> out;
    while (q.next())
        out.append(QUuid::fromString(q.value(0).toString()));
    return out;
}

Result<QList<QUuid>> ExecutionRepository::finish(const QList<AttemptResult> &results)
{
    QList<QUuid> ids;
    QList<int> attempts;
    QStringList statuses, values, errors, runAts, dead;
    for (const AttemptResult &r : results) {
        ids << r.id;
        attempts << r.attempt;
        statuses << toString(r.status);
        values << jsonValueText(r.result);
        errors << (r.error.isEmpty() ? QString() : r.error);
        runAts << (r.runAt.isValid() ? r.runAt.toUTC().toString(Qt::ISODateWithMs) : QString());
        dead << (r.deadLetter ? u"t"_s : u"f"_s);
    }
    // A retry keeps completed_at NULL and sets run_at to when the scheduler should dispatch it again;
    // a final failure may send the task to the dead-letter queue.
    // `l` locks the rows in id order first, as the claim and the PENDING mark do: statements that lock
    // in one order cannot deadlock each other.
    const QString sql = (u"WITH r AS (SELECT * FROM unnest(?::uuid[], ?::int[], ?::text[], ?::text[], ?::text[], "
              "?::timestamptz[], ?::bool[]) AS r(id, attempt, status, result, error, run_at, dead)), "
              // `l` carries each result with its locked row, so the update joins only `l` (a primary-key probe
              // per row): joining `r` again would be planned as a nested loop over two CTEs believed to hold
              // one row each, quadratic in the batch.
              "l AS (SELECT r.* FROM r JOIN tasks t ON t.id = r.id ORDER BY t.id FOR NO KEY UPDATE OF t), "
              "u AS (UPDATE tasks t SET status = l.status, result = l.result::jsonb, error = l.error, "
              "completed_at = CASE WHEN l.status = 'RETRY_WAITING' THEN NULL ELSE now() END, "
              "run_at = CASE WHEN l.status = 'RETRY_WAITING' THEN l.run_at ELSE t.run_at END, "
              "dead_lettered_at = CASE WHEN l.dead THEN now() END, updated_at = now(), lease_expires_at = NULL FROM l "
              // No index may serve the status test (see the claim): the status index holds an IN_PROGRESS
              // entry for every task claimed since the last vacuum, and scanning them cost each record ~25 ms
              // beside a million finished tasks.
              "WHERE t.id = l.id AND t.attempts = l.attempt AND (t.status || '') = 'IN_PROGRESS' "
              "RETURNING t.id, t.status, t.worker, t.attempts, t.error, l.dead, t.type, t.priority), "
              "h AS (INSERT INTO task_history (task_id, from_status, to_status, worker, attempt, message) "
              "SELECT id, 'IN_PROGRESS', status, worker, attempts, "
              "CASE WHEN dead THEN coalesce(error, '') || ' [dead-lettered]' ELSE error END FROM u) "
              "SELECT id, status, dead, type, priority FROM u"_s);
    QSqlError prepareError;
    QSqlQuery *q = preparedQuery(m_db, sql, &prepareError);
    if (!q)
        return dbError(prepareError, u"prepare record"_s);
    q->addBindValue(pgUuidArray(ids));
    q->addBindValue(pgIntArray(attempts));
    q->addBindValue(pgTextArray(statuses));
    q->addBindValue(pgTextArray(values));
    q->addBindValue(pgTextArray(errors));
    q->addBindValue(pgTextArray(runAts));
    q->addBindValue(pgTextArray(dead));
    if (!q->exec())
        return dbError(q->lastError(), u"record results"_s);
    // Counted from what was recorded, not from what handlers reported: a fenced or late result is no outcome.
    QList<QUuid> recorded;
    while (q->next()) {
        recorded.append(QUuid::fromString(q->value(0).toString()));
        const QString status = q->value(1).toString(), type = q->value(3).toString();
        const Priority priority = priorityFromDb(q->value(4).toInt());
        using E = Metrics::TaskEvent;
        if (status == u"COMPLETED") {
            Metrics::countTask(E::Completed, type, priority);
        } else if (status == u"CANCELLED") {
            Metrics::countTask(E::Cancelled, type, priority);
        } else {
            Metrics::countTask(E::AttemptFailed, type, priority);
            if (status == u"RETRY_WAITING")
                Metrics::countTask(E::Retried, type, priority);
            else if (q->value(2).toBool())
                Metrics::countTask(E::DeadLettered, type, priority);
        }
    }
    q->finish();
    return recorded;
}

Result<QList<QUuid>> ExecutionRepository::handBack(const QList<QPair<QUuid, int>> &attempts, const QString &worker)
{
    QList<QUuid> ids;
    QList<int> numbers;
    for (const auto &[id, n] : attempts) {
        ids << id;
        numbers << n;
    }
    QSqlQuery q(m_db);
    q.prepare(u"WITH r AS (SELECT * FROM unnest(?::uuid[], ?::int[]) AS r(id, attempt)), "
              "u AS (UPDATE tasks t SET status = 'PENDING', updated_at = now(), dispatched_at = now() FROM r "
              "WHERE t.id = r.id AND t.attempts = r.attempt AND (t.status || '') = 'IN_PROGRESS' RETURNING t.id, t.attempts), "
              "h AS (INSERT INTO task_history (task_id, from_status, to_status, worker, attempt, message) "
              "SELECT id, 'IN_PROGRESS', 'PENDING', ?, attempts, 'handed back at shutdown' FROM u) "
              "SELECT id FROM u"_s);
    q.addBindValue(pgUuidArray(ids));
    q.addBindValue(pgIntArray(numbers));
    q.addBindValue(worker);
    if (!q.exec())
        return dbError(q.lastError(), u"hand back tasks"_s);
    return readIds(q);
}

Result<QList<QUuid>> ExecutionRepository::notRunning(const QList<QUuid> &ids)
{
    QSqlQuery q(m_db);
    q.prepare(u"SELECT id FROM tasks WHERE id = ANY(?::uuid[]) AND (status || '') <> 'IN_PROGRESS'"_s);
    q.addBindValue(pgUuidArray(ids));
    if (!q.exec())
        return dbError(q.lastError(), u"check running tasks"_s);
    return readIds(q);
}

Result<Unit> ExecutionRepository::heartbeat(const QString &consumer, const QString &host, qint64 pid, int threads,
                                            int running, bool stopped)
{
    QSqlQuery q(m_db);
    q.prepare(u"INSERT INTO workers (consumer, host, pid, threads, running, stopped_at) "
              "VALUES (?, ?, ?, ?, ?, CASE WHEN ? THEN now() END) "
              "ON CONFLICT (consumer) DO UPDATE SET host = excluded.host, pid = excluded.pid, threads = excluded.threads, "
              "running = excluded.running, heartbeat_at = now(), stopped_at = excluded.stopped_at, "
              "started_at = CASE WHEN workers.pid <> excluded.pid THEN now() ELSE workers.started_at END"_s);
    q.addBindValue(consumer);
    q.addBindValue(host);
    q.addBindValue(pid);
    q.addBindValue(threads);
    q.addBindValue(running);
    q.addBindValue(stopped);
    if (!q.exec())
        return dbError(q.lastError(), u"heartbeat"_s);
    return Unit{};
}

} // namespace taskmill
