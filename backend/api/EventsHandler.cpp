// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "api/EventsHandler.h"

#include "queue/TaskEventStream.h"
#include "store/EventRepository.h"
#include "wire/QueryParams.h"

#include <limits>

#include <QHttpServer>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace taskmill {

namespace {
// Events one answer carries by default and at most: a client behind by more pages through.
constexpr int DefaultLimit = 1000;
constexpr int MaxLimit = 10'000;
} // namespace

EventsHandler::EventsHandler(ApiContext &context, QObject *parent) : QObject(parent), m_ctx(context) {}

void EventsHandler::registerRoutes(RouteRegistry &server)
{
    server.route(u"/api/v1/events"_s, QHttpServerRequest::Method::Get,
                 [this](const QHttpServerRequest &r, QHttpServerResponder &&resp) { events(r.query(), std::move(resp)); });
}

void EventsHandler::events(const QUrlQuery &q, ReplyTarget &&responder)
{
    const auto since = queryInt(q, u"since"_s, 0, 0, std::numeric_limits<qint64>::max());
    if (!since)
        return respond(std::move(responder), HttpReply::error(since.error()));
    const auto limit = queryInt(q, u"limit"_s, DefaultLimit, 1, MaxLimit);
    if (!limit)
        return respond(std::move(responder), HttpReply::error(limit.error()));
    const ApiContext &ctx = m_ctx;
    respondLater(this, std::move(responder), m_ctx.withDb([&ctx, since = *since, limit = int(*limit)](QSqlDatabase &db) -> HttpReply {
        TaskEventStream stream(ctx.redis(), ctx.streamPrefix());
        auto bounds = stream.bounds();
        if (!bounds)
            return HttpReply::error(ApiError::unavailable(u"Redis is unavailable: "_s + bounds.error().message));
        qint64 head = bounds->newest;
        if (head == 0) {
            // Empty stream (nothing yet, or Redis lost it): PostgreSQL knows the last revision given out.
            auto cursor = EventRepository(db).cursor();
            if (!cursor)
                return HttpReply::error(cursor.error());
            head = cursor->revision;
        }
        const qint64 oldest = bounds->oldest > 0 ? bounds->oldest : head + 1;
        if (since + 1 < oldest && since < head)
            return HttpReply::error({ErrorCode::Gone,
                                     u"events after revision %1 are no longer kept (oldest is %2): reload a snapshot"_s.arg(since).arg(oldest),
                                     u"since"_s, {}});
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
