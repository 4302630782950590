// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <optional>

namespace taskmill {

// Where the current work sits in a W3C trace: the trace id and the id of the span doing the work.
// Ids are lower-case hex (32 and 16 characters), never all zero.
struct TraceContext
{
    QString traceId;
    QString spanId;

    bool isValid() const { return traceId.size() == 32 && spanId.size() == 16; }

    // A W3C `traceparent` header, "00-<trace id>-<parent span id>-<flags>". The span id of the answer is the
    // caller's span (the parent of whatever we start). Upper-case hex is accepted and lowered; an invalid
    // header (wrong lengths, all-zero ids, version ff) gives nullopt, and the caller starts a new trace.
    static std::optional<TraceContext> fromTraceparent(QByteArrayView header);
    QByteArray toTraceparent() const; // flags 01 (sampled)

    // Random ids from a per-thread generator: cheap enough for one span per task attempt.
    static QString newTraceId();
    static QString newSpanId();

    // The context of the work running on this thread (a request being handled, a task attempt), or
    // nullptr. JSON log lines carry its ids.
    static const TraceContext *current();
};

// Makes `context` the thread's current one for its lifetime; the previous one comes back afterwards,
// so scopes nest. Not movable: it must end on the thread that began it.
class TraceScope final
{
public:
    explicit TraceScope(TraceContext context);
    ~TraceScope();
    TraceScope(const TraceScope &) = delete;
    TraceScope &operator=(const TraceScope &) = delete;

private:
    TraceContext m_context;
    const TraceContext *m_previous;
};

} // namespace taskmill
