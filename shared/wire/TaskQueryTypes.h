// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/Result.h"
#include "model/Task.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QStringList>

namespace taskmill {

// GET /api/v1/tasks/counts answer: how many tasks match the filter per status (every filter key applied
// except status) and per priority (every key except priority), so each toggle shows what checking it
// would give. Statuses and priorities without tasks are 0. `exact` is false when counting would have
// taken longer than the server's budget and the numbers are PostgreSQL's estimates (docs/api.md).
struct TaskCounts
{
    QHash<Status, qint64> byStatus;
    QHash<Priority, qint64> byPriority;
    bool exact = true;

    qint64 status(Status s) const { return byStatus.value(s, 0); }
    qint64 priority(Priority p) const { return byPriority.value(p, 0); }

    QJsonObject toJson() const;
    static Result<TaskCounts> fromJson(const QJsonObject &o);
    bool operator==(const TaskCounts &) const = default;
};

// GET /api/v1/tasks/types answer: the distinct task types in the store, sorted.
Result<QStringList> taskTypesFromJson(const QJsonObject &o);
QJsonObject taskTypesToJson(const QStringList &types);

// Body of POST /api/v1/tasks/cancel and /api/v1/tasks/retry: {"ids": [...]}, 1..MaxIds distinct UUIDs
// (duplicates are dropped, order kept). A missing or non-array `ids` is a Validation error on "ids",
// a bad element on "ids[i]".
struct TaskIdsRequest
{
    static constexpr int MaxIds = 1000;
    QList<QUuid> ids;

    QJsonObject toJson() const;
    static Result<TaskIdsRequest> fromJson(const QJsonObject &o);
};

// Answer of the bulk actions: one outcome per requested id, in request order. A failed item carries the
// error the single-id route would have answered (not_found, conflict, …).
struct TaskBulkResult
{
    struct Item
    {
        QUuid id;
        bool ok = false;
        Status status = Status::New; // the task's status after the action (ok items)
        ApiError error;              // !ok items
    };
    QList<Item> items;

    int succeeded() const;
    int failed() const { return int(items.size()) - succeeded(); }

    QJsonObject toJson() const;
    static Result<TaskBulkResult> fromJson(const QJsonObject &o);
};

} // namespace taskmill
