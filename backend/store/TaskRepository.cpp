// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "store/TaskRepository.h"

#include "codec/TaskJson.h"
#include "observability/Metrics.h"
#include "store/Database.h"
#include "store/PgArray.h"
#include "store/TaskRow.h"
#include "store/Transaction.h"

#include "validation/TaskValidation.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

#include <functional>
#include <optional>

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

// Text search goes through task_search (0004_task_views.sql: one document per task, pg_trgm GIN index, kept
// off the tasks row so status updates do not rewrite it). The outer `id` is tasks.id.
const QString SearchClause = QStringLiteral("id IN (SELECT task_id FROM task_search WHERE doc ILIKE ?)");

// Builds the WHERE clause for a TaskFilter (see shared/wire/TaskFilter.h for the rules it mirrors).
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
            clauses << SearchClause;
            binds << likePattern(f.text);
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

void bindAll(QSqlQuery &q, const QVariantList &binds)
{
    for (const QVariant &v : binds)
        q.addBindValue(v);
}

QString inlineBinds(const QString &sql, const QVariantList &binds);

// Runs a single-row count inside `budgetMs` (statement_timeout in its own transaction). nullopt when the
// budget ran out: the caller estimates instead.
Result<std::optional<qint64>> timeboxedCount(QSqlDatabase &db, const QString &sql, const QVariantList &binds, int budgetMs)
{
    // Not prepared: a cancelled statement leaves the transaction aborted, and a prepared one could then
    // not be deallocated.
    Transaction tx(db);
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SET LOCAL statement_timeout = %1").arg(budgetMs)))
        return dbError(q.lastError(), QStringLiteral("set count budget"));
    if (!q.exec(inlineBinds(sql, binds))) {
        if (q.lastError().nativeErrorCode() == u"57014") // query_canceled: the budget ran out
            return std::optional<qint64>{};
        return dbError(q.lastError(), QStringLiteral("count tasks"));
    }
    const std::optional<qint64> n(q.next() ? q.value(0).toLongLong() : 0);
    q.finish();
    tx.commit();
    return n;
}

// EXPLAIN cannot be prepared with parameters, so the binds are written in as dollar-quoted literals,
// whose tag never occurs in the value: no escaping rules (standard_conforming_strings) are involved.
QString inlineBinds(const QString &sql, const QVariantList &binds)
{
    QString out;
    qsizetype next = 0;
    for (QChar c : sql) {
        if (c != u'?' || next >= binds.size()) {
            out += c;
            continue;
        }
        const QVariant &v = binds.at(next++);
        if (v.typeId() == QMetaType::Int || v.typeId() == QMetaType::LongLong) {
            out += QString::number(v.toLongLong());
            continue;
        }
        const QString text = v.toString();
        QString tag = u"$tm$"_s;
        for (int n = 0; text.contains(tag); ++n)
            tag = u"$tm%1$"_s.arg(n);
        out += tag + text + tag;
    }
    return out;
}

