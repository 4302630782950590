// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "store/PauseRepository.h"

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
const QString PauseColumns = u"scope, name, paused_by, paused_at"_s;

Pause pauseFromRow(const QSqlQuery &q)
{
    return Pause{pauseScopeFromString(q.value(0).toString()).value_or(PauseScope::Type), q.value(1).toString(),
                 q.value(2).toString(), q.value(3).toDateTime().toUTC()};
}

Result<Unit> writeAudit(QSqlDatabase &db, const QString &actor, const QString &action, PauseScope scope, const QString &name)
{
    QSqlQuery q(db);
    q.prepare(u"INSERT INTO audit_log (actor, action, details) VALUES (?, ?, ?::jsonb)"_s);
    q.addBindValue(actor);
    q.addBindValue(action);
    q.addBindValue(QString::fromUtf8(
        QJsonDocument(QJsonObject{{u"scope"_s, toString(scope)}, {u"name"_s, name}}).toJson(QJsonDocument::Compact)));
    if (!q.exec())
        return dbError(q.lastError(), u"write audit"_s);
    return Unit{};
}
} // namespace

QString PauseRepository::heldByPause(const QString &alias)
{
    // tasks.priority is 0 LOW, 1 MEDIUM, 2 HIGH (migration 0001); pauses name priorities as the API does.
    return u"EXISTS (SELECT 1 FROM task_pauses p WHERE (p.scope = 'type' AND p.name = %1.type) OR (p.scope = 'priority' "
           "AND p.name = CASE %1.priority WHEN 2 THEN 'HIGH' WHEN 1 THEN 'MEDIUM' ELSE 'LOW' END))"_s.arg(alias);
}

Result<PauseSet> PauseRepository::list()
{
    QSqlQuery q(m_db);
    if (!q.exec(u"SELECT "_s + PauseColumns + u" FROM task_pauses ORDER BY scope, name"_s))
        return dbError(q.lastError(), u"list pauses"_s);
    PauseSet out;
    while (q.next())
        out.items.append(pauseFromRow(q));
    return out;
}

Result<PauseRepository::Outcome> PauseRepository::pause(PauseScope scope, const QString &name, const QString &pausedBy,
                                                        const QString &auditActor)
{
    Transaction tx(m_db);
    QSqlQuery q(m_db);
    q.prepare(u"INSERT INTO task_pauses (scope, name, paused_by) VALUES (?, ?, ?) ON CONFLICT DO NOTHING RETURNING "_s
              + PauseColumns);
    q.addBindValue(toString(scope));
    q.addBindValue(name);
    q.addBindValue(pausedBy);
    if (!q.exec())
        return dbError(q.lastError(), u"pause"_s);
    Outcome out;
    if (q.next()) {
        out.pause = pauseFromRow(q);
        out.changed = true;
        if (auto a = writeAudit(m_db, auditActor, u"pause"_s, scope, name); !a)
            return a.error();
    } else {
        // Paused already (perhaps by a concurrent request a moment ago): the pause in force is the answer.
        QSqlQuery existing(m_db);
        existing.prepare(u"SELECT "_s + PauseColumns + u" FROM task_pauses WHERE scope = ? AND name = ?"_s);
        existing.addBindValue(toString(scope));
        existing.addBindValue(name);
        if (!existing.exec())
            return dbError(existing.lastError(), u"read pause"_s);
        if (!existing.next())
            return ApiError::conflict(u"the pause of %1 '%2' was lifted while it was being set: try again"_s.arg(toString(scope), name));
        out.pause = pauseFromRow(existing);
    }
    if (!tx.commit())
        return dbError(m_db.lastError(), u"commit pause"_s);
    return out;
}

Result<bool> PauseRepository::resume(PauseScope scope, const QString &name, const QString &auditActor)
{
    Transaction tx(m_db);
    QSqlQuery q(m_db);
    q.prepare(u"DELETE FROM task_pauses WHERE scope = ? AND name = ?"_s);
    q.addBindValue(toString(scope));
    q.addBindValue(name);
    if (!q.exec())
        return dbError(q.lastError(), u"resume"_s);
    if (q.numRowsAffected() == 0)
        return false;
    if (auto a = writeAudit(m_db, auditActor, u"resume"_s, scope, name); !a)
        return a.error();
    if (!tx.commit())
        return dbError(m_db.lastError(), u"commit resume"_s);
    return true;
}

Result<QList<QUuid>> PauseRepository::park(const QList<QUuid> &ids, bool reclaimed)
{
    if (ids.isEmpty())
        return QList<QUuid>{};
    // Rows are locked in id order, as the claim and the PENDING mark lock them. (status || ''): a probe per id,
    // never a scan of the status index (ExecutionRepository::claim). A leased task is its worker's, never ours.
    const QString held = reclaimed ? u"('NEW','PENDING','IN_PROGRESS')"_s : u"('NEW','PENDING')"_s;
    QSqlQuery q(m_db);
    q.prepare(u"WITH p AS (SELECT t.id, t.status FROM tasks t WHERE t.id = ANY(?::uuid[]) AND (t.status || '') IN "_s + held
              + u" AND t.lease_expires_at IS NULL AND "_s + heldByPause(u"t"_s) + u" ORDER BY t.id FOR NO KEY UPDATE OF t), "
                "u AS (UPDATE tasks t SET stream_entry = NULL, "
                "status = CASE WHEN p.status = 'IN_PROGRESS' THEN 'PENDING' ELSE t.status END, "
                "updated_at = CASE WHEN p.status = 'IN_PROGRESS' THEN now() ELSE t.updated_at END "
                "FROM p WHERE t.id = p.id RETURNING t.id, p.status AS old, t.worker, t.attempts), "
                "h AS (INSERT INTO task_history (task_id, from_status, to_status, worker, attempt, message) "
                "SELECT id, 'IN_PROGRESS', 'PENDING', worker, attempts, 'released: its priority or type is paused' "
                "FROM u WHERE old = 'IN_PROGRESS') "
                "SELECT id FROM u"_s);
    q.addBindValue(pgUuidArray(ids));
    if (!q.exec())
        return dbError(q.lastError(), u"park paused tasks"_s);
    QList<QUuid> out;
    while (q.next())
        out.append(QUuid::fromString(q.value(0).toString()));
    return out;
}

Result<QList<TaskRef>> PauseRepository::parked(PauseScope scope, const QString &name, int limit)
{
    // tasks_undispatched_idx (NEW) and tasks_active_idx (PENDING): the queued rows only, however many finished
    // tasks the table holds.
    const QString inScope = scope == PauseScope::Priority ? u"t.priority = ?::smallint"_s : u"t.type = ?"_s;
    QSqlQuery q(m_db);
    q.prepare(u"SELECT t.id, t.priority FROM tasks t WHERE (t.status = 'NEW' OR t.status = 'PENDING') "
              "AND t.stream_entry IS NULL AND "_s + inScope + u" AND NOT "_s + heldByPause(u"t"_s) + u" LIMIT ?"_s);
    if (scope == PauseScope::Priority)
        q.addBindValue(priorityToDb(priorityFromString(name).value_or(Priority::Medium)));
    else
        q.addBindValue(name);
    q.addBindValue(limit);
    if (!q.exec())
        return dbError(q.lastError(), u"find parked tasks"_s);
    QList<TaskRef> out;
    while (q.next())
        out.append({QUuid::fromString(q.value(0).toString()), priorityFromDb(q.value(1).toInt())});
    return out;
}

} // namespace taskmill
