// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "executor/AttemptOutcome.h"

namespace taskmill {

AttemptResult decideOutcome(const Task &task, Status status, const QJsonValue &result, const QString &error,
                            bool permanent, const RetryPolicy &policy, const QDateTime &now)
{
    AttemptResult r{task.id, task.attempts, status, result, error, {}, false};
    if (status != Status::Failed)
        return r;
    if (!permanent && task.attempts < task.maxAttempts) {
        r.status = Status::RetryWaiting;
        r.runAt = now.addMSecs(policy.delayMs(task.attempts));
        return r;
    }
    r.deadLetter = true;
    return r;
}

} // namespace taskmill
