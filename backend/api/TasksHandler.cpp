// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "api/TasksHandler.h"

#include "wire/TaskFilter.h"
#include "api/TaskWriter.h"
#include "codec/TaskJson.h"
#include "observability/Logging.h"
#include "observability/Tracer.h"
#include "queue/TaskStream.h"
#include "store/EventRepository.h"
#include "store/TaskRepository.h"
#include "validation/TaskValidation.h"

#include <QHttpServer>
#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace taskmill {

namespace {
using Method = QHttpServerRequest::Method;

} // namespace

TasksHandler::RequestSpan TasksHandler::startSpan(const QHttpServerRequest &request)
{
    // The request's own span: a child of the caller's W3C traceparent, else the root of a new trace.
    // Its ids are what the tasks store, so each attempt span of a task is a child of this span.
    RequestSpan span;
    span.startNs = unixNanosNow();
    if (auto caller = TraceContext::fromTraceparent(request.value("traceparent"))) {
        span.context.traceId = caller->traceId;
        span.parentSpanId = caller->spanId;
    } else {
        span.context.traceId = TraceContext::newTraceId();
    }
    span.context.spanId = TraceContext::newSpanId();
    const RouteContext *route = RouteRegistry::current();
    span.name = route ? QString(route->method + u' ' + route->pattern) : QString(u"POST "_s + request.url().path());
    return span;
}

QFuture<HttpReply> TasksHandler::endSpan(QFuture<HttpReply> reply, const RequestSpan &span, const QList<Task> &tasks) const
{
    if (!m_tracer || !m_tracer->isEnabled())
        return reply;
    SpanData data;
    data.traceId = span.context.traceId;
    data.spanId = span.context.spanId;
    data.parentSpanId = span.parentSpanId;
    data.name = span.name;
    data.kind = SpanKind::Server;
    data.startNs = span.startNs;
    const qsizetype space = span.name.indexOf(u' ');
    data.setAttribute(u"http.request.method"_s, span.name.left(space));
    data.setAttribute(u"http.route"_s, span.name.mid(space + 1));
    data.setAttribute(u"taskmill.task.count"_s, qint64(tasks.size()));
    if (tasks.size() == 1) {
        data.setAttribute(u"task.id"_s, tasks.first().id.toString(QUuid::WithoutBraces));
        data.setAttribute(u"task.type"_s, tasks.first().type);
        data.setAttribute(u"task.priority"_s, toString(tasks.first().priority));
    }
    // Runs on whichever thread finished the write (writer or pool); Tracer::record is thread-safe.
    Tracer *tracer = m_tracer;
    return reply.then([tracer, data](HttpReply r) mutable {
        data.endNs = unixNanosNow();
        data.setAttribute(u"http.response.status_code"_s, r.status);
        if (r.status >= 500)
            data.status = SpanStatus::Error; // 4xx is the client's error, not this span's (OTel HTTP conventions)
        tracer->record(std::move(data));
        return r;
    });
}

TasksHandler::TasksHandler(ApiContext &context, QObject *parent) : QObject(parent), m_ctx(context) {}