// Beyond this many (estimated) matching rows, totals and counts are the planner's estimates.
// A test can lower it through TASKMILL_TEST_EXACT_COUNT_MAX_ROWS to reach the estimate path with few rows.
const qint64 ExactCountMaxRows = [] {
    bool ok = false;
    const qint64 v = qEnvironmentVariableIntValue("TASKMILL_TEST_EXACT_COUNT_MAX_ROWS", &ok);
    return ok ? v : qint64(20'000);
}();

// The planner's row estimate for `SELECT 1 FROM tasks <where>`: what a count would say, without counting.
Result<qint64> estimatedRows(QSqlDatabase &db, const QString &where, const QVariantList &binds)
{
    QSqlQuery q(db);
    const bool ran = q.exec(u"EXPLAIN (FORMAT JSON) SELECT 1 FROM tasks"_s + inlineBinds(where, binds));
    // QPSQL reports a connection the server dropped as an error without text (or no row at all) here:
    // that is PostgreSQL going away, not a bug in the query.
    if ((!ran && !q.lastError().text().trimmed().isEmpty()))
        return dbError(q.lastError(), QStringLiteral("estimate tasks"));
    if (!ran || !q.next())
        return ApiError::unavailable(QStringLiteral("PostgreSQL is unavailable (estimate tasks)"));
    const QJsonArray plans = QJsonDocument::fromJson(q.value(0).toString().toUtf8()).array();
    return qint64(plans.at(0).toObject().value(u"Plan"_s).toObject().value(u"Plan Rows"_s).toDouble());
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

Result<TaskPage> TaskRepository::list(const TaskListQuery &query, int totalBudgetMs)
{
    const Where where(query.filter);
    TaskPage page;
    if (totalBudgetMs > 0) {
        // A match set the planner already puts past ExactCountMaxRows cannot be counted within the budget
        // (an exact count of 20,000 rows takes ~50 ms here, of 60,000 already past 250 ms), so it is not tried: waiting out the timeout cost every page
        // of a million-task table the whole budget (bench/ui).
        auto estimate = estimatedRows(m_db, where.sql(), where.binds);
        if (!estimate)
            return estimate.error();
        std::optional<qint64> exact;
        if (*estimate <= ExactCountMaxRows) {
            auto total = timeboxedCount(m_db, u"SELECT count(*) FROM tasks"_s + where.sql(), where.binds, totalBudgetMs);
            if (!total)
                return total.error();
            exact = *total;
        }
        page.total = exact.value_or(*estimate);
        page.totalExact = exact.has_value();
    } else {
        QSqlQuery count(m_db);
        count.prepare(u"SELECT count(*) FROM tasks"_s + where.sql());
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
            c.prepare(u"SELECT count(*) FROM tasks"_s + where.sql() + (where.clauses.isEmpty() ? u" WHERE "_s : u" AND "_s)
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

Result<TaskCounts> TaskRepository::counts(const TaskFilter &filter, int budgetMs)
{
    TaskCounts out;
    // Exact: one scan grouped by (status, priority) over the rows matching every other key; each toggle's
    // number is then a sum over the cells the opposite toggles allow.
    TaskFilter others = filter;
    others.statuses.clear();
    others.priorities.clear();
    const Where where(others);
    auto estimate = estimatedRows(m_db, where.sql(), where.binds);
    if (!estimate)
        return estimate.error();
    if (*estimate <= ExactCountMaxRows) { // larger sets go straight to the estimates below (see list())
        Transaction tx(m_db);
        QSqlQuery q(m_db);
        if (!q.exec(QStringLiteral("SET LOCAL statement_timeout = %1").arg(budgetMs)))
            return dbError(q.lastError(), QStringLiteral("set count budget"));
        q.setForwardOnly(true);
        if (q.exec(inlineBinds(u"SELECT status, priority, count(*) FROM tasks"_s + where.sql() + u" GROUP BY 1, 2"_s,
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
        if (q.lastError().nativeErrorCode() != u"57014")
            return dbError(q.lastError(), QStringLiteral("count tasks"));
    }
    // Over budget (a big match set): the planner's estimate per toggle, flagged as such.
    out.exact = false;
    for (Status s : allStatuses()) {
        TaskFilter f = filter;
        f.statuses = {s};
        const Where w(f);
        auto n = estimatedRows(m_db, w.sql(), w.binds);
        if (!n)
            return n.error();
        out.byStatus.insert(s, *n);
    }
    for (Priority p : allPriorities()) {
        TaskFilter f = filter;
        f.priorities = {p};
        const Where w(f);
        auto n = estimatedRows(m_db, w.sql(), w.binds);
        if (!n)
            return n.error();
        out.byPriority.insert(p, *n);
    }
    return out;
}

Result<QStringList> TaskRepository::types(int limit)
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

Result<TaskRepository::RetryOutcome> TaskRepository::retryNow(const QUuid &id, const QString &who)
{
    const QString idText = id.toString(QUuid::WithoutBraces);
    Transaction tx(m_db);
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT status, attempts, dead_lettered_at IS NOT NULL FROM tasks WHERE id = ?::uuid FOR UPDATE"));
    q.addBindValue(idText);
    if (!q.exec())
        return dbError(q.lastError(), QStringLiteral("lock task"));
    if (!q.next())
        return ApiError::notFound(QStringLiteral("no task with id %1").arg(idText));
    const Status from = statusFromString(q.value(0).toString()).value_or(Status::New);
    const int attempts = q.value(1).toInt();
    if (q.value(2).toBool()) {
        auto task = get(id);
        if (!task)
            return task.error();
        return RetryOutcome{*task, true};
    }
    QString sql;
    QString message;
    switch (from) {
    case Status::Failed:
    case Status::Cancelled:
        if (attempts >= limits::MaxAttemptsMax)
            return ApiError::conflict(QStringLiteral("task %1 has used all %2 attempts a task may have")
                                          .arg(idText).arg(limits::MaxAttemptsMax));
        // The attempt counter goes on (attempts + 1 next): a late result of the old attempt stays fenced off.
        sql = QStringLiteral("UPDATE tasks SET status = 'NEW', max_attempts = greatest(max_attempts, attempts + 1), "
                             "completed_at = NULL, error = NULL, result = NULL, run_at = NULL, dispatched_at = NULL, "
                             "updated_at = now() WHERE id = ?::uuid");
        message = QStringLiteral("retried by %1").arg(who);
        break;
    case Status::Postponed:
    case Status::RetryWaiting:
        sql = QStringLiteral("UPDATE tasks SET status = 'NEW', run_at = now(), updated_at = now() WHERE id = ?::uuid");
        message = QStringLiteral("run now by %1").arg(who);
        break;
    default:
        return ApiError::conflict(QStringLiteral("task %1 is %2: only FAILED, CANCELLED, POSTPONED and RETRY_WAITING "
                                                 "tasks can be retried now")
                                      .arg(idText, toString(from)));
    }
    QSqlQuery u(m_db);
    u.prepare(sql);
    u.addBindValue(idText);
    if (!u.exec())
        return dbError(u.lastError(), QStringLiteral("retry task"));
    QSqlQuery h(m_db);
    h.prepare(QStringLiteral("INSERT INTO task_history (task_id, from_status, to_status, attempt, message) "
                             "VALUES (?::uuid, ?, 'NEW', ?, ?)"));
    h.addBindValue(idText);
    h.addBindValue(toString(from));
    h.addBindValue(attempts);
    h.addBindValue(message);
    if (!h.exec())
        return dbError(h.lastError(), QStringLiteral("retry history"));
    if (!tx.commit())
        return dbError(m_db.lastError(), QStringLiteral("commit"));
    auto task = get(id);
    if (!task)
        return task.error();
    return RetryOutcome{*task, false};
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
    auto task = get(id);
    if (task)
        Metrics::countTask(to == Status::Cancelled ? Metrics::TaskEvent::Cancelled : Metrics::TaskEvent::Completed,
                           task->type, task->priority);
    return task;
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
