// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "api/ApiContext.h"
#include "api/HttpReply.h"

#include <QObject>

class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponder;

namespace taskmill {

// Read-only views for dashboards and seed-000 clients:
//   GET /api/v1/stats — counts by status × priority, queue depth per stream, pending entries per consumer
//       (with idle time), throughput over the last minute, executors alive with their running tasks.
//   GET /notifications/?type=completed|non_completed — seed 000's notifications: the 100 most recent
//       completed (operation UPDATE) or not completed (operation INSERT) tasks in its shape
//       {operation, id, description, created_at, completed_at, trace_id, span_id}.
class MonitorHandler final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MonitorHandler)
public:
    MonitorHandler(ApiContext &context, QObject *parent = nullptr);
    void registerRoutes(QHttpServer &server);

private:
    void stats(QHttpServerResponder &&responder);
    void notifications(const QHttpServerRequest &request, QHttpServerResponder &&responder);

    ApiContext &m_ctx;
};

} // namespace taskmill
