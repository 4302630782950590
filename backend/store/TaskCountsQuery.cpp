// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// TaskQueryRepository::counts: the numbers beside the filter bar's status and priority toggles. They must
// answer within a UI's patience on any table: a count stops after a bounded number of rows, and a text
// search is counted on a sample of the newest rows when its word is common.
#include "store/TaskQueryRepository.h"

#include "store/Database.h"
#include "store/TaskFilterSql.h"
#include "store/TaskRow.h"
#include "store/Transaction.h"

#include <QSqlError>
#include <QSqlQuery>

#include <cmath>

using namespace Qt::StringLiterals;

namespace taskmill {

namespace {
// PostgreSQL's answer when a statement ran past its statement_timeout.
const QString QueryCanceled = QStringLiteral("57014");
// A text filter's counts look at textSampleRows() of the newest rows passing the other keys first; when at
// least 1 in DenseShare of them match the word is common and the sample, scaled, is the estimate (50
// matches in the 5,000-row sample: a sampling error of about 15 %).
constexpr qint64 DenseShare = 100;

struct Cell
{
    Status status;
    Priority priority;
    qint64 n;
};

// Adds (status, priority) cells to the toggles they belong to: a status toggle counts under every key but
// status, a priority toggle under every key but priority.
void addAll(TaskCounts &out, const TaskFilter &filter, const QList<Cell> &cells)
{
    for (const Cell &c : cells) {
        if (filter.priorities.isEmpty() || filter.priorities.contains(c.priority))
            out.byStatus[c.status] += c.n;
        if (filter.statuses.isEmpty() || filter.statuses.contains(c.status))
            out.byPriority[c.priority] += c.n;
    }
}

// Rows of `SELECT status, priority, count(*)[, matches]` as cells holding column `valueColumn`; *rows adds up
// column 2 (every row the group had).
QList<Cell> readCells(QSqlQuery &q, int valueColumn, qint64 *rows)
{
    QList<Cell> cells;
    while (q.next()) {
        const auto status = statusFromString(q.value(0).toString());
        if (!status)
            continue;
        *rows += q.value(2).toLongLong();
        cells.append({*status, priorityFromDb(q.value(1).toInt()), q.value(valueColumn).toLongLong()});
    }
    return cells;
}

void scale(QList<Cell> &cells, double factor)
{
    for (Cell &c : cells)
        c.n = qint64(std::llround(double(c.n) * factor));
}
} // namespace

Result<TaskCounts> TaskQueryRepository::counts(const TaskFilter &filter, int budgetMs)
{
    TaskCounts out;
    // One scan grouped by (status, priority) over the rows matching every other key; each toggle's number
    // is then a sum over the cells the opposite toggles allow.
    TaskFilter others = filter;
    others.statuses.clear();
    others.priorities.clear();
    const TaskFilterSql where = TaskFilterSql::of(others);

    std::optional<QList<Cell>> sample; // text filters: matches among the newest rows, scaled
    qint64 sampled = 0;
    if (where.hasText()) {
        const TaskFilterSql plain = where.withoutText();
        QSqlQuery q(m_db);
        q.setForwardOnly(true);
        // The text test's binds come first: it stands in the select list, before the sample's keys.
        q.prepare(u"SELECT status, priority, count(*), count(*) FILTER (WHERE "_s + where.textMatches(u"t"_s)
                  + u") FROM (SELECT id, status, priority FROM tasks"_s + plain.where()
                  + u" ORDER BY created_at DESC, id DESC LIMIT %1) t GROUP BY 1, 2"_s.arg(textSampleRows()));
        bindAll(q, where.textBinds);
        bindAll(q, plain.binds);
        if (!q.exec())
            return dbError(q.lastError(), QStringLiteral("sample counts"));
        QList<Cell> cells = readCells(q, 3, &sampled);
        qint64 matches = 0;
        for (const Cell &c : std::as_const(cells))
            matches += c.n;
        if (sampled < textSampleRows()) { // the sample was every row passing the other keys: exact
            addAll(out, filter, cells);
            return out;
        }
        auto population = estimatedTaskRows(m_db, plain);
        if (!population)
            return population.error();
        scale(cells, double(qMax(*population, sampled)) / double(sampled));
        sample = cells;
        if (matches > 0 && matches * DenseShare >= sampled) {
            out.exact = false;
            addAll(out, filter, cells);
            return out;
        }
    }

    // The exact grouped count stops after cap + 1 rows, within the budget: exactCountMaxRows(), a tenth of it
    // for a text filter (each match rechecks its document).
    const qint64 cap = sample ? textCountMaxRows() : exactCountMaxRows();
    auto estimate = estimatedTaskRows(m_db, where);
    if (!estimate)
        return estimate.error();
    // What the capped count saw before it stopped: a floor under the planner's estimates below. Statistics
    // lag behind a burst (100,000 tasks added a moment ago, not yet analysed), and a count must never show
    // fewer rows than were just counted.
    TaskCounts seen;
    if (sample || *estimate <= cap) { // a rare word is cheap to count; the planner cannot tell
        Transaction tx(m_db);
        QSqlQuery q(m_db);
        if (!q.exec(QStringLiteral("SET LOCAL statement_timeout = %1").arg(budgetMs)))
            return dbError(q.lastError(), QStringLiteral("set count budget"));
        q.setForwardOnly(true);
        if (q.exec(inlineBinds(u"SELECT status, priority, count(*) FROM (SELECT status, priority FROM tasks"_s + where.where()
                                   + u" LIMIT %1) c GROUP BY 1, 2"_s.arg(cap + 1),
                               where.binds))) {
            qint64 total = 0;
            QList<Cell> cells = readCells(q, 2, &total);
            q.finish();
            tx.commit();
            if (total <= cap) {
                addAll(out, filter, cells);
                return out;
            }
            addAll(seen, filter, cells);
            if (sample) {
                // A word common in older rows but not among the newest: the first cap + 1 matches, scaled
                // to the planner's guess of all of them, beat a sample that met none.
                scale(cells, double(qMax(*estimate, total)) / double(total));
                sample = cells;
            }
        } else if (q.lastError().nativeErrorCode() != QueryCanceled) {
            return dbError(q.lastError(), QStringLiteral("count tasks"));
        }
    }
    out.exact = false;
    if (sample) { // a text filter: the scaled sample beats the planner's guess at a substring's share
        addAll(out, filter, *sample);
        return out;
    }
    // A big match set: the planner's estimate per toggle.
    for (Status s : allStatuses()) {
        TaskFilter f = filter;
        f.statuses = {s};
        auto n = estimatedTaskRows(m_db, TaskFilterSql::of(f));
        if (!n)
            return n.error();
        out.byStatus.insert(s, qMax(*n, seen.byStatus.value(s)));
    }
    for (Priority p : allPriorities()) {
        TaskFilter f = filter;
        f.priorities = {p};
        auto n = estimatedTaskRows(m_db, TaskFilterSql::of(f));
        if (!n)
            return n.error();
        out.byPriority.insert(p, qMax(*n, seen.byPriority.value(p)));
    }
    return out;
}

} // namespace taskmill
