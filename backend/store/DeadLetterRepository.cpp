// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "store/DeadLetterRepository.h"

#include "codec/TaskJson.h"
#include "store/Database.h"
#include "store/TaskFilterSql.h"
#include "store/TaskQueryRepository.h"
#include "store/PgArray.h"
#include "store/TaskRow.h"
#include "store/Transaction.h"
#include "wire/TaskIdSearch.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace taskmill {

namespace {
struct Where
{
    QStringList clauses{u"dead_lettered_at IS NOT NULL"_s};
    QVariantList binds;

    explicit Where(const DeadLetterFilter &f, const QList<QUuid> &ids = {})
    {
        if (!ids.isEmpty()) {
            clauses << u"id = ANY(?::uuid[])"_s;
            binds << pgUuidArray(ids);
        }
        if (!f.types.isEmpty()) {
            clauses << u"type = ANY(?::text[])"_s;
            binds << pgTextArray(f.types);
        }
        if (!f.priorities.isEmpty()) {
            QList<int> values;
            for (Priority p : f.priorities)
                values << priorityToDb(p);
            clauses << u"priority = ANY(?::smallint[])"_s;
            binds << pgIntArray(values);
        }
        if (!f.text.isEmpty()) {
            const QString pattern = likePattern(f.text);
            // Error, title, or the id as the Tasks list reads it (whole, 6+ digit prefix, short form): a prefix is
            // a primary-key range, its short form's end narrows it to one task.
            if (const auto id = TaskIdSearch::parse(f.text.trimmed())) {
                clauses << u"(error ILIKE ? OR title ILIKE ? OR (id BETWEEN ?::uuid AND ?::uuid AND id::text LIKE ?))"_s;
                binds << pattern << pattern << id->low().toString(QUuid::WithoutBraces)
                      << id->high().toString(QUuid::WithoutBraces) << id->likeSuffix();
            } else {
                clauses << u"(error ILIKE ? OR title ILIKE ?)"_s;
                binds << pattern << pattern;
            }
        }
        if (!f.error.isEmpty()) {
            clauses << u"error = ?"_s;
            binds << f.error;
        }
        if (f.from.isValid()) {
            clauses << u"dead_lettered_at >= ?::timestamptz"_s;
            binds << formatTimestamp(f.from);
        }
        if (f.to.isValid()) {
            clauses << u"dead_lettered_at < ?::timestamptz"_s;
            binds << formatTimestamp(f.to);
        }
    }
    QString sql() const { return u" WHERE "_s + clauses.join(u" AND "_s); }
    void bind(QSqlQuery &q) const
    {
        for (const QVariant &v : binds)
            q.addBindValue(v);
    }
};
} // namespace

// The sort column of each order; all NOT NULL in a dead letter, so the (column, id) keyset needs no NULL rule.
QString DeadLetterRepository::sortColumn(DeadLetterOrder::Key key)
{
    switch (key) {
    case DeadLetterOrder::Key::Created: return u"created_at"_s;
    case DeadLetterOrder::Key::Type: return u"type"_s;
    case DeadLetterOrder::Key::Title: return u"title"_s;
    case DeadLetterOrder::Key::Attempts: return u"attempts"_s;
    case DeadLetterOrder::Key::DeadLettered: break;
    }
    return u"dead_lettered_at"_s;
}

Result<TaskPage> DeadLetterRepository::list(const DeadLetterFilter &filter, const DeadLetterOrder &order, int skip,
                                            int limit, const QUuid &after)
{
    Where where(filter);
    TaskPage page;
    QSqlQuery count(m_db);
    count.prepare(u"SELECT count(*) FROM tasks"_s + where.sql());
    where.bind(count);
    if (!count.exec() || !count.next())
        return dbError(count.lastError(), u"count dead letters"_s);
    page.total = count.value(0).toLongLong();
    const QString column = sortColumn(order.key);
    const bool descending = order.order == SortOrder::Descending;
    if (!after.isNull()) {
        where.clauses << u"(%1, id) %2 (SELECT %1, id FROM tasks WHERE id = ?::uuid)"_s.arg(column, descending ? u"<"_s : u">"_s);
        where.binds << after.toString(QUuid::WithoutBraces);
    }
    const QString direction = descending ? u"DESC"_s : u"ASC"_s;
    QSqlQuery q(m_db);
    q.prepare(u"SELECT "_s + taskColumns() + u" FROM tasks"_s + where.sql()
              + u" ORDER BY %1 %2, id %2 LIMIT %3 OFFSET %4"_s.arg(column, direction).arg(limit).arg(skip));
    where.bind(q);
    if (!q.exec())
        return dbError(q.lastError(), u"list dead letters"_s);
    while (q.next())
        page.items.append(taskFromRow(q));
    if (page.items.size() == limit)
        page.nextAfter = page.items.last().id;
    return page;
}

