// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "api/HandlersHandler.h"

#include "api/Request.h"
#include "observability/Logging.h"
#include "service/HandlerCatalog.h"
#include "store/HandlerRepository.h"

#include <QHttpServer>
#include <QJsonArray>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace taskmill {

namespace {
using Method = QHttpServerRequest::Method;

// Seed 004 names the registry "executors"; both prefixes serve the same routes and bodies.
const QString Prefixes[] = {u"/api/v1/handlers"_s, u"/api/v1/executors"_s};

// After a change: this process's catalog reloads before the client hears back (read-your-writes). A failed
// reload is logged; the once-a-second refresh retries it.
// A path name that no handler can have answers 404 before reaching PostgreSQL (which would refuse text
// that is not valid UTF-8 with an error, not a miss).
std::optional<ApiError> unknownName(const QString &name)
{
    if (isValidHandlerName(name))
        return std::nullopt;
    return ApiError::notFound(u"no handler named '%1'"_s.arg(name.left(64)));
}

void reloadCatalog(const ApiContext &ctx, QSqlDatabase &db)
{
    if (auto r = ctx.handlers().reload(db); !r)
        qCWarning(lcApi).noquote() << "handler catalog reload after a change failed:" << r.error().message;
}
} // namespace

HandlersHandler::HandlersHandler(ApiContext &context, QObject *parent) : QObject(parent), m_ctx(context) {}

void HandlersHandler::registerRoutes(RouteRegistry &server)
{
    for (const QString &prefix : Prefixes) {
        server.route(prefix, Method::Get, [this](const QHttpServerRequest &, QHttpServerResponder &&resp) {
            list(std::move(resp));
        });
        server.route(prefix, Method::Post, [this](const QHttpServerRequest &r, QHttpServerResponder &&resp) {
            auto body = request::objectBody(r, m_ctx.config().maxBodyBytes);
            if (!body)
                return respond(std::move(resp), HttpReply::error(body.error()));
            create(*body, std::move(resp));
        });
        server.route(prefix + u"/<arg>"_s, Method::Get, [this](const QString &name, const QHttpServerRequest &, QHttpServerResponder &&resp) {
            get(name, std::move(resp));
        });
        server.route(prefix + u"/<arg>"_s, Method::Put, [this](const QString &name, const QHttpServerRequest &r, QHttpServerResponder &&resp) {
            if (auto missing = unknownName(name))
                return respond(std::move(resp), HttpReply::error(*missing));
            auto body = request::objectBody(r, m_ctx.config().maxBodyBytes);
            if (!body)
                return respond(std::move(resp), HttpReply::error(body.error()));
            update(name, *body, std::move(resp));
        });
        server.route(prefix + u"/<arg>"_s, Method::Delete, [this](const QString &name, const QHttpServerRequest &r, QHttpServerResponder &&resp) {
            const QString forceText = QUrlQuery(r.url()).queryItemValue(u"force"_s);
            if (!forceText.isEmpty() && forceText != u"true" && forceText != u"false")
                return respond(std::move(resp), HttpReply::error(ApiError::validation(u"force"_s, u"force must be true or false"_s)));
            remove(name, forceText == u"true", request::CallInfo::of(r), std::move(resp));
        });
    }
}

void HandlersHandler::list(ReplyTarget &&responder)
{
    respondLater(this, std::move(responder), m_ctx.withDb([alive = m_ctx.config().visibilityTimeoutMs](QSqlDatabase &db) {
        auto all = HandlerRepository(db).list(true, alive);
        return HttpReply::from(all, [](const QList<HandlerSpec> &items) {
            QJsonArray a;
            for (const HandlerSpec &h : items)
                a.append(h.toJson());
            return QJsonObject{{u"items"_s, a}};
        });
    }));
}

void HandlersHandler::get(const QString &name, ReplyTarget &&responder)
{
    if (auto missing = unknownName(name))
        return respond(std::move(responder), HttpReply::error(*missing));
    respondLater(this, std::move(responder), m_ctx.withDb([name, alive = m_ctx.config().visibilityTimeoutMs](QSqlDatabase &db) {
        return HttpReply::from(HandlerRepository(db).get(name, true, alive), [](const HandlerSpec &h) { return h.toJson(); });
    }));
}

void HandlersHandler::create(const QJsonObject &body, ReplyTarget &&responder)
{
    auto spec = parseHandlerBody(body, std::nullopt);
    if (!spec)
        return respond(std::move(responder), HttpReply::error(spec.error()));
    const ApiContext &ctx = m_ctx;
    respondLater(this, std::move(responder), m_ctx.withDb([&ctx, h = *spec](QSqlDatabase &db) {
        auto stored = HandlerRepository(db).insert(h);
        if (stored)
            reloadCatalog(ctx, db);
        return HttpReply::from(stored, [](const HandlerSpec &s) { return s.toJson(); }, 201);
    }));
}

void HandlersHandler::update(const QString &name, const QJsonObject &body, ReplyTarget &&responder)
{
    if (auto missing = unknownName(name))
        return respond(std::move(responder), HttpReply::error(*missing));
    const ApiContext &ctx = m_ctx;
    respondLater(this, std::move(responder), m_ctx.withDb([&ctx, name, body](QSqlDatabase &db) {
        HandlerRepository repo(db);
        auto existing = repo.get(name, false);
        if (!existing)
            return HttpReply::error(existing.error());
        auto spec = parseHandlerBody(body, *existing, name);
        if (!spec)
            return HttpReply::error(spec.error());
        // A built-in's code reads its payload: the schema is the build's, only defaults and limits change.
        if (existing->kind == HandlerKind::Builtin && body.contains(u"schema"_s) && spec->schema != existing->schema)
            return HttpReply::error(ApiError::validation(u"schema"_s, u"the schema of built-in handler '%1' is part of taskmilld "
                                                                      "and cannot be changed"_s.arg(name)));
        auto stored = repo.update(*spec);
        if (stored)
            reloadCatalog(ctx, db);
        return HttpReply::from(stored, [](const HandlerSpec &s) { return s.toJson(); });
    }));
}

void HandlersHandler::remove(const QString &name, bool force, const request::CallInfo &call, ReplyTarget &&responder)
{
    if (auto missing = unknownName(name))
        return respond(std::move(responder), HttpReply::error(*missing));
    const ApiContext &ctx = m_ctx;
    respondLater(this, std::move(responder), m_ctx.withDb([&ctx, name, force, actor = call.actor()](QSqlDatabase &db) {
        auto cancelled = HandlerRepository(db).remove(name, force, actor);
        if (!cancelled)
            return HttpReply::error(cancelled.error());
        reloadCatalog(ctx, db);
        if (!cancelled->isEmpty())
            qCInfo(lcApi).noquote() << actor << "deleted handler" << name << "and cancelled" << cancelled->size() << "of its tasks";
        return HttpReply::json(QJsonObject{{u"deleted"_s, name}, {u"cancelled"_s, qint64(cancelled->size())}});
    }));
}

} // namespace taskmill
