// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "api/TasksHandler.h"

#include "api/Request.h"
#include "codec/TaskJson.h"
#include "observability/Logging.h"
#include "observability/Tracer.h"
#include "queue/TaskStream.h"
#include "service/HandlerCatalog.h"
#include "service/TaskActions.h"
#include "service/TaskWriter.h"
#include "store/EventRepository.h"
#include "store/ServerProbe.h"
#include "store/TaskQueryRepository.h"
#include "validation/TaskValidation.h"
#include "wire/TaskFilter.h"

#include <QHttpServer>
#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace taskmill {

namespace {
using Method = QHttpServerRequest::Method;

} // namespace

TasksHandler::RequestSpan TasksHandler::startSpan(const QByteArray &traceparent)
{
    // The request's own span: a child of the caller's W3C traceparent, else the root of a new trace.
    // Its ids are what the tasks store, so each attempt span of a task is a child of this span.
    RequestSpan span;
    span.startNs = unixNanosNow();
    if (auto caller = TraceContext::fromTraceparent(traceparent)) {
        span.context.traceId = caller->traceId;
        span.parentSpanId = caller->spanId;
    } else {
        span.context.traceId = TraceContext::newTraceId();
    }
    span.context.spanId = TraceContext::newSpanId();
    const RouteContext *route = RouteRegistry::current();
    span.name = route ? QString(route->method + u' ' + route->pattern) : u"POST /api/v1/tasks"_s;
    return span;
}

std::function<HttpReply(HttpReply)> TasksHandler::endSpan(const RequestSpan &span, const QList<Task> &tasks) const
{
    if (!m_tracer || !m_tracer->isEnabled())
        return [](HttpReply r) { return r; };
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
    // Runs on the server thread as the reply is written; Tracer::record is thread-safe.
    Tracer *tracer = m_tracer;
    return [tracer, data](HttpReply r) mutable {
        data.endNs = unixNanosNow();
        data.setAttribute(u"http.response.status_code"_s, r.status);
        if (r.status >= 500)
            data.status = SpanStatus::Error; // 4xx is the client's error, not this span's (OTel HTTP conventions)
        tracer->record(std::move(data));
        return r;
    };
}

TasksHandler::TasksHandler(ApiContext &context, QObject *parent)
    : QObject(parent), m_ctx(context), m_createLimit(context.config().createRatePerS, context.config().createBurst)
{
}

std::optional<ApiError> TasksHandler::rateLimited(const QHostAddress &peer, int tasks)
{
    const Principal &p = RouteRegistry::principal();
    if (p.kind == Principal::Kind::Local)
        return std::nullopt;
    constexpr double AddressFactor = 10; // several tokens behind one address (a NAT, a worker host) share more
    const auto wait = m_createLimit.take({{p.actor(), 1}, {u"addr:"_s + peer.toString(), AddressFactor}}, tasks);
    if (!wait)
        return std::nullopt;
    ApiError e{ErrorCode::TooManyRequests,
               u"too many tasks created: at most %1 a second (bursts of %2) per token or account; retry in %3 s"_s
                   .arg(m_ctx.config().createRatePerS).arg(m_ctx.config().createBurst).arg(*wait),
               {}, {}};
    e.retryAfterS = *wait;
    return e;
}

