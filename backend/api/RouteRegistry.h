// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "api/RequestGuard.h"
#include "observability/TraceContext.h"
#include "service/Authenticator.h"

#include <QHash>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QList>
#include <QString>

#include <memory>
#include <optional>
#include <type_traits>

#include <utility>

namespace taskmill {

// One registered route: the HTTP method (upper case) and the QHttpServer pattern ("/api/v1/tasks/<arg>").
struct RouteInfo
{
    QString method;
    QString pattern;
    friend bool operator==(const RouteInfo &, const RouteInfo &) = default;
};

// The route a request is being handled by. Set on the server thread while a route handler runs
// synchronously; respond()/respondLater() copy it to time the request once the reply is written.
struct RouteContext
{
    QString method;
    QString pattern;
    qint64 startNs = 0; // RouteRegistry::nowNs() when the handler started
    const Principal *principal = nullptr; // the authenticated caller, while the handler runs
};

// QHttpServer with a record of every (method, pattern) it serves, so the OpenAPI document and
// `taskmilld routes` can be checked against what is really registered, and so each request can be timed
// by its route pattern (bounded label cardinality) rather than its raw path.
// Call syntax matches QHttpServer::route(pattern, method, handler); the method is mandatory so that
// every route has a definite entry. Lives on the server thread; not thread-safe.
class RouteRegistry final
{
    Q_DISABLE_COPY_MOVE(RouteRegistry)
public:
    explicit RouteRegistry(QHttpServer &server) : m_server(server) {}

    // The browser defences (api/RequestGuard) for every route registered after this call.
    void setGuard(std::shared_ptr<const RequestGuard> guard) { m_guard = std::move(guard); }
    const RequestGuard *guard() const { return m_guard.get(); }
    // Credentials and permissions (service/Authenticator, api/RoutePermissions) for every route registered
    // after this call; without it (a metrics-only listener) every caller is the local principal.
    void setAuthenticator(std::shared_ptr<const Authenticator> auth) { m_auth = std::move(auth); }

    // What a route checks before its handler runs.
    struct Access
    {
        std::shared_ptr<const RequestGuard> guard;
        std::shared_ptr<const Authenticator> auth;
        QHash<int, Permission> permissions; // by QHttpServerRequest::Method
    };

    template<typename Handler>
    bool route(const QString &pattern, QHttpServerRequest::Methods methods, Handler &&handler)
    {
        const QString label = methodLabel(methods);
        record(methods, pattern);
        return m_server.route(pattern, methods,
                              wrap(label, pattern, access(methods, pattern), std::forward<Handler>(handler),
                                   &std::decay_t<Handler>::operator()));
    }

    // The caller of the route handler running on this thread (the local principal outside one).
    static const Principal &principal();

    // A route served by other means (the WebSocket upgrade path) that should still be listed.
    void addExternal(QHttpServerRequest::Methods methods, const QString &pattern) { record(methods, pattern); }

    // Requests no route matched are timed under the pattern "unmatched".
    template<typename Handler>
    void setMissingHandler(Handler &&handler)
    {
        m_server.setMissingHandler([h = std::forward<Handler>(handler)](const QHttpServerRequest &request,
                                                                        QHttpServerResponder &&responder) {
            const Scope scope(methodName(request.method()), QStringLiteral("unmatched"));
            h(request, std::move(responder));
        });
    }

    QHttpServer &server() { return m_server; }
    // In registration order; one entry per method of a multi-method route.
    const QList<RouteInfo> &routes() const { return m_routes; }

    // The route of the handler running on this thread, or nullptr outside a route handler.
    static const RouteContext *current();
    static QString methodName(QHttpServerRequest::Method method);
    // Monotonic clock in nanoseconds, the scale of RouteContext::startNs.
    static qint64 nowNs();

    // Sets the thread's current route (and, once authenticated, its caller) for the lifetime of the handler
    // call (nesting restores the outer one). Also the gRPC bridge's (api/grpc): an RPC runs as a route would.
    class Scope
    {
    public:
        Scope(const QString &method, const QString &pattern);
        ~Scope();
        Q_DISABLE_COPY_MOVE(Scope)
        void setPrincipal(const Principal &p) { m_principal = p; m_context.principal = &m_principal; }
    private:
        RouteContext m_context;
        const RouteContext *m_previous;
        Principal m_principal;
    };

