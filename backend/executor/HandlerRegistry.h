// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "executor/CancellationToken.h"
#include "model/Task.h"

#include <QHash>

#include <functional>

namespace taskmill {

// What one attempt of a handler produced.
struct HandlerOutcome
{
    Status status = Status::Completed; // Completed, Failed or Cancelled
    QJsonValue result;
    QString error;
    // A failure that no retry can fix (unknown type, a payload that can never be valid): the task goes
    // to the dead-letter queue at once instead of using up its attempts.
    bool permanent = false;
};

// A handler runs on a worker thread; it must return promptly once `token` is cancelled.
using TaskHandler = std::function<HandlerOutcome(const Task &task, CancellationToken &token)>;

// Task type → handler. The built-ins (docs/handlers.md):
//   noop   completes at once with {"ok": true}
//   sleep  {"ms": N} waits N ms (0..86,400,000), stops early when cancelled
//   fail   {"message": "...", "times": N} fails with that message; with `times`, only the first N
//          attempts fail and later ones complete (for retries and the dead-letter queue)
class HandlerRegistry final
{
public:
    static HandlerRegistry withBuiltins();

    void add(const QString &type, TaskHandler handler);
    // Makes `type` run the handler registered as `target`; false when there is no such handler.
    bool addAlias(const QString &type, const QString &target);
    bool contains(const QString &type) const { return m_handlers.contains(type); }
    QStringList types() const;

    // Runs the handler for task.type; an unknown type or a thrown exception is a failed attempt.
    HandlerOutcome run(const Task &task, CancellationToken &token) const;

private:
    QHash<QString, TaskHandler> m_handlers;
};

} // namespace taskmill
