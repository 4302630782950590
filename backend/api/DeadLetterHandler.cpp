// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "api/DeadLetterHandler.h"

#include "api/Request.h"
#include "service/HandlerCatalog.h"
#include "codec/TaskJson.h"
#include "service/TaskActions.h"
#include "store/DeadLetterRepository.h"
#include "store/TaskQueryRepository.h"
#include "wire/QueryParams.h"
#include "wire/TaskFilter.h"

#include <QHostAddress>
#include <QJsonDocument>
#include <QHttpServer>

using namespace Qt::StringLiterals;

namespace taskmill {

namespace {
using Method = QHttpServerRequest::Method;

// Groups one answer lists by default and at most.
constexpr int DefaultListLimit = 100;
constexpr int MaxListLimit = 1000;
} // namespace

DeadLetterHandler::DeadLetterHandler(ApiContext &context, QObject *parent) : QObject(parent), m_ctx(context) {}

void DeadLetterHandler::registerRoutes(RouteRegistry &server)
{
    server.route(u"/api/v1/dlq"_s, Method::Get, [this](const QHttpServerRequest &r, QHttpServerResponder &&resp) {
        list(r.query(), std::move(resp));
    });
    server.route(u"/api/v1/dlq/groups"_s, Method::Get, [this](const QHttpServerRequest &r, QHttpServerResponder &&resp) {
        groups(r, std::move(resp));
    });
    server.route(u"/api/v1/dlq/requeue"_s, Method::Post, [this](const QHttpServerRequest &r, QHttpServerResponder &&resp) {
        requeue(QString(), r, std::move(resp));
    });
    server.route(u"/api/v1/dlq/purge"_s, Method::Post, [this](const QHttpServerRequest &r, QHttpServerResponder &&resp) {
        purge(QString(), r, std::move(resp));
    });
    server.route(u"/api/v1/dlq/<arg>"_s, Method::Get, [this](const QString &id, const QHttpServerRequest &, QHttpServerResponder &&resp) {
        get(id, std::move(resp));
    });
    server.route(u"/api/v1/dlq/<arg>/requeue"_s, Method::Post,
                 [this](const QString &id, const QHttpServerRequest &r, QHttpServerResponder &&resp) { requeue(id, r, std::move(resp)); });
    server.route(u"/api/v1/dlq/<arg>"_s, Method::Delete,
                 [this](const QString &id, const QHttpServerRequest &r, QHttpServerResponder &&resp) { purge(id, r, std::move(resp)); });
}

void DeadLetterHandler::list(const QUrlQuery &query, ReplyTarget &&responder)
{
    auto filter = DeadLetterFilter::fromQuery(query);
    if (!filter)
        return respond(std::move(responder), HttpReply::error(filter.error()));
    auto order = DeadLetterOrder::fromQuery(query);
    if (!order)
        return respond(std::move(responder), HttpReply::error(order.error()));
    auto paging = PageParams::fromQuery(query, TaskListQuery::DefaultLimit, TaskListQuery::MaxLimit);
    if (!paging)
        return respond(std::move(responder), HttpReply::error(paging.error()));
    respondLater(this, std::move(responder), m_ctx.withDb([f = *filter, o = *order, p = *paging](QSqlDatabase &db) {
        auto page = DeadLetterRepository(db).list(f, o, p.skip, p.limit, p.after);
        return HttpReply::from(page, [](const TaskPage &tp) { return tp.toJson(); });
    }));
}

void DeadLetterHandler::groups(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    auto filter = DeadLetterFilter::fromQuery(request.query());
    if (!filter)
        return respond(std::move(responder), HttpReply::error(filter.error()));
    const auto limit = queryInt(request.query(), u"limit"_s, DefaultListLimit, 1, MaxListLimit);
    if (!limit)
        return respond(std::move(responder), HttpReply::error(limit.error()));
    respondLater(this, std::move(responder), m_ctx.withDb([f = *filter, limit = int(*limit)](QSqlDatabase &db) {
        auto groups = DeadLetterRepository(db).groups(f, limit);
        return HttpReply::from(groups, [](const QList<DeadLetterGroup> &gs) {
            QJsonArray a;
            for (const auto &g : gs)
                a.append(g.toJson());
            return QJsonObject{{u"groups"_s, a}};
        });
    }));
}

void DeadLetterHandler::get(const QString &idText, ReplyTarget &&responder)
{
    auto id = request::pathId(idText);
    if (!id)
        return respond(std::move(responder), HttpReply::error(id.error()));
    respondLater(this, std::move(responder), m_ctx.withDb([id = *id](QSqlDatabase &db) {
        auto task = DeadLetterRepository(db).get(id);
        if (!task)
            return HttpReply::error(task.error());
        auto history = TaskQueryRepository(db).history(id);
        if (!history)
            return HttpReply::error(history.error());
        QJsonArray h;
        for (const auto &e : *history)
            h.append(toJson(e));
        return HttpReply::json(QJsonObject{{u"task"_s, toJson(*task)}, {u"history"_s, h}});
    }));
}

void DeadLetterHandler::requeue(const QString &idText, const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    QJsonObject body;
    // The body is optional for one task: empty means "requeue as it was".
    if (idText.isEmpty() || !request.body().trimmed().isEmpty()) {
        auto parsed = request::objectBody(request, m_ctx.config().maxBodyBytes);
        if (!parsed)
            return respond(std::move(responder), HttpReply::error(parsed.error()));
        body = *parsed;
    }
    if (idText.isEmpty())
        return requeueSelection(body, request::CallInfo::of(request), std::move(responder));
    requeueOne(idText, body, request::CallInfo::of(request), std::move(responder));
}

void DeadLetterHandler::requeueOne(const QString &idText, const QJsonObject &body, const request::CallInfo &call, ReplyTarget &&target)
{
    auto id = request::pathId(idText);
    if (!id)
        return respond(std::move(target), HttpReply::error(id.error()));
    std::optional<QJsonObject> payload;
    const QJsonValue p = body.value(u"payload"_s);
    if (p.isObject())
        payload = p.toObject();
    else if (!p.isUndefined() && !p.isNull())
        return respond(std::move(target), HttpReply::error(ApiError::validation(u"payload"_s, u"payload must be a JSON object"_s)));
    DeadLetterSelection selection;
    selection.ids = {*id};
    requeueSelected(selection, payload, true, call, std::move(target));
}

void DeadLetterHandler::requeueSelection(const QJsonObject &body, const request::CallInfo &call, ReplyTarget &&target)
{
    auto selection = DeadLetterSelection::fromJson(body);
    if (!selection)
        return respond(std::move(target), HttpReply::error(selection.error()));
    requeueSelected(*selection, std::nullopt, false, call, std::move(target));
}

void DeadLetterHandler::requeueSelected(DeadLetterSelection selection, std::optional<QJsonObject> payload, bool single,
                                        const request::CallInfo &call, ReplyTarget &&responder)
{
    const ApiContext &ctx = m_ctx;
    respondLater(this, std::move(responder),
                 m_ctx.withDb([&ctx, selection, payload, single, actor = call.actor()](QSqlDatabase &db) {
                     if (single) {
                         auto existing = DeadLetterRepository(db).get(selection.ids.first());
                         if (!existing)
                             return HttpReply::error(existing.error());
                         // An edited payload meets its handler's schema like a new task's would.
                         if (payload)
                             if (auto bad = ctx.handlers().checkPayload(existing->type, *payload, u"payload"_s))
                                 return HttpReply::error(*bad);
                     }
                     auto requeued = ctx.actions(db).requeue(selection, payload, actor);
                     if (!requeued)
                         return HttpReply::error(requeued.error());
                     if (single) {
                         auto task = TaskQueryRepository(db).get(selection.ids.first());
                         return HttpReply::from(task, [](const Task &t) { return toJson(t); });
                     }
                     QJsonArray ids;
                     for (const auto &t : *requeued)
                         ids.append(t.id.toString(QUuid::WithoutBraces));
                     return HttpReply::json(QJsonObject{{u"count"_s, ids.size()}, {u"ids"_s, ids}});
                 }));
}

void DeadLetterHandler::purge(const QString &idText, const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    QJsonObject body;
    if (idText.isEmpty()) {
        auto parsed = request::objectBody(request, m_ctx.config().maxBodyBytes);
        if (!parsed)
            return respond(std::move(responder), HttpReply::error(parsed.error()));
        body = *parsed;
    }
    purgeSelection(idText, body, request::CallInfo::of(request), std::move(responder));
}

void DeadLetterHandler::purgeSelection(const QString &idText, const QJsonObject &body, const request::CallInfo &call,
                                       ReplyTarget &&responder)
{
    DeadLetterSelection selection;
    const bool single = !idText.isEmpty();
    if (single) {
        auto id = request::pathId(idText);
        if (!id)
            return respond(std::move(responder), HttpReply::error(id.error()));
        selection.ids = {*id};
    } else {
        auto sel = DeadLetterSelection::fromJson(body);
        if (!sel)
            return respond(std::move(responder), HttpReply::error(sel.error()));
        selection = *sel;
    }
    respondLater(this, std::move(responder),
                 m_ctx.withDb([selection, single, actor = call.actor()](QSqlDatabase &db) {
                     DeadLetterRepository repo(db);
                     if (single) {
                         auto existing = repo.get(selection.ids.first());
                         if (!existing)
                             return HttpReply::error(existing.error());
                     }
                     auto removed = repo.purge(selection, actor, single ? u"delete"_s : u"purge"_s);
                     if (!removed)
                         return HttpReply::error(removed.error());
                     if (single)
                         return HttpReply::json(QJsonObject{{u"id"_s, selection.ids.first().toString(QUuid::WithoutBraces)},
                                                            {u"deleted"_s, true}});
                     return HttpReply::json(QJsonObject{{u"count"_s, removed->size()}});
                 }));
}

} // namespace taskmill
