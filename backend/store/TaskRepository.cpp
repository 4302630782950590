// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "store/TaskRepository.h"

#include "codec/TaskJson.h"
#include "store/Database.h"
#include "store/PgArray.h"
#include "store/TaskRow.h"
#include "store/Transaction.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace taskmill {

namespace {
QString jsonText(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

// ILIKE pattern for a plain substring: the user's % _ and \ match literally.
QString likePattern(const QString &text)
{
    QString p;
    for (QChar c : text) {
        if (c == u'%' || c == u'_' || c == u'\\')
            p += u'\\';
        p += c;
    }
    return u'%' + p + u'%';
}

// Builds the WHERE clause for a TaskFilter (see shared/api/TaskFilter.h for the rules it mirrors).
struct Where
{
    QStringList clauses;
    QVariantList binds;

    explicit Where(const TaskFilter &f)
    {
        if (!f.statuses.isEmpty()) {
            QStringList s;
            for (Status st : f.statuses)
                s << toString(st);
            clauses << QStringLiteral("status = ANY(?::text[])");
            binds << pgTextArray(s);
        }
        if (!f.priorities.isEmpty()) {
            QList<int> p;
            for (Priority pr : f.priorities)
                p << priorityToDb(pr);
            clauses << QStringLiteral("priority = ANY(?::smallint[])");
            binds << pgIntArray(p);
        }
        if (!f.types.isEmpty()) {
            clauses << QStringLiteral("type = ANY(?::text[])");
            binds << pgTextArray(f.types);
        }
        if (!f.text.isEmpty()) {
            clauses << QStringLiteral("(title ILIKE ? OR description ILIKE ?)");
            binds << likePattern(f.text) << likePattern(f.text);
        }
        if (f.createdFrom.isValid()) {
            clauses << QStringLiteral("created_at >= ?::timestamptz");
            binds << formatTimestamp(f.createdFrom);
        }
        if (f.createdTo.isValid()) {
            clauses << QStringLiteral("created_at < ?::timestamptz");
            binds << formatTimestamp(f.createdTo);
        }
    }
    QString sql() const { return clauses.isEmpty() ? QString() : u" WHERE "_s + clauses.join(u" AND "_s); }
};

void bindAll(QSqlQuery &q, const QVariantList &binds)
{
    for (const QVariant &v : binds)
        q.addBindValue(v);
}
} // namespace

Result<Unit> TaskRepository::insert(const QList<Task> &tasks)
{
    QStringList ids, types, titles, descs, payloads, statuses, createdAt, runAt, traceIds, spanIds, policies;
    QList<int> priorities, maxAttempts;
    for (const Task &t : tasks) {
        ids << t.id.toString(QUuid::WithoutBraces);
        types << t.type;
        titles << t.title;
        descs << t.description;
        payloads << jsonText(t.payload);
        statuses << toString(t.status);
        createdAt << formatTimestamp(t.createdAt);
        runAt << (t.runAt.isValid() ? formatTimestamp(t.runAt) : QString());
        traceIds << t.traceId;
        spanIds << t.spanId;
        policies << (t.retryPolicy ? QString::fromUtf8(QJsonDocument(t.retryPolicy->toJson()).toJson(QJsonDocument::Compact)) : QString());
        priorities << priorityToDb(t.priority);
        maxAttempts << t.maxAttempts;
    }
    // One statement for the rows and their history: 1,000 tasks cost one round trip.
    const QString sql = (QStringLiteral(
        "WITH n AS (INSERT INTO tasks (id, type, title, description, payload, priority, status, created_at, "
        "updated_at, run_at, max_attempts, trace_id, span_id, retry_policy) "
        "SELECT id, type, coalesce(title, ''), coalesce(description, ''), payload::jsonb, priority, status, created_at, created_at, run_at, "
        "max_attempts, trace_id, span_id, retry_policy::jsonb FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], "
        "?::smallint[], ?::text[], ?::timestamptz[], ?::timestamptz[], ?::int[], ?::text[], ?::text[], ?::text[]) "
        "AS x(id, type, title, description, payload, priority, status, created_at, run_at, max_attempts, "
        "trace_id, span_id, retry_policy) ON CONFLICT (id) DO NOTHING RETURNING id, status, created_at) "
        "INSERT INTO task_history (task_id, from_status, to_status, at) SELECT id, NULL, status, created_at FROM n"));
    QSqlError prepareError;
    QSqlQuery *q = preparedQuery(m_db, sql, &prepareError);
    if (!q)
        return dbError(prepareError, QStringLiteral("prepare insert"));
    bindAll(*q, {pgTextArray(ids), pgTextArray(types), pgTextArray(titles), pgTextArray(descs),
                pgTextArray(payloads), pgIntArray(priorities), pgTextArray(statuses), pgTextArray(createdAt),
                pgTextArray(runAt), pgIntArray(maxAttempts), pgTextArray(traceIds), pgTextArray(spanIds),
                pgTextArray(policies)});
    if (!q->exec())
        return dbError(q->lastError(), QStringLiteral("insert tasks"));
    q->finish();
    return Unit{};
}

Result<int> TaskRepository::markDispatched(const QList<QUuid> &ids, const QList<QByteArray> &entryIds)
{
    QStringList entries;
    for (const QByteArray &e : entryIds)
        entries << QString::fromLatin1(e);
    const QString sql = (QStringLiteral(
        "WITH x AS (SELECT * FROM unnest(?::uuid[], ?::text[]) AS x(id, entry)), "
        "o AS (SELECT t.id, t.status AS old FROM tasks t JOIN x ON x.id = t.id "
        // Rows are locked in id order, as the executor's claim locks them: two statements that lock in
        // the same order cannot deadlock. (SKIP LOCKED would lose marks to any momentary lock.)
        "WHERE t.status IN ('NEW', 'PENDING') ORDER BY t.id FOR UPDATE OF t), "
        "u AS (UPDATE tasks t SET status = 'PENDING', stream_entry = x.entry, dispatched_at = now(), updated_at = now() "
        "FROM x JOIN o ON o.id = x.id WHERE t.id = x.id RETURNING t.id, o.old) "
        "INSERT INTO task_history (task_id, from_status, to_status) SELECT id, 'NEW', 'PENDING' FROM u WHERE old = 'NEW'"));
    QSqlError prepareError;
    QSqlQuery *q = preparedQuery(m_db, sql, &prepareError);
    if (!q)
        return dbError(prepareError, QStringLiteral("prepare mark dispatched"));
    q->addBindValue(pgUuidArray(ids));
    q->addBindValue(pgTextArray(entries));
    if (!q->exec())
        return dbError(q->lastError(), QStringLiteral("mark dispatched"));
    const int n = q->numRowsAffected();
    q->finish();
    return n;
}

Result<TaskPage> TaskRepository::list(const TaskListQuery &query)
{
    const Where where(query.filter);
    TaskPage page;
    {
        QSqlQuery count(m_db);
        count.prepare(u"SELECT count(*) FROM tasks"_s + where.sql());
        bindAll(count, where.binds);
        if (!count.exec() || !count.next())
            return dbError(count.lastError(), QStringLiteral("count tasks"));
        page.total = count.value(0).toLongLong();
    }
    QStringList clauses = where.clauses;
    QVariantList binds = where.binds;
    if (!query.after.isNull()) {
        // Keyset: rows strictly after the cursor row in (created_at DESC, id DESC) order.
        clauses << QStringLiteral("(created_at, id) < (SELECT created_at, id FROM tasks WHERE id = ?::uuid)");
        binds << query.after.toString(QUuid::WithoutBraces);
    }
    QString sql = u"SELECT "_s + taskColumns() + u" FROM tasks"_s;
    if (!clauses.isEmpty())
        sql += u" WHERE "_s + clauses.join(u" AND "_s);
    sql += QStringLiteral(" ORDER BY created_at DESC, id DESC LIMIT %1 OFFSET %2").arg(query.limit).arg(query.skip);
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(sql);
    bindAll(q, binds);
    if (!q.exec())
        return dbError(q.lastError(), QStringLiteral("list tasks"));
    while (q.next())
        page.items.append(taskFromRow(q));
    if (page.items.size() == query.limit)
        page.nextAfter = page.items.last().id;
    return page;
}

Result<Task> TaskRepository::get(const QUuid &id)
{
    QSqlQuery q(m_db);
    q.prepare(u"SELECT "_s + taskColumns() + u" FROM tasks WHERE id = ?::uuid"_s);
    q.addBindValue(id.toString(QUuid::WithoutBraces));
    if (!q.exec())
        return dbError(q.lastError(), QStringLiteral("get task"));
    if (!q.next())
        return ApiError::notFound(QStringLiteral("no task with id %1").arg(id.toString(QUuid::WithoutBraces)));
    return taskFromRow(q);
}

Result<QList<TaskHistoryEntry>> TaskRepository::history(const QUuid &id)
{
    auto task = get(id);
    if (!task)
        return task.error();
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT id, from_status, to_status, at, worker, attempt, message FROM task_history "
                             "WHERE task_id = ?::uuid ORDER BY id"));
    q.addBindValue(id.toString(QUuid::WithoutBraces));
    if (!q.exec())
        return dbError(q.lastError(), QStringLiteral("task history"));
    QList<TaskHistoryEntry> out;
    while (q.next()) {
        TaskHistoryEntry h;
        h.id = q.value(0).toLongLong();
        h.taskId = id;
        if (!q.value(1).isNull())
            h.fromStatus = statusFromString(q.value(1).toString());
        h.toStatus = statusFromString(q.value(2).toString()).value_or(Status::New);
        h.at = q.value(3).toDateTime().toUTC();
        h.worker = q.value(4).toString();
        h.attempt = q.value(5).toInt();
        h.message = q.value(6).toString();
        out.append(h);
    }
    return out;
}

