// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "api/LeaseHandler.h"

#include "api/Request.h"
#include "codec/TaskJson.h"
#include "service/HandlerCatalog.h"
#include "service/LeaseService.h"
#include "wire/HandlerTypes.h"

#include <QHttpServer>
#include <QJsonArray>
#include <QTcpSocket>

#include <atomic>
#include <memory>

using namespace Qt::StringLiterals;

namespace taskmill {

namespace {
using Method = QHttpServerRequest::Method;

std::optional<ApiError> intField(const QJsonObject &o, const QString &key, int min, int max, int *out)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull())
        return std::nullopt;
    const double d = v.toDouble(-1e300);
    if (!v.isDouble() || d < min || d > max || d != double(qint64(d)))
        return ApiError::validation(key, u"%1 must be an integer from %2 to %3"_s.arg(key).arg(min).arg(max));
    *out = int(d);
    return std::nullopt;
}

} // namespace

Result<LeaseRequest> LeaseHandler::parseLeaseRequest(const QJsonObject &o)
{
    LeaseRequest r;
    const QJsonValue worker = o.value(u"worker"_s);
    if (!worker.isString() || worker.toString().trimmed().isEmpty() || worker.toString().size() > LeaseHandler::WorkerNameMax)
        return ApiError::validation(u"worker"_s, u"worker must name the worker, 1 to %1 characters"_s.arg(LeaseHandler::WorkerNameMax));
    r.worker = worker.toString();
    const QJsonValue types = o.value(u"types"_s);
    if (!types.isArray() || types.toArray().isEmpty() || types.toArray().size() > LeaseHandler::TypesMax)
        return ApiError::validation(u"types"_s, u"types must be a list of 1 to %1 handler names"_s.arg(LeaseHandler::TypesMax));
    for (const QJsonValue &t : types.toArray()) {
        if (!t.isString() || !isValidHandlerName(t.toString()))
            return ApiError::validation(u"types"_s, u"types must hold handler names ([a-z0-9][a-z0-9_.-]{0,63})"_s);
        if (!r.types.contains(t.toString()))
            r.types.append(t.toString());
    }
    if (auto e = intField(o, u"max"_s, 1, LeaseHandler::MaxPerLease, &r.max))
        return *e;
    if (auto e = intField(o, u"wait_ms"_s, 0, LeaseHandler::WaitMsMax, &r.waitMs))
        return *e;
    if (auto e = intField(o, u"lease_ms"_s, LeaseHandler::LeaseMsMin, LeaseHandler::LeaseMsMax, &r.leaseMs))
        return *e;
    return r;
}

namespace {
QJsonObject leasedJson(const LeasedTask &l)
{
    const Task &t = l.task;
    return {{u"lease"_s, l.token.toString()},
            {u"id"_s, t.id.toString(QUuid::WithoutBraces)},
            {u"type"_s, t.type},
            {u"title"_s, t.title},
            {u"payload"_s, t.payload},
            {u"attempt"_s, t.attempts},
            {u"max_attempts"_s, t.maxAttempts},
            {u"priority"_s, toString(t.priority)},
            {u"trace_id"_s, t.traceId},
            {u"span_id"_s, t.spanId},
            {u"lease_expires_at"_s, formatTimestamp(l.expiresAt)}};
}
} // namespace

LeaseHandler::LeaseHandler(ApiContext &context, QObject *parent) : QObject(parent), m_ctx(context) {}

void LeaseHandler::registerRoutes(RouteRegistry &server)
{
    server.route(u"/api/v1/workers/lease"_s, Method::Post, [this](const QHttpServerRequest &r, QHttpServerResponder &&resp) {
        lease(r, std::move(resp));
    });
    for (const QString &action : {u"heartbeat"_s, u"complete"_s, u"fail"_s, u"release"_s})
        server.route(u"/api/v1/leases/<arg>/"_s + action, Method::Post,
                     [this, action](const QString &lease, const QHttpServerRequest &r, QHttpServerResponder &&resp) {
                         onLease(lease, action, r, std::move(resp));
                     });
}

