// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/Result.h"
#include "model/Durability.h"
#include "model/Task.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>

namespace taskmill {

// Protocol version sent in /health; a client refuses a backend with a different major.
inline constexpr int ProtocolVersion = 1;

// Body of POST /api/v1/tasks (and each element of POST /api/v1/tasks/batch).
// Parse and validate with parseCreateTask() (validation/TaskValidation.h).
struct CreateTaskRequest
{
    QString type = QStringLiteral("noop");
    QString title;
    QString description;
    QJsonObject payload;
    Priority priority = Priority::Medium;
    int maxAttempts = 3;
    QDateTime runAt; // null = run now
    std::optional<RetryPolicy> retryPolicy;
    // Unset: the server's default for this type (docs/semantics.md).
    std::optional<Durability> durability;
    // Whether the request named them: when it did not, the handler's default_priority and max_attempts apply.
    bool priorityGiven = false;
    bool maxAttemptsGiven = false;

    QJsonObject toJson() const;
};

// GET /api/v1/tasks answer. nextCursor (any sort) and nextAfter (an id; meaningful for the default
// order) lead to the next keyset page; both are empty when no more.
struct TaskPage
{
    QList<Task> items;
    qint64 total = 0;
    QUuid nextAfter;
    QString nextCursor;
    bool totalExact = true; // false: counting took too long and `total` is PostgreSQL's estimate
    // The event revision this page is at least as new as: apply events after it (-1 = not known).
    qint64 revision = -1;

    QJsonObject toJson() const;
    static Result<TaskPage> fromJson(const QJsonObject &o);
};

// GET /health answer.
struct HealthInfo
{
    QString status; // "ok" or "degraded"
    bool postgres = false;
    bool redis = false;
    QString version;
    int protocol = ProtocolVersion;

    QJsonObject toJson() const;
    static HealthInfo fromJson(const QJsonObject &o);
};

} // namespace taskmill
