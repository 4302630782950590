// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "api/BulkHandler.h"

#include "api/HttpReply.h"
#include "api/Request.h"
#include "observability/Logging.h"
#include "service/BulkRunner.h"
#include "store/BulkOperationRepository.h"

#include <QHttpServer>

using namespace Qt::StringLiterals;

namespace taskmill {

namespace {
using Method = QHttpServerRequest::Method;

// Reads an operation and declares stale ones interrupted first, so a reader never sees one "running" whose
// process died more than BulkRunner::StaleAfterS ago.
HttpReply readOperation(QSqlDatabase &db, const QUuid &id, const QString &owner)
{
    BulkOperationRepository repo(db);
    if (auto swept = repo.interruptStale(BulkRunner::staleAfterS()); !swept)
        return HttpReply::error(swept.error());
    return HttpReply::from(repo.get(id, owner), [](const BulkOperation &op) { return op.toJson(); });
}
} // namespace

BulkHandler::BulkHandler(ApiContext &context, QObject *parent)
    : QObject(parent),
      m_ctx(context),
      m_runner(std::make_unique<BulkRunner>(context.database(), [ctx = &context](QSqlDatabase &db) { return ctx->actions(db); }))
{
    // Operations a previous run of this process (or a dead peer) left unfinished are over: say so at once rather
    // than at the first read.
    m_ctx.withDb([](QSqlDatabase &db) {
        auto swept = BulkOperationRepository(db).interruptStale(BulkRunner::staleAfterS());
        if (!swept)
            qCWarning(lcApi).noquote() << "declaring stale bulk operations interrupted failed:" << swept.error().message;
        else if (*swept > 0)
            qCInfo(lcApi).noquote() << *swept << "unfinished bulk operation(s) of an ended api process declared interrupted";
        return HttpReply::json(QJsonObject{});
    });
}

BulkHandler::~BulkHandler() = default;

void BulkHandler::stop()
{
    m_runner->stop();
}

void BulkHandler::registerRoutes(RouteRegistry &server)
{
    server.route(u"/api/v1/tasks/bulk/cancel"_s, Method::Post, [this](const QHttpServerRequest &r, QHttpServerResponder &&resp) {
        start(BulkAction::Cancel, r, std::move(resp));
    });
    server.route(u"/api/v1/tasks/bulk/retry"_s, Method::Post, [this](const QHttpServerRequest &r, QHttpServerResponder &&resp) {
        start(BulkAction::Retry, r, std::move(resp));
    });
    server.route(u"/api/v1/tasks/bulk/<arg>"_s, Method::Get, [this](const QString &id, const QHttpServerRequest &, QHttpServerResponder &&resp) {
        get(id, std::move(resp));
    });
    server.route(u"/api/v1/tasks/bulk/<arg>"_s, Method::Delete,
                 [this](const QString &id, const QHttpServerRequest &, QHttpServerResponder &&resp) { stopOperation(id, std::move(resp)); });
}

QString BulkHandler::ownerScope()
{
    const Principal &p = RouteRegistry::principal();
    return p.ownTasksOnly() ? p.actor() : QString();
}

void BulkHandler::start(BulkAction action, const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    auto body = request::objectBody(request, m_ctx.config().maxBodyBytes, u"a JSON object {\"filter\": {...}, \"expected\": N}"_s);
    if (!body)
        return respond(std::move(responder), HttpReply::error(body.error()));
    auto parsed = BulkRequest::fromJson(*body, m_ctx.config().maxSearchChars, m_ctx.config().maxParamChars);
    if (!parsed)
        return respond(std::move(responder), HttpReply::error(parsed.error()));
    TaskFilter filter = parsed->filter;
    filter.owner = ownerScope();
    if (parsed->dryRun) {
        return respondLater(this, std::move(responder), m_ctx.withDb([action, filter](QSqlDatabase &db) -> HttpReply {
            auto total = BulkOperationRepository(db).count(action, filter, BulkRequest::MaxTasks);
            if (!total)
                return HttpReply::error(total.error());
            if (*total > BulkRequest::MaxTasks)
                return HttpReply::error(ApiError::validation(
                    u"filter"_s, u"the filter matches more than %1 tasks, the most one bulk operation takes: narrow it"_s
                                     .arg(BulkRequest::MaxTasks)));
            return HttpReply::json(BulkCount{action, *total}.toJson());
        }));
    }
    BulkRunner::Start start;
    start.action = action;
    start.filter = filter;
    start.filterJson = taskFilterToJson(parsed->filter);
    start.expected = parsed->expected;
    start.owner = RouteRegistry::principal().actor();
    start.actor = request::actor(request);
    respondLater(this, std::move(responder), m_runner->start(std::move(start)), [](const Result<BulkOperation> &op) {
        return HttpReply::from(op, [](const BulkOperation &o) { return o.toJson(); }, 202);
    });
}

void BulkHandler::get(const QString &idText, QHttpServerResponder &&responder)
{
    auto id = request::pathId(idText, u"bulk operation"_s);
    if (!id)
        return respond(std::move(responder), HttpReply::error(id.error()));
    respondLater(this, std::move(responder), m_ctx.withDb([id = *id, owner = ownerScope()](QSqlDatabase &db) {
        return readOperation(db, id, owner);
    }));
}

void BulkHandler::stopOperation(const QString &idText, QHttpServerResponder &&responder)
{
    auto id = request::pathId(idText, u"bulk operation"_s);
    if (!id)
        return respond(std::move(responder), HttpReply::error(id.error()));
    BulkRunner *runner = m_runner.get();
    respondLater(this, std::move(responder), m_ctx.withDb([runner, id = *id, owner = ownerScope()](QSqlDatabase &db) {
        BulkOperationRepository repo(db);
        // A dead process's operation becomes interrupted first, rather than "stopping" for ever.
        if (auto swept = repo.interruptStale(BulkRunner::staleAfterS()); !swept)
            return HttpReply::error(swept.error());
        auto stopped = repo.requestStop(id, owner);
        // Stored first, so the runner's next progress write reads "stopping" wherever it runs; when it runs here it
        // stops before its next task.
        if (stopped && stopped->state == BulkState::Stopping)
            runner->requestStop(id);
        return HttpReply::from(stopped, [](const BulkOperation &op) { return op.toJson(); });
    }));
}

} // namespace taskmill
