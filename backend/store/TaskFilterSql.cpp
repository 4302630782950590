// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "store/TaskFilterSql.h"

#include "codec/TaskJson.h"
#include "store/Database.h"
#include "store/PgArray.h"
#include "store/TaskRow.h"
#include "store/Transaction.h"
#include "wire/TaskIdSearch.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace taskmill {

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

namespace {

// Text search goes through task_search (0004_task_views.sql: one document per task, pg_trgm GIN index, kept
// off the tasks row so status updates do not rewrite it). The outer `id` is tasks.id.
const QString SearchClause = QStringLiteral("id IN (SELECT task_id FROM task_search WHERE doc ILIKE ?)");
// An id-like text adds the tasks whose id lies in the prefix's range. A UNION inside IN keeps this a semi-join
// whose two arms use task_search_trgm_idx and tasks_pkey; `IN (…) OR id BETWEEN …` would not be turned into a
// join and would test every row of the sort order instead.
const QString SearchOrIdClause = QStringLiteral(
    "id IN (SELECT task_id FROM task_search WHERE doc ILIKE ? UNION ALL "
    "SELECT id FROM tasks WHERE id BETWEEN ?::uuid AND ?::uuid AND id::text LIKE ?)");

// PostgreSQL's answer when a statement ran past its statement_timeout.
const QString QueryCanceled = QStringLiteral("57014");
} // namespace

TaskFilterSql TaskFilterSql::of(const TaskFilter &f)
{
    TaskFilterSql w;
    if (!f.statuses.isEmpty()) {
        QStringList s;
        for (Status st : f.statuses)
            s << toString(st);
        // One value as an equality: the planner then walks tasks_status_created_idx in order instead of
        // betting on finding it early in the created_at order (a LIMIT plan that reads the whole table
        // when the status has no rows).
        if (s.size() == 1) {
            w.clauses << QStringLiteral("status = ?");
            w.binds << s.first();
        } else {
            w.clauses << QStringLiteral("status = ANY(?::text[])");
            w.binds << pgTextArray(s);
        }
    }
    if (!f.priorities.isEmpty()) {
        QList<int> p;
        for (Priority pr : f.priorities)
            p << priorityToDb(pr);
        if (p.size() == 1) {
            w.clauses << QStringLiteral("priority = ?::smallint");
            w.binds << p.first();
        } else {
            w.clauses << QStringLiteral("priority = ANY(?::smallint[])");
            w.binds << pgIntArray(p);
        }
    }
    if (!f.types.isEmpty()) {
        w.clauses << QStringLiteral("type = ANY(?::text[])");
        w.binds << pgTextArray(f.types);
    }
    if (!f.owner.isEmpty()) {
        w.clauses << QStringLiteral("owner = ?");
        w.binds << f.owner;
    }
    if (!f.ids.isEmpty()) {
        w.clauses << QStringLiteral("id = ANY(?::uuid[])");
        w.binds << pgUuidArray(QList<QUuid>(f.ids.cbegin(), f.ids.cend()));
    }
    if (!f.text.isEmpty()) {
        w.m_textClause = w.clauses.size();
        w.m_textBind = w.binds.size();
        w.textBinds << likePattern(f.text);
        if (const auto id = TaskIdSearch::parse(f.text.trimmed())) {
            w.m_idRange = true;
            // The short form's end narrows the range to that one task (a plain start binds "%").
            w.textBinds << id->low().toString(QUuid::WithoutBraces) << id->high().toString(QUuid::WithoutBraces)
                        << id->likeSuffix();
        }
        w.clauses << (w.m_idRange ? SearchOrIdClause : SearchClause);
        w.binds << w.textBinds;
    }
    if (f.createdFrom.isValid()) {
        w.clauses << QStringLiteral("created_at >= ?::timestamptz");
        w.binds << formatTimestamp(f.createdFrom);
    }
    if (f.createdTo.isValid()) {
        w.clauses << QStringLiteral("created_at < ?::timestamptz");
        w.binds << formatTimestamp(f.createdTo);
    }
    return w;
}

QString TaskFilterSql::where() const
{
    return clauses.isEmpty() ? QString() : u" WHERE "_s + clauses.join(u" AND "_s);
}