Result<Task> TaskRepository::finishByHand(const QUuid &id, Status to, const QString &who, bool *wasRunning)
{
    Transaction tx(m_db);
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT status, attempts FROM tasks WHERE id = ?::uuid FOR UPDATE"));
    q.addBindValue(id.toString(QUuid::WithoutBraces));
    if (!q.exec())
        return dbError(q.lastError(), QStringLiteral("lock task"));
    if (!q.next())
        return ApiError::notFound(QStringLiteral("no task with id %1").arg(id.toString(QUuid::WithoutBraces)));
    const Status from = statusFromString(q.value(0).toString()).value_or(Status::New);
    const int attempt = q.value(1).toInt();
    if (isTerminal(from))
        return ApiError::conflict(QStringLiteral("task %1 already finished as %2")
                                      .arg(id.toString(QUuid::WithoutBraces), toString(from)));
    if (wasRunning)
        *wasRunning = from == Status::InProgress;
    QSqlQuery u(m_db);
    u.prepare(QStringLiteral(
        "WITH u AS (UPDATE tasks SET status = ?, completed_at = now(), updated_at = now() WHERE id = ?::uuid "
        "RETURNING id) INSERT INTO task_history (task_id, from_status, to_status, attempt, worker, message) "
        "SELECT id, ?, ?, ?, NULL, ? FROM u"));
    u.addBindValue(toString(to));
    u.addBindValue(id.toString(QUuid::WithoutBraces));
    u.addBindValue(toString(from));
    u.addBindValue(toString(to));
    u.addBindValue(attempt);
    u.addBindValue(who);
    if (!u.exec())
        return dbError(u.lastError(), QStringLiteral("finish task"));
    if (!tx.commit())
        return dbError(m_db.lastError(), QStringLiteral("commit"));
    return get(id);
}

