// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "api/MonitorHandler.h"

#include "service/StatsReader.h"
#include "store/MonitorRepository.h"
#include "store/PauseRepository.h"
#include "wire/QueryParams.h"
#include "wire/StatsTypes.h"

#include <QHttpServer>
#include <QJsonArray>
#include <QUrlQuery>

#include <limits>

using namespace Qt::StringLiterals;

namespace taskmill {

MonitorHandler::MonitorHandler(ApiContext &context, QObject *parent) : QObject(parent), m_ctx(context) {}

void MonitorHandler::registerRoutes(RouteRegistry &server)
{
    server.route(u"/api/v1/stats"_s, QHttpServerRequest::Method::Get,
                 [this](const QHttpServerRequest &, QHttpServerResponder &&resp) { stats(std::move(resp)); });
    server.route(u"/api/v1/stats/throughput"_s, QHttpServerRequest::Method::Get,
                 [this](const QHttpServerRequest &r, QHttpServerResponder &&resp) { throughput(r, std::move(resp)); });
    server.route(u"/api/v1/stats/pending"_s, QHttpServerRequest::Method::Get,
                 [this](const QHttpServerRequest &r, QHttpServerResponder &&resp) { pending(r, std::move(resp)); });
    for (const QString &path : {u"/notifications"_s, u"/notifications/"_s})
        server.route(path, QHttpServerRequest::Method::Get,
                     [this](const QHttpServerRequest &r, QHttpServerResponder &&resp) { notifications(r, std::move(resp)); });
}

namespace {

// Seed 000's client shows this many notifications of each kind.
constexpr int NotificationsLimit = 100;
// Longer than any consumer name taskmilld makes (<host>-<pid> or executor.consumer), and keeps the
// XPENDING argument small.
constexpr int ConsumerNameMax = 200;

} // namespace

void MonitorHandler::stats(QHttpServerResponder &&responder)
{
    const ApiContext &ctx = m_ctx;
    respondLater(this, std::move(responder), m_ctx.withDb([&ctx](QSqlDatabase &db) {
        StatsReader reader(db, ctx.redis(), ctx.streamPrefix(), ctx.config().visibilityTimeoutMs);
        auto snapshot = reader.snapshot();
        if (!snapshot)
            return HttpReply::error(snapshot.error());
        // Beside the queue depths, which of them are paused (the items of GET /api/v1/pauses).
        return HttpReply::from(PauseRepository(db).list(), [&](const PauseSet &pauses) {
            snapshot->pauses = pauses;
            return snapshot->toJson();
        });
    }));
}

void MonitorHandler::throughput(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    const QUrlQuery query = request.query();
    const auto minutes = queryInt(query, u"minutes"_s, ThroughputHistory::DefaultMinutes, 1, ThroughputHistory::MaxMinutes);
    if (!minutes)
        return respond(std::move(responder), HttpReply::error(minutes.error()));
    const auto step = queryInt(query, u"step"_s, ThroughputHistory::DefaultStepSeconds, 1, ThroughputHistory::MaxStepSeconds);
    if (!step)
        return respond(std::move(responder), HttpReply::error(step.error()));
    if (ThroughputHistory::bucketCount(*minutes, *step) > ThroughputHistory::MaxBuckets)
        return respond(std::move(responder),
                       HttpReply::error(ApiError::validation(u"step"_s, u"step is too small for %1 minutes: at most %2 buckets"_s
                                                                             .arg(*minutes).arg(ThroughputHistory::MaxBuckets))));
    respondLater(this, std::move(responder), m_ctx.withDb([minutes = *minutes, step = *step](QSqlDatabase &db) {
        return HttpReply::from(MonitorRepository(db).throughput(minutes, step),
                               [](const ThroughputHistory &h) { return h.toJson(); });
    }));
}

void MonitorHandler::pending(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    const QUrlQuery query = request.query();
    const auto limit = queryInt(query, u"limit"_s, PendingReport::DefaultLimit, 1, PendingReport::MaxLimit);
    if (!limit)
        return respond(std::move(responder), HttpReply::error(limit.error()));
    const auto minIdle = queryInt(query, u"min_idle_ms"_s, 0, 0, std::numeric_limits<int>::max());
    if (!minIdle)
        return respond(std::move(responder), HttpReply::error(minIdle.error()));
    const QString consumer = queryValue(query, u"consumer"_s);
    if (consumer.size() > ConsumerNameMax)
        return respond(std::move(responder),
                       HttpReply::error(ApiError::validation(
                           u"consumer"_s, u"consumer must be at most %1 characters"_s.arg(ConsumerNameMax))));
    const ApiContext &ctx = m_ctx;
    const QueueInspector::PendingFilter filter{*limit, *minIdle, consumer};
    respondLater(this, std::move(responder), m_ctx.withDb([&ctx, filter](QSqlDatabase &db) {
        StatsReader reader(db, ctx.redis(), ctx.streamPrefix(), ctx.config().visibilityTimeoutMs);
        return HttpReply::from(reader.pending(filter), [](const PendingReport &r) { return r.toJson(); });
    }));
}

void MonitorHandler::notifications(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    const QString type = queryValue(request.query(), u"type"_s);
    if (type != u"completed" && type != u"non_completed")
        return respond(std::move(responder),
                       HttpReply::error(ApiError::validation(u"type"_s, u"type must be completed or non_completed"_s)));
    const bool completed = type == u"completed";
    respondLater(this, std::move(responder), m_ctx.withDb([completed](QSqlDatabase &db) {
        return HttpReply::from(MonitorRepository(db).notifications(completed, NotificationsLimit),
                               [](const QList<TaskNotification> &rows) {
                                   QJsonArray tasks;
                                   for (const TaskNotification &n : rows)
                                       tasks.append(n.toJson());
                                   return QJsonObject{{u"tasks"_s, tasks}};
                               });
    }));
}

} // namespace taskmill