void TasksHandler::registerRoutes(RouteRegistry &server)
{
    registerViewRoutes(server); // first: "/api/v1/tasks/<arg>" would also match /counts and /types
    for (const QString &path : {u"/api/v1/tasks"_s, u"/api/v1/tasks/"_s}) {
        server.route(path, Method::Post, [this](const QHttpServerRequest &r, QHttpServerResponder &&resp) {
            create(r, std::move(resp), false);
        });
        server.route(path, Method::Get, [this](const QHttpServerRequest &r, QHttpServerResponder &&resp) {
            listTasks(r.query(), std::move(resp));
        });
    }
    server.route(u"/api/v1/tasks/batch"_s, Method::Post, [this](const QHttpServerRequest &r, QHttpServerResponder &&resp) {
        createBatch(r, std::move(resp));
    });
    server.route(u"/api/v1/tasks/<arg>"_s, Method::Get, [this](const QString &id, const QHttpServerRequest &, QHttpServerResponder &&resp) {
        getTask(id, QString(), std::move(resp));
    });
    server.route(u"/api/v1/tasks/<arg>/status"_s, Method::Get, [this](const QString &id, const QHttpServerRequest &, QHttpServerResponder &&resp) {
        getTask(id, u"status"_s, std::move(resp));
    });
    server.route(u"/api/v1/tasks/<arg>/history"_s, Method::Get, [this](const QString &id, const QHttpServerRequest &, QHttpServerResponder &&resp) {
        getTask(id, u"history"_s, std::move(resp));
    });
    server.route(u"/api/v1/tasks/<arg>"_s, Method::Delete, [this](const QString &id, const QHttpServerRequest &, QHttpServerResponder &&resp) {
        finishTask(id, Status::Cancelled, std::move(resp));
    });
    // Seed 004: a status set by hand; only the moves an operator can make (finishing an unfinished task).
    server.route(u"/api/v1/tasks/<arg>/status"_s, Method::Put, [this](const QString &id, const QHttpServerRequest &r, QHttpServerResponder &&resp) {
        setStatus(id, r, std::move(resp));
    });
    // Seed 000 compatibility: same store, its own shapes.
    server.route(u"/tasks"_s, Method::Post, [this](const QHttpServerRequest &r, QHttpServerResponder &&resp) {
        create(r, std::move(resp), true);
    });
    server.route(u"/tasks/<arg>/complete"_s, Method::Post, [this](const QString &id, const QHttpServerRequest &, QHttpServerResponder &&resp) {
        finishTask(id, Status::Completed, std::move(resp));
    });
}

Task TasksHandler::newTask(const CreateTaskRequest &r, const TraceContext &trace) const
{
    Task t;
    t.id = newTaskId();
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
    t.owner = RouteRegistry::principal().actor(); // from the credentials, never from the body (OWASP API3)
    return t;
}

std::optional<ApiError> TasksHandler::typeAllowed(const QString &type, const QString &field)
{
    const Principal &p = RouteRegistry::principal();
    if (p.types.isEmpty() || p.types.contains(type))
        return std::nullopt;
    return ApiError{ErrorCode::Forbidden, u"this token may only create tasks of the types %1"_s.arg(p.types.join(u", "_s)), field, {}};
}

QString TasksHandler::ownerScope()
{
    const Principal &p = RouteRegistry::principal();
    return p.ownTasksOnly() ? p.actor() : QString();
}

void TasksHandler::create(const QHttpServerRequest &request, QHttpServerResponder &&responder, bool seed000)
{
    auto body = request::objectBody(request, m_ctx.config().maxBodyBytes);
    if (!body)
        return respond(std::move(responder), HttpReply::error(body.error()));
    createTask(request::CallInfo::of(request), *body, std::move(responder), seed000);
}

void TasksHandler::createTask(const request::CallInfo &call, const QJsonObject &body, ReplyTarget &&target, bool seed000)
{
    const RequestSpan span = startSpan(call.traceparent);
    const TraceScope scope(span.context);
    auto parsed = parseCreateTask(body);
    if (!parsed)
        return respond(std::move(target), HttpReply::error(parsed.error()));
    if (auto refused = typeAllowed(parsed->type, u"type"_s))
        return respond(std::move(target), HttpReply::error(*refused));
    if (auto refused = m_ctx.handlers().admit(*parsed))
        return respond(std::move(target), HttpReply::error(*refused));
    if (auto refused = rateLimited(call.peer, 1))
        return respond(std::move(target), HttpReply::error(*refused));
    const Task task = newTask(*parsed, span.context);
    const Durability durability = m_ctx.config().durabilityFor(task.type, parsed->durability);
    auto success = [task, seed000](Status status) {
        if (seed000)
            return HttpReply::json(QJsonObject{{u"id"_s, task.id.toString(QUuid::WithoutBraces)}}, 201);
        Task seen = task;
        seen.status = status;
        return HttpReply::json(toJson(seen), 201);
    };
    if (!call.idempotencyKey.isEmpty())
        return submitKeyed(std::move(target), span, {task}, durability, call.idempotencyKey, body,
                           seed000 ? CreateAnswer::SeedId : CreateAnswer::Task, success);
    submit(std::move(target), span, {task}, durability, success);
}