Result<QList<TaskRepository::Undispatched>> TaskRepository::undispatched(int olderThanMs, int limit)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
        "SELECT id, priority FROM tasks WHERE status = 'NEW' "
        // updated_at, not created_at: a delayed task or a retry becomes NEW long after it was created,
        // and must not look "never dispatched" the moment the scheduler promotes it.
        "AND coalesce(dispatched_at, updated_at) < now() - make_interval(secs => ?::double precision / 1000) "
        "ORDER BY created_at LIMIT ?"));
    q.addBindValue(olderThanMs);
    q.addBindValue(limit);
    if (!q.exec())
        return dbError(q.lastError(), QStringLiteral("find undispatched"));
    QList<Undispatched> out;
    while (q.next())
        out.append({QUuid::fromString(q.value(0).toString()), priorityFromDb(q.value(1).toInt())});
    return out;
}

Result<QList<TaskRepository::Undispatched>> TaskRepository::promoteDue(int limit)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
        "WITH due AS (SELECT id, status FROM tasks WHERE status IN ('POSTPONED', 'RETRY_WAITING') AND run_at <= now() "
        "ORDER BY run_at LIMIT ? FOR UPDATE SKIP LOCKED), "
        "u AS (UPDATE tasks t SET status = 'NEW', updated_at = now() FROM due WHERE t.id = due.id "
        "RETURNING t.id, t.priority, due.status AS old), "
        "h AS (INSERT INTO task_history (task_id, from_status, to_status, message) "
        "SELECT id, old, 'NEW', CASE WHEN old = 'POSTPONED' THEN 'run_at reached' ELSE 'retry due' END FROM u) "
        "SELECT id, priority FROM u"));
    q.addBindValue(limit);
    if (!q.exec())
        return dbError(q.lastError(), QStringLiteral("promote due tasks"));
    QList<Undispatched> out;
    while (q.next())
        out.append({QUuid::fromString(q.value(0).toString()), priorityFromDb(q.value(1).toInt())});
    return out;
}

