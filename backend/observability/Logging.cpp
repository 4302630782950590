// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "observability/Logging.h"

#include "observability/TraceContext.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>
#include <mutex>

namespace taskmill {

Q_LOGGING_CATEGORY(lcApi, "taskmill.backend.api", QtInfoMsg)
Q_LOGGING_CATEGORY(lcStore, "taskmill.backend.store", QtInfoMsg)
Q_LOGGING_CATEGORY(lcQueue, "taskmill.backend.queue", QtInfoMsg)
Q_LOGGING_CATEGORY(lcExecutor, "taskmill.backend.executor", QtInfoMsg)
Q_LOGGING_CATEGORY(lcScheduler, "taskmill.backend.scheduler", QtInfoMsg)
Q_LOGGING_CATEGORY(lcNotifier, "taskmill.backend.notifier", QtInfoMsg)
Q_LOGGING_CATEGORY(lcDaemon, "taskmill.backend.daemon", QtInfoMsg)
Q_LOGGING_CATEGORY(lcTracing, "taskmill.backend.tracing", QtInfoMsg)
Q_LOGGING_CATEGORY(lcService, "taskmill.backend.service", QtInfoMsg)

namespace {
LogFormat g_format = LogFormat::Text;
std::mutex g_mutex;

const char *levelName(QtMsgType t)
{
    switch (t) {
    case QtDebugMsg: return "debug";
    case QtInfoMsg: return "info";
    case QtWarningMsg: return "warning";
    case QtCriticalMsg: return "critical";
    case QtFatalMsg: return "fatal";
    }
    return "info";
}

void handler(QtMsgType type, const QMessageLogContext &ctx, const QString &msg)
{
    const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    QByteArray line;
    if (g_format == LogFormat::Json) {
        QJsonObject o{{QStringLiteral("ts"), now},
                      {QStringLiteral("level"), QLatin1String(levelName(type))},
                      {QStringLiteral("category"), QLatin1String(ctx.category ? ctx.category : "default")},
                      {QStringLiteral("msg"), msg}};
        if (const TraceContext *trace = TraceContext::current()) {
            o.insert(QStringLiteral("trace_id"), trace->traceId);
            o.insert(QStringLiteral("span_id"), trace->spanId);
        }
        line = QJsonDocument(o).toJson(QJsonDocument::Compact);
    } else {
        line = now.toUtf8() + ' ' + levelName(type) + ' ' + (ctx.category ? ctx.category : "default") + ": "
            + msg.toUtf8();
    }
    line += '\n';
    // Logs go to stderr; stdout carries only the machine-readable "listening on" line.
    std::lock_guard lock(g_mutex);
    std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
    std::fflush(stderr);
    if (type == QtFatalMsg)
        std::abort();
}
} // namespace

void installLogHandler(LogFormat format)
{
    g_format = format;
    qInstallMessageHandler(handler);
}

} // namespace taskmill