std::optional<ApiError> TasksHandler::refuseWithoutStandby(QSqlDatabase &db)
{
    // Refuse rather than pretend: without a synchronous standby a commit lives on one server only.
    auto standby = ServerProbe(db).hasSynchronousStandby();
    if (!standby)
        return standby.error();
    if (!*standby)
        return ApiError::validation(u"durability"_s, u"durability 'replicated' needs a PostgreSQL synchronous standby, and none is "
                                                     "connected (synchronous_standby_names is empty or no standby is in sync)"_s);
    return std::nullopt;
}

void TasksHandler::submit(ReplyTarget &&target, const RequestSpan &span, QList<Task> tasks,
                          Durability durability, std::function<HttpReply(Status)> success)
{
    // A delayed task has no stream entry to acknowledge with yet: "fast" means "durable" for it. So does an
    // external handler's: its workers lease rows, and no executor would write a row from the entry.
    const bool delayed = tasks.first().status == Status::Postponed
        || std::any_of(tasks.cbegin(), tasks.cend(), [this](const Task &t) { return m_ctx.handlers().isExternal(t.type); });
    if (durability == Durability::Durable || (durability == Durability::Fast && delayed)) {
        return respondLater(this, std::move(target), m_ctx.writer().submit(tasks),
                            [success, tasks, end = endSpan(span, tasks)](const std::optional<ApiError> &err) {
                                return end(err ? HttpReply::error(*err) : success(tasks.first().status));
                            });
    }
    const ApiContext &ctx = m_ctx;
    QFuture<HttpReply> reply;
    if (durability == Durability::Replicated) {
        reply = m_ctx.withDb([&ctx, tasks, success, trace = span.context](QSqlDatabase &db) -> HttpReply {
            const TraceScope scope(trace);
            if (auto refused = refuseWithoutStandby(db))
                return HttpReply::error(*refused);
            auto err = ctx.writer().submit(tasks, Durability::Replicated).result();
            return err ? HttpReply::error(*err) : success(tasks.first().status);
        });
    } else {
        reply = m_ctx.run([&ctx, tasks, success, trace = span.context]() -> HttpReply {
            const TraceScope scope(trace);
            // fast: acknowledged once Redis holds the entries (with the whole task); PostgreSQL follows in
            // the writer's next group, or the executor that takes an entry first writes the row.
            QList<TaskRef> entries;
            QList<QByteArray> documents;
            for (const Task &t : tasks) {
                entries.append({t.id, t.priority});
                documents.append(QJsonDocument(toJson(t)).toJson(QJsonDocument::Compact));
            }
            TaskStream stream(ctx.redis(), ctx.streamPrefix());
            if (auto added = stream.add(entries, documents)) {
                ctx.writer().submitDispatched(tasks, *added);
                return success(Status::Pending);
            }
            // Redis refused: fall back to durable, which needs no Redis to acknowledge.
            auto err = ctx.writer().submit(tasks).result();
            return err ? HttpReply::error(*err) : success(tasks.first().status);
        });
    }
    respondLater(this, std::move(target), reply, endSpan(span, tasks));
}

void TasksHandler::createBatch(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    auto body = request::body(request, m_ctx.config().maxBodyBytes);
    if (!body)
        return respond(std::move(responder), HttpReply::error(body.error()));
    createTasks(request::CallInfo::of(request), body->isArray() ? QJsonValue(body->array()) : QJsonValue(body->object()),
                std::move(responder));
}

