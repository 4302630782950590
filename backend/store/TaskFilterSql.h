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
struct TaskFilterSql
{
    QStringList clauses;
    QVariantList binds;

    static TaskFilterSql of(const TaskFilter &filter);
    // " WHERE a AND b", or empty for no clause.
    QString where() const;
};

// Beyond this many (estimated) matching rows, totals and counts are the planner's estimates: an exact
// count of 20,000 rows takes ~50 ms here, of 60,000 already more than the count budget.
// TASKMILL_TEST_EXACT_COUNT_MAX_ROWS lowers it, so a test reaches the estimate path with few rows.
qint64 exactCountMaxRows();

// The planner's row estimate for `SELECT 1 FROM tasks <where>`: what a count would say, without counting.
Result<qint64> estimatedTaskRows(QSqlDatabase &db, const TaskFilterSql &filter);
// Runs a single-row count within budgetMs (statement_timeout in its own transaction); nullopt when the
// budget ran out, so the caller estimates instead.
Result<std::optional<qint64>> timeboxedCount(QSqlDatabase &db, const QString &sql, const QVariantList &binds,
                                             int budgetMs);

// EXPLAIN and statements with a SET LOCAL budget cannot be prepared with parameters: the binds are written
// in as dollar-quoted literals, whose tag never occurs in the value.
QString inlineBinds(const QString &sql, const QVariantList &binds);
void bindAll(class QSqlQuery &q, const QVariantList &binds);

} // namespace taskmill
