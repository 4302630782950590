// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "api/ApiContext.h"
#include "api/RouteRegistry.h"
#include "api/HttpReply.h"

#include <QObject>
#include <QUrlQuery>

class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponder;

namespace taskmill {

// GET /api/v1/events?since=REV&limit=N — the task events after revision REV (for clients that poll or
// catch up after a reconnect): {events: [...], revision: <last returned, or since>, head: <newest>}.
// A REV older than what Redis still retains answers 410 `gone`: reload a snapshot (GET /api/v1/tasks
// returns the revision it is consistent with) and continue from there.
class EventsHandler final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventsHandler)
public:
    EventsHandler(ApiContext &context, QObject *parent = nullptr);
    void registerRoutes(RouteRegistry &server);
    // The route's operation (also TaskService.WatchEvents' catch-up over gRPC): query since, limit.
    void events(const QUrlQuery &query, ReplyTarget &&target);

    ApiContext &m_ctx;
};

} // namespace taskmill
