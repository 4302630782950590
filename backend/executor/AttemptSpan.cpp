// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "executor/AttemptSpan.h"

using namespace Qt::StringLiterals;

namespace taskmill {

QString attemptOutcome(const AttemptResult &result)
{
    switch (result.status) {
    case Status::Completed: return u"completed"_s;
    case Status::RetryWaiting: return u"retry"_s;
    case Status::Cancelled: return u"cancelled"_s;
    case Status::Failed: return result.deadLetter ? u"dead_lettered"_s : u"failed"_s;
    default: return toString(result.status).toLower();
    }
}

SpanData attemptSpan(const Task &task, const TraceContext &attempt, qint64 startNs, qint64 endNs,
                     const AttemptResult &result, const QString &worker)
{
    SpanData s;
    s.traceId = attempt.traceId;
    s.spanId = attempt.spanId;
    // A task stored without a trace (rows older than tracing) starts its own; its attempts are then roots.
    if (task.traceId == attempt.traceId)
        s.parentSpanId = task.spanId;
    s.name = u"task "_s + task.type;
    s.kind = SpanKind::Consumer;
    s.startNs = startNs;
    s.endNs = endNs;
    s.attributes.reserve(9);
    s.setAttribute(u"task.id"_s, task.id.toString(QUuid::WithoutBraces));
    s.setAttribute(u"task.type"_s, task.type);
    s.setAttribute(u"task.priority"_s, toString(task.priority));
    s.setAttribute(u"task.attempt"_s, task.attempts);
    s.setAttribute(u"task.max_attempts"_s, task.maxAttempts);
    s.setAttribute(u"taskmill.worker"_s, worker);
    s.setAttribute(u"taskmill.outcome"_s, attemptOutcome(result));
    if (result.status == Status::Completed) {
        s.status = SpanStatus::Ok;
    } else if (result.status != Status::Cancelled) {
        s.status = SpanStatus::Error;
        s.statusMessage = result.error;
        s.setAttribute(u"error.message"_s, result.error);
    }
    if (result.status == Status::RetryWaiting)
        s.setAttribute(u"taskmill.retry_at"_s, result.runAt.toString(Qt::ISODateWithMs));
    return s;
}

} // namespace taskmill
