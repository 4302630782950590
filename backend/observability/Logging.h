// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include <QLoggingCategory>

namespace taskmill {

// One category per backend folder; enable with QT_LOGGING_RULES="taskmill.backend.*.debug=true".
Q_DECLARE_LOGGING_CATEGORY(lcApi)
Q_DECLARE_LOGGING_CATEGORY(lcStore)
Q_DECLARE_LOGGING_CATEGORY(lcQueue)
Q_DECLARE_LOGGING_CATEGORY(lcExecutor)
Q_DECLARE_LOGGING_CATEGORY(lcScheduler)
Q_DECLARE_LOGGING_CATEGORY(lcNotifier)
Q_DECLARE_LOGGING_CATEGORY(lcDaemon)
Q_DECLARE_LOGGING_CATEGORY(lcTracing)
Q_DECLARE_LOGGING_CATEGORY(lcService)

enum class LogFormat { Text, Json };

// Installs the process-wide message handler: "time level category: message" or one JSON object per line
// {ts, level, category, msg[, trace_id, span_id]}; the ids are those of the thread's current TraceContext
// (a request being handled, a task attempt running), so a log shipper can join lines to traces.
void installLogHandler(LogFormat format);

} // namespace taskmill
