// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "api/Result.h"
#include "model/Task.h"

#include <QSet>
#include <QStringList>
#include <QUrlQuery>

namespace taskmill {

// The one definition of "which tasks match": the list endpoint translates it to SQL
// (store/TaskRepository) and the app's TaskFilterModel calls matches(). Both must agree:
// - statuses/priorities/types: empty = any; otherwise the task's value must be in the set;
// - text: case-insensitive substring of title or description (SQL: ILIKE with escaped wildcards);
// - createdFrom/createdTo: inclusive lower, exclusive upper bound on created_at.
struct TaskFilter
{
    QSet<Status> statuses;
    QSet<Priority> priorities;
    QStringList types;
    QString text;
    QDateTime createdFrom;
    QDateTime createdTo;

    bool isEmpty() const;
    bool matches(const Task &task) const;

    // Query keys: status, priority, type (comma lists), q, created_from, created_to.
    static Result<TaskFilter> fromQuery(const QUrlQuery &query);
    void addToQuery(QUrlQuery &query) const;

    bool operator==(const TaskFilter &) const = default;
};

// A page request for GET /api/v1/tasks: the filter plus skip/limit or a keyset cursor.
// Order is newest first (created_at DESC, id DESC); `after` is the id of the last row seen.
struct TaskListQuery
{
    static constexpr int DefaultLimit = 50;
    static constexpr int MaxLimit = 1000;

    TaskFilter filter;
    int skip = 0;
    int limit = DefaultLimit;
    QUuid after;

    static Result<TaskListQuery> fromQuery(const QUrlQuery &query);
    QUrlQuery toQuery() const;
};

} // namespace taskmill