void TasksHandler::createTasks(const request::CallInfo &call, const QJsonValue &body, ReplyTarget &&target)
{
    // One span for the whole request: every task of the batch belongs to it (one trace per request).
    const RequestSpan span = startSpan(call.traceparent);
    const TraceScope scope(span.context);
    if (!body.isArray())
        return respond(std::move(target), HttpReply::error(ApiError::badRequest(u"expected a JSON array of tasks"_s)));
    const QJsonArray items = body.toArray();
    if (items.isEmpty() || items.size() > limits::BatchMax)
        return respond(std::move(target), HttpReply::error(ApiError::validation(
                                                 u"items"_s, u"a batch holds 1 to %1 tasks"_s.arg(limits::BatchMax))));
    QList<Task> tasks;
    QList<std::optional<Durability>> requested;
    std::optional<ApiError> firstViolation;
    QJsonArray violations;
    tasks.reserve(items.size());
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QString prefix = u"[%1]."_s.arg(i);
        if (!items.at(i).isObject())
            return respond(std::move(target), HttpReply::error(ApiError::validation(
                                                     u"[%1]"_s.arg(i), u"[%1] must be a JSON object"_s.arg(i))));
        auto parsed = parseCreateTask(items.at(i).toObject(), prefix);
        if (!parsed)
            return respond(std::move(target), HttpReply::error(parsed.error()));
        if (auto refused = typeAllowed(parsed->type, prefix + u"type"_s))
            return respond(std::move(target), HttpReply::error(*refused));
        // Schema violations of every item are gathered, each detail naming its item's index, so a client
        // fixes the whole batch at once; nothing is written while any item is refused.
        if (auto refused = m_ctx.handlers().admit(*parsed, prefix)) {
            if (refused->code != ErrorCode::SchemaViolation)
                return respond(std::move(target), HttpReply::error(*refused));
            if (!firstViolation)
                firstViolation = *refused;
            for (const QJsonValue &d : std::as_const(refused->details)) {
                QJsonObject detail = d.toObject();
                detail.insert(u"index"_s, i);
                violations.append(detail);
            }
            continue;
        }
        tasks.append(newTask(*parsed, span.context));
        requested.append(parsed->durability);
    }
    if (firstViolation) {
        firstViolation->details = violations;
        if (violations.size() > 1)
            firstViolation->message = u"%1 payloads do not match their handler's schema; the first: %2"_s
                                          .arg(items.size() - tasks.size()).arg(firstViolation->message);
        return respond(std::move(target), HttpReply::error(*firstViolation));
    }
    if (auto refused = rateLimited(call.peer, int(tasks.size())))
        return respond(std::move(target), HttpReply::error(*refused));
    QJsonArray ids;
    for (const Task &t : tasks)
        ids.append(t.id.toString(QUuid::WithoutBraces));
    // One transaction for the batch, so one level for all of it: the strictest any element asks for.
    Durability durability = Durability::Fast;
    bool anyDelayed = false;
    for (qsizetype i = 0; i < tasks.size(); ++i) {
        durability = std::max(durability, m_ctx.config().durabilityFor(tasks.at(i).type, requested.at(i)));
        anyDelayed = anyDelayed || tasks.at(i).status == Status::Postponed;
    }
    if (anyDelayed)
        durability = std::max(durability, Durability::Durable);
    auto success = [ids](Status) { return HttpReply::json(QJsonObject{{u"ids"_s, ids}, {u"count"_s, ids.size()}}, 201); };
    if (!call.idempotencyKey.isEmpty())
        return submitKeyed(std::move(target), span, tasks, durability, call.idempotencyKey, body, CreateAnswer::Ids, success);
    submit(std::move(target), span, tasks, durability, success);
}

void TasksHandler::listTasks(const QUrlQuery &urlQuery, ReplyTarget &&target)
{
    auto query = TaskListQuery::fromQuery(urlQuery);
    if (!query)
        return respond(std::move(target), HttpReply::error(query.error()));
    query->filter.owner = ownerScope();
    respondLater(this, std::move(target), m_ctx.withDb([q = *query](QSqlDatabase &db) {
        // Read the revision first: the page then reflects at least every event up to it.
        auto cursor = EventRepository(db).cursor();
        auto page = TaskQueryRepository(db).list(q, TaskQueryRepository::CountBudgetMs);
        if (page && cursor)
            page->revision = cursor->revision;
        return HttpReply::from(page, [](const TaskPage &p) { return p.toJson(); });
    }));
}

