// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "store/TaskQueryRepository.h"

#include "store/Database.h"
#include "store/TaskFilterSql.h"
#include "store/TaskRow.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

#include <optional>

using namespace Qt::StringLiterals;

namespace taskmill {

namespace {
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

    struct Collected
    {
        QList<Task> rows;
        QStringList keys, created;
        qint64 walked = 0;       // a walk: rows of the sort order looked at up to the last row found
        bool walkShort = false;  // a walk found fewer rows than asked: its prefix may have hidden some
    };
    // One segment query: rows whose key is NULL (nullable sorts) or not, ordered by the index it uses.
    // walkRows > 0: only the first walkRows rows of the order that pass every key but the text are looked
    // at, and the text is tested row by row (textWalkRows(): a word in at least ~3.5 % of
    // the rows fills a page of 100 within it).
    const int want = query.limit + 1; // one more tells whether a next page exists
    auto segment = [&](const TaskFilterSql &filter, int walkRows, bool nullKeys, const std::optional<TaskCursor> &start,
                       int offset, int limit, Collected *out) -> std::optional<ApiError> {
        QStringList clauses = filter.clauses;
        QVariantList binds = filter.binds;
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
        const QString whereSql = clauses.isEmpty() ? QString() : u" WHERE "_s + clauses.join(u" AND "_s);
        const QString columns = taskColumns() + u", "_s + sort.column + u"::text AS sort_key, created_at::text AS sort_created"_s;
        QString sql;
        if (walkRows > 0) {
            sql = u"SELECT "_s + columns + u", walk_rank FROM (SELECT *, row_number() OVER (ORDER BY "_s + order
                + u") AS walk_rank FROM tasks"_s + whereSql + u" ORDER BY "_s + order + u" LIMIT "_s + QString::number(walkRows)
                + u") tasks WHERE "_s + filter.textMatches(u"tasks"_s) + u" ORDER BY "_s + order
                + u" LIMIT %1 OFFSET %2"_s.arg(limit).arg(offset);
            binds << filter.textBinds;
        } else {
            sql = u"SELECT "_s + columns + u" FROM tasks"_s + whereSql + u" ORDER BY "_s + order
                + u" LIMIT %1 OFFSET %2"_s.arg(limit).arg(offset);
        }
        QSqlQuery q(m_db);
        q.setForwardOnly(true);
        if (!q.prepare(sql))
            return dbError(q.lastError(), QStringLiteral("prepare list tasks"));
        bindAll(q, binds);
        if (!q.exec())
            return dbError(q.lastError(), QStringLiteral("list tasks"));
        const int keyColumn = q.record().count() - (walkRows > 0 ? 3 : 2);
        const qsizetype before = out->rows.size();
        while (q.next()) {
            out->rows.append(taskFromRow(q));
            out->keys.append(q.value(keyColumn).isNull() ? QString() : q.value(keyColumn).toString());
            out->created.append(q.value(keyColumn + 1).toString());
            if (walkRows > 0)
                out->walked = q.value(keyColumn + 2).toLongLong();
        }
        out->walkShort = walkRows > 0 && out->rows.size() - before < limit;
        return std::nullopt;
    };
    auto collect = [&](const TaskFilterSql &filter, int walkRows, Collected *out) -> std::optional<ApiError> {
        const bool startsInNulls = from && sort.nullable && from->key.isNull();
        if (!startsInNulls) {
            if (auto e = segment(filter, walkRows, false, from, query.skip, want, out))
                return *e;
            if (out->walkShort)
                return std::nullopt; // rows of this segment may lie past the walk: the index must answer
        }
        if (sort.nullable && out->rows.size() < want) {
            int offset = 0;
            if (query.skip > 0 && !from) {
                // skip counts across both segments: what the first segment did not use carries over.
                QSqlQuery c(m_db);
                c.prepare(u"SELECT count(*) FROM tasks"_s + filter.where() + (filter.clauses.isEmpty() ? u" WHERE "_s : u" AND "_s)
                          + sort.column + u" IS NOT NULL"_s);
                bindAll(c, filter.binds);
                if (!c.exec() || !c.next())
                    return dbError(c.lastError(), QStringLiteral("count sorted tasks"));
                offset = int(qMax<qint64>(0, query.skip - c.value(0).toLongLong()));
            }
            if (auto e = segment(filter, walkRows, true, startsInNulls ? from : std::nullopt, offset,
                                 want - int(out->rows.size()), out))
                return *e;
        }
        return std::nullopt;
    };

    // A text search first walks the sort order (every other key applied) and tests the text per row: a
    // common word fills the page after a few hundred rows, where the trigram index would hand over every
    // match in the table to be sorted (a word in 8 % of a million tasks: ~1 s). When the walk does not
    // fill the page the word is rare, and the index answers quickly. Both give the same rows.
    Collected got;
    bool walked = false;
    if (where.hasText() && query.skip == 0) {
        if (auto e = collect(where.withoutText(), textWalkRows(), &got))
            return *e;
        walked = !got.walkShort && got.rows.size() >= want;
        if (!walked)
            got = {};
    }
    if (!walked)
        if (auto e = collect(where, 0, &got))
            return *e;

    if (!from && query.skip == 0 && got.rows.size() < want) {
        // The first page holds every match: that is the total, exact, with no count at all (a rare word
        // would otherwise pay for its trigram lookup twice).
        page.total = got.rows.size();
    } else if (totalBudgetMs > 0) {
        // A walk that filled its page met `want` matches among `walked` rows: that share of the rows
        // passing the other keys is the estimate, and a big one is not counted (a common word in a
        // million tasks). Otherwise the count stops after exactCountMaxRows() + 1 rows, so its cost is
        // bounded whatever the table holds; past that (or past the budget) the estimate answers.
        std::optional<qint64> estimate;
        if (walked) {
            auto others = estimatedTaskRows(m_db, where.withoutText());
            if (!others)
                return others.error();
            const double share = double(got.rows.size()) / double(qMax<qint64>(1, got.walked));
            estimate = qMax<qint64>(got.rows.size(), qint64(share * double(*others)));
        }
        // Each text match costs a recheck of its document: text counts stop ten times earlier.
        const qint64 cap = where.hasText() ? textCountMaxRows() : exactCountMaxRows();
        std::optional<qint64> counted;
        if (!estimate || *estimate <= cap) {
            auto n = cappedCount(m_db, where, cap, totalBudgetMs);
            if (!n)
                return n.error();
            counted = *n;
        }
        if (counted && *counted <= cap) {
            page.total = *counted;
        } else {
            if (!estimate) {
                auto planner = estimatedTaskRows(m_db, where);
                if (!planner)
                    return planner.error();
                estimate = *planner;
            }
            page.total = qMax(*estimate, counted.value_or(0));
            page.totalExact = false;
        }
    } else {
        QSqlQuery count(m_db);
        count.prepare(u"SELECT count(*) FROM tasks"_s + where.where());
        bindAll(count, where.binds);
        if (!count.exec() || !count.next())
            return dbError(count.lastError(), QStringLiteral("count tasks"));
        page.total = count.value(0).toLongLong();
    }

    if (got.rows.size() > query.limit) {
        got.rows.resize(query.limit);
        const int last = query.limit - 1;
        page.nextAfter = got.rows.at(last).id;
        page.nextCursor = TaskCursor{query.sort, query.order, got.keys.at(last),
                                     sort.tieCreated ? got.created.at(last) : QString(), got.rows.at(last).id}
                              .encode();
    }
    page.items = got.rows;
    return page;
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
