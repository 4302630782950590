// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "model/Task.h"
#include "wire/Result.h"
#include "wire/TaskFilter.h"
#include "wire/TaskQueryTypes.h"
#include "wire/WireTypes.h"

#include <QSqlDatabase>

namespace taskmill {

// The read side of tasks: pages, counts, types, one task and its history. Runs on the caller's
// thread-owned connection and never changes a row.
class TaskQueryRepository final
{
public:
    explicit TaskQueryRepository(QSqlDatabase db) : m_db(std::move(db)) {}

    // How long the API lets a total or the filter counts be counted before it settles for the planner's
    // estimate: long enough for an exact count of ~20,000 rows here, short enough for a UI to stay live.
    static constexpr int CountBudgetMs = 250;

    // One page in the query's sort (keyset by cursor or after, or skip), plus the total and next_cursor.
    // totalBudgetMs > 0: the total is counted up to exactCountMaxRows() within that time, else estimated
    // (page.totalExact false); 0: counted exactly, however long it takes.
    Result<TaskPage> list(const TaskListQuery &query, int totalBudgetMs = 0);
    // Per-status counts under every filter key but status, per-priority counts under every key but
    // priority (TaskCountsQuery.cpp): one grouped scan of at most exactCountMaxRows() + 1 rows within
    // budgetMs, exact when the set is no bigger; else estimates (TaskCounts::exact false): a text filter's
    // from a sample of the newest rows, any other's from the planner. docs/api.md, "counts".
    Result<TaskCounts> counts(const TaskFilter &filter, int budgetMs);
    // Distinct task types, sorted (a loose index scan: one probe per type).
    Result<QStringList> types(int limit);

    Result<Task> get(const QUuid &id);
    Result<QList<TaskHistoryEntry>> history(const QUuid &id);

private:
    QSqlDatabase m_db;
};

} // namespace taskmill
