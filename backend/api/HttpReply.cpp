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

void write(ReplyTarget &&target, const HttpReply &reply, const std::optional<RouteContext> &route)
{
    if (target.isHttp()) {
        QTcpSocket *socket = target.socket();
        if (!socket || !socket->isOpen())
            return;
    }
    target.write(reply);
    if (route)
        Metrics::observeHttpRequest(route->pattern, route->method, reply.status,
                                    double(RouteRegistry::nowNs() - route->startNs) / 1e9);
}

} // namespace

void ReplyTarget::write(const HttpReply &reply)
{
    if (m_sink) {
        m_sink(reply);
        m_sink = nullptr;
        return;
    }
    if (!m_responder)
        return;
    QHttpServerResponder responder = std::move(*m_responder);
    m_responder.reset();
    responder.writeStatusLine(QHttpServerResponder::StatusCode(reply.status));
    responder.writeHeader("Content-Type", reply.contentType);
    responder.writeHeader("Content-Length", QByteArray::number(reply.body.size()));
    for (const auto &[k, v] : reply.headers)
        responder.writeHeader(k, v);
    responder.writeBody(reply.body);
}

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

void respond(ReplyTarget &&target, const HttpReply &reply)
{
    write(std::move(target), forCaller(reply, callerMaySeePayloads()), currentRoute());
}

namespace detail {

void respondWhenFinished(QObject *context, ReplyTarget &&target, QFutureWatcherBase *watcher,
                         std::function<std::optional<HttpReply>()> reply)
{
    watcher->setParent(context);
    const bool http = target.isHttp();
    auto holder = std::make_shared<ReplyTarget>(std::move(target));
    QPointer<QTcpSocket> socket = holder->socket();
    const std::optional<RouteContext> route = currentRoute();
    const bool payloads = callerMaySeePayloads();
    QObject::connect(watcher, &QFutureWatcherBase::finished, watcher,
                     [watcher, holder, socket, http, route, payloads, reply = std::move(reply)] {
                         watcher->deleteLater();
                         std::optional<HttpReply> out;
                         try {
                             out = reply();
                         } catch (...) {
                             qCCritical(lcApi) << "request handler threw";
                             if (socket || !http)
                                 write(std::move(*holder), HttpReply::error(ApiError::internal(QStringLiteral("internal error"))), route);
                             return;
                         }
                         // Canceled work answers a callback too (503), so a gRPC call waiting on it never hangs.
                         if (!out && !http)
                             out = HttpReply::error(ApiError::unavailable(QStringLiteral("the request was canceled")));
                         if (out && (socket || !http))
                             write(std::move(*holder), forCaller(*out, payloads), route);
                     });
}

} // namespace detail

} // namespace taskmill
