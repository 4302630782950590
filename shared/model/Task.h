// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QUuid>

#include "model/RetryPolicy.h"

#include <optional>

namespace taskmill {

// Order matters: a higher value is served first by the executor.
enum class Priority { Low = 0, Medium = 1, High = 2 };

// The wire/database spelling is the upper-case name (seed 001/002 status model).
// Postponed and RetryWaiting are "not yet runnable" states used by the scheduler.
enum class Status { New, Pending, InProgress, Completed, Failed, Cancelled, Postponed, RetryWaiting };

QString toString(Priority p);
QString toString(Status s);
std::optional<Priority> priorityFromString(const QString &s); // case-insensitive
std::optional<Status> statusFromString(const QString &s);     // case-insensitive
QList<Priority> allPriorities();
QList<Status> allStatuses();

// A terminal task is never run again unless requeued by an operator.
bool isTerminal(Status s);

// A new task id: a time-ordered UUID (version 7, RFC 9562: 48 bits of Unix milliseconds, then random bits).
// Ids made close in time sit close together in every index keyed by the id (tasks, history, search): a
// create or a claim then touches a few recent index pages instead of a random page of a big index (a new
// page image in the WAL after each checkpoint, a cache miss on a large table). Random within a millisecond.
QUuid newTaskId();

// One task as stored in PostgreSQL; the same struct travels over the wire (TaskJson).
struct Task
{
    QUuid id;
    QString type = QStringLiteral("noop");
    QString title;
    QString description;
    QJsonObject payload;
    bool payloadRedacted = false; // the server withheld payload, result and error: the caller lacks `payloads`
    Priority priority = Priority::Medium;
    Status status = Status::New;
    QDateTime createdAt;
    QDateTime startedAt;   // null until the first attempt starts
    QDateTime completedAt; // null until a terminal state
    QDateTime runAt;       // null unless delayed
    QDateTime updatedAt;
    QJsonValue result;     // Null until completed
    QString error;
    int attempts = 0;
    int maxAttempts = 3;
    QString traceId; // W3C trace id, 32 lower-case hex
    QString spanId;  // 16 lower-case hex
    QString worker;  // consumer that ran the last attempt
    // Who created it: "user:<id>", "token:<id>" or "local" (docs/security.md); empty for tasks from before
    // accounts. Set by the server from the caller's credentials, never from a request body.
    QString owner;
    std::optional<RetryPolicy> retryPolicy; // unset: the executor's per-type or global default
    QDateTime deadLetteredAt;               // set when the task failed for good (in the DLQ)
    // A leased task (external worker, docs/workers.md): what its worker last reported and when its lease ends.
    int progress = -1;          // 0-100; -1: none reported
    QString progressMessage;
    QDateTime leaseExpiresAt;

    bool operator==(const Task &) const = default;
};

// What dispatching needs of a task: which stream (priority) gets an entry for which id. The one input
// type of the dispatcher, whoever hands it tasks (writer, scheduler, reconciler, requeue, hand-back).
struct TaskRef
{
    TaskRef() = default;
    TaskRef(QUuid taskId, Priority p, QString streamLane = {}) : id(taskId), priority(p), lane(std::move(streamLane)) {}

    QUuid id;
    Priority priority = Priority::Medium;
    // Which streams carry its entry: empty for the built-in executors' priority streams; the type's name for
    // an external handler's own streams, which only the lease protocol reads (docs/workers.md).
    QString lane;
    bool operator==(const TaskRef &) const = default;
};

// One row of the task_history table: a status transition.
struct TaskHistoryEntry
{
    qint64 id = 0;
    QUuid taskId;
    std::optional<Status> fromStatus;
    Status toStatus = Status::New;
    QDateTime at;
    QString worker;
    int attempt = 0;
    QString message;

    bool operator==(const TaskHistoryEntry &) const = default;
};

QString newTraceId(); // 32 random lower-case hex chars, never all zero
QString newSpanId();  // 16 random lower-case hex chars, never all zero

} // namespace taskmill
