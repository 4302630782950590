// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "api/Result.h"
#include "api/WireTypes.h"

#include <QCoreApplication>
#include <QString>

namespace taskmill {

// The values of the New Task form as typed. validate() builds the wire body and judges it with the
// shared parseCreateTask(), so the form and the server apply the same rules; a failure is a
// Validation error naming the wire field ("type", "title", "description", "priority", "payload")
// with a message in the UI language.
struct CreateTaskForm
{
    Q_DECLARE_TR_FUNCTIONS(taskmill::CreateTaskForm)

public:
    QString type;
    QString title;
    QString description;
    Priority priority = Priority::Medium;
    QString payloadText; // JSON object text; blank means {}

    Result<CreateTaskRequest> validate() const;
};

} // namespace taskmill