TaskFilterSql TaskFilterSql::withoutText() const
{
    TaskFilterSql w = *this;
    if (m_textClause >= 0) {
        w.clauses.removeAt(m_textClause);
        w.binds.remove(m_textBind, textBinds.size());
    }
    w.m_textClause = w.m_textBind = -1; // textBinds stay: the walk binds them to textMatches()
    return w;
}

QString TaskFilterSql::textMatches(const QString &alias) const
{
    const QString text = u"EXISTS (SELECT 1 FROM task_search s WHERE s.task_id = "_s + alias + u".id AND s.doc ILIKE ?)"_s;
    if (!m_idRange)
        return text;
    return u"("_s + text + u" OR ("_s + alias + u".id BETWEEN ?::uuid AND ?::uuid AND "_s + alias + u".id::text LIKE ?))"_s;
}

Result<std::optional<qint64>> cappedCount(QSqlDatabase &db, const TaskFilterSql &filter, qint64 cap, int budgetMs)
{
    auto n = timeboxedCount(db, u"SELECT count(*) FROM (SELECT 1 FROM tasks"_s + filter.where()
                                    + u" LIMIT %1) capped"_s.arg(cap + 1), filter.binds, budgetMs);
    if (!n)
        return n.error();
    return *n;
}

namespace {
int fromEnvironment(const char *name, int fallback)
{
    bool ok = false;
    const int v = qEnvironmentVariableIntValue(name, &ok);
    return ok && v > 0 ? v : fallback;
}
} // namespace

qint64 textCountMaxRows()
{
    return exactCountMaxRows() / 10;
}

int textWalkRows()
{
    static const int value = fromEnvironment("TASKMILL_TEST_TEXT_WALK_ROWS", 3'000);
    return value;
}

int textSampleRows()
{
    static const int value = fromEnvironment("TASKMILL_TEST_TEXT_SAMPLE_ROWS", 5'000);
    return value;
}

qint64 exactCountMaxRows()
{
    static const qint64 value = [] {
        bool ok = false;
        const qint64 v = qEnvironmentVariableIntValue("TASKMILL_TEST_EXACT_COUNT_MAX_ROWS", &ok);
        return ok ? v : qint64(20'000);
    }();
    return value;
}

void bindAll(QSqlQuery &q, const QVariantList &binds)
{
    for (const QVariant &v : binds)
        q.addBindValue(v);
}

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

Result<std::optional<qint64>> timeboxedCount(QSqlDatabase &db, const QString &sql, const QVariantList &binds, int budgetMs)
{
    // Not prepared: a cancelled statement leaves the transaction aborted, and a prepared one could then
    // not be deallocated.
    Transaction tx(db);
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SET LOCAL statement_timeout = %1").arg(budgetMs)))
        return dbError(q.lastError(), QStringLiteral("set count budget"));
    if (!q.exec(inlineBinds(sql, binds))) {
        if (q.lastError().nativeErrorCode() == QueryCanceled)
            return std::optional<qint64>{};
        return dbError(q.lastError(), QStringLiteral("count tasks"));
    }
    const std::optional<qint64> n(q.next() ? q.value(0).toLongLong() : 0);
    q.finish();
    if (!tx.commit())
        return dbError(db.lastError(), QStringLiteral("end count"));
    return n;
}

Result<qint64> estimatedTaskRows(QSqlDatabase &db, const TaskFilterSql &filter)
{
    QSqlQuery q(db);
    const bool ran = q.exec(u"EXPLAIN (FORMAT JSON) SELECT 1 FROM tasks"_s + inlineBinds(filter.where(), filter.binds));
    // QPSQL reports a connection the server dropped as an error without text (or no row at all) here:
    // that is PostgreSQL going away, not a bug in the query.
    if (!ran && !q.lastError().text().trimmed().isEmpty())
        return dbError(q.lastError(), QStringLiteral("estimate tasks"));
    if (!ran || !q.next())
        return ApiError::unavailable(QStringLiteral("PostgreSQL is unavailable (estimate tasks)"));
    const QJsonArray plans = QJsonDocument::fromJson(q.value(0).toString().toUtf8()).array();
    return qint64(plans.at(0).toObject().value(u"Plan"_s).toObject().value(u"Plan Rows"_s).toDouble());
}

} // namespace taskmill
