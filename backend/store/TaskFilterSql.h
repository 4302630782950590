// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/Result.h"
#include "wire/TaskFilter.h"

#include <QSqlDatabase>
#include <QStringList>
#include <QVariantList>

#include <optional>

namespace taskmill {

// The SQL side of shared/wire/TaskFilter: the WHERE clause the list, counts and estimates run with.
// It must select exactly the tasks TaskFilter::matches() accepts (test_TaskFilterSql checks both over
// random filters and tasks in a real PostgreSQL). Values are bound, never spliced in.
// The text key `q` is a substring of the task's search document, or, when it reads as a task id or an id's
// start (wire/TaskIdSearch), also a primary-key range: the union of both, each served by its own index.
struct TaskFilterSql
{
    QStringList clauses;
    QVariantList binds;
    // What textMatches() binds, in order: the ILIKE pattern, then the id range if the text has one. Empty when
    // the filter has no text key.
    QVariantList textBinds;

    static TaskFilterSql of(const TaskFilter &filter);
    bool hasText() const { return !textBinds.isEmpty(); }
    // " WHERE a AND b", or empty for no clause.
    QString where() const;
    // The same filter without its text clause, for a walk in sort order that tests the text row by row
    // (textMatches(), bound with textBinds, which it keeps).
    TaskFilterSql withoutText() const;
    // The per-row text test for a walk; `alias` names the tasks row.
    QString textMatches(const QString &alias) const;

private:
    qsizetype m_textClause = -1;
    qsizetype m_textBind = -1;
    bool m_idRange = false;
};

// Beyond this many (estimated) matching rows, totals and counts are the planner's estimates: an exact
// count of 20,000 rows takes ~50 ms here, of 60,000 already more than the count budget.
// TASKMILL_TEST_EXACT_COUNT_MAX_ROWS lowers it, so a test reaches the estimate path with few rows.
qint64 exactCountMaxRows();
// The same for a text search: a tenth, since each match rechecks its document.
qint64 textCountMaxRows();

// A text search's walk (TaskQueryRepository::list) looks at this many rows of the sort order before it asks
// the trigram index; its counts sample this many of the newest rows (TaskCountsQuery.cpp). 3,000 and 5,000:
// each row costs ~12 µs (a primary-key probe and an ILIKE of its document), so a walk that finds too few
// wastes at most ~40 ms;
// TASKMILL_TEST_TEXT_WALK_ROWS and TASKMILL_TEST_TEXT_SAMPLE_ROWS lower them so a test takes both paths.
int textWalkRows();
int textSampleRows();

// ILIKE pattern for a plain substring: the user's % _ and \ match literally.
QString likePattern(const QString &text);

// The planner's row estimate for `SELECT 1 FROM tasks <where>`: what a count would say, without counting.
Result<qint64> estimatedTaskRows(QSqlDatabase &db, const TaskFilterSql &filter);
// Counts at most `cap` + 1 matching rows (a LIMIT under the count, so the cost is bounded whatever the table
// holds) within budgetMs: a result up to `cap` is the exact count, cap + 1 means "more"; nullopt when the
// budget ran out.
Result<std::optional<qint64>> cappedCount(QSqlDatabase &db, const TaskFilterSql &filter, qint64 cap, int budgetMs);
// Runs a single-row count within budgetMs (statement_timeout in its own transaction); nullopt when the
// budget ran out, so the caller estimates instead.
Result<std::optional<qint64>> timeboxedCount(QSqlDatabase &db, const QString &sql, const QVariantList &binds,
                                             int budgetMs);

// EXPLAIN and statements with a SET LOCAL budget cannot be prepared with parameters: the binds are written
// in as dollar-quoted literals, whose tag never occurs in the value.
QString inlineBinds(const QString &sql, const QVariantList &binds);
void bindAll(class QSqlQuery &q, const QVariantList &binds);

} // namespace taskmill
