// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// The task-view routes of TasksHandler: filter-bar counts, task types, "retry now" and the bulk actions
// (docs/api.md, "Task views").
#include "api/TasksHandler.h"

#include "api/Request.h"
#include "codec/TaskJson.h"
#include "service/TaskActions.h"
#include "store/TaskQueryRepository.h"
#include "wire/QueryParams.h"
#include "wire/TaskFilter.h"
#include "wire/TaskQueryTypes.h"

#include <QHttpServer>

using namespace Qt::StringLiterals;

namespace taskmill {

namespace {
using Method = QHttpServerRequest::Method;

// The most task types one answer lists (a type filter with more choices than this is no longer a menu).
constexpr int TypesMax = 1000;
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
    respondLater(this, std::move(responder), m_ctx.withDb([f = *filter](QSqlDatabase &db) {
        auto counts = TaskQueryRepository(db).counts(f, TaskQueryRepository::CountBudgetMs);
        return HttpReply::from(counts, [](const TaskCounts &c) { return c.toJson(); });
    }));
}

void TasksHandler::types(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    const auto limit = queryInt(request.query(), u"limit"_s, TypesMax, 1, TypesMax);
    if (!limit)
        return respond(std::move(responder), HttpReply::error(limit.error()));
    respondLater(this, std::move(responder), m_ctx.withDb([limit = int(*limit)](QSqlDatabase &db) {
        auto types = TaskQueryRepository(db).types(limit);
        return HttpReply::from(types, [](const QStringList &t) { return taskTypesToJson(t); });
    }));
}

void TasksHandler::retry(const QString &idText, const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    retryTask(idText, request::CallInfo::of(request), std::move(responder));
}

void TasksHandler::retryTask(const QString &idText, const request::CallInfo &call, ReplyTarget &&target)
{
    auto id = request::pathId(idText);
    if (!id)
        return respond(std::move(target), HttpReply::error(id.error()));
    const ApiContext &ctx = m_ctx;
    respondLater(this, std::move(target), m_ctx.withDb([&ctx, id = *id, actor = call.actor()](QSqlDatabase &db) {
        auto task = ctx.actions(db).retryNow(id, actor);
        return HttpReply::from(task, [](const Task &t) { return toJson(t); });
    }));
}

void TasksHandler::bulk(const QHttpServerRequest &request, QHttpServerResponder &&responder, bool retry)
{
    auto body = request::objectBody(request, m_ctx.config().maxBodyBytes, u"a JSON object {\"ids\": [...]}"_s);
    if (!body)
        return respond(std::move(responder), HttpReply::error(body.error()));
    auto ids = TaskIdsRequest::fromJson(*body);
    if (!ids)
        return respond(std::move(responder), HttpReply::error(ids.error()));
    const ApiContext &ctx = m_ctx;
    respondLater(this, std::move(responder),
                 m_ctx.withDb([&ctx, ids = ids->ids, retry, actor = request::actor(request)](QSqlDatabase &db) {
                     // One transaction per id, as the single-id routes do: one task's conflict never
                     // undoes another's success, and each outcome is reported on its own.
                     TaskActions actions = ctx.actions(db);
                     TaskBulkResult result;
                     for (const QUuid &id : ids) {
                         const Result<Task> task = retry ? actions.retryNow(id, actor)
                                                         : actions.finishByHand(id, Status::Cancelled, u"cancelled via API"_s);
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
