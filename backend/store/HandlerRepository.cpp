// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "store/HandlerRepository.h"

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
// The columns every read selects, in the order specFromRow() reads them; then the three counts.
const QString Columns = u"h.name, h.description, h.kind, h.schema::text, h.default_priority, h.max_attempts, "
                        "h.retry_policy::text, h.timeout_ms, h.concurrency, h.enabled, h.version, h.created_at, h.updated_at"_s;
// Counts per type in one pass over the unfinished and dead-lettered tasks (tasks_type_idx, tasks_dlq_idx).
const QString CountsJoin =
    u" LEFT JOIN (SELECT type, count(*) FILTER (WHERE status IN ('NEW', 'PENDING', 'POSTPONED', 'RETRY_WAITING')) AS queued, "
    "count(*) FILTER (WHERE status = 'IN_PROGRESS') AS running, count(*) FILTER (WHERE status = 'FAILED') AS failed "
    "FROM tasks WHERE status IN ('NEW', 'PENDING', 'POSTPONED', 'RETRY_WAITING', 'IN_PROGRESS') "
    "OR dead_lettered_at IS NOT NULL GROUP BY type) c ON c.type = h.name"_s;
// The processes serving a handler now: live executors for a built-in one (every executor runs every built-in
// handler of its build), live workers that leased its type for an external one. Binds aliveWithinMs once.
const QString LiveServers =
    u"(SELECT count(*) FROM workers w WHERE w.stopped_at IS NULL "
    "AND w.heartbeat_at > now() - make_interval(secs => ?::double precision / 1000) "
    "AND CASE WHEN h.kind = 'builtin' THEN w.kind = 'executor' ELSE w.kind = 'external' AND h.name = ANY(w.types) END)"_s;
const QString UnfinishedStatuses = u"('NEW', 'PENDING', 'POSTPONED', 'RETRY_WAITING', 'IN_PROGRESS')"_s;

QString json(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QJsonObject objectOf(const QVariant &text)
{
    return QJsonDocument::fromJson(text.toString().toUtf8()).object();
}

HandlerSpec specFromRow(const QSqlQuery &q, bool withCounts)
{
    HandlerSpec h;
    h.name = q.value(0).toString();
    h.description = q.value(1).toString();
    h.kind = q.value(2).toString() == u"builtin" ? HandlerKind::Builtin : HandlerKind::External;
    h.schema = objectOf(q.value(3));
    h.defaultPriority = priorityFromDb(q.value(4).toInt());
    h.maxAttempts = q.value(5).toInt();
    if (!q.value(6).isNull())
        if (auto p = RetryPolicy::fromJson(objectOf(q.value(6))))
            h.retryPolicy = *p;
    h.timeoutMs = q.value(7).toInt();
    h.concurrency = q.value(8).toInt();
    h.enabled = q.value(9).toBool();
    h.version = q.value(10).toInt();
    h.createdAt = q.value(11).toDateTime().toUTC();
    h.updatedAt = q.value(12).toDateTime().toUTC();
    if (withCounts) {
        h.queued = q.value(13).toLongLong();
        h.running = q.value(14).toLongLong();
        h.failed = q.value(15).toLongLong();
        h.workers = q.value(16).toLongLong();
    }
    return h;
}

QString selectSql(bool withCounts)
{
    if (withCounts)
        return u"SELECT "_s + Columns + u", coalesce(c.queued, 0), coalesce(c.running, 0), coalesce(c.failed, 0), "_s
               + LiveServers + u" FROM handlers h"_s + CountsJoin;
    return u"SELECT "_s + Columns + u" FROM handlers h"_s;
}

// Binds the editable fields in the order of the INSERT and UPDATE statements below.
void bindFields(QSqlQuery &q, const HandlerSpec &h)
{
    q.addBindValue(h.description.isNull() ? u""_s : h.description); // a null QString binds as SQL NULL
    q.addBindValue(json(h.schema));
    q.addBindValue(priorityToDb(h.defaultPriority));
    q.addBindValue(h.maxAttempts);
    q.addBindValue(h.retryPolicy ? QVariant(json(h.retryPolicy->toJson())) : QVariant(QMetaType::fromType<QString>()));
    q.addBindValue(h.timeoutMs);
    q.addBindValue(h.concurrency);
    q.addBindValue(h.enabled);
}
} // namespace

