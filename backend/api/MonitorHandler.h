// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "api/ApiContext.h"
#include "api/RouteRegistry.h"
#include "api/HttpReply.h"

#include <QObject>

class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponder;

namespace taskmill {

// Read-only views for dashboards and seed-000 clients (wire types: shared/wire/StatsTypes.h):
//   GET /api/v1/stats — counts by status × priority, queue depth per stream (the numbers /metrics
//       exports), the oldest pending entries of each stream (with consumer and idle time), throughput
//       over the last minute, executors alive with their running tasks, the visibility timeout
//       → StatsSnapshot. Redis down → 200 with "redis": "down" and empty queues.
//   GET /api/v1/stats/throughput?minutes=15&step=10 — tasks finished (completed / failed / cancelled) per
//       `step`-second bucket over the last `minutes`, every bucket present, oldest first → ThroughputHistory.
//       minutes 1–1440, step 1–3600, at most 1440 buckets; else 422 naming the field.
//   GET /api/v1/stats/pending?limit=100&min_idle_ms=0&consumer= — the Redis Streams pending list: exact
//       counts per consumer (alive or not), and the longest-idle entries (XPENDING extended form, the
//       oldest `limit` of each stream, merged, longest idle first, at most `limit`) with their task ids
//       → PendingReport. limit 1–1000, min_idle_ms ≥ 0, consumer at most 200 characters; Redis or
//       PostgreSQL down → 503.
//   GET /notifications/?type=completed|non_completed — seed 000's notifications: the 100 most recent
//       completed (operation UPDATE) or not completed (operation INSERT) tasks in its shape
//       {operation, id, description, created_at, completed_at, trace_id, span_id}.
class MonitorHandler final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MonitorHandler)
public:
    MonitorHandler(ApiContext &context, QObject *parent = nullptr);
    void registerRoutes(RouteRegistry &server);

private:
    void stats(QHttpServerResponder &&responder);
    void throughput(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    void pending(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    void notifications(const QHttpServerRequest &request, QHttpServerResponder &&responder);

    ApiContext &m_ctx;
};

} // namespace taskmill