Result<QList<DeadLetterGroup>> DeadLetterRepository::groups(const DeadLetterFilter &filter, int limit)
{
    const Where where(filter);
    QSqlQuery q(m_db);
    q.prepare(u"SELECT coalesce(error, ''), count(*), min(dead_lettered_at), max(dead_lettered_at), "
              "string_agg(DISTINCT type, ',') FROM tasks"_s
              + where.sql() + u" GROUP BY error ORDER BY count(*) DESC, max(dead_lettered_at) DESC LIMIT %1"_s.arg(limit));
    where.bind(q);
    if (!q.exec())
        return dbError(q.lastError(), u"group dead letters"_s);
    QList<DeadLetterGroup> out;
    while (q.next())
        out.append({q.value(0).toString(), q.value(1).toLongLong(), q.value(2).toDateTime().toUTC(),
                    q.value(3).toDateTime().toUTC(), q.value(4).toString().split(u',', Qt::SkipEmptyParts)});
    return out;
}

Result<Task> DeadLetterRepository::get(const QUuid &id)
{
    auto t = TaskQueryRepository(m_db).get(id);
    if (t && !t->deadLetteredAt.isValid())
        return ApiError::notFound(u"task %1 is not in the dead-letter queue"_s.arg(id.toString(QUuid::WithoutBraces)));
    return t;
}

Result<Unit> DeadLetterRepository::writeAudit(const QString &actor, const QString &action, const QStringList &ids,
                                              const QJsonObject &details)
{
    QSqlQuery q(m_db);
    q.prepare(u"INSERT INTO audit_log (actor, action, task_ids, details) VALUES (?, ?, ?::uuid[], ?::jsonb)"_s);
    q.addBindValue(actor);
    q.addBindValue(action);
    q.addBindValue(pgTextArray(ids));
    q.addBindValue(QString::fromUtf8(QJsonDocument(details).toJson(QJsonDocument::Compact)));
    if (!q.exec())
        return dbError(q.lastError(), u"write audit"_s);
    return Unit{};
}

Result<QList<TaskRef>> DeadLetterRepository::requeue(const DeadLetterSelection &sel,
                                                                          const std::optional<QJsonObject> &payload,
                                                                          const QString &actor)
{
    const Where where(sel.filter, sel.ids);
    Transaction tx(m_db);
    QSqlQuery q(m_db);
    q.prepare(u"WITH s AS (SELECT id FROM tasks"_s + where.sql()
              + u" FOR NO KEY UPDATE), "
                "u AS (UPDATE tasks t SET status = 'NEW', attempts = 0, dead_lettered_at = NULL, error = NULL, "
                "result = NULL, started_at = NULL, completed_at = NULL, run_at = NULL, dispatched_at = NULL, "
                "payload = coalesce(?::jsonb, t.payload), updated_at = now() FROM s WHERE t.id = s.id "
                "RETURNING t.id, t.priority), "
                "h AS (INSERT INTO task_history (task_id, from_status, to_status, message) "
                "SELECT id, 'FAILED', 'NEW', ? FROM u) "
                "SELECT id, priority FROM u"_s);
    where.bind(q);
    q.addBindValue(payload ? QVariant(QString::fromUtf8(QJsonDocument(*payload).toJson(QJsonDocument::Compact)))
                           : QVariant(QMetaType::fromType<QString>()));
    q.addBindValue(u"requeued from the dead-letter queue by %1%2"_s.arg(actor, payload ? u" with an edited payload"_s : QString()));
    if (!q.exec())
        return dbError(q.lastError(), u"requeue dead letters"_s);
    QList<TaskRef> out;
    QStringList ids;
    while (q.next()) {
        out.append({QUuid::fromString(q.value(0).toString()), priorityFromDb(q.value(1).toInt())});
        ids << q.value(0).toString();
    }
    QJsonObject details{{u"selection"_s, sel.filter.toJson()}, {u"count"_s, ids.size()}};
    if (payload)
        details.insert(u"payload"_s, *payload);
    if (auto a = writeAudit(actor, payload ? u"requeue_edited"_s : u"requeue"_s, ids, details); !a)
        return a.error();
    if (!tx.commit())
        return dbError(m_db.lastError(), u"commit requeue"_s);
    return out;
}

Result<QList<QUuid>> DeadLetterRepository::purge(const DeadLetterSelection &sel, const QString &actor, const QString &action)
{
    const Where where(sel.filter, sel.ids);
    Transaction tx(m_db);
    QSqlQuery q(m_db);
    q.prepare(u"DELETE FROM tasks"_s + where.sql() + u" RETURNING id"_s);
    where.bind(q);
    if (!q.exec())
        return dbError(q.lastError(), u"purge dead letters"_s);
    QList<QUuid> out;
    QStringList ids;
    while (q.next()) {
        out.append(QUuid::fromString(q.value(0).toString()));
        ids << q.value(0).toString();
    }
    if (auto a = writeAudit(actor, action, ids, {{u"selection"_s, sel.filter.toJson()}, {u"count"_s, ids.size()}}); !a)
        return a.error();
    if (!tx.commit())
        return dbError(m_db.lastError(), u"commit purge"_s);
    return out;
}

} // namespace taskmill
