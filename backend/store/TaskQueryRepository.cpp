// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "store/TaskQueryRepository.h"

#include "store/Database.h"
#include "store/TaskFilterSql.h"
#include "store/TaskRow.h"
#include "store/Transaction.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

#include <optional>

using namespace Qt::StringLiterals;

namespace taskmill {

namespace {
// PostgreSQL's answer when a statement ran past its statement_timeout.
const QString QueryCanceled = QStringLiteral("57014");

// How one TaskSort maps to SQL. Every sort is total: ties go to created_at (priority, status), then id.
struct SortSql
{
    QString column;
    QString cast;     // the key's SQL type, for binding the cursor's text
    bool nullable;    // started/completed: NULL keys form their own segment after the others
    bool tieCreated;  // priority/status

    static SortSql of(TaskSort sort)
    {
        switch (sort) {
        case TaskSort::Created: return {u"created_at"_s, u"timestamptz"_s, false, false};
        case TaskSort::Started: return {u"started_at"_s, u"timestamptz"_s, true, false};
        case TaskSort::Completed: return {u"completed_at"_s, u"timestamptz"_s, true, false};
        case TaskSort::Priority: return {u"priority"_s, u"smallint"_s, false, true};
        case TaskSort::Status: return {u"status"_s, u"text"_s, false, true};
        }
        return {u"created_at"_s, u"timestamptz"_s, false, false};
    }
};

} // namespace

Result<TaskPage> TaskQueryRepository::list(const TaskListQuery &query, int totalBudgetMs)
{
    const TaskFilterSql where = TaskFilterSql::of(query.filter);
    TaskPage page;
    if (totalBudgetMs > 0) {
        // A match set the planner already puts past exactCountMaxRows() cannot be counted within the budget
        // (an exact count of 20,000 rows takes ~50 ms here, of 60,000 already past 250 ms), so it is not tried: waiting out the timeout cost every page
        // of a million-task table the whole budget (bench/ui).
        auto estimate = estimatedTaskRows(m_db, where);
        if (!estimate)
            return estimate.error();
        std::optional<qint64> exact;
        if (*estimate <= exactCountMaxRows()) {
            auto total = timeboxedCount(m_db, u"SELECT count(*) FROM tasks"_s + where.where(), where.binds, totalBudgetMs);
            if (!total)
                return total.error();
            exact = *total;
        }
        page.total = exact.value_or(*estimate);
        page.totalExact = exact.has_value();
    } else {
        QSqlQuery count(m_db);
        count.prepare(u"SELECT count(*) FROM tasks"_s + where.where());
        bindAll(count, where.binds);
        if (!count.exec() || !count.next())
            return dbError(count.lastError(), QStringLiteral("count tasks"));
        page.total = count.value(0).toLongLong();
    }

    const SortSql sort = SortSql::of(query.sort);
    const bool desc = query.order == SortOrder::Descending;
    const QString dir = desc ? u" DESC"_s : u" ASC"_s;
    const QString cmp = desc ? u"<"_s : u">"_s;

    // Where the page starts: an opaque cursor, or the current sort key of the `after` row.
    std::optional<TaskCursor> from;
    if (!query.cursor.isEmpty()) {
        auto c = TaskCursor::decode(query.cursor);
        if (!c)
            return c.error();
        from = *c;
    } else if (!query.after.isNull()) {
        QSqlQuery k(m_db);
        k.prepare(u"SELECT "_s + sort.column + u"::text, created_at::text FROM tasks WHERE id = ?::uuid"_s);
        k.addBindValue(query.after.toString(QUuid::WithoutBraces));
        if (!k.exec())
            return dbError(k.lastError(), QStringLiteral("find the after row"));
        if (!k.next())
            return page; // the row is gone: nothing is "after" it any more
        from = TaskCursor{query.sort, query.order, k.value(0).isNull() ? QString() : k.value(0).toString(),
                          k.value(1).toString(), query.after};
    }

    // One segment query: rows whose key is NULL (nullable sorts) or not, ordered by the index it uses.
    const int want = query.limit + 1; // one more tells whether a next page exists
    auto segment = [&](bool nullKeys, const std::optional<TaskCursor> &start, int offset, int limit,
                       QList<Task> *rows, QStringList *keys, QStringList *created) -> std::optional<ApiError> {
        QStringList clauses = where.clauses;
        QVariantList binds = where.binds;
        QString order;
        if (nullKeys) {
            clauses << sort.column + u" IS NULL"_s;
            if (start) {
                clauses << u"id "_s + cmp + u" ?::uuid"_s;
                binds << start->id.toString(QUuid::WithoutBraces);
            }
            order = u"id"_s + dir;
        } else {
            if (sort.nullable)
                clauses << sort.column + u" IS NOT NULL"_s;
            if (start && sort.tieCreated) {
                clauses << u"("_s + sort.column + u", created_at, id) "_s + cmp + u" (?::"_s + sort.cast
                               + u", ?::timestamptz, ?::uuid)"_s;
                binds << start->key << start->created << start->id.toString(QUuid::WithoutBraces);
            } else if (start) {
                clauses << u"("_s + sort.column + u", id) "_s + cmp + u" (?::"_s + sort.cast + u", ?::uuid)"_s;
                binds << start->key << start->id.toString(QUuid::WithoutBraces);
            }
            order = sort.column + dir + (sort.tieCreated ? u", created_at"_s + dir : QString()) + u", id"_s + dir;
        }
        QString sql = u"SELECT "_s + taskColumns() + u", "_s + sort.column + u"::text AS sort_key, created_at::text AS sort_created FROM tasks"_s;
        if (!clauses.isEmpty())
            sql += u" WHERE "_s + clauses.join(u" AND "_s);
        sql += u" ORDER BY "_s + order + u" LIMIT %1 OFFSET %2"_s.arg(limit).arg(offset);
        QSqlQuery q(m_db);
        q.setForwardOnly(true);
        if (!q.prepare(sql))
            return dbError(q.lastError(), QStringLiteral("prepare list tasks"));
        bindAll(q, binds);
        if (!q.exec())
            return dbError(q.lastError(), QStringLiteral("list tasks"));
        const int keyColumn = q.record().count() - 2;
        while (q.next()) {
            rows->append(taskFromRow(q));
            keys->append(q.value(keyColumn).isNull() ? QString() : q.value(keyColumn).toString());
            created->append(q.value(keyColumn + 1).toString());
        }
        return std::nullopt;
    };

    QList<Task> rows;
    QStringList keys, created;
    const bool startsInNulls = from && sort.nullable && from->key.isNull();
    if (!startsInNulls) {
        if (auto e = segment(false, from, query.skip, want, &rows, &keys, &created))
            return *e;
    }
    if (sort.nullable && rows.size() < want) {
        int offset = 0;
        if (query.skip > 0 && !from) {
            // skip counts across both segments: what the first segment did not use carries over.
            QSqlQuery c(m_db);
            c.prepare(u"SELECT count(*) FROM tasks"_s + where.where() + (where.clauses.isEmpty() ? u" WHERE "_s : u" AND "_s)
                      + sort.column + u" IS NOT NULL"_s);
            bindAll(c, where.binds);
            if (!c.exec() || !c.next())
                return dbError(c.lastError(), QStringLiteral("count sorted tasks"));
            offset = int(qMax<qint64>(0, query.skip - c.value(0).toLongLong()));
        }
        if (auto e = segment(true, startsInNulls ? from : std::nullopt, offset, want - int(rows.size()), &rows, &keys,
                             &created))
            return *e;
    }
    if (rows.size() > query.limit) {
        rows.resize(query.limit);
        const int last = query.limit - 1;
        page.nextAfter = rows.at(last).id;
        page.nextCursor = TaskCursor{query.sort, query.order, keys.at(last),
                                     sort.tieCreated ? created.at(last) : QString(), rows.at(last).id}
                              .encode();
    }
    page.items = rows;
    return page;
}

Result<TaskCounts> TaskQueryRepository::counts(const TaskFilter &filter, int budgetMs)
{
    TaskCounts out;
    // Exact: one scan grouped by (status, priority) over the rows matching every other key; each toggle's
    // number is then a sum over the cells the opposite toggles allow.
    TaskFilter others = filter;
    others.statuses.clear();
    others.priorities.clear();
    const TaskFilterSql where = TaskFilterSql::of(others);
    auto estimate = estimatedTaskRows(m_db, where);
    if (!estimate)
        return estimate.error();
    if (*estimate <= exactCountMaxRows()) { // larger sets go straight to the estimates below (see list())
        Transaction tx(m_db);
        QSqlQuery q(m_db);
        if (!q.exec(QStringLiteral("SET LOCAL statement_timeout = %1").arg(budgetMs)))
            return dbError(q.lastError(), QStringLiteral("set count budget"));
        q.setForwardOnly(true);
        if (q.exec(inlineBinds(u"SELECT status, priority, count(*) FROM tasks"_s + where.where() + u" GROUP BY 1, 2"_s,
                               where.binds))) {
            while (q.next()) {
                const auto status = statusFromString(q.value(0).toString());
                const Priority priority = priorityFromDb(q.value(1).toInt());
                const qint64 n = q.value(2).toLongLong();
                if (!status)
                    continue;
                if (filter.priorities.isEmpty() || filter.priorities.contains(priority))
                    out.byStatus[*status] += n;
                if (filter.statuses.isEmpty() || filter.statuses.contains(*status))
                    out.byPriority[priority] += n;
            }
            q.finish();
            tx.commit();
            return out;
        }
        if (q.lastError().nativeErrorCode() != QueryCanceled)
            return dbError(q.lastError(), QStringLiteral("count tasks"));
    }
    // Over budget (a big match set): the planner's estimate per toggle, flagged as such.
    out.exact = false;
    for (Status s : allStatuses()) {
        TaskFilter f = filter;
        f.statuses = {s};
        const TaskFilterSql w = TaskFilterSql::of(f);
        auto n = estimatedTaskRows(m_db, w);
        if (!n)
            return n.error();
        out.byStatus.insert(s, *n);
    }
    for (Priority p : allPriorities()) {
        TaskFilter f = filter;
        f.priorities = {p};
        const TaskFilterSql w = TaskFilterSql::of(f);
        auto n = estimatedTaskRows(m_db, w);
        if (!n)
            return n.error();
        out.byPriority.insert(p, *n);
    }
    return out;
}

Result<QStringList> TaskQueryRepository::types(int limit)
{
    QSqlQuery q(m_db);
    // Loose index scan over tasks_type_idx: each step jumps to the next larger type.
    q.prepare(QStringLiteral("WITH RECURSIVE t(type) AS ((SELECT min(type) FROM tasks) UNION ALL "
                             "SELECT (SELECT min(type) FROM tasks WHERE tasks.type > t.type) FROM t WHERE t.type IS NOT NULL) "
                             "SELECT type FROM t WHERE type IS NOT NULL LIMIT ?"));
    q.addBindValue(limit);
    if (!q.exec())
        return dbError(q.lastError(), QStringLiteral("task types"));
    QStringList out;
    while (q.next())
        out << q.value(0).toString();
    return out;
}

Result<Task> TaskQueryRepository::get(const QUuid &id)
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

Result<QList<TaskHistoryEntry>> TaskQueryRepository::history(const QUuid &id)
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

} // namespace taskmill
