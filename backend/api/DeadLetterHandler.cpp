// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "api/DeadLetterHandler.h"

#include "wire/TaskFilter.h"
#include "api/TasksHandler.h"
#include "codec/TaskJson.h"
#include "queue/Dispatcher.h"
#include "store/DeadLetterRepository.h"

#include <QHostAddress>
#include <QJsonDocument>
#include <QHttpServer>

using namespace Qt::StringLiterals;

namespace taskmill {

namespace {
using Method = QHttpServerRequest::Method;


// Requeued tasks go straight to their streams; if Redis is down they stay NEW for the reconciler.
void dispatch(const ApiContext &ctx, QSqlDatabase &db, const QList<TaskRepository::Undispatched> &tasks)
{
    QList<QPair<QUuid, Priority>> batch;
    for (const auto &t : tasks)
        batch.append({t.id, t.priority});
    TaskRepository repo(db);
    Dispatcher(ctx.redis(), ctx.streamPrefix()).dispatch(repo, batch);
}
} // namespace

DeadLetterHandler::DeadLetterHandler(ApiContext &context, QObject *parent) : QObject(parent), m_ctx(context) {}

Result<DeadLetterSelection> DeadLetterHandler::readSelection(const QHttpServerRequest &request) const
{
    auto body = TasksHandler::readBody(request, m_ctx.config().maxBodyBytes);
    if (!body)
        return body.error();
    if (!body->isObject())
        return ApiError::badRequest(u"expected a JSON object"_s);
    return DeadLetterSelection::fromJson(body->object());
}

QString DeadLetterHandler::actorOf(const QHttpServerRequest &request)
{
    QString actor = QString::fromUtf8(request.value("x-taskmill-actor")).trimmed().left(128);
    if (actor.isEmpty())
        actor = u"anonymous"_s;
    return actor + u'@' + request.remoteAddress().toString();
}

void DeadLetterHandler::registerRoutes(RouteRegistry &server)
{
    server.route(u"/api/v1/dlq"_s, Method::Get, [this](const QHttpServerRequest &r, QHttpServerResponder &&resp) {
        list(r, std::move(resp));
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
    server.route(u"/api/v1/audit"_s, Method::Get, [this](const QHttpServerRequest &r, QHttpServerResponder &&resp) {
        audit(r, std::move(resp));
    });
}

void DeadLetterHandler::list(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    auto filter = DeadLetterFilter::fromQuery(request.query());
    auto paging = TaskListQuery::fromQuery(request.query()); // skip, limit, after (its filter keys are unused here)
    if (!filter)
        return respond(std::move(responder), HttpReply::error(filter.error()));
    if (!paging)
        return respond(std::move(responder), HttpReply::error(paging.error()));
    const Database &database = m_ctx.database();
    respondLater(this, std::move(responder), m_ctx.run([&database, f = *filter, p = *paging] {
        auto db = database.connection();
        if (!db)
            return HttpReply::error(db.error());
        auto page = DeadLetterRepository(*db).list(f, p.skip, p.limit, p.after);
        return HttpReply::from(page, [](const TaskPage &tp) { return tp.toJson(); });
    }));
}

void DeadLetterHandler::groups(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    auto filter = DeadLetterFilter::fromQuery(request.query());
    if (!filter)
        return respond(std::move(responder), HttpReply::error(filter.error()));
    bool ok = true;
    const QString limitText = request.query().queryItemValue(u"limit"_s);
    const int limit = limitText.isEmpty() ? 100 : limitText.toInt(&ok);
    if (!ok || limit < 1 || limit > 1000)
        return respond(std::move(responder), HttpReply::error(ApiError::validation(u"limit"_s, u"limit must be an integer from 1 to 1000"_s)));
    const Database &database = m_ctx.database();
    respondLater(this, std::move(responder), m_ctx.run([&database, f = *filter, limit] {
        auto db = database.connection();
        if (!db)
            return HttpReply::error(db.error());
        auto groups = DeadLetterRepository(*db).groups(f, limit);
        return HttpReply::from(groups, [](const QList<DeadLetterGroup> &gs) {
            QJsonArray a;
            for (const auto &g : gs)
                a.append(g.toJson());
            return QJsonObject{{u"groups"_s, a}};
        });
    }));
}

void DeadLetterHandler::get(const QString &idText, QHttpServerResponder &&responder)
{
    auto id = TasksHandler::parseId(idText);
    if (!id)
        return respond(std::move(responder), HttpReply::error(id.error()));
    const Database &database = m_ctx.database();
    respondLater(this, std::move(responder), m_ctx.run([&database, id = *id] {
        auto db = database.connection();
        if (!db)
            return HttpReply::error(db.error());
        auto task = DeadLetterRepository(*db).get(id);
        if (!task)
            return HttpReply::error(task.error());
        auto history = TaskRepository(*db).history(id);
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
    DeadLetterSelection selection;
    std::optional<QJsonObject> payload;
    const bool single = !idText.isEmpty();
    if (single) {
        auto id = TasksHandler::parseId(idText);
        if (!id)
            return respond(std::move(responder), HttpReply::error(id.error()));
        selection.ids = {*id};
        // The body is optional here: empty means "requeue as it was".
        if (!request.body().trimmed().isEmpty()) {
            auto body = TasksHandler::readBody(request, m_ctx.config().maxBodyBytes);
            if (!body)
                return respond(std::move(responder), HttpReply::error(body.error()));
            if (!body->isObject())
                return respond(std::move(responder), HttpReply::error(ApiError::badRequest(u"expected a JSON object"_s)));
            const QJsonValue p = body->object().value(u"payload"_s);
            if (p.isObject())
                payload = p.toObject();
            else if (!p.isUndefined() && !p.isNull())
                return respond(std::move(responder),
                               HttpReply::error(ApiError::validation(u"payload"_s, u"payload must be a JSON object"_s)));
        }
    } else {
        auto sel = readSelection(request);
        if (!sel)
            return respond(std::move(responder), HttpReply::error(sel.error()));
        selection = *sel;
    }
    const ApiContext &ctx = m_ctx;
    respondLater(this, std::move(responder), m_ctx.run([&ctx, selection, payload, single, actor = actorOf(request)] {
        auto db = ctx.database().connection();
        if (!db)
            return HttpReply::error(db.error());
        DeadLetterRepository repo(*db);
        if (single) {
            auto existing = repo.get(selection.ids.first());
            if (!existing)
                return HttpReply::error(existing.error());
        }
        auto requeued = repo.requeue(selection, payload, actor);
        if (!requeued)
            return HttpReply::error(requeued.error());
        dispatch(ctx, *db, *requeued);
        if (single) {
            auto task = TaskRepository(*db).get(selection.ids.first());
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
    DeadLetterSelection selection;
    const bool single = !idText.isEmpty();
    if (single) {
        auto id = TasksHandler::parseId(idText);
        if (!id)
            return respond(std::move(responder), HttpReply::error(id.error()));
        selection.ids = {*id};
    } else {
        auto sel = readSelection(request);
        if (!sel)
            return respond(std::move(responder), HttpReply::error(sel.error()));
        selection = *sel;
    }
    const Database &database = m_ctx.database();
    respondLater(this, std::move(responder), m_ctx.run([&database, selection, single, actor = actorOf(request)] {
        auto db = database.connection();
        if (!db)
            return HttpReply::error(db.error());
        DeadLetterRepository repo(*db);
        if (single) {
            auto existing = repo.get(selection.ids.first());
            if (!existing)
                return HttpReply::error(existing.error());
        }
        auto removed = repo.purge(selection, actor, single ? u"delete"_s : u"purge"_s);
        if (!removed)
            return HttpReply::error(removed.error());
        if (single)
            return HttpReply::json(QJsonObject{{u"id"_s, selection.ids.first().toString(QUuid::WithoutBraces)}, {u"deleted"_s, true}});
        return HttpReply::json(QJsonObject{{u"count"_s, removed->size()}});
    }));
}

void DeadLetterHandler::audit(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    bool ok = true;
    const QString limitText = request.query().queryItemValue(u"limit"_s);
    const int limit = limitText.isEmpty() ? 100 : limitText.toInt(&ok);
    if (!ok || limit < 1 || limit > 1000)
        return respond(std::move(responder), HttpReply::error(ApiError::validation(u"limit"_s, u"limit must be an integer from 1 to 1000"_s)));
    const Database &database = m_ctx.database();
    respondLater(this, std::move(responder), m_ctx.run([&database, limit] {
        auto db = database.connection();
        if (!db)
            return HttpReply::error(db.error());
        auto entries = DeadLetterRepository(*db).audit(limit);
        return HttpReply::from(entries, [](const QJsonArray &a) { return QJsonObject{{u"items"_s, a}}; });
    }));
}

} // namespace taskmill
