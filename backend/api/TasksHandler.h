// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "api/ApiContext.h"
#include "service/RateLimiter.h"
#include "api/RouteRegistry.h"
#include "api/HttpReply.h"
#include "api/Request.h"
#include "wire/WireTypes.h"
#include "model/Durability.h"
#include "model/Task.h"
#include "observability/TraceContext.h"

#include <QJsonDocument>
#include <QObject>

class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponder;

namespace taskmill {

// /api/v1/tasks and the seed-000 routes (/tasks, /tasks/{id}/complete): the task resource.
class TasksHandler final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TasksHandler)
public:
    // What a create answers: the task (POST /api/v1/tasks), {id} (seed 000's POST /tasks), {ids, count} (batch).
    enum class CreateAnswer { Task, SeedId, Ids };

    TasksHandler(ApiContext &context, QObject *parent = nullptr);
    void registerRoutes(RouteRegistry &server);
    // Records a server span per create request (may be null; must outlive the handler).
    void setTracer(class Tracer *tracer) { m_tracer = tracer; }

    // The task operations every transport runs (REST routes below, TaskService over gRPC in api/grpc): called on
    // the server thread inside a route scope (RouteRegistry::Scope, the caller set); each answers `target` once.
    // A create: CreateTaskRequest as JSON; 201 + task once acknowledged at its durability.
    void createTask(const request::CallInfo &call, const QJsonObject &body, ReplyTarget &&target, bool seed000 = false);
    // A batch: a JSON array of 1..10,000 CreateTaskRequest, all or none; 201 {ids, count}.
    void createTasks(const request::CallInfo &call, const QJsonValue &body, ReplyTarget &&target);
    // The TaskListQuery keys; 200 TaskPage (with the event revision it reflects).
    void listTasks(const QUrlQuery &query, ReplyTarget &&target);
    // view: empty (the task), "status", "history" or "full" ({task, history}).
    void getTask(const QString &id, const QString &view, ReplyTarget &&target);
    // Cancel (to = Cancelled) or complete by hand (to = Completed) an unfinished task.
    void finishTask(const QString &id, Status to, ReplyTarget &&target);
    // "Retry now"; a dead-lettered task through the audited requeue.
    void retryTask(const QString &id, const request::CallInfo &call, ReplyTarget &&target);

private:
    // POST /api/v1/tasks — body: CreateTaskRequest; 201 + task once committed.
    void create(const QHttpServerRequest &request, QHttpServerResponder &&responder, bool seed000);
    // POST /api/v1/tasks/batch — body: array of CreateTaskRequest (1..10,000); 201 {ids, count}.
    void createBatch(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    // PUT /api/v1/tasks/{id}/status (seed 004): CANCELLED or COMPLETED by hand.
    void setStatus(const QString &idText, const QHttpServerRequest &request, QHttpServerResponder &&responder);

    // The server span of a create request (docs/tracing.md): started when the handler runs, recorded when
    // the reply is ready. Tasks store its trace id and span id.
    struct RequestSpan
    {
        TraceContext context;
        QString parentSpanId; // the caller's span from `traceparent`; empty for a new trace
        QString name;         // "POST /api/v1/tasks"
        qint64 startNs = 0;
    };
    static RequestSpan startSpan(const QByteArray &traceparent);
    // What records the span: applied to the reply on the server thread as it is written (respondLater()).
    std::function<HttpReply(HttpReply)> endSpan(const RequestSpan &span, const QList<Task> &tasks) const;

    Task newTask(const CreateTaskRequest &request, const TraceContext &trace) const;
    // A token limited to some types (docs/security.md) may create only those: 403 naming `field` otherwise.
    static std::optional<ApiError> typeAllowed(const QString &type, const QString &field);
    // The caller's own tasks only (a `user` account): its actor; empty: every task.
    static QString ownerScope();
    // Persists and acknowledges `tasks` at the given durability (docs/semantics.md, "Durability"), then
    // answers with `success(status the client sees)`.
    void submit(ReplyTarget &&target, const RequestSpan &span, QList<Task> tasks,
                Durability durability, std::function<HttpReply(Status)> success);

    // -- idempotent creates (TasksHandlerKeyed.cpp; docs/api.md, "Idempotent creates") --
    // The key's format: 1..255 visible ASCII characters; 422 naming the header otherwise.
    static std::optional<ApiError> checkIdempotencyKey(const QByteArray &key);
    // Creates `tasks` under the caller's key in one transaction of their own (service/KeyedCreate), or answers
    // a repeat with what the first request created: 200 and `Idempotent-Replayed: true`, the tasks as they are
    // now. The same key with another request (route or body) is a 422 naming the header.
    // `success` answers a create as submit() would; `answer` says the shape a repeat is answered in.
    void submitKeyed(ReplyTarget &&target, const RequestSpan &span, QList<Task> tasks, Durability durability,
                     const QByteArray &key, const QJsonValue &body, CreateAnswer answer,
                     std::function<HttpReply(Status)> success);
    // Durability "replicated" without a synchronous standby: the 422 naming `durability` (else nullopt).
    static std::optional<ApiError> refuseWithoutStandby(QSqlDatabase &db);

    // -- task views: sort/search/counts/types and actions (implemented in TasksHandlerViews.cpp) --
    void registerViewRoutes(RouteRegistry &server); // before /api/v1/tasks/<arg>, which would take "counts"
    // GET /api/v1/tasks/counts — query: the TaskFilter keys; 200 TaskCounts.
    void counts(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    // GET /api/v1/tasks/types — query: limit (1..1000, default 1000); 200 {"types": [...]}.
    void types(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    // POST /api/v1/tasks/{id}/retry — no body; 200 task (NEW, dispatched) or 404/409.
    void retry(const QString &id, const QHttpServerRequest &request, QHttpServerResponder &&responder);
    // POST /api/v1/tasks/cancel and /api/v1/tasks/retry — body TaskIdsRequest; 200 TaskBulkResult.
    void bulk(const QHttpServerRequest &request, QHttpServerResponder &&responder, bool retry);
    // -- end of task views --

    // 429 with Retry-After when the caller (its token or account, and its address) created more than its
    // share (api.create_rate_per_s, api.create_burst); the local principal is not limited.
    std::optional<ApiError> rateLimited(const QHostAddress &peer, int tasks);

    ApiContext &m_ctx;
    class Tracer *m_tracer = nullptr;
    RateLimiter m_createLimit;
};

} // namespace taskmill
