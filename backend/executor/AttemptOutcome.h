// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "model/RetryPolicy.h"
#include "model/Task.h"
#include "store/ExecutionRepository.h"

namespace taskmill {

// What becomes of an attempt: success, a retry after the policy's backoff, or the dead-letter queue
// (last attempt failed, or a permanent failure). Cancelled stays cancelled. Pure: the executor decides,
// ExecutionRepository only records what was decided.
AttemptResult decideOutcome(const Task &task, Status status, const QJsonValue &result, const QString &error,
                            bool permanent, const RetryPolicy &policy, const QDateTime &now);

} // namespace taskmill
