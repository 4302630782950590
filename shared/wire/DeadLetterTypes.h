// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/DeadLetterFilter.h"
#include "wire/Result.h"
#include "model/Task.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>

#include <optional>

namespace taskmill {

// One group of the dead-letter queue: tasks that failed with the same final error
// (an element of GET /api/v1/dlq/groups → {"groups": [...]}). Times are when the first and the last
// task of the group entered the queue; `types` lists the task types seen in it.
struct DeadLetterGroup
{
    QString error;
    qint64 count = 0;
    QDateTime firstSeen;
    QDateTime lastSeen;
    QStringList types;

    QJsonObject toJson() const;
    static Result<DeadLetterGroup> fromJson(const QJsonObject &o);
    bool operator==(const DeadLetterGroup &) const = default;
};

// The {"groups": [...]} answer, largest group first.
Result<QList<DeadLetterGroup>> deadLetterGroupsFromJson(const QJsonObject &o);

// Which dead-lettered tasks a bulk action means: explicit ids, or a filter (an empty filter only
// with `all`, so an operator never purges everything by leaving a field blank). Body of
// POST /api/v1/dlq/requeue and /api/v1/dlq/purge: {"ids": [...]} | {"filter": {...}} | {"all": true}.
struct DeadLetterSelection
{
    QList<QUuid> ids;
    DeadLetterFilter filter;
    bool all = false;

    static DeadLetterSelection ofIds(const QList<QUuid> &ids);
    static DeadLetterSelection ofFilter(const DeadLetterFilter &filter);
    static DeadLetterSelection everything();

    // Refuses a selector that names nothing (422 naming `ids`).
    static Result<DeadLetterSelection> fromJson(const QJsonObject &body);
    QJsonObject toJson() const;
    bool operator==(const DeadLetterSelection &) const = default;
};

// Answer of a bulk requeue ({count, ids}) or purge ({count}; `ids` stays empty).
struct DeadLetterBulkResult
{
    qint64 count = 0;
    QList<QUuid> ids;

    static Result<DeadLetterBulkResult> fromJson(const QJsonObject &o);
};

// GET /api/v1/dlq/{id} → {"task": task, "history": [...]}: the task and every status transition in order.
struct DeadLetterDetails
{
    Task task;
    QList<TaskHistoryEntry> history;

    QJsonObject toJson() const;
    static Result<DeadLetterDetails> fromJson(const QJsonObject &o);
};

// One attempt reconstructed from the history: it starts with a transition to IN_PROGRESS and ends with
// the next transition out of it. `run` counts requeues (1 = before the first requeue), because a
// requeued task starts again at attempt 1. An attempt still running or lost has no `finished`.
struct DeadLetterAttempt
{
    int run = 1;
    int attempt = 0;
    QDateTime started;
    QDateTime finished;
    QString worker;
    std::optional<Status> outcome; // status the attempt ended in
    QString error;                 // message of the transition that ended it

    bool operator==(const DeadLetterAttempt &) const = default;
};

// Every attempt of `history` (ordered by id, as the server sends it), oldest first.
QList<DeadLetterAttempt> deadLetterAttempts(const QList<TaskHistoryEntry> &history);

} // namespace taskmill
