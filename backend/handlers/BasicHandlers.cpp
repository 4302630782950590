// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "handlers/BasicHandlers.h"

#include "handlers/SchemaText.h"

using namespace Qt::StringLiterals;

namespace taskmill {

namespace {
constexpr qint64 MaxSleepMs = 86'400'000;
} // namespace

BuiltinHandler noopHandler()
{
    return {u"noop"_s, u"Completes at once with {\"ok\": true}. For tests, benchmarks and tasks made by the seed routes."_s,
            schemaFromText(R"({"type": "object"})"),
            [](const Task &, CancellationToken &, const HandlerSettings &) {
                return HandlerOutcome::completed(QJsonObject{{u"ok"_s, true}});
            }};
}

BuiltinHandler sleepHandler()
{
    return {u"sleep"_s, u"Waits payload.ms milliseconds; stops early when the task is cancelled."_s,
            schemaFromText(R"({"type": "object", "required": ["ms"],
                "properties": {"ms": {"type": "integer", "minimum": 0, "maximum": 86400000}}})"),
            [](const Task &task, CancellationToken &token, const HandlerSettings &) {
                // The schema checks creates; a task stored before the registry existed is checked here too.
                const QJsonValue ms = task.payload.value(u"ms"_s);
                const double d = ms.toDouble(-1);
                if (!ms.isDouble() || d < 0 || d > double(MaxSleepMs) || d != double(qint64(d)))
                    return HandlerOutcome::failed(u"payload.ms must be an integer from 0 to 86400000"_s, true);
                if (token.waitFor(qint64(d)))
                    return HandlerOutcome::cancelled(u"cancelled while sleeping"_s);
                return HandlerOutcome::completed(QJsonObject{{u"slept_ms"_s, qint64(d)}});
            }};
}

BuiltinHandler failHandler()
{
    return {u"fail"_s, u"Fails with payload.message; with payload.times, only the first N attempts fail."_s,
            schemaFromText(R"({"type": "object", "properties": {
                "message": {"type": "string"}, "times": {"type": "integer", "minimum": 0}}})"),
            [](const Task &task, CancellationToken &, const HandlerSettings &) {
                // {"times": N} fails the first N attempts and then succeeds: a flaky dependency, for retries.
                const QJsonValue times = task.payload.value(u"times"_s);
                if (times.isDouble() && task.attempts > times.toInt())
                    return HandlerOutcome::completed(QJsonObject{{u"succeeded_on_attempt"_s, task.attempts}});
                const QString message = task.payload.value(u"message"_s).toString();
                return HandlerOutcome::failed(message.isEmpty() ? u"failed on purpose (fail handler)"_s : message);
            }};
}

} // namespace taskmill