Result<QList<HandlerSpec>> HandlerRepository::list(bool withCounts, qint64 aliveWithinMs)
{
    QSqlQuery q(m_db);
    q.prepare(selectSql(withCounts) + u" ORDER BY h.name"_s);
    if (withCounts)
        q.addBindValue(aliveWithinMs);
    if (!q.exec())
        return dbError(q.lastError(), u"list handlers"_s);
    QList<HandlerSpec> out;
    while (q.next())
        out.append(specFromRow(q, withCounts));
    return out;
}

Result<HandlerSpec> HandlerRepository::get(const QString &name, bool withCounts, qint64 aliveWithinMs)
{
    QSqlQuery q(m_db);
    q.prepare(selectSql(withCounts) + u" WHERE h.name = ?"_s);
    if (withCounts)
        q.addBindValue(aliveWithinMs);
    q.addBindValue(name);
    if (!q.exec())
        return dbError(q.lastError(), u"read handler"_s);
    if (!q.next())
        return ApiError::notFound(u"no handler named '%1'"_s.arg(name));
    return specFromRow(q, withCounts);
}

Result<HandlerSpec> HandlerRepository::insert(const HandlerSpec &h)
{
    QSqlQuery q(m_db);
    q.prepare(u"INSERT INTO handlers (name, kind, description, schema, default_priority, max_attempts, retry_policy, "
              "timeout_ms, concurrency, enabled) VALUES (?, ?, ?, ?::jsonb, ?, ?, ?::jsonb, ?, ?, ?) "
              "ON CONFLICT (name) DO NOTHING RETURNING name"_s);
    q.addBindValue(h.name);
    q.addBindValue(toString(h.kind));
    bindFields(q, h);
    if (!q.exec())
        return dbError(q.lastError(), u"insert handler"_s);
    if (!q.next())
        return ApiError::conflict(u"a handler named '%1' exists already (PUT /api/v1/handlers/%1 changes it)"_s.arg(h.name));
    return get(h.name, true);
}

Result<HandlerSpec> HandlerRepository::update(const HandlerSpec &h)
{
    QSqlQuery q(m_db);
    q.prepare(u"UPDATE handlers SET description = ?, schema = ?::jsonb, default_priority = ?, max_attempts = ?, "
              "retry_policy = ?::jsonb, timeout_ms = ?, concurrency = ?, enabled = ?, version = version + 1, "
              "updated_at = clock_timestamp() WHERE name = ? AND (?::int < 0 OR version = ?::int) RETURNING name"_s);
    bindFields(q, h);
    q.addBindValue(h.name);
    q.addBindValue(h.version);
    q.addBindValue(h.version);
    if (!q.exec())
        return dbError(q.lastError(), u"update handler"_s);
    if (!q.next()) {
        auto now = get(h.name, false);
        if (!now)
            return now.error();
        return ApiError::conflict(u"handler '%1' is at version %2, not %3: it changed since you read it; read it again "
                                  "and reapply your change"_s.arg(h.name).arg(now->version).arg(h.version));
    }
    return get(h.name, true);
}

