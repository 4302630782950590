// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "api/RouteRegistry.h"

#include "api/HttpReply.h"
#include "api/Request.h"
#include "api/RoutePermissions.h"
#include "observability/Logging.h"

#include <QMetaEnum>
#include <QTcpSocket>

#include <chrono>

namespace taskmill {

namespace {
thread_local const RouteContext *t_current = nullptr;
} // namespace

RouteRegistry::Scope::Scope(const QString &method, const QString &pattern)
    : m_context{method, pattern, nowNs(), nullptr}, m_previous(t_current)
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

const Principal &RouteRegistry::principal()
{
    static const Principal local = Principal::local();
    return t_current && t_current->principal ? *t_current->principal : local;
}

RouteRegistry::Access RouteRegistry::access(QHttpServerRequest::Methods methods, const QString &pattern) const
{
    Access a{m_guard, m_auth, {}};
    const QMetaEnum e = QMetaEnum::fromType<QHttpServerRequest::Method>();
    for (int i = 0; i < e.keyCount(); ++i) {
        const auto m = QHttpServerRequest::Method(e.value(i));
        if (m == QHttpServerRequest::Method::Unknown || !methods.testFlag(m) || qPopulationCount(uint(e.value(i))) != 1)
            continue;
        const std::optional<Permission> p = permissionOf(methodName(m), pattern);
        if (!p && m_auth)
            qFatal("route %s %s has no entry in api/RoutePermissions.cpp", qPrintable(methodName(m)), qPrintable(pattern));
        a.permissions.insert(int(m), p.value_or(Permission::Open));
    }
    return a;
}

bool RouteRegistry::rejected(const Access &access, Scope &scope, const QHttpServerRequest *request, QHttpServerResponder *responder)
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
    std::optional<ApiError> error = access.guard ? access.guard->check(*request) : std::nullopt;
    if (!error && access.auth)
        error = authorize(access.auth->authenticate(*request), access.permissions.value(int(request->method()), Permission::Admin),
                          scope, QStringLiteral("send Authorization: Bearer <token>"), QStringLiteral("Authorization"));
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

std::optional<ApiError> RouteRegistry::authorize(const Authenticator::Outcome &who, Permission needed, Scope &scope,
                                                 const QString &howToAuthenticate, const QString &credentialField)
{
    std::optional<ApiError> error;
    if (who.error)
        error = who.error; // credentials were sent and are wrong: never fall back to anonymous
    else if (!who.principal && needed != Permission::Open)
        error = ApiError{ErrorCode::Unauthorized,
                         QStringLiteral("this route needs credentials: %1 (from POST /api/v1/auth/login, or an API token)")
                             .arg(howToAuthenticate),
                         credentialField, {}};
    else if (who.principal && !who.principal->may(needed))
        error = ApiError{ErrorCode::Forbidden,
                         QStringLiteral("the role '%1' does not have the permission '%2' this route needs")
                             .arg(toString(who.principal->role), toString(needed)),
                         {}, {}};
    if (who.principal)
        scope.setPrincipal(*who.principal);
    return error;
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
