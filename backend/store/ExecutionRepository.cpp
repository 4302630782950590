// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "store/ExecutionRepository.h"

#include "store/Database.h"
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

Result<QList<Task>> ExecutionRepository::claim(const QList<QUuid> &ids, const QString &worker)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    // FOR UPDATE serialises with a concurrent cancel: whichever commits first wins, never both.
    q.prepare(u"WITH o AS (SELECT id, status FROM tasks WHERE id = ANY(?::uuid[]) "
              "AND status IN ('NEW','PENDING') FOR UPDATE), "
              "c AS (UPDATE tasks t SET status = 'IN_PROGRESS', attempts = t.attempts + 1, started_at = now(), "
              "updated_at = now(), worker = ?, error = NULL FROM o WHERE t.id = o.id RETURNING "_s
              + taskColumns(u"t"_s)
              + u", o.status AS old_status), "
                "h AS (INSERT INTO task_history (task_id, from_status, to_status, worker, attempt) "
                "SELECT id, old_status, 'IN_PROGRESS', worker, attempts FROM c) "
                "SELECT * FROM c"_s);
    q.addBindValue(pgUuidArray(ids));
    q.addBindValue(worker);
    if (!q.exec())
        return dbError(q.lastError(), u"claim tasks"_s);
    QList<Task> out;
    while (q.next())
        out.append(taskFromRow(q));
    return out;
}

Result<QList<QUuid>> ExecutionRepository::finish(const QList<AttemptResult> &results)
{
    QList<QUuid> ids;
    QList<int> attempts;
    QStringList statuses, values, errors;
    for (const AttemptResult &r : results) {
        ids << r.id;
        attempts << r.attempt;
        statuses << toString(r.status);
        values << jsonValueText(r.result);
        errors << (r.error.isEmpty() ? QString() : r.error);
    }
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(u"WITH r AS (SELECT * FROM unnest(?::uuid[], ?::int[], ?::text[], ?::text[], ?::text[]) "
              "AS r(id, attempt, status, result, error)), "
              "u AS (UPDATE tasks t SET status = r.status, result = r.result::jsonb, error = r.error, "
              "completed_at = now(), updated_at = now() FROM r "
              "WHERE t.id = r.id AND t.attempts = r.attempt AND t.status = 'IN_PROGRESS' "
              "RETURNING t.id, t.status, t.worker, t.attempts, t.error), "
              "h AS (INSERT INTO task_history (task_id, from_status, to_status, worker, attempt, message) "
              "SELECT id, 'IN_PROGRESS', status, worker, attempts, error FROM u) "
              "SELECT id FROM u"_s);
    q.addBindValue(pgUuidArray(ids));
    q.addBindValue(pgIntArray(attempts));
    q.addBindValue(pgTextArray(statuses));
    q.addBindValue(pgTextArray(values));
    q.addBindValue(pgTextArray(errors));
    if (!q.exec())
        return dbError(q.lastError(), u"record results"_s);
    return readIds(q);
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
              "WHERE t.id = r.id AND t.attempts = r.attempt AND t.status = 'IN_PROGRESS' RETURNING t.id, t.attempts), "
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
    q.prepare(u"SELECT id FROM tasks WHERE id = ANY(?::uuid[]) AND status <> 'IN_PROGRESS'"_s);
    q.addBindValue(pgUuidArray(ids));
    if (!q.exec())
        return dbError(q.lastError(), u"check running tasks"_s);
    return readIds(q);
}

} // namespace taskmill