Result<QList<QUuid>> HandlerRepository::remove(const QString &name, bool force, const QString &actor)
{
    Transaction tx(m_db);
    QSqlQuery lock(m_db);
    lock.prepare(u"SELECT kind FROM handlers WHERE name = ? FOR UPDATE"_s);
    lock.addBindValue(name);
    if (!lock.exec())
        return dbError(lock.lastError(), u"lock handler"_s);
    if (!lock.next())
        return ApiError::notFound(u"no handler named '%1'"_s.arg(name));
    if (lock.value(0).toString() == u"builtin")
        return ApiError::conflict(u"'%1' is built into taskmilld and cannot be deleted; disable it instead (PUT with "
                                  "\"enabled\": false)"_s.arg(name));
    QSqlQuery count(m_db);
    count.prepare(u"SELECT count(*) FROM tasks WHERE type = ? AND status IN "_s + UnfinishedStatuses);
    count.addBindValue(name);
    if (!count.exec() || !count.next())
        return dbError(count.lastError(), u"count unfinished tasks"_s);
    const qint64 unfinished = count.value(0).toLongLong();
    if (unfinished > 0 && !force)
        return ApiError::conflict(u"handler '%1' has %2 unfinished tasks; finish or cancel them first, or delete with "
                                  "?force=true to cancel them"_s.arg(name).arg(unfinished));
    QList<QUuid> cancelled;
    if (unfinished > 0) {
        QSqlQuery c(m_db);
        c.prepare(u"WITH u AS (UPDATE tasks t SET status = 'CANCELLED', error = 'handler deleted', completed_at = now(), "
                  "updated_at = now() FROM (SELECT id, status FROM tasks WHERE type = ? AND status IN "_s + UnfinishedStatuses
                  + u" ORDER BY id FOR NO KEY UPDATE) o WHERE t.id = o.id RETURNING t.id, o.status AS old, t.attempts), "
                    "h AS (INSERT INTO task_history (task_id, from_status, to_status, attempt, message) "
                    "SELECT id, old, 'CANCELLED', attempts, 'handler deleted' FROM u) SELECT id FROM u"_s);
        c.addBindValue(name);
        if (!c.exec())
            return dbError(c.lastError(), u"cancel the handler's tasks"_s);
        while (c.next())
            cancelled.append(QUuid::fromString(c.value(0).toString()));
    }
    QSqlQuery d(m_db);
    d.prepare(u"DELETE FROM handlers WHERE name = ?"_s);
    d.addBindValue(name);
    if (!d.exec())
        return dbError(d.lastError(), u"delete handler"_s);
    QStringList ids;
    for (const QUuid &id : cancelled)
        ids.append(id.toString(QUuid::WithoutBraces));
    QSqlQuery a(m_db);
    a.prepare(u"INSERT INTO audit_log (actor, action, task_ids, details) VALUES (?, 'handler.delete', ?::uuid[], ?::jsonb)"_s);
    a.addBindValue(actor);
    a.addBindValue(pgTextArray(ids));
    a.addBindValue(json(QJsonObject{{u"handler"_s, name}, {u"force"_s, force}, {u"cancelled"_s, qint64(cancelled.size())}}));
    if (!a.exec())
        return dbError(a.lastError(), u"write audit"_s);
    if (!tx.commit())
        return dbError(m_db.lastError(), u"commit"_s);
    return cancelled;
}

Result<Unit> HandlerRepository::seedBuiltins(const QList<HandlerSpec> &builtins)
{
    Transaction tx(m_db);
    for (const HandlerSpec &h : builtins) {
        QSqlQuery q(m_db);
        // IS DISTINCT FROM: an unchanged build leaves the row (and its version) alone.
        q.prepare(u"INSERT INTO handlers (name, kind, description, schema, default_priority, max_attempts, retry_policy, "
                  "timeout_ms, concurrency, enabled) VALUES (?, 'builtin', ?, ?::jsonb, ?, ?, ?::jsonb, ?, ?, ?) "
                  "ON CONFLICT (name) DO UPDATE SET description = excluded.description, schema = excluded.schema, "
                  "kind = 'builtin', version = handlers.version + 1, updated_at = clock_timestamp() "
                  "WHERE (handlers.description, handlers.schema, handlers.kind) IS DISTINCT FROM "
                  "(excluded.description, excluded.schema, 'builtin')"_s);
        q.addBindValue(h.name);
        bindFields(q, h);
        if (!q.exec())
            return dbError(q.lastError(), u"seed built-in handler %1"_s.arg(h.name));
    }
    if (!tx.commit())
        return dbError(m_db.lastError(), u"commit"_s);
    return Unit{};
}

Result<QHash<QUuid, QString>> HandlerRepository::typeLanes(const QList<QUuid> &taskIds)
{
    QHash<QUuid, QString> out;
    if (taskIds.isEmpty())
        return out;
    QSqlQuery q(m_db);
    q.prepare(u"SELECT t.id, t.type FROM tasks t JOIN handlers h ON h.name = t.type "
              "WHERE t.id = ANY(?::uuid[]) AND (h.kind = 'external' OR h.concurrency > 0)"_s);
    q.addBindValue(pgUuidArray(taskIds));
    if (!q.exec())
        return dbError(q.lastError(), u"find tasks with their own lanes"_s);
    while (q.next())
        out.insert(QUuid::fromString(q.value(0).toString()), q.value(1).toString());
    return out;
}

Result<QPair<qint64, qint64>> HandlerRepository::fingerprint()
{
    QSqlQuery q(m_db);
    if (!q.exec(u"SELECT count(*), coalesce((extract(epoch FROM max(updated_at)) * 1000)::bigint, 0) FROM handlers"_s) || !q.next())
        return dbError(q.lastError(), u"handler fingerprint"_s);
    return qMakePair(q.value(0).toLongLong(), q.value(1).toLongLong());
}

} // namespace taskmill