    // The one credentials-and-permission decision of every route and RPC: `who` (Authenticator's verdict) against the
    // permission `needed`; sets the caller on `scope`. `howToAuthenticate` tells a caller without credentials how
    // to send them (the header for REST, the metadata for gRPC), `credentialField` names that field.
    static std::optional<ApiError> authorize(const Authenticator::Outcome &who, Permission needed, Scope &scope,
                                             const QString &howToAuthenticate, const QString &credentialField);

private:
    // The route's Access: its permission per method from the table; a route missing from it stops the server
    // from starting (a route nobody decided about must not be reachable).
    Access access(QHttpServerRequest::Methods methods, const QString &pattern) const;

    // Rebuilds a handler with exactly the same parameter list, so QHttpServer's view traits still see
    // the captured path arguments, the request and the responder where the original asked for them.
    template<typename Handler, typename R, typename C, typename... Args>
    static auto wrap(QString method, QString pattern, Access access, Handler &&handler, R (C::*)(Args...) const)
    {
        return [method = std::move(method), pattern = std::move(pattern), access = std::move(access),
                h = std::forward<Handler>(handler)](Args... args) -> R {
            static_assert(std::is_void_v<R>, "route handlers answer through their responder");
            Scope scope(method, pattern);
            const std::optional<TraceScope> trace = traceOf(findRequest(args...));
            logRequest(method, pattern);
            if (rejected(access, scope, findRequest(args...), findResponder(args...)))
                return;
            return h(std::forward<Args>(args)...);
        };
    }

    template<typename Handler, typename R, typename C, typename... Args>
    static auto wrap(QString method, QString pattern, Access access, Handler &&handler, R (C::*)(Args...))
    {
        return [method = std::move(method), pattern = std::move(pattern), access = std::move(access),
                h = std::forward<Handler>(handler)](Args... args) mutable -> R {
            static_assert(std::is_void_v<R>, "route handlers answer through their responder");
            Scope scope(method, pattern);
            const std::optional<TraceScope> trace = traceOf(findRequest(args...));
            logRequest(method, pattern);
            if (rejected(access, scope, findRequest(args...), findResponder(args...)))
                return;
            return h(std::forward<Args>(args)...);
        };
    }

    // Answers (and returns true) before any handler sees the request: the browser defences' refusal (415,
    // 421, 403), missing or invalid credentials (401), a role without the route's permission (403), or 422 when
    // it carries text PostgreSQL cannot store (api/Request.h, checkStorableText). Sets the caller on `scope`.
    static bool rejected(const Access &access, Scope &scope, const QHttpServerRequest *request, QHttpServerResponder *responder);
    static QHttpServerResponder *pickResponder(QHttpServerResponder &r, QHttpServerResponder *) { return &r; }
    template<typename T>
    static QHttpServerResponder *pickResponder(const T &, QHttpServerResponder *found) { return found; }
    template<typename... Args>
    static QHttpServerResponder *findResponder(Args &...args)
    {
        QHttpServerResponder *found = nullptr;
        ((found = pickResponder(args, found)), ...);
        return found;
    }

    // The handler's request among its arguments (every route handler takes one), found at compile time.
    static const QHttpServerRequest *pickRequest(const QHttpServerRequest &r, const QHttpServerRequest *) { return &r; }
    template<typename T>
    static const QHttpServerRequest *pickRequest(const T &, const QHttpServerRequest *found) { return found; }
    template<typename... Args>
    static const QHttpServerRequest *findRequest(const Args &...args)
    {
        const QHttpServerRequest *found = nullptr;
        ((found = pickRequest(args, found)), ...);
        return found;
    }
    // A request carrying a valid W3C traceparent runs inside that trace (a new span of ours under the
    // caller's), so every log line it writes carries the trace id; create requests open their own span too.
    static std::optional<TraceScope> traceOf(const QHttpServerRequest *request);
    // One debug line per request (taskmill.backend.api.debug), inside the request's trace scope.
    static void logRequest(const QString &method, const QString &pattern);

    static QString methodLabel(QHttpServerRequest::Methods methods);
    void record(QHttpServerRequest::Methods methods, const QString &pattern);

    QHttpServer &m_server;
    QList<RouteInfo> m_routes;
    std::shared_ptr<const RequestGuard> m_guard;
    std::shared_ptr<const Authenticator> m_auth;
};

} // namespace taskmill
