// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "model/Task.h"
#include "wire/Result.h"
#include "wire/TaskFilter.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QUuid>

#include <optional>

namespace taskmill {

// Bulk operations by filter (docs/api.md, "Bulk operations by filter"): cancel or retry every task that matches
// a list filter, server-side, in batches, with progress that any api process can report.

enum class BulkAction { Cancel, Retry };
QString toString(BulkAction action); // "cancel" | "retry"
std::optional<BulkAction> bulkActionFromString(const QString &text);
// The statuses an action applies to, as its single-task route decides: cancel the unfinished ones; retry
// FAILED, CANCELLED, POSTPONED and RETRY_WAITING. A filter's statuses are intersected with these.
QSet<Status> bulkActionStatuses(BulkAction action);

// running → completed (every task handled), stopped (DELETE), failed (the store failed; `message` says how),
// interrupted (its api process ended or stopped reporting). stopping: a stop was asked, the runner has not
// seen it yet. The last four are final.
enum class BulkState { Running, Stopping, Completed, Stopped, Interrupted, Failed };
QString toString(BulkState state);
std::optional<BulkState> bulkStateFromString(const QString &text);
bool isFinal(BulkState state);

// The filter of a bulk request as a JSON object with the keys of the GET /api/v1/tasks query (status, priority,
// type, id, q, created_from, created_to), each a string (a comma list where the query takes one) or an array of
// strings. An absent key or an empty value means any. toJson writes strings, lists sorted.
QJsonObject taskFilterToJson(const TaskFilter &filter);
// Refuses (Validation naming "filter.<key>") unknown keys, values of another JSON type, a value longer than
// `maxParamChars` (`maxSearchChars` for q), and whatever the list query refuses for that key.
Result<TaskFilter> taskFilterFromJson(const QJsonObject &object, int maxSearchChars, int maxParamChars);

// Body of POST /api/v1/tasks/bulk/{cancel|retry}: {"filter": {...}, "expected": N} starts an operation;
// {"filter": {...}, "dry_run": true} only counts the tasks it would apply to now. `filter` is required (an empty
// object means every task), `expected` (the count the user confirmed, 0..MaxTasks) unless dry_run.
struct BulkRequest
{
    // The most tasks one operation takes: more → 422 naming "filter" (narrow it, e.g. by created_from/created_to).
    static constexpr qint64 MaxTasks = 100'000;
    static constexpr int DefaultMaxSearchChars = 256;
    static constexpr int DefaultMaxParamChars = 1'000;

    TaskFilter filter;
    qint64 expected = 0;
    bool dryRun = false;

    QJsonObject toJson() const;
    static Result<BulkRequest> fromJson(const QJsonObject &o, int maxSearchChars = DefaultMaxSearchChars,
                                        int maxParamChars = DefaultMaxParamChars);
    // How far `total` may exceed the confirmed `expected` and still start: 1 %, rounded down (so exact below
    // 100). Fewer than confirmed always starts: those tasks moved on by themselves.
    static bool totalAccepted(qint64 expected, qint64 total) { return total <= expected + expected / 100; }
};

// The 409 a start answers when the tasks matching now are not what was confirmed: field "expected",
// details [{"total": N}] with the real count, so a client asks again with N.
ApiError bulkCountChanged(qint64 expected, qint64 total);
// N from such an error; nullopt for any other error.
std::optional<qint64> bulkCountChangedTotal(const ApiError &error);

// Answer of a dry run: {"action", "total", "dry_run": true}.
struct BulkCount
{
    BulkAction action = BulkAction::Cancel;
    qint64 total = 0;

    QJsonObject toJson() const;
    static Result<BulkCount> fromJson(const QJsonObject &o);
};

// One task an operation could not change, with the error its single-task route would have answered.
struct BulkFailure
{
    QUuid id;
    ApiError error;
    bool operator==(const BulkFailure &o) const { return id == o.id && error.code == o.error.code && error.message == o.error.message; }
};

// An operation as POST (202), GET and DELETE /api/v1/tasks/bulk/{id} answer it. `done` tasks were changed,
// `failed` were not (finished or gone meanwhile, …); `failures` lists the first MaxListedFailures of them.
struct BulkOperation
{
    static constexpr int MaxListedFailures = 100;

    QUuid id;
    BulkAction action = BulkAction::Cancel;
    BulkState state = BulkState::Running;
    TaskFilter filter;
    qint64 expected = 0;
    qint64 total = 0;
    qint64 done = 0;
    qint64 failed = 0;
    QList<BulkFailure> failures;
    QString message;   // why it failed or was interrupted; empty otherwise
    QString createdBy; // the principal's actor ("user:3", "token:2", "local")
    QDateTime createdAt;
    QDateTime finishedAt; // null until final

    qint64 remaining() const { return total - done - failed; }
    QJsonObject toJson() const;
    // Strict about types (BadRequest naming the field), lenient about keys a newer server may add.
    static Result<BulkOperation> fromJson(const QJsonObject &o);
};

} // namespace taskmill
