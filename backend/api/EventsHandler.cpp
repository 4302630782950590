// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "api/EventsHandler.h"

#include "queue/TaskEventStream.h"
#include "store/EventRepository.h"

#include <QHttpServer>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace taskmill {

EventsHandler::EventsHandler(ApiContext &context, QObject *parent) : QObject(parent), m_ctx(context) {}

void EventsHandler::registerRoutes(RouteRegistry &server)
{
    server.route(u"/api/v1/events"_s, QHttpServerRequest::Method::Get,
                 [this](const QHttpServerRequest &r, QHttpServerResponder &&resp) { events(r, std::move(resp)); });
}

void EventsHandler::events(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    const QUrlQuery q = request.query();
    bool ok = true;
    const qint64 since = q.hasQueryItem(u"since"_s) ? q.queryItemValue(u"since"_s).toLongLong(&ok) : 0;
    if (!ok || since < 0)
        return respond(std::move(responder), HttpReply::error(ApiError::validation(u"since"_s, u"since must be a revision (integer ≥ 0)"_s)));
    const int limit = q.hasQueryItem(u"limit"_s) ? q.queryItemValue(u"limit"_s).toInt(&ok) : 1000;
    if (!ok || limit < 1 || limit > 10'000)
        return respond(std::move(responder), HttpReply::error(ApiError::validation(u"limit"_s, u"limit must be an integer from 1 to 10000"_s)));
    const ApiContext &ctx = m_ctx;
    respondLater(this, std::move(responder), m_ctx.run([&ctx, since, limit]() -> HttpReply {
        TaskEventStream stream(ctx.redis(), ctx.streamPrefix());
        auto bounds = stream.bounds();
        if (!bounds)
            return HttpReply::error(ApiError::unavailable(u"Redis is unavailable: "_s + bounds.error().message));
        qint64 head = bounds->newest;
        if (head == 0) {
            // Empty stream (nothing yet, or Redis lost it): PostgreSQL knows the last revision given out.
            auto db = ctx.database().connection();
            if (!db)
                return HttpReply::error(db.error());
            auto cursor = EventRepository(*db).cursor();
            if (!cursor)
                return HttpReply::error(cursor.error());
            head = cursor->revision;
        }
        const qint64 oldest = bounds->oldest > 0 ? bounds->oldest : head + 1;
        if (since + 1 < oldest && since < head)
            return HttpReply::error({ErrorCode::Gone,
                                     u"events after revision %1 are no longer kept (oldest is %2): reload a snapshot"_s.arg(since).arg(oldest),
                                     u"since"_s});
        auto events = stream.after(since, limit);
        if (!events)
            return HttpReply::error(ApiError::unavailable(u"Redis is unavailable: "_s + events.error().message));
        QJsonArray list;
        for (const TaskEvent &e : *events)
            list.append(e.toJson());
        return HttpReply::json(QJsonObject{{u"events"_s, list},
                                           {u"revision"_s, events->isEmpty() ? since : events->last().revision},
                                           {u"head"_s, head}});
    }));
}

} // namespace taskmill
