// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "api/MonitorHandler.h"

#include "wire/StatsTypes.h"
#include "codec/TaskJson.h"
#include "queue/TaskStream.h"
#include "store/Database.h"
#include "store/TaskRow.h"

#include <QHttpServer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrlQuery>

#include <algorithm>
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

// An optional integer query parameter within [min, max]; absent or empty → `fallback`.
Result<qint64> intParam(const QUrlQuery &query, const QString &name, qint64 fallback, qint64 min, qint64 max)
{
    const QString text = query.queryItemValue(name);
    if (text.isEmpty())
        return fallback;
    bool ok = false;
    const qint64 v = text.toLongLong(&ok);
    if (!ok || v < min || v > max)
        return ApiError::validation(name, u"%1 must be an integer from %2 to %3"_s.arg(name).arg(min).arg(max));
    return v;
}

PendingEntry pendingEntry(Priority p, const RedisValue &e)
{
    // XPENDING extended form: [entry id, consumer, idle ms, deliveries].
    return {p, QString::fromLatin1(e.elements.value(0).string), QString::fromUtf8(e.elements.value(1).string), {},
            e.elements.value(2).integer, e.elements.value(3).integer};
}

Result<StatsSnapshot> readStats(const ApiContext &ctx)
{
    auto db = ctx.database().connection();
    if (!db)
        return db.error();
    QSqlQuery q(*db);
    StatsSnapshot s;
    s.visibilityTimeoutMs = ctx.config().visibilityTimeoutMs;
    if (!q.exec(u"SELECT status, priority, count(*) FROM tasks GROUP BY status, priority"_s))
        return dbError(q.lastError(), u"count tasks"_s);
    while (q.next())
        if (const auto status = statusFromString(q.value(0).toString()))
            s.setCount(*status, priorityFromDb(q.value(1).toInt()), q.value(2).toLongLong());
    if (!q.exec(u"SELECT count(*) FILTER (WHERE status = 'COMPLETED'), count(*) FILTER (WHERE status = 'FAILED'), "
                "count(*) FILTER (WHERE status = 'RETRY_WAITING') FROM tasks WHERE updated_at > now() - interval '1 minute'"_s)
        || !q.next())
        return dbError(q.lastError(), u"throughput"_s);
    s.completedLastMinute = q.value(0).toLongLong();
    s.failedLastMinute = q.value(1).toLongLong();
    s.retriedLastMinute = q.value(2).toLongLong();
    if (!q.exec(u"SELECT w.consumer, w.host, w.pid, w.threads, w.started_at, w.heartbeat_at, "
                "coalesce((SELECT json_agg(json_build_object('id', t.id, 'type', t.type, 'title', t.title, "
                "'started_ms', (extract(epoch FROM t.started_at) * 1000)::bigint) ORDER BY t.started_at) "
                "FROM tasks t WHERE t.worker = w.consumer AND t.status = 'IN_PROGRESS'), '[]')::text "
                "FROM workers w WHERE w.stopped_at IS NULL AND w.heartbeat_at > now() - make_interval(secs => %1 / 1000.0) "
                "ORDER BY w.consumer"_s.arg(s.visibilityTimeoutMs)))
        return dbError(q.lastError(), u"workers"_s);
    while (q.next()) {
        WorkerInfo w{q.value(0).toString(), q.value(1).toString(), q.value(2).toInt(), q.value(3).toInt(),
                     q.value(4).toDateTime(), q.value(5).toDateTime(), {}};
        for (const QJsonValue &v : QJsonDocument::fromJson(q.value(6).toString().toUtf8()).array()) {
            const QJsonObject t = v.toObject();
            w.running.append({QUuid::fromString(t.value(u"id"_s).toString()), t.value(u"type"_s).toString(),
                              t.value(u"title"_s).toString(),
                              t.value(u"started_ms"_s).isDouble()
                                  ? QDateTime::fromMSecsSinceEpoch(t.value(u"started_ms"_s).toInteger(), Qt::UTC)
                                  : QDateTime()});
        }
        s.workers.append(std::move(w));
    }

    // Redis: stream lengths and the consumer group's oldest pending entries (capped per stream).
    RedisConnection &redis = ctx.redis();
    TaskStream stream(redis, ctx.streamPrefix());
    for (Priority p : allPriorities()) {
        auto len = redis.command({"XLEN", stream.streamName(p)});
        if (!len) {
            s.redisUp = false;
            s.queues = {};
            s.pending.clear();
            break;
        }
        auto pel = redis.command({"XPENDING", stream.streamName(p), stream.groupName(), "-", "+", "1000"});
        const qint64 inFlight = pel ? pel->elements.size() : 0;
        s.queues[size_t(p)] = {len->integer, len->integer - inFlight, inFlight};
        if (pel)
            for (const RedisValue &e : pel->elements)
                s.pending.append(pendingEntry(p, e));
    }
    return s;
}

