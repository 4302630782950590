// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "api/RouteRegistry.h"

#include "api/HttpReply.h"
#include "api/Request.h"
#include "observability/Logging.h"

#include <QMetaEnum>
#include <QTcpSocket>

#include <chrono>

namespace taskmill {

namespace {
thread_local const RouteContext *t_current = nullptr;
} // namespace

RouteRegistry::Scope::Scope(const QString &method, const QString &pattern)
    : m_context{method, pattern, nowNs()}, m_previous(t_current)
{
    t_current = &m_context;
}

RouteRegistry::Scope::~Scope()
{
    t_current = m_previous;
}

std::optional<TraceScope> RouteRegistry::traceOf(const QHttpServerRequest *request)
{
    if (!request)
        return std::nullopt;
    const QByteArray header = request->value("traceparent");
    if (header.isEmpty())
        return std::nullopt;
    const std::optional<TraceContext> caller = TraceContext::fromTraceparent(header);
    if (!caller)
        return std::nullopt;
    return std::optional<TraceScope>(std::in_place, TraceContext{caller->traceId, TraceContext::newSpanId()});
}

bool RouteRegistry::rejected(const RequestGuard *guard, const QHttpServerRequest *request, QHttpServerResponder *responder)
{
    if (!request || !responder)
        return false;
    if (QTcpSocket *socket = responder->socket(); socket && socket->property("taskmill.lowDelay").isNull()) {
        // A reply is written in pieces (status line, headers, body): without TCP_NODELAY, Nagle's algorithm
        // holds the later pieces until the client acknowledges the first, which a client that delays its
        // ACKs answers late — about a millisecond per request for Node's fetch. Once per connection.
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        socket->setProperty("taskmill.lowDelay", true);
    }
    std::optional<ApiError> error = guard ? guard->check(*request) : std::nullopt;
    if (error) {
        qCInfo(lcApi).noquote() << "refused" << methodName(request->method()) << request->url().path() << ":" << error->message;
        respond(std::move(*responder), HttpReply::error(*error));
        return true;
    }
    error = request::checkStorableText(*request);
    if (!error)
        return false;
    respond(std::move(*responder), HttpReply::error(*error));
    return true;
}

void RouteRegistry::logRequest(const QString &method, const QString &pattern)
{
    qCDebug(lcApi).noquote() << method << pattern;
}

qint64 RouteRegistry::nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

const RouteContext *RouteRegistry::current()
{
    return t_current;
}

QString RouteRegistry::methodName(QHttpServerRequest::Method method)
{
    const char *key = QMetaEnum::fromType<QHttpServerRequest::Method>().valueToKey(int(method));
    return key ? QString::fromLatin1(key).toUpper() : QStringLiteral("UNKNOWN");
}

QString RouteRegistry::methodLabel(QHttpServerRequest::Methods methods)
{
    // A multi-method route is timed under one joined label ("GET|HEAD"); Taskmill registers none today.
    QStringList names;
    const QMetaEnum e = QMetaEnum::fromType<QHttpServerRequest::Method>();
    for (int i = 0; i < e.keyCount(); ++i) {
        const auto m = QHttpServerRequest::Method(e.value(i));
        if (m != QHttpServerRequest::Method::Unknown && m != QHttpServerRequest::Method::AnyKnown && methods.testFlag(m))
            names << methodName(m);
    }
    return names.join(u'|');
}

void RouteRegistry::record(QHttpServerRequest::Methods methods, const QString &pattern)
{
    const QMetaEnum e = QMetaEnum::fromType<QHttpServerRequest::Method>();
    for (int i = 0; i < e.keyCount(); ++i) {
        const auto m = QHttpServerRequest::Method(e.value(i));
        if (m != QHttpServerRequest::Method::Unknown && m != QHttpServerRequest::Method::AnyKnown && methods.testFlag(m))
            m_routes.append({methodName(m), pattern});
    }
}

} // namespace taskmill