Result<std::optional<qint64>> TaskRepository::msUntilNextDue()
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

Result<QList<TaskRepository::Active>> TaskRepository::staleActive(int olderThanMs, int deadAfterMs, int limit)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
        "(SELECT t.id, t.priority, t.status, coalesce(t.stream_entry, ''), t.attempts, coalesce(t.worker, '') FROM tasks t "
        " WHERE t.status = 'PENDING' AND t.updated_at < now() - make_interval(secs => ?::double precision / 1000) "
        " ORDER BY t.updated_at LIMIT ?) "
        "UNION ALL "
        "(SELECT t.id, t.priority, t.status, coalesce(t.stream_entry, ''), t.attempts, coalesce(t.worker, '') FROM tasks t "
        " LEFT JOIN workers w ON w.consumer = t.worker "
        " WHERE t.status = 'IN_PROGRESS' AND t.updated_at < now() - make_interval(secs => ?::double precision / 1000) "
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
                    q.value(4).toInt(), q.value(5).toString()});
    return out;
}

Result<QList<QUuid>> TaskRepository::releaseOrphans(const QList<Active> &orphans)
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
        "AND t.status = 'IN_PROGRESS' AND t.attempts >= t.max_attempts RETURNING t.id, t.attempts, x.worker, t.error) "
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
        "WHERE t.id = x.id AND t.attempts = x.attempt AND t.worker = x.worker AND t.status = 'IN_PROGRESS' "
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

Result<bool> TaskRepository::hasSynchronousStandby()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT current_setting('synchronous_standby_names') <> '' AND "
                               "EXISTS (SELECT 1 FROM pg_stat_replication WHERE sync_state IN ('sync', 'quorum'))"))
        || !q.next())
        return dbError(q.lastError(), QStringLiteral("check synchronous standby"));
    return q.value(0).toBool();
}

} // namespace taskmill