void TasksHandler::registerRoutes(RouteRegistry &server)
{
    registerViewRoutes(server); // first: "/api/v1/tasks/<arg>" would also match /counts and /types
    for (const QString &path : {u"/api/v1/tasks"_s, u"/api/v1/tasks/"_s}) {
        server.route(path, Method::Post, [this](const QHttpServerRequest &r, QHttpServerResponder &&resp) {
            create(r, std::move(resp), false);
        });
        server.route(path, Method::Get, [this](const QHttpServerRequest &r, QHttpServerResponder &&resp) {
            list(r, std::move(resp));
        });
    }
    server.route(u"/api/v1/tasks/batch"_s, Method::Post, [this](const QHttpServerRequest &r, QHttpServerResponder &&resp) {
        createBatch(r, std::move(resp));
    });
    server.route(u"/api/v1/tasks/<arg>"_s, Method::Get, [this](const QString &id, const QHttpServerRequest &, QHttpServerResponder &&resp) {
        get(id, std::move(resp), QString());
    });
    server.route(u"/api/v1/tasks/<arg>/status"_s, Method::Get, [this](const QString &id, const QHttpServerRequest &, QHttpServerResponder &&resp) {
        get(id, std::move(resp), u"status"_s);
    });
    server.route(u"/api/v1/tasks/<arg>/history"_s, Method::Get, [this](const QString &id, const QHttpServerRequest &, QHttpServerResponder &&resp) {
        get(id, std::move(resp), u"history"_s);
    });
    server.route(u"/api/v1/tasks/<arg>"_s, Method::Delete, [this](const QString &id, const QHttpServerRequest &, QHttpServerResponder &&resp) {
        finish(id, std::move(resp), Status::Cancelled);
    });
    // Seed 000 compatibility: same store, its own shapes.
    server.route(u"/tasks"_s, Method::Post, [this](const QHttpServerRequest &r, QHttpServerResponder &&resp) {
        create(r, std::move(resp), true);
    });
    server.route(u"/tasks/<arg>/complete"_s, Method::Post, [this](const QString &id, const QHttpServerRequest &, QHttpServerResponder &&resp) {
        finish(id, std::move(resp), Status::Completed);
    });
}

Result<QUuid> TasksHandler::parseId(const QString &text)
{
    const QUuid id = QUuid::fromString(text);
    if (id.isNull())
        return ApiError::notFound(u"no task with id '%1' (not a UUID)"_s.arg(text));
    return id;
}

Result<QJsonDocument> TasksHandler::readBody(const QHttpServerRequest &request, qint64 maxBytes)
{
    const qint64 declared = request.value("content-length").toLongLong();
    const QByteArray body = request.body();
    if (declared > maxBytes || body.size() > maxBytes)
        return ApiError{ErrorCode::PayloadTooLarge, u"request body is larger than %1 bytes"_s.arg(maxBytes), {}};
    if (body.trimmed().isEmpty())
        return ApiError::badRequest(u"request body is empty; expected JSON"_s);
    return parseJsonBody(body);
}

Task TasksHandler::newTask(const CreateTaskRequest &r, const TraceContext &trace) const
{
    Task t;
    t.id = QUuid::createUuid();
    t.type = r.type;
    t.title = r.title;
    t.description = r.description;
    t.payload = r.payload;
    t.priority = r.priority;
    t.maxAttempts = r.maxAttempts;
    t.retryPolicy = r.retryPolicy;
    t.createdAt = QDateTime::currentDateTimeUtc();
    t.updatedAt = t.createdAt;
    t.runAt = r.runAt;
    t.status = r.runAt.isValid() && r.runAt > t.createdAt ? Status::Postponed : Status::New;
    t.traceId = trace.traceId;
    t.spanId = trace.spanId;
    t.result = QJsonValue(QJsonValue::Null);
    return t;
}

void TasksHandler::create(const QHttpServerRequest &request, QHttpServerResponder &&responder, bool seed000)
{
    const RequestSpan span = startSpan(request);
    const TraceScope scope(span.context);
    auto body = readBody(request, m_ctx.config().maxBodyBytes);
    if (!body)
        return respond(std::move(responder), HttpReply::error(body.error()));
    if (!body->isObject())
        return respond(std::move(responder), HttpReply::error(ApiError::badRequest(u"expected a JSON object"_s)));
    auto parsed = parseCreateTask(body->object());
    if (!parsed)
        return respond(std::move(responder), HttpReply::error(parsed.error()));
    const Task task = newTask(*parsed, span.context);
    submit(std::move(responder), span, {task}, m_ctx.config().durabilityFor(task.type, parsed->durability),
           [task, seed000](Status status) {
               if (seed000)
                   return HttpReply::json(QJsonObject{{u"id"_s, task.id.toString(QUuid::WithoutBraces)}}, 201);
               Task seen = task;
               seen.status = status;
               return HttpReply::json(toJson(seen), 201);
           });
}

