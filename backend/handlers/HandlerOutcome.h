// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "executor/CancellationToken.h"
#include "model/Task.h"

#include <QJsonValue>
#include <QString>

#include <functional>

namespace taskmill {

// What one attempt of a handler produced.
struct HandlerOutcome
{
    Status status = Status::Completed; // Completed, Failed or Cancelled
    QJsonValue result;
    QString error;
    // A failure that no retry can fix (unknown type, a payload that can never be valid, a URL the
    // network policy refuses): the task goes to the dead-letter queue at once instead of using up its attempts.
    bool permanent = false;

    static HandlerOutcome completed(QJsonValue result) { return {Status::Completed, std::move(result), {}, false}; }
    static HandlerOutcome failed(QString error, bool permanent = false)
    {
        return {Status::Failed, QJsonValue(QJsonValue::Null), std::move(error), permanent};
    }
    static HandlerOutcome cancelled(QString why) { return {Status::Cancelled, QJsonValue(QJsonValue::Null), std::move(why), false}; }
};

// A handler runs on a worker thread; it must return promptly once `token` is cancelled.
using TaskHandler = std::function<HandlerOutcome(const Task &task, CancellationToken &token)>;

} // namespace taskmill