void TasksHandler::getTask(const QString &idText, const QString &view, ReplyTarget &&target)
{
    auto id = request::pathId(idText);
    if (!id)
        return respond(std::move(target), HttpReply::error(id.error()));
    respondLater(this, std::move(target), m_ctx.withDb([id = *id, view, owner = ownerScope()](QSqlDatabase &db) {
        TaskQueryRepository repo(db);
        // Someone else's task is "not found", not "forbidden": its existence is not the caller's to learn (API1).
        if (!owner.isEmpty())
            if (auto t = repo.get(id); !t || t->owner != owner)
                return HttpReply::error(ApiError::notFound(u"no task %1"_s.arg(id.toString(QUuid::WithoutBraces))));
        const auto historyJson = [](const QList<TaskHistoryEntry> &items) {
            QJsonArray a;
            for (const auto &e : items)
                a.append(toJson(e));
            return a;
        };
        if (view == u"history")
            return HttpReply::from(repo.history(id), [&](const QList<TaskHistoryEntry> &items) {
                return QJsonObject{{u"items"_s, historyJson(items)}};
            });
        if (view == u"full") { // the task and its history (gRPC TaskService.Get with_history)
            auto task = repo.get(id);
            if (!task)
                return HttpReply::error(task.error());
            return HttpReply::from(repo.history(id), [&](const QList<TaskHistoryEntry> &items) {
                return QJsonObject{{u"task"_s, toJson(*task)}, {u"history"_s, historyJson(items)}};
            });
        }
        auto task = repo.get(id);
        if (view == u"status")
            return HttpReply::from(task, [](const Task &t) {
                return QJsonObject{{u"id"_s, t.id.toString(QUuid::WithoutBraces)}, {u"status"_s, toString(t.status)}};
            });
        return HttpReply::from(task, [](const Task &t) { return toJson(t); });
    }));
}

void TasksHandler::finishTask(const QString &idText, Status to, ReplyTarget &&target)
{
    auto id = request::pathId(idText);
    if (!id)
        return respond(std::move(target), HttpReply::error(id.error()));
    const ApiContext &ctx = m_ctx;
    respondLater(this, std::move(target), m_ctx.withDb([&ctx, id = *id, to, owner = ownerScope()](QSqlDatabase &db) {
        if (!owner.isEmpty())
            if (auto t = TaskQueryRepository(db).get(id); !t || t->owner != owner)
                return HttpReply::error(ApiError::notFound(u"no task %1"_s.arg(id.toString(QUuid::WithoutBraces))));
        auto task = ctx.actions(db).finishByHand(
            id, to, to == Status::Cancelled ? u"cancelled via API"_s : u"completed by hand via API"_s);
        return HttpReply::from(task, [](const Task &t) { return toJson(t); });
    }));
}

void TasksHandler::setStatus(const QString &idText, const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    auto body = request::objectBody(request, m_ctx.config().maxBodyBytes);
    if (!body)
        return respond(std::move(responder), HttpReply::error(body.error()));
    const QJsonValue value = body->value(u"status"_s);
    const auto to = statusFromString(value.toString());
    if (!value.isString() || !to)
        return respond(std::move(responder), HttpReply::error(ApiError::validation(
                                                 u"status"_s, u"status must be one of NEW, PENDING, POSTPONED, RETRY_WAITING, "
                                                              "IN_PROGRESS, COMPLETED, FAILED, CANCELLED"_s)));
    if (*to != Status::Cancelled && *to != Status::Completed)
        return respond(std::move(responder), HttpReply::error(ApiError::conflict(
                                                 u"a task's status can be set by hand only to CANCELLED or COMPLETED (of an "
                                                  "unfinished task); the system moves it through %1 itself"_s.arg(toString(*to)))));
    finishTask(idText, *to, std::move(responder));
}

} // namespace taskmill