void TasksHandler::submit(QHttpServerResponder &&responder, const RequestSpan &span, QList<Task> tasks,
                          const QString &durability, std::function<HttpReply(Status)> success)
{
    if (durability == u"durable") {
        auto reply = m_ctx.writer().submit(tasks).then([success, tasks](const std::optional<ApiError> &err) {
            return err ? HttpReply::error(*err) : success(tasks.first().status);
        });
        return respondLater(this, std::move(responder), endSpan(reply, span, tasks));
    }
    const ApiContext &ctx = m_ctx;
    const QFuture<HttpReply> reply = m_ctx.run([&ctx, tasks, durability, success, trace = span.context]() -> HttpReply {
        const TraceScope scope(trace);
        if (durability == u"replicated") {
            // Refuse rather than pretend: without a synchronous standby a commit lives on one server only.
            auto db = ctx.database().connection();
            if (!db)
                return HttpReply::error(db.error());
            auto standby = TaskRepository(*db).hasSynchronousStandby();
            if (!standby)
                return HttpReply::error(standby.error());
            if (!*standby)
                return HttpReply::error(ApiError::validation(
                    u"durability"_s, u"durability 'replicated' needs a PostgreSQL synchronous standby, and none is "
                                     "connected (synchronous_standby_names is empty or no standby is in sync)"_s));
            auto err = ctx.writer().submit(tasks, true).result();
            return err ? HttpReply::error(*err) : success(tasks.first().status);
        }
        // fast: acknowledged once Redis holds the entries (with the whole task); PostgreSQL follows in the
        // writer's next group. Delayed tasks have no entry yet, so they take the durable path.
        QList<QPair<QUuid, Priority>> entries;
        QList<QByteArray> documents;
        for (const Task &t : tasks) {
            entries.append({t.id, t.priority});
            documents.append(QJsonDocument(toJson(t)).toJson(QJsonDocument::Compact));
        }
        const bool delayed = tasks.first().status == Status::Postponed;
        if (!delayed) {
            TaskStream stream(ctx.redis(), ctx.streamPrefix());
            if (auto added = stream.add(entries, documents)) {
                ctx.writer().submitDispatched(tasks, *added);
                return success(Status::Pending);
            }
            // Redis refused: fall back to durable, which needs no Redis to acknowledge.
        }
        auto err = ctx.writer().submit(tasks).result();
        return err ? HttpReply::error(*err) : success(tasks.first().status);
    });
    respondLater(this, std::move(responder), endSpan(reply, span, tasks));
}

void TasksHandler::createBatch(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    // One span for the whole request: every task of the batch belongs to it (one trace per request).
    const RequestSpan span = startSpan(request);
    const TraceScope scope(span.context);
    auto body = readBody(request, m_ctx.config().maxBodyBytes);
    if (!body)
        return respond(std::move(responder), HttpReply::error(body.error()));
    if (!body->isArray())
        return respond(std::move(responder), HttpReply::error(ApiError::badRequest(u"expected a JSON array of tasks"_s)));
    const QJsonArray items = body->array();
    if (items.isEmpty() || items.size() > limits::BatchMax)
        return respond(std::move(responder), HttpReply::error(ApiError::validation(
                                                 u"items"_s, u"a batch holds 1 to %1 tasks"_s.arg(limits::BatchMax))));
    QList<Task> tasks;
    QStringList requested;
    tasks.reserve(items.size());
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QString prefix = u"[%1]."_s.arg(i);
        if (!items.at(i).isObject())
            return respond(std::move(responder), HttpReply::error(ApiError::validation(
                                                     u"[%1]"_s.arg(i), u"[%1] must be a JSON object"_s.arg(i))));
        auto parsed = parseCreateTask(items.at(i).toObject(), prefix);
        if (!parsed)
            return respond(std::move(responder), HttpReply::error(parsed.error()));
        tasks.append(newTask(*parsed, span.context));
        requested.append(parsed->durability);
    }
    QJsonArray ids;
    for (const Task &t : tasks)
        ids.append(t.id.toString(QUuid::WithoutBraces));
    // One transaction for the batch, so one level for all of it: the strictest any element asks for.
    auto rank = [](const QString &d) { return d == u"fast" ? 0 : d == u"durable" ? 1 : 2; };
    QString durability = u"fast"_s;
    bool anyDelayed = false;
    for (qsizetype i = 0; i < tasks.size(); ++i) {
        const QString d = m_ctx.config().durabilityFor(tasks.at(i).type, requested.at(i));
        if (rank(d) > rank(durability))
            durability = d;
        anyDelayed = anyDelayed || tasks.at(i).status == Status::Postponed;
    }
    if (anyDelayed && durability == u"fast")
        durability = u"durable"_s;
    submit(std::move(responder), span, tasks, durability, [ids](Status) {
        return HttpReply::json(QJsonObject{{u"ids"_s, ids}, {u"count"_s, ids.size()}}, 201);
    });
}