// Bucket b covers [b·step, (b+1)·step) seconds since the epoch, on PostgreSQL's clock (completed_at is
// set by now() there), so the buckets of two answers line up.
Result<ThroughputHistory> readThroughput(const ApiContext &ctx, qint64 minutes, qint64 step)
{
    auto db = ctx.database().connection();
    if (!db)
        return db.error();
    QSqlQuery q(*db);
    if (!q.exec(u"SELECT floor(extract(epoch FROM now()))::bigint"_s) || !q.next())
        return dbError(q.lastError(), u"clock"_s);
    const qint64 bucketCount = (minutes * 60 + step - 1) / step;
    const qint64 last = q.value(0).toLongLong() / step;
    const qint64 first = last - bucketCount + 1;
    ThroughputHistory h;
    h.stepSeconds = int(step);
    h.from = QDateTime::fromSecsSinceEpoch(first * step, Qt::UTC);
    h.to = QDateTime::fromSecsSinceEpoch((last + 1) * step, Qt::UTC);
    for (qint64 b = first; b <= last; ++b)
        h.buckets.append({QDateTime::fromSecsSinceEpoch(b * step, Qt::UTC)});
    q.prepare(u"SELECT floor(extract(epoch FROM completed_at) / ?)::bigint AS bucket, "
              "count(*) FILTER (WHERE status = 'COMPLETED'), count(*) FILTER (WHERE status = 'FAILED'), "
              "count(*) FILTER (WHERE status = 'CANCELLED') FROM tasks "
              "WHERE completed_at >= to_timestamp(?::bigint) AND completed_at < to_timestamp(?::bigint) GROUP BY bucket"_s);
    q.addBindValue(step);
    q.addBindValue(first * step);
    q.addBindValue((last + 1) * step);
    if (!q.exec())
        return dbError(q.lastError(), u"throughput history"_s);
    while (q.next()) {
        const qint64 i = q.value(0).toLongLong() - first;
        if (i < 0 || i >= h.buckets.size())
            continue;
        ThroughputBucket &b = h.buckets[i];
        b.completed = q.value(1).toLongLong();
        b.failed = q.value(2).toLongLong();
        b.cancelled = q.value(3).toLongLong();
    }
    return h;
}

Result<PendingReport> readPending(const ApiContext &ctx, qint64 limit, qint64 minIdleMs, const QString &consumer)
{
    RedisConnection &redis = ctx.redis();
    TaskStream stream(redis, ctx.streamPrefix());
    const QList<Priority> priorities = allPriorities();
    QList<QList<QByteArray>> commands;
    for (Priority p : priorities) {
        commands.append({"XPENDING", stream.streamName(p), stream.groupName()});
        QList<QByteArray> extended{"XPENDING", stream.streamName(p), stream.groupName(), "IDLE",
                                   QByteArray::number(minIdleMs), "-", "+", QByteArray::number(limit)};
        if (!consumer.isEmpty())
            extended.append(consumer.toUtf8());
        commands.append(extended);
    }
    auto replies = redis.pipeline(commands);
    if (!replies)
        return ApiError::unavailable(u"Redis: %1"_s.arg(replies.error().message));

    // An error reply (NOGROUP: no executor has created the group yet) means nothing is pending there.
    PendingReport report;
    report.visibilityTimeoutMs = ctx.config().visibilityTimeoutMs;
    QMap<QString, ConsumerPending> consumers;
    for (qsizetype i = 0; i < priorities.size(); ++i) {
        const RedisValue &summary = replies->at(2 * i);
        const RedisValue &entries = replies->at(2 * i + 1);
        if (summary.type == RedisValue::Type::Array) {
            report.total += summary.elements.value(0).integer;
            // [[consumer, "count"], …]; counts come as bulk strings in RESP2.
            for (const RedisValue &c : summary.elements.value(3).elements) {
                ConsumerPending &cp = consumers[QString::fromUtf8(c.elements.value(0).string)];
                cp.consumer = QString::fromUtf8(c.elements.value(0).string);
                cp.pending += c.elements.value(1).string.toLongLong();
            }
        }
        if (entries.type != RedisValue::Type::Array)
            continue;
        if (entries.elements.size() >= limit)
            report.truncated = true;
        for (const RedisValue &e : entries.elements)
            report.entries.append(pendingEntry(priorities.at(i), e));
    }
    std::stable_sort(report.entries.begin(), report.entries.end(),
                     [](const PendingEntry &a, const PendingEntry &b) { return a.idleMs > b.idleMs; });
    for (const PendingEntry &e : std::as_const(report.entries))
        if (consumers.contains(e.consumer))
            consumers[e.consumer].maxIdleMs = std::max(consumers[e.consumer].maxIdleMs, e.idleMs);
    if (report.entries.size() > limit) {
        report.truncated = true;
        report.entries.resize(limit);
    }

    // The task behind each listed entry (the entry's `id` field); an entry deleted meanwhile has none.
    QList<QList<QByteArray>> ranges;
    for (const PendingEntry &e : std::as_const(report.entries))
        ranges.append({"XRANGE", stream.streamName(e.priority), e.entry.toLatin1(), e.entry.toLatin1()});
    if (!ranges.isEmpty()) {
        auto found = redis.pipeline(ranges);
        if (!found)
            return ApiError::unavailable(u"Redis: %1"_s.arg(found.error().message));
        for (qsizetype i = 0; i < report.entries.size(); ++i) {
            const QList<RedisValue> fields = found->at(i).elements.value(0).elements.value(1).elements;
            for (qsizetype f = 0; f + 1 < fields.size(); f += 2)
                if (fields.at(f).string == "id")
                    report.entries[i].taskId = QUuid::fromString(QLatin1String(fields.at(f + 1).string));
        }
    }

    if (!consumers.isEmpty()) {
        auto db = ctx.database().connection();
        if (!db)
            return db.error();
        QSqlQuery q(*db);
        q.prepare(u"SELECT consumer FROM workers WHERE stopped_at IS NULL "
                  "AND heartbeat_at > now() - make_interval(secs => ? / 1000.0)"_s);
        q.addBindValue(report.visibilityTimeoutMs);
        if (!q.exec())
            return dbError(q.lastError(), u"workers"_s);
        while (q.next())
            if (auto it = consumers.find(q.value(0).toString()); it != consumers.end())
                it->alive = true;
    }
    report.consumers = consumers.values();
    return report;
}

} // namespace

