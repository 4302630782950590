// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/Result.h"
#include "wire/WireTypes.h"

#include <QCoreApplication>
#include <QString>

namespace taskmill {

// The values of the New Task form as typed. validate() builds the wire body and judges it with the
// shared parseCreateTask(), so the form and the server apply the same rules; a failure is a
// Validation error naming the wire field ("type", "title", "description", "priority", "payload",
// "run_at", "max_attempts", "retry_policy.base_ms", "retry_policy.max_ms", …) with a message in the UI
// language. fromTask() fills the form from an existing task ("duplicate with edits").
struct CreateTaskForm
{
    Q_DECLARE_TR_FUNCTIONS(taskmill::CreateTaskForm)

public:
    QString type;
    QString title;
    QString description;
    Priority priority = Priority::Medium;
    QString payloadText; // JSON object text; blank means {}
    bool delayed = false;
    QDateTime runAt;     // used when delayed; invalid then is a run_at error
    int maxAttempts = 3;
    bool customRetry = false; // off: the server's default policy for the type
    RetryPolicy retryPolicy;

    Result<CreateTaskRequest> validate() const;
    static CreateTaskForm fromTask(const Task &task);
};

} // namespace taskmill
