// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "api/PauseHandler.h"

#include "api/HttpReply.h"
#include "api/Request.h"
#include "observability/Logging.h"
#include "service/HandlerCatalog.h"
#include "service/PauseControl.h"
#include "store/PauseRepository.h"
#include "validation/TaskValidation.h"

#include <QFutureWatcher>
#include <QHttpServer>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace taskmill {

namespace {
using Method = QHttpServerRequest::Method;
} // namespace

PauseHandler::PauseHandler(ApiContext &context, QObject *parent) : QObject(parent), m_ctx(context)
{
    connect(&m_pollTimer, &QTimer::timeout, this, &PauseHandler::poll);
    m_pollTimer.start(PollMs);
}

void PauseHandler::registerRoutes(RouteRegistry &server)
{
    server.route(u"/api/v1/pauses"_s, Method::Get, [this](const QHttpServerRequest &, QHttpServerResponder &&resp) {
        list(std::move(resp));
    });
    for (const PauseScope scope : {PauseScope::Priority, PauseScope::Type}) {
        const QString path = scope == PauseScope::Priority ? u"/api/v1/queues/<arg>/pause"_s : u"/api/v1/types/<arg>/pause"_s;
        server.route(path, Method::Put, [this, scope](const QString &name, const QHttpServerRequest &r, QHttpServerResponder &&resp) {
            pause(scope, name, r, std::move(resp));
        });
        server.route(path, Method::Delete, [this, scope](const QString &name, const QHttpServerRequest &r, QHttpServerResponder &&resp) {
            resume(scope, name, r, std::move(resp));
        });
    }
}

Result<QString> PauseHandler::checkName(PauseScope scope, const QString &name, bool mustBeRegistered) const
{
    if (scope == PauseScope::Priority) {
        const auto p = priorityFromString(name);
        if (!p)
            return ApiError::validation(u"priority"_s, u"unknown priority '%1': one of LOW, MEDIUM, HIGH"_s.arg(name.left(64)));
        return toString(*p);
    }
    if (!isValidTaskType(name))
        return ApiError::validation(u"type"_s, u"a task type is 1 to 64 of A-Z a-z 0-9 _ . : -"_s);
    if (mustBeRegistered && !m_ctx.handlers().snapshot()->contains(name))
        return ApiError::validation(u"type"_s, u"no handler named '%1' is registered (GET /api/v1/handlers)"_s.arg(name));
    return name;
}

void PauseHandler::list(QHttpServerResponder &&responder)
{
    respondLater(this, std::move(responder), m_ctx.withDb([](QSqlDatabase &db) {
        return HttpReply::from(PauseRepository(db).list(),
                               [](const PauseSet &s) { return QJsonObject{{u"items"_s, s.toJson()}}; });
    }));
}

void PauseHandler::pause(PauseScope scope, const QString &rawName, const QHttpServerRequest &request,
                         QHttpServerResponder &&responder)
{
    const auto name = checkName(scope, rawName, true);
    if (!name)
        return respond(std::move(responder), HttpReply::error(name.error()));
    const ApiContext &ctx = m_ctx;
    const QString pausedBy = RouteRegistry::principal().actor();
    auto work = m_ctx.withDb([&ctx, scope, name = *name, pausedBy, auditActor = request::actor(request)](QSqlDatabase &db) {
        return HttpReply::from(PauseControl(db, ctx.dispatch()).pause(scope, name, pausedBy, auditActor), [](const Pause &p) {
            QJsonObject o = p.toJson();
            o.insert(u"paused"_s, true);
            return o;
        });
    });
    respondLater(this, std::move(responder), std::move(work), [this](const HttpReply &reply) {
        if (reply.status == 200)
            poll(); // this process's WebSocket clients hear of it now, not at the next poll
        return reply;
    });
}

void PauseHandler::resume(PauseScope scope, const QString &rawName, const QHttpServerRequest &request,
                          QHttpServerResponder &&responder)
{
    const auto name = checkName(scope, rawName, false);
    if (!name)
        return respond(std::move(responder), HttpReply::error(name.error()));
    const ApiContext &ctx = m_ctx;
    auto work = m_ctx.withDb([&ctx, scope, name = *name, auditActor = request::actor(request)](QSqlDatabase &db) {
        return HttpReply::from(PauseControl(db, ctx.dispatch()).resume(scope, name, auditActor), [&](const PauseControl::Resumed &r) {
            return QJsonObject{{u"scope"_s, toString(scope)}, {u"name"_s, name}, {u"paused"_s, false}, {u"dispatched"_s, r.dispatched}};
        });
    });
    respondLater(this, std::move(responder), std::move(work), [this](const HttpReply &reply) {
        if (reply.status == 200)
            poll();
        return reply;
    });
}

void PauseHandler::poll()
{
    if (m_polling) {
        m_pollAgain = true; // the poll under way may have read before the change
        return;
    }
    m_polling = true;
    auto *watcher = new QFutureWatcher<HttpReply>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        // withDb() answers every failure as a reply; no result would be a cancelled pool, at shutdown.
        onPollFinished(watcher->future().resultCount() > 0 ? watcher->result()
                                                           : HttpReply::error(ApiError::unavailable(u"shutting down"_s)));
    });
    watcher->setFuture(m_ctx.withDb([](QSqlDatabase &db) {
        return HttpReply::from(PauseRepository(db).list(), [](const PauseSet &s) { return QJsonObject{{u"items"_s, s.toJson()}}; });
    }));
}

void PauseHandler::onPollFinished(const HttpReply &reply)
{
    m_polling = false;
    if (reply.status != 200) {
        qCWarning(lcApi).noquote() << "reading the pauses for the event stream failed:" << QString::fromUtf8(reply.body.left(200));
    } else if (auto read = PauseSet::fromJson(QJsonDocument::fromJson(reply.body).object().value(u"items"_s).toArray()); !read) {
        qCWarning(lcApi).noquote() << "reading the pauses for the event stream failed:" << read.error().message;
    } else if (!m_known || *m_known != *read) {
        m_known = *read;
        emit pausesChanged(*read);
    }
    if (m_pollAgain) {
        m_pollAgain = false;
        poll();
    }
}

} // namespace taskmill