void LeaseHandler::lease(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    auto body = request::objectBody(request, m_ctx.config().maxBodyBytes);
    if (!body)
        return respond(std::move(responder), HttpReply::error(body.error()));
    auto parsed = parseLeaseRequest(*body);
    if (!parsed)
        return respond(std::move(responder), HttpReply::error(parsed.error()));
    parsed->host = request.remoteAddress().toString();
    // Set on this (the HTTP) thread when the worker hangs up; the long-poll checks it between blocking reads.
    auto gone = std::make_shared<std::atomic_bool>(false);
    if (QTcpSocket *socket = responder.socket()) {
        connect(socket, &QAbstractSocket::disconnected, this, [gone] { *gone = true; });
        connect(socket, &QObject::destroyed, this, [gone] { *gone = true; });
    }
    const ApiContext &ctx = m_ctx;
    respondLater(this, std::move(responder), m_ctx.withDbLongPoll([&ctx, r = *parsed, gone](QSqlDatabase &db) {
        LeaseService service(ctx.config(), ctx.handlers(), db, ctx.redis());
        auto leased = service.lease(r, *gone);
        return HttpReply::from(leased, [](const QList<LeasedTask> &items) {
            QJsonArray a;
            for (const LeasedTask &l : items)
                a.append(leasedJson(l));
            return QJsonObject{{u"items"_s, a}};
        });
    }));
}

Result<LeaseHandler::Report> LeaseHandler::parseReport(const QString &action, const QJsonObject &body)
{
    Report r;
    if (action == u"heartbeat") {
        int p = -1;
        if (auto e = intField(body, u"progress"_s, 0, 100, &p))
            return *e;
        if (p >= 0)
            r.progress = p;
        const QJsonValue m = body.value(u"message"_s);
        if (!m.isUndefined() && !m.isNull()) {
            if (!m.isString() || m.toString().size() > MessageMax)
                return ApiError::validation(u"message"_s, u"message must be a string of at most %1 characters"_s.arg(MessageMax));
            r.message = m.toString();
        }
    }
    if (action == u"fail") {
        const QJsonValue e = body.value(u"error"_s);
        if (!e.isUndefined() && (!e.isString() || e.toString().size() > ErrorMax))
            return ApiError::validation(u"error"_s, u"error must be a string of at most %1 characters"_s.arg(ErrorMax));
        r.error = e.toString().isEmpty() ? u"failed (the worker gave no reason)"_s : e.toString();
        const QJsonValue retry = body.value(u"retry"_s);
        if (!retry.isUndefined() && !retry.isBool())
            return ApiError::validation(u"retry"_s, u"retry must be true or false"_s);
        r.retry = retry.toBool(true);
    }
    r.result = body.value(u"result"_s).isUndefined() ? QJsonValue(QJsonValue::Null) : body.value(u"result"_s);
    return r;
}

void LeaseHandler::onLease(const QString &leaseText, const QString &action, const QHttpServerRequest &request,
                           QHttpServerResponder &&responder)
{
    const auto token = LeaseToken::parse(leaseText);
    if (!token)
        return respond(std::move(responder), HttpReply::error(ApiError::notFound(u"no such lease (malformed lease string)"_s)));
    QJsonObject body;
    if (!request.body().trimmed().isEmpty()) {
        auto parsed = request::objectBody(request, m_ctx.config().maxBodyBytes);
        if (!parsed)
            return respond(std::move(responder), HttpReply::error(parsed.error()));
        body = *parsed;
    }
    auto report = parseReport(action, body);
    if (!report)
        return respond(std::move(responder), HttpReply::error(report.error()));
    // Plain copies: clang 15 cannot capture structured bindings.
    const std::optional<int> progress = report->progress;
    const std::optional<QString> message = report->message;
    const QString error = report->error;
    const bool retry = report->retry;
    const QJsonValue result = report->result;
    const ApiContext &ctx = m_ctx;
    respondLater(this, std::move(responder), m_ctx.withDb([&ctx, t = *token, action, progress, message, error, retry, result](QSqlDatabase &db) {
        LeaseService service(ctx.config(), ctx.handlers(), db, ctx.redis());
        if (action == u"heartbeat")
            return HttpReply::from(service.heartbeat(t, progress, message), [](const QDateTime &until) {
                return QJsonObject{{u"lease_expires_at"_s, formatTimestamp(until)}};
            });
        const auto done = action == u"complete" ? service.complete(t, result)
                        : action == u"fail"     ? service.fail(t, error, retry)
                                                : service.release(t);
        return HttpReply::from(done, [](const Task &task) {
            QJsonObject o{{u"id"_s, task.id.toString(QUuid::WithoutBraces)}, {u"status"_s, toString(task.status)}};
            if (task.status == Status::Failed)
                o.insert(u"dead_lettered"_s, task.deadLetteredAt.isValid());
            return o;
        });
    }));
}

} // namespace taskmill
