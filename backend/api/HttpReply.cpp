// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "api/HttpReply.h"

#include <algorithm>

#include "api/Redaction.h"
#include "api/RouteRegistry.h"
#include "observability/Logging.h"
#include "observability/Metrics.h"

#include <QHttpServerResponder>
#include <QJsonDocument>
#include <QPointer>
#include <QTcpSocket>

#include <memory>
#include <optional>

namespace taskmill {

namespace {

// The route is captured when respond()/respondLater() is called (inside the route handler, on the
// server thread) because the reply may be written much later, outside any handler.
std::optional<RouteContext> currentRoute()
{
    const RouteContext *c = RouteRegistry::current();
    if (!c)
        return std::nullopt;
    RouteContext copy = *c;
    copy.principal = nullptr; // it lives as long as the handler call; the copy outlives it (for timing only)
    return copy;
}

void write(QHttpServerResponder &&responder, const HttpReply &reply, const std::optional<RouteContext> &route)
{
    QTcpSocket *socket = responder.socket();
    if (!socket || !socket->isOpen())
        return;
    responder.writeStatusLine(QHttpServerResponder::StatusCode(reply.status));
    responder.writeHeader("Content-Type", reply.contentType);
    responder.writeHeader("Content-Length", QByteArray::number(reply.body.size()));
    for (const auto &[k, v] : reply.headers)
        responder.writeHeader(k, v);
    responder.writeBody(reply.body);
    if (route)
        Metrics::observeHttpRequest(route->pattern, route->method, reply.status,
                                    double(RouteRegistry::nowNs() - route->startNs) / 1e9);
}

} // namespace

HttpReply HttpReply::json(const QJsonObject &o, int status)
{
    return {status, QJsonDocument(o).toJson(QJsonDocument::Compact), "application/json", {}};
}

HttpReply HttpReply::json(const QJsonArray &a, int status)
{
    return {status, QJsonDocument(a).toJson(QJsonDocument::Compact), "application/json", {}};
}

HttpReply HttpReply::error(const ApiError &e)
{
    HttpReply reply = json(e.toJson(), httpStatus(e.code));
    if (e.code == ErrorCode::TooManyRequests)
        reply.headers.append({"Retry-After", QByteArray::number(std::max(1, e.retryAfterS))});
    return reply;
}

namespace {
// Called while the route's handler runs, where its caller is known (the reply may be written later).
bool callerMaySeePayloads()
{
    return RouteRegistry::principal().payloads;
}

HttpReply forCaller(const HttpReply &reply, bool payloads)
{
    if (payloads || !reply.contentType.startsWith("application/json"))
        return reply;
    HttpReply out = reply;
    out.body = redactedBody(reply.body);
    return out;
}
} // namespace

void respond(QHttpServerResponder &&responder, const HttpReply &reply)
{
    write(std::move(responder), forCaller(reply, callerMaySeePayloads()), currentRoute());
}

namespace detail {

void respondWhenFinished(QObject *context, QHttpServerResponder &&responder, QFutureWatcherBase *watcher,
                         std::function<std::optional<HttpReply>()> reply)
{
    watcher->setParent(context);
    auto holder = std::make_shared<QHttpServerResponder>(std::move(responder));
    QPointer<QTcpSocket> socket = holder->socket();
    const std::optional<RouteContext> route = currentRoute();
    const bool payloads = callerMaySeePayloads();
    QObject::connect(watcher, &QFutureWatcherBase::finished, watcher,
                     [watcher, holder, socket, route, payloads, reply = std::move(reply)] {
                         watcher->deleteLater();
                         std::optional<HttpReply> out;
                         try {
                             out = reply();
                         } catch (...) {
                             qCCritical(lcApi) << "request handler threw";
                             if (socket)
                                 write(std::move(*holder), HttpReply::error(ApiError::internal(QStringLiteral("internal error"))), route);
                             return;
                         }
                         if (out && socket)
                             write(std::move(*holder), forCaller(*out, payloads), route);
                     });
}

} // namespace detail

} // namespace taskmill