void MonitorHandler::stats(QHttpServerResponder &&responder)
{
    const ApiContext &ctx = m_ctx;
    respondLater(this, std::move(responder), m_ctx.run([&ctx]() -> HttpReply {
        return HttpReply::from(readStats(ctx), [](const StatsSnapshot &s) { return s.toJson(); });
    }));
}

void MonitorHandler::throughput(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    const QUrlQuery query = request.query();
    const auto minutes = intParam(query, u"minutes"_s, ThroughputHistory::DefaultMinutes, 1, ThroughputHistory::MaxMinutes);
    if (!minutes)
        return respond(std::move(responder), HttpReply::error(minutes.error()));
    const auto step = intParam(query, u"step"_s, ThroughputHistory::DefaultStepSeconds, 1, ThroughputHistory::MaxStepSeconds);
    if (!step)
        return respond(std::move(responder), HttpReply::error(step.error()));
    if ((*minutes * 60 + *step - 1) / *step > ThroughputHistory::MaxBuckets)
        return respond(std::move(responder),
                       HttpReply::error(ApiError::validation(u"step"_s, u"step is too small for %1 minutes: at most %2 buckets"_s
                                                                             .arg(*minutes).arg(ThroughputHistory::MaxBuckets))));
    const ApiContext &ctx = m_ctx;
    respondLater(this, std::move(responder), m_ctx.run([&ctx, minutes = *minutes, step = *step]() -> HttpReply {
        return HttpReply::from(readThroughput(ctx, minutes, step), [](const ThroughputHistory &h) { return h.toJson(); });
    }));
}

void MonitorHandler::pending(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    const QUrlQuery query = request.query();
    const auto limit = intParam(query, u"limit"_s, PendingReport::DefaultLimit, 1, PendingReport::MaxLimit);
    if (!limit)
        return respond(std::move(responder), HttpReply::error(limit.error()));
    const auto minIdle = intParam(query, u"min_idle_ms"_s, 0, 0, std::numeric_limits<int>::max());
    if (!minIdle)
        return respond(std::move(responder), HttpReply::error(minIdle.error()));
    const QString consumer = query.queryItemValue(u"consumer"_s, QUrl::FullyDecoded);
    if (consumer.size() > 200)
        return respond(std::move(responder),
                       HttpReply::error(ApiError::validation(u"consumer"_s, u"consumer must be at most 200 characters"_s)));
    const ApiContext &ctx = m_ctx;
    respondLater(this, std::move(responder), m_ctx.run([&ctx, limit = *limit, minIdle = *minIdle, consumer]() -> HttpReply {
        return HttpReply::from(readPending(ctx, limit, minIdle, consumer), [](const PendingReport &r) { return r.toJson(); });
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
