// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// TaskService.WatchEvents: the WebSocket's events over a gRPC server stream (docs/events.md, docs/api.md "gRPC").
#include "api/grpc/TaskServiceImpl.h"

#include "api/EventHub.h"
#include "api/EventsHandler.h"
#include "api/Redaction.h"
#include "api/RouteRegistry.h"
#include "api/grpc/ProtoJson.h"
#include "wire/TaskFilter.h"

#include <QJsonArray>
#include <QScopeGuard>
#include <QUrlQuery>

#include <condition_variable>
#include <deque>
#include <mutex>

using namespace Qt::StringLiterals;

namespace taskmill::grpcapi {

namespace {
const QString Method = u"/taskmill.v1.TaskService/WatchEvents"_s;

// The live events one stream has not written yet; filled on the hub's follower thread.
struct LiveQueue
{
    std::mutex mutex;
    std::condition_variable arrived;
    std::deque<TaskEvent> events;
    bool overflowed = false;
};

// The subscription keys of a filter as the WebSocket's subscribe message spells them, so TaskFilter::fromSubscription
// checks them alike (q and created bounds are refused: events carry no text or creation time).
QJsonObject subscription(const v1::TaskFilter &f)
{
    QJsonObject rest = toRestJson(f);
    QJsonObject o;
    for (const auto &[from, to] : {std::pair{u"types"_s, u"types"_s}, std::pair{u"priorities"_s, u"priorities"_s},
                                   std::pair{u"statuses"_s, u"statuses"_s}, std::pair{u"ids"_s, u"task_ids"_s},
                                   std::pair{u"q"_s, u"q"_s}, std::pair{u"created_from"_s, u"created_from"_s},
                                   std::pair{u"created_to"_s, u"created_to"_s}})
        if (rest.contains(from))
            o.insert(to, rest.value(from));
    return o;
}
} // namespace

grpc::Status TaskServiceImpl::WatchEvents(grpc::ServerContext *context, const v1::WatchEventsRequest *request,
                                          grpc::ServerWriter<v1::TaskEvent> *writer)
{
    Principal who;
    if (grpc::Status admitted = m_bridge.admit(context, Method, &who); !admitted.ok())
        return admitted;
    auto filter = TaskFilter::fromSubscription(subscription(request->filter()));
    if (!filter)
        return GrpcBridge::toStatus(context, filter.error());
    if (request->from_revision() < 0)
        return GrpcBridge::toStatus(context, ApiError::validation(u"from_revision"_s, u"from_revision must be 0 or more"_s));

    // Live events first, so none falls between the catch-up and the subscription; duplicates are dropped by revision.
    auto live = std::make_shared<LiveQueue>();
    const QMetaObject::Connection connection = QObject::connect(
        &m_hub, &EventHub::eventsArrived, &m_hub, [live, f = *filter](const QList<TaskEvent> &events, qint64) {
            std::lock_guard lock(live->mutex);
            for (const TaskEvent &e : events)
                if (f.matchesEvent(e))
                    live->events.push_back(e);
            if (live->events.size() > size_t(MaxQueuedEvents)) {
                live->overflowed = true;
                live->events.clear();
            }
            live->arrived.notify_all();
        },
        Qt::DirectConnection);
    const auto disconnect = qScopeGuard([&connection] { QObject::disconnect(connection); });
    const auto send = [&](const QJsonValue &json) {
        v1::TaskEvent event;
        if (!GrpcBridge::toMessage((who.payloads ? json : redacted(json)).toObject(), &event).ok())
            return true; // logged by toMessage; one malformed event does not end the stream
        return writer->Write(event);
    };

    qint64 last = m_hub.revision();
    if (request->from_revision() > 0) {
        last = request->from_revision();
        for (;;) {
            QUrlQuery query;
            query.addQueryItem(u"since"_s, QString::number(last));
            query.addQueryItem(u"limit"_s, QString::number(CatchUpPage));
            QJsonObject page;
            grpc::Status status = m_bridge.run(context, Method, QJsonValue(), [this, query](const request::CallInfo &, ReplyTarget &&target) {
                m_events.events(query, std::move(target));
            }, &page);
            if (!status.ok())
                return status;
            const QJsonArray events = page.value(u"events"_s).toArray();
            for (const QJsonValue &v : events) {
                auto e = TaskEvent::fromJson(v.toObject());
                if (e && filter->matchesEvent(*e) && !send(v))
                    return grpc::Status::OK; // the client went away
            }
            last = page.value(u"revision"_s).toInteger(last);
            if (events.size() < CatchUpPage || last >= page.value(u"head"_s).toInteger())
                break;
        }
    }

    while (!context->IsCancelled() && !m_bridge.stopping()) {
        std::deque<TaskEvent> batch;
        bool overflowed = false;
        {
            std::unique_lock lock(live->mutex);
            live->arrived.wait_for(lock, std::chrono::milliseconds(GrpcBridge::CancelCheckMs),
                                   [&] { return !live->events.empty() || live->overflowed; });
            batch.swap(live->events);
            overflowed = live->overflowed;
        }
        if (overflowed) {
            v1::TaskEvent resync;
            resync.set_revision(last);
            resync.set_resync(true);
            writer->Write(resync);
            return grpc::Status::OK;
        }
        for (const TaskEvent &e : batch) {
            if (e.revision <= last)
                continue;
            if (!send(e.toJson()))
                return grpc::Status::OK;
            last = e.revision;
        }
    }
    if (m_bridge.stopping())
        return GrpcBridge::toStatus(context, ApiError::unavailable(u"the server is shutting down; watch again from revision %1"_s.arg(last)));
    return grpc::Status::OK;
}

} // namespace taskmill::grpcapi