void TasksHandler::list(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    auto query = TaskListQuery::fromQuery(request.query());
    if (!query)
        return respond(std::move(responder), HttpReply::error(query.error()));
    const Database &database = m_ctx.database();
    respondLater(this, std::move(responder), m_ctx.run([&database, q = *query]() {
        auto db = database.connection();
        if (!db)
            return HttpReply::error(db.error());
        // Read the revision first: the page then reflects at least every event up to it.
        auto cursor = EventRepository(*db).cursor();
        // Counting the total may take up to 250 ms; past that it is estimated (docs/api.md).
        auto page = TaskRepository(*db).list(q, 250);
        if (page && cursor)
            page->revision = cursor->revision;
        if (!page && page.error().code == ErrorCode::Unavailable)
            database.closeThreadConnection();
        return HttpReply::from(page, [](const TaskPage &p) { return p.toJson(); });
    }));
}

void TasksHandler::get(const QString &idText, QHttpServerResponder &&responder, const QString &view)
{
    auto id = parseId(idText);
    if (!id)
        return respond(std::move(responder), HttpReply::error(id.error()));
    const Database &database = m_ctx.database();
    respondLater(this, std::move(responder), m_ctx.run([&database, id = *id, view]() {
        auto db = database.connection();
        if (!db)
            return HttpReply::error(db.error());
        TaskRepository repo(*db);
        if (view == u"history") {
            auto h = repo.history(id);
            return HttpReply::from(h, [](const QList<TaskHistoryEntry> &items) {
                QJsonArray a;
                for (const auto &e : items)
                    a.append(toJson(e));
                return QJsonObject{{u"items"_s, a}};
            });
        }
        auto task = repo.get(id);
        if (!task && task.error().code == ErrorCode::Unavailable)
            database.closeThreadConnection();
        if (view == u"status")
            return HttpReply::from(task, [](const Task &t) {
                return QJsonObject{{u"id"_s, t.id.toString(QUuid::WithoutBraces)}, {u"status"_s, toString(t.status)}};
            });
        return HttpReply::from(task, [](const Task &t) { return toJson(t); });
    }));
}

void TasksHandler::finish(const QString &idText, QHttpServerResponder &&responder, Status to)
{
    auto id = parseId(idText);
    if (!id)
        return respond(std::move(responder), HttpReply::error(id.error()));
    const ApiContext &ctx = m_ctx;
    respondLater(this, std::move(responder), m_ctx.run([&ctx, id = *id, to]() {
        auto db = ctx.database().connection();
        if (!db)
            return HttpReply::error(db.error());
        bool wasRunning = false;
        auto task = TaskRepository(*db).finishByHand(
            id, to, to == Status::Cancelled ? u"cancelled via API"_s : u"completed by hand via API"_s, &wasRunning);
        if (task && wasRunning) {
            // PostgreSQL already says CANCELLED; this only makes the owning handler stop sooner.
            // A lost message is covered by the executor's periodic check of its running tasks.
            auto r = ctx.redis().command({"PUBLISH", TaskStream(ctx.redis(), ctx.streamPrefix()).controlChannel(),
                                          "cancel " + id.toByteArray(QUuid::WithoutBraces)});
            if (!r)
                qCWarning(lcApi).noquote() << "could not signal cancellation:" << r.error().message;
        }
        return HttpReply::from(task, [](const Task &t) { return toJson(t); });
    }));
}

} // namespace taskmill
