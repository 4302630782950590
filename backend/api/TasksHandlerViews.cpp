// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// The task-view routes of TasksHandler: filter-bar counts, task types, "retry now" and the bulk actions
// (docs/api.md, "Task views").
#include "api/TasksHandler.h"

#include "api/DeadLetterHandler.h"
#include "wire/TaskFilter.h"
#include "wire/TaskQueryTypes.h"
#include "codec/TaskJson.h"
#include "observability/Logging.h"
#include "queue/Dispatcher.h"
#include "queue/TaskStream.h"
#include "store/DeadLetterRepository.h"
#include "store/TaskRepository.h"

#include <QHttpServer>

using namespace Qt::StringLiterals;

namespace taskmill {

namespace {
using Method = QHttpServerRequest::Method;

// Counting longer than this gives way to the planner's estimates (docs/api.md, "counts").
constexpr int CountBudgetMs = 250;
constexpr int TypesMax = 1000;

void dispatchNew(const ApiContext &ctx, QSqlDatabase &db, const QList<QPair<QUuid, Priority>> &tasks)
{
    if (tasks.isEmpty())
        return;
    // If Redis is down the tasks stay NEW and the reconciler dispatches them later.
    TaskRepository repo(db);
    Dispatcher(ctx.redis(), ctx.streamPrefix()).dispatch(repo, tasks);
}

// One "retry now" on the caller's connection: the task's new state, or why not.
Result<Task> retryOne(const ApiContext &ctx, QSqlDatabase &db, const QUuid &id, const QString &actor)
{
    auto outcome = TaskRepository(db).retryNow(id, actor);
    if (!outcome)
        return outcome.error();
    if (outcome->deadLettered) {
        // Dead-lettered tasks go back through the DLQ's requeue: same reset, same audit trail.
        DeadLetterSelection selection;
        selection.ids = {id};
        auto requeued = DeadLetterRepository(db).requeue(selection, std::nullopt, actor);
        if (!requeued)
            return requeued.error();
        if (requeued->isEmpty())
            return ApiError::conflict(u"task %1 left the dead-letter queue meanwhile"_s.arg(id.toString(QUuid::WithoutBraces)));
    }
    auto task = TaskRepository(db).get(id);
    if (!task || task->status != Status::New)
        return task;
    dispatchNew(ctx, db, {{task->id, task->priority}});
    return TaskRepository(db).get(id);
}

Result<Task> cancelOne(const ApiContext &ctx, QSqlDatabase &db, const QUuid &id)
{
    bool wasRunning = false;
    auto task = TaskRepository(db).finishByHand(id, Status::Cancelled, u"cancelled via API"_s, &wasRunning);
    if (task && wasRunning) {
        // As in DELETE /api/v1/tasks/{id}: PostgreSQL already says CANCELLED; this only stops the handler sooner.
        auto r = ctx.redis().command({"PUBLISH", TaskStream(ctx.redis(), ctx.streamPrefix()).controlChannel(),
                                      "cancel " + id.toByteArray(QUuid::WithoutBraces)});
        if (!r)
            qCWarning(lcApi).noquote() << "could not signal cancellation:" << r.error().message;
    }
    return task;
}
} // namespace

void TasksHandler::registerViewRoutes(RouteRegistry &server)
{
    server.route(u"/api/v1/tasks/counts"_s, Method::Get, [this](const QHttpServerRequest &r, QHttpServerResponder &&resp) {
        counts(r, std::move(resp));
    });
    server.route(u"/api/v1/tasks/types"_s, Method::Get, [this](const QHttpServerRequest &r, QHttpServerResponder &&resp) {
        types(r, std::move(resp));
    });
    server.route(u"/api/v1/tasks/cancel"_s, Method::Post, [this](const QHttpServerRequest &r, QHttpServerResponder &&resp) {
        bulk(r, std::move(resp), false);
    });
    server.route(u"/api/v1/tasks/retry"_s, Method::Post, [this](const QHttpServerRequest &r, QHttpServerResponder &&resp) {
        bulk(r, std::move(resp), true);
    });
    server.route(u"/api/v1/tasks/<arg>/retry"_s, Method::Post,
                 [this](const QString &id, const QHttpServerRequest &r, QHttpServerResponder &&resp) {
                     retry(id, r, std::move(resp));
                 });
}

void TasksHandler::counts(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    auto filter = TaskFilter::fromQuery(request.query());
    if (!filter)
        return respond(std::move(responder), HttpReply::error(filter.error()));
    const Database &database = m_ctx.database();
    respondLater(this, std::move(responder), m_ctx.run([&database, f = *filter]() {
        auto db = database.connection();
        if (!db)
            return HttpReply::error(db.error());
        auto counts = TaskRepository(*db).counts(f, CountBudgetMs);
        if (!counts && counts.error().code == ErrorCode::Unavailable)
            database.closeThreadConnection();
        return HttpReply::from(counts, [](const TaskCounts &c) { return c.toJson(); });
    }));
}

void TasksHandler::types(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    bool ok = true;
    const QString limitText = request.query().queryItemValue(u"limit"_s);
    const int limit = limitText.isEmpty() ? TypesMax : limitText.toInt(&ok);
    if (!ok || limit < 1 || limit > TypesMax)
        return respond(std::move(responder), HttpReply::error(ApiError::validation(
                                                 u"limit"_s, u"limit must be an integer from 1 to %1"_s.arg(TypesMax))));
    const Database &database = m_ctx.database();
    respondLater(this, std::move(responder), m_ctx.run([&database, limit]() {
        auto db = database.connection();
        if (!db)
            return HttpReply::error(db.error());
        auto types = TaskRepository(*db).types(limit);
        return HttpReply::from(types, [](const QStringList &t) { return taskTypesToJson(t); });
    }));
}

void TasksHandler::retry(const QString &idText, const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    auto id = parseId(idText);
    if (!id)
        return respond(std::move(responder), HttpReply::error(id.error()));
    const ApiContext &ctx = m_ctx;
    respondLater(this, std::move(responder), m_ctx.run([&ctx, id = *id, actor = DeadLetterHandler::actorOf(request)]() {
        auto db = ctx.database().connection();
        if (!db)
            return HttpReply::error(db.error());
        auto task = retryOne(ctx, *db, id, actor);
        return HttpReply::from(task, [](const Task &t) { return toJson(t); });
    }));
}

void TasksHandler::bulk(const QHttpServerRequest &request, QHttpServerResponder &&responder, bool retry)
{
    auto body = readBody(request, m_ctx.config().maxBodyBytes);
    if (!body)
        return respond(std::move(responder), HttpReply::error(body.error()));
    if (!body->isObject())
        return respond(std::move(responder), HttpReply::error(ApiError::badRequest(u"expected a JSON object {\"ids\": [...]}"_s)));
    auto ids = TaskIdsRequest::fromJson(body->object());
    if (!ids)
        return respond(std::move(responder), HttpReply::error(ids.error()));
    const ApiContext &ctx = m_ctx;
    respondLater(this, std::move(responder),
                 m_ctx.run([&ctx, ids = ids->ids, retry, actor = DeadLetterHandler::actorOf(request)]() {
                     auto db = ctx.database().connection();
                     if (!db)
                         return HttpReply::error(db.error());
                     // One transaction per id, as the single-id routes do: one task's conflict never
                     // undoes another's success, and each outcome is reported on its own.
                     TaskBulkResult result;
                     for (const QUuid &id : ids) {
                         const Result<Task> task = retry ? retryOne(ctx, *db, id, actor) : cancelOne(ctx, *db, id);
                         TaskBulkResult::Item item;
                         item.id = id;
                         item.ok = task.ok();
                         if (task)
                             item.status = task->status;
                         else
                             item.error = task.error();
                         result.items.append(item);
                     }
                     return HttpReply::json(result.toJson());
                 }));
}

} // namespace taskmill
