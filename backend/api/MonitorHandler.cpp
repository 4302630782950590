// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "api/MonitorHandler.h"

#include "codec/TaskJson.h"
#include "queue/TaskStream.h"
#include "store/Database.h"
#include "store/TaskRow.h"

#include <QHttpServer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace taskmill {

MonitorHandler::MonitorHandler(ApiContext &context, QObject *parent) : QObject(parent), m_ctx(context) {}

void MonitorHandler::registerRoutes(QHttpServer &server)
{
    server.route(u"/api/v1/stats"_s, QHttpServerRequest::Method::Get,
                 [this](const QHttpServerRequest &, QHttpServerResponder &&resp) { stats(std::move(resp)); });
    for (const QString &path : {u"/notifications"_s, u"/notifications/"_s})
        server.route(path, QHttpServerRequest::Method::Get,
                     [this](const QHttpServerRequest &r, QHttpServerResponder &&resp) { notifications(r, std::move(resp)); });
}

void MonitorHandler::stats(QHttpServerResponder &&responder)
{
    const ApiContext &ctx = m_ctx;
    respondLater(this, std::move(responder), m_ctx.run([&ctx]() -> HttpReply {
        auto db = ctx.database().connection();
        if (!db)
            return HttpReply::error(db.error());
        QSqlQuery q(*db);
        QJsonObject counts;
        for (Status s : allStatuses()) {
            QJsonObject byPriority;
            for (Priority p : allPriorities())
                byPriority.insert(toString(p), 0);
            counts.insert(toString(s), byPriority);
        }
        if (!q.exec(u"SELECT status, priority, count(*) FROM tasks GROUP BY status, priority"_s))
            return HttpReply::error(dbError(q.lastError(), u"count tasks"_s));
        while (q.next()) {
            QJsonObject byPriority = counts.value(q.value(0).toString()).toObject();
            byPriority.insert(toString(priorityFromDb(q.value(1).toInt())), q.value(2).toLongLong());
            counts.insert(q.value(0).toString(), byPriority);
        }
        if (!q.exec(u"SELECT count(*) FILTER (WHERE status = 'COMPLETED'), count(*) FILTER (WHERE status = 'FAILED'), "
                    "count(*) FILTER (WHERE status = 'RETRY_WAITING') FROM tasks WHERE updated_at > now() - interval '1 minute'"_s)
            || !q.next())
            return HttpReply::error(dbError(q.lastError(), u"throughput"_s));
        const QJsonObject lastMinute{{u"completed"_s, q.value(0).toLongLong()}, {u"failed"_s, q.value(1).toLongLong()},
                                     {u"retried"_s, q.value(2).toLongLong()}};
        const qint64 deadAfter = ctx.config().visibilityTimeoutMs;
        QJsonArray workers;
        if (!q.exec(u"SELECT w.consumer, w.host, w.pid, w.threads, w.started_at, w.heartbeat_at, "
                    "coalesce((SELECT json_agg(json_build_object('id', t.id, 'type', t.type, 'title', t.title, 'started_at', t.started_at)) "
                    "FROM tasks t WHERE t.worker = w.consumer AND t.status = 'IN_PROGRESS'), '[]')::text "
                    "FROM workers w WHERE w.stopped_at IS NULL AND w.heartbeat_at > now() - make_interval(secs => %1 / 1000.0) "
                    "ORDER BY w.consumer"_s.arg(deadAfter)))
            return HttpReply::error(dbError(q.lastError(), u"workers"_s));
        while (q.next())
            workers.append(QJsonObject{{u"consumer"_s, q.value(0).toString()}, {u"host"_s, q.value(1).toString()},
                                       {u"pid"_s, q.value(2).toInt()}, {u"threads"_s, q.value(3).toInt()},
                                       {u"started_at"_s, formatTimestamp(q.value(4).toDateTime())},
                                       {u"heartbeat_at"_s, formatTimestamp(q.value(5).toDateTime())},
                                       {u"running"_s, QJsonDocument::fromJson(q.value(6).toString().toUtf8()).array()}});

        // Redis: stream lengths and the consumer group's pending entries, per consumer with idle time.
        RedisConnection &redis = ctx.redis();
        TaskStream stream(redis, ctx.streamPrefix());
        QJsonObject queues;
        QJsonArray pending;
        bool redisUp = true;
        for (Priority p : allPriorities()) {
            auto len = redis.command({"XLEN", stream.streamName(p)});
            auto pel = redis.command({"XPENDING", stream.streamName(p), stream.groupName(), "-", "+", "1000"});
            if (!len) {
                redisUp = false;
                break;
            }
            const qint64 inFlight = pel ? pel->elements.size() : 0;
            queues.insert(toString(p), QJsonObject{{u"length"_s, len->integer}, {u"waiting"_s, len->integer - inFlight},
                                                   {u"pending"_s, inFlight}});
            if (pel)
                for (const RedisValue &e : pel->elements)
                    pending.append(QJsonObject{{u"priority"_s, toString(p)}, {u"entry"_s, QString::fromLatin1(e.elements.value(0).string)},
                                               {u"consumer"_s, QString::fromUtf8(e.elements.value(1).string)},
                                               {u"idle_ms"_s, e.elements.value(2).integer},
                                               {u"deliveries"_s, e.elements.value(3).integer}});
        }
        return HttpReply::json(QJsonObject{{u"counts"_s, counts}, {u"last_minute"_s, lastMinute}, {u"workers"_s, workers},
                                           {u"queues"_s, queues}, {u"pending"_s, pending}, {u"redis"_s, redisUp ? u"up"_s : u"down"_s}});
    }));
}

void MonitorHandler::notifications(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    const QString type = request.query().queryItemValue(u"type"_s);
    if (type != u"completed" && type != u"non_completed")
        return respond(std::move(responder),
                       HttpReply::error(ApiError::validation(u"type"_s, u"type must be completed or non_completed"_s)));
    const bool completed = type == u"completed";
    const Database &database = m_ctx.database();
    respondLater(this, std::move(responder), m_ctx.run([&database, completed]() -> HttpReply {
        auto db = database.connection();
        if (!db)
            return HttpReply::error(db.error());
        QSqlQuery q(*db);
        if (!q.exec(completed ? u"SELECT id, description, created_at, completed_at, trace_id, span_id FROM tasks "
                                "WHERE status = 'COMPLETED' ORDER BY completed_at DESC LIMIT 100"_s
                              : u"SELECT id, description, created_at, completed_at, trace_id, span_id FROM tasks "
                                "WHERE status <> 'COMPLETED' ORDER BY created_at DESC LIMIT 100"_s))
            return HttpReply::error(dbError(q.lastError(), u"notifications"_s));
        QJsonArray tasks;
        while (q.next())
            tasks.append(QJsonObject{{u"operation"_s, completed ? u"UPDATE"_s : u"INSERT"_s},
                                     {u"id"_s, q.value(0).toString()},
                                     {u"description"_s, q.value(1).toString()},
                                     {u"created_at"_s, formatTimestamp(q.value(2).toDateTime())},
                                     {u"completed_at"_s, q.value(3).isNull() ? QJsonValue(QJsonValue::Null)
                                                                             : QJsonValue(formatTimestamp(q.value(3).toDateTime()))},
                                     {u"trace_id"_s, q.value(4).toString()},
                                     {u"span_id"_s, q.value(5).toString()}});
        return HttpReply::json(QJsonObject{{u"tasks"_s, tasks}});
    }));
}

} // namespace taskmill
