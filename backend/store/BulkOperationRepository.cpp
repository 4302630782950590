// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "store/BulkOperationRepository.h"

#include "codec/TaskJson.h"
#include "store/Database.h"
#include "store/TaskFilterSql.h"
#include "store/Transaction.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

#include <limits>

using namespace Qt::StringLiterals;

namespace taskmill {

namespace {
const QString Columns = u"id, action, state, filter::text, expected, total, done, failed, failures::text, message, owner, "
                        "created_at, finished_at"_s;

// The filter an action applies with: its statuses intersected with those the action accepts. None left: the
// action applies to no task at all (an empty status set would mean "any" to TaskFilterSql).
std::optional<TaskFilter> actionFilter(BulkAction action, TaskFilter filter)
{
    const QSet<Status> accepted = bulkActionStatuses(action);
    filter.statuses = filter.statuses.isEmpty() ? accepted : filter.statuses.intersect(accepted);
    if (filter.statuses.isEmpty())
        return std::nullopt;
    return filter;
}

QString compact(const QJsonValue &v)
{
    return QString::fromUtf8(v.isArray() ? QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact)
                                         : QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
}

BulkOperation fromRow(const QSqlQuery &q)
{
    BulkOperation op;
    op.id = QUuid::fromString(q.value(0).toString());
    op.action = bulkActionFromString(q.value(1).toString()).value_or(BulkAction::Cancel);
    op.state = bulkStateFromString(q.value(2).toString()).value_or(BulkState::Failed);
    // Stored from a request this server accepted: it parses again (no length limits apply to what is stored).
    const QJsonObject filter = QJsonDocument::fromJson(q.value(3).toString().toUtf8()).object();
    if (auto f = taskFilterFromJson(filter, std::numeric_limits<int>::max(), std::numeric_limits<int>::max()))
        op.filter = *f;
    op.expected = q.value(4).toLongLong();
    op.total = q.value(5).toLongLong();
    op.done = q.value(6).toLongLong();
    op.failed = q.value(7).toLongLong();
    for (const QJsonValue &v : QJsonDocument::fromJson(q.value(8).toString().toUtf8()).array()) {
        const QJsonObject f = v.toObject();
        op.failures.append({QUuid::fromString(f.value(u"id"_s).toString()),
                            ApiError::fromJson(QJsonObject{{u"error"_s, f.value(u"error"_s)}}, 500)});
    }
    op.message = q.value(9).toString();
    op.createdBy = q.value(10).toString();
    op.createdAt = q.value(11).toDateTime().toUTC();
    if (!q.value(12).isNull())
        op.finishedAt = q.value(12).toDateTime().toUTC();
    return op;
}

// Ends the operations `where` selects: their final state and message, one audit row each with the final counts
// ("bulk.cancel" / "bulk.retry"), their snapshot dropped; all in one statement. Bound: state, message, then the
// where clause's values. Answers how many it ended.
const QString EndSql = u"WITH f AS (UPDATE bulk_operations SET state = ?, message = nullif(?, ''), finished_at = now() "
                       "WHERE state IN ('running', 'stopping') AND %1 RETURNING *), "
                       "a AS (INSERT INTO audit_log (actor, action, details) SELECT actor, 'bulk.' || action, "
                       "jsonb_build_object('operation', id, 'filter', filter, 'expected', expected, 'total', total, "
                       "'done', done, 'failed', failed, 'state', state, 'owner', owner) FROM f), "
                       "d AS (DELETE FROM bulk_operation_tasks b USING f WHERE b.operation_id = f.id) "
                       "SELECT count(*) FROM f"_s;
} // namespace

Result<qint64> BulkOperationRepository::count(BulkAction action, const TaskFilter &filter, qint64 cap)
{
    const auto applied = actionFilter(action, filter);
    if (!applied)
        return qint64(0);
    const TaskFilterSql where = TaskFilterSql::of(*applied);
    QSqlQuery q(m_db);
    q.prepare(u"SELECT count(*) FROM (SELECT 1 FROM tasks"_s + where.where() + u" LIMIT %1) c"_s.arg(cap + 1));
    bindAll(q, where.binds);
    if (!q.exec() || !q.next())
        return dbError(q.lastError(), u"count tasks for a bulk operation"_s);
    return q.value(0).toLongLong();
}

Result<BulkOperation> BulkOperationRepository::begin(const NewOperation &op, int maxRunning, int retryAfterS)
{
    const QString id = op.id.toString(QUuid::WithoutBraces);
    Transaction tx(m_db);
    QSqlQuery q(m_db);
    // One caller's starts one at a time, in every api process: the count below then stays true until commit.
    q.prepare(u"SELECT pg_advisory_xact_lock(hashtextextended('taskmill.bulk:' || ?, 0))"_s);
    q.addBindValue(op.owner);
    if (!q.exec())
        return dbError(q.lastError(), u"lock bulk operations"_s);
    q.prepare(u"SELECT count(*) FROM bulk_operations WHERE owner = ? AND state IN ('running', 'stopping')"_s);
    q.addBindValue(op.owner);
    if (!q.exec() || !q.next())
        return dbError(q.lastError(), u"count bulk operations"_s);
    if (q.value(0).toInt() >= maxRunning) {
        ApiError e{ErrorCode::TooManyRequests,
                   u"you run %1 bulk operations already, the most one caller may run at once: wait for one to end "
                   "(GET /api/v1/tasks/bulk/{id}) or stop one (DELETE)"_s.arg(maxRunning), {}, {}};
        e.retryAfterS = retryAfterS;
        return e;
    }
    q.prepare(u"INSERT INTO bulk_operations (id, action, state, filter, expected, owner, actor) "
              "VALUES (?::uuid, ?, 'running', ?::jsonb, ?, ?, ?)"_s);
    q.addBindValue(id);
    q.addBindValue(toString(op.action));
    q.addBindValue(compact(op.filterJson));
    q.addBindValue(op.expected);
    q.addBindValue(op.owner);
    q.addBindValue(op.actor);
    if (!q.exec())
        return dbError(q.lastError(), u"record bulk operation"_s);
    qint64 total = 0;
    if (const auto applied = actionFilter(op.action, op.filter)) {
        const TaskFilterSql where = TaskFilterSql::of(*applied);
        q.prepare(u"INSERT INTO bulk_operation_tasks (operation_id, task_id) SELECT ?::uuid, id FROM tasks"_s + where.where()
                  + u" LIMIT %1"_s.arg(BulkRequest::MaxTasks + 1));
        q.addBindValue(id);
        bindAll(q, where.binds);
        if (!q.exec())
            return dbError(q.lastError(), u"take the tasks of a bulk operation"_s);
        total = q.numRowsAffected();
    }
    if (total > BulkRequest::MaxTasks)
        return ApiError::validation(u"filter"_s, u"the filter matches more than %1 tasks, the most one bulk operation takes: "
                                                 "narrow it (for instance by created_from and created_to) and run several"_s
                                                     .arg(BulkRequest::MaxTasks));
    if (!BulkRequest::totalAccepted(op.expected, total))
        return bulkCountChanged(op.expected, total);
    q.prepare(u"UPDATE bulk_operations SET total = ? WHERE id = ?::uuid RETURNING "_s + Columns);
    q.addBindValue(total);
    q.addBindValue(id);
    if (!q.exec() || !q.next())
        return dbError(q.lastError(), u"record bulk operation"_s);
    BulkOperation out = fromRow(q);
    q.finish();
    if (!tx.commit())
        return dbError(m_db.lastError(), u"commit bulk operation"_s);
    return out;
}

Result<QList<BulkOperationRepository::Item>> BulkOperationRepository::nextBatch(const QUuid &id, const QUuid &after, int limit)
{
    QSqlQuery q(m_db);
    q.prepare(u"SELECT b.task_id, t.dead_lettered_at IS NOT NULL FROM bulk_operation_tasks b LEFT JOIN tasks t ON t.id = b.task_id "
              "WHERE b.operation_id = ?::uuid AND b.task_id > ?::uuid ORDER BY b.task_id LIMIT ?"_s);
    q.addBindValue(id.toString(QUuid::WithoutBraces));
    q.addBindValue(after.toString(QUuid::WithoutBraces)); // the nil UUID sorts first
    q.addBindValue(limit);
    if (!q.exec())
        return dbError(q.lastError(), u"read bulk operation tasks"_s);
    QList<Item> out;
    while (q.next())
        out.append({QUuid::fromString(q.value(0).toString()), q.value(1).toBool()});
    return out;
}

Result<BulkState> BulkOperationRepository::addProgress(const QUuid &id, qint64 done, qint64 failed,
                                                       const QList<BulkFailure> &failures)
{
    QJsonArray list;
    for (const BulkFailure &f : failures)
        list.append(QJsonObject{{u"id"_s, f.id.toString(QUuid::WithoutBraces)}, {u"error"_s, f.error.toJson().value(u"error"_s)}});
    Transaction tx(m_db);
    if (!tx.isActive())
        return dbError(m_db.lastError(), u"begin bulk progress"_s);
    QSqlQuery q(m_db);
    if (!q.exec(u"SET LOCAL synchronous_commit = on"_s))
        return dbError(q.lastError(), u"flush bulk progress"_s);
    q.prepare(u"UPDATE bulk_operations SET done = done + ?, failed = failed + ?, failures = failures || ?::jsonb, "
              "heartbeat_at = now() WHERE id = ?::uuid RETURNING state"_s);
    q.addBindValue(done);
    q.addBindValue(failed);
    q.addBindValue(compact(list));
    q.addBindValue(id.toString(QUuid::WithoutBraces));
    if (!q.exec())
        return dbError(q.lastError(), u"record bulk progress"_s);
    if (!q.next())
        return ApiError::notFound(u"no bulk operation %1"_s.arg(id.toString(QUuid::WithoutBraces)));
    const BulkState state = bulkStateFromString(q.value(0).toString()).value_or(BulkState::Failed);
    q.finish();
    if (!tx.commit())
        return dbError(m_db.lastError(), u"record bulk progress"_s);
    return state;
}

Result<Unit> BulkOperationRepository::setFlushEachCommit(bool on)
{
    QSqlQuery q(m_db);
    if (!q.exec(on ? u"SET synchronous_commit = on"_s : u"SET synchronous_commit = off"_s))
        return dbError(q.lastError(), u"set synchronous_commit"_s);
    return Unit{};
}

Result<bool> BulkOperationRepository::finish(const QUuid &id, BulkState state, const QString &message)
{
    QSqlQuery q(m_db);
    q.prepare(EndSql.arg(u"id = ?::uuid"_s));
    q.addBindValue(toString(state));
    q.addBindValue(message);
    q.addBindValue(id.toString(QUuid::WithoutBraces));
    if (!q.exec() || !q.next())
        return dbError(q.lastError(), u"end bulk operation"_s);
    return q.value(0).toInt() > 0;
}

Result<BulkOperation> BulkOperationRepository::requestStop(const QUuid &id, const QString &owner)
{
    QSqlQuery q(m_db);
    q.prepare(u"UPDATE bulk_operations SET state = 'stopping' WHERE id = ?::uuid AND state = 'running' AND (coalesce(?, '') = '' OR owner = ?)"_s);
    q.addBindValue(id.toString(QUuid::WithoutBraces));
    q.addBindValue(owner);
    q.addBindValue(owner);
    if (!q.exec())
        return dbError(q.lastError(), u"stop bulk operation"_s);
    return get(id, owner);
}

Result<BulkOperation> BulkOperationRepository::get(const QUuid &id, const QString &owner)
{
    QSqlQuery q(m_db);
    q.prepare(u"SELECT "_s + Columns + u" FROM bulk_operations WHERE id = ?::uuid AND (coalesce(?, '') = '' OR owner = ?)"_s);
    q.addBindValue(id.toString(QUuid::WithoutBraces));
    q.addBindValue(owner);
    q.addBindValue(owner);
    if (!q.exec())
        return dbError(q.lastError(), u"read bulk operation"_s);
    // Someone else's operation is "not found" for a `user`, as its tasks are.
    if (!q.next())
        return ApiError::notFound(u"no bulk operation %1"_s.arg(id.toString(QUuid::WithoutBraces)));
    return fromRow(q);
}

Result<int> BulkOperationRepository::interruptStale(int staleS)
{
    QSqlQuery q(m_db);
    q.prepare(EndSql.arg(u"heartbeat_at < now() - make_interval(secs => ?)"_s));
    q.addBindValue(toString(BulkState::Interrupted));
    q.addBindValue(u"its api process ended or stopped reporting progress for %1 s"_s.arg(staleS));
    q.addBindValue(staleS);
    if (!q.exec() || !q.next())
        return dbError(q.lastError(), u"interrupt stale bulk operations"_s);
    return q.value(0).toInt();
}

} // namespace taskmill
