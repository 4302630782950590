// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "observability/Span.h"
#include "observability/TraceContext.h"
#include "store/ExecutionRepository.h"

namespace taskmill {

// How an attempt ended, as the attempt span's `taskmill.outcome` says it: completed, retry (failed, another
// attempt is due), dead_lettered (failed for good), failed, or cancelled.
QString attemptOutcome(const AttemptResult &result);

// The span of one attempt of `task` (docs/tracing.md): name "task <type>", kind CONSUMER, a child of the
// span the task stores (the create request's), with `attempt`'s own span id, the real start and end of
// the handler, and attributes task.id, task.type, task.priority, task.attempt, task.max_attempts,
// taskmill.worker, taskmill.outcome and, when it failed, error.message (also the status message).
SpanData attemptSpan(const Task &task, const TraceContext &attempt, qint64 startNs, qint64 endNs,
                     const AttemptResult &result, const QString &worker);

} // namespace taskmill
