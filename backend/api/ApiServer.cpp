// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "api/ApiServer.h"

#include "api/AuditHandler.h"
#include "api/AuthHandler.h"
#include "api/BulkHandler.h"
#include "api/ConnectionGuard.h"
#include "api/Request.h"
#include "api/TlsListener.h"
#include "service/Authenticator.h"

#include "api/DeadLetterHandler.h"
#include "api/EventsHandler.h"
#include "api/InfoHandler.h"
#include "api/MonitorHandler.h"
#include "api/ObservabilityHandler.h"
#include "api/EventHub.h"
#include "api/HandlersHandler.h"
#include "api/LeaseHandler.h"
#include "api/InviteHandler.h"
#include "api/PauseHandler.h"
#include "api/HttpReply.h"
#include "service/HandlerCatalog.h"
#include "service/TaskWriter.h"
#include "api/TasksHandler.h"
#include "api/grpc/GrpcServer.h"
#include "observability/Logging.h"

#include <QThread>
#include <QHostAddress>
#include <QJsonDocument>
#include <QSslServer>
#include <QMetaEnum>

using namespace Qt::StringLiterals;

namespace taskmill {

ApiServer::ApiServer(const BackendConfig &config, DbParams db, RedisEndpoint redis, Tracer *tracer, QObject *parent)
    : QObject(parent), m_config(config),
      m_writer(std::make_unique<TaskWriter>(db, redis, config.streamPrefix.toUtf8(), config.writerBatchMax,
                                            config.redisWaitReplicas)),
      m_ctx(std::make_unique<ApiContext>(config, db, redis, *m_writer))
{
    m_writer->setLaneOf([ctx = m_ctx.get()](const QString &type) { return ctx->handlers().laneOf(type); });
    m_connections = new ConnectionGuard({config.maxConnectionsPerAddress, config.headerTimeoutMs, config.idleTimeoutMs,
                                         config.maxHeaderBytes}, this);
    request::setJsonDepthMax(config.maxJsonDepth);
    auto guard = std::make_shared<const RequestGuard>(config);
    m_routes.setGuard(guard); // before any route: each route keeps the guard and authenticator it was registered with
    m_routes.setAuthenticator(m_ctx->authShared());
    (new AuthHandler(*m_ctx, this))->registerRoutes(m_routes);
    (new InviteHandler(*m_ctx, this))->registerRoutes(m_routes);
    // Bulk operations by filter before the task routes: "/api/v1/tasks/<arg>/retry" would take /bulk/retry.
    m_bulk = new BulkHandler(*m_ctx, this);
    m_bulk->registerRoutes(m_routes);
    m_tasks = new TasksHandler(*m_ctx, this);
    m_tasks->setTracer(tracer); // tracing
    m_tasks->registerRoutes(m_routes);
    m_deadLetters = new DeadLetterHandler(*m_ctx, this);
    m_deadLetters->registerRoutes(m_routes);
    (new AuditHandler(*m_ctx, this))->registerRoutes(m_routes);
    m_events = new EventsHandler(*m_ctx, this);
    m_events->registerRoutes(m_routes);
    (new MonitorHandler(*m_ctx, this))->registerRoutes(m_routes);
    m_handlers = new HandlersHandler(*m_ctx, this);
    m_handlers->registerRoutes(m_routes);
    (new LeaseHandler(*m_ctx, this))->registerRoutes(m_routes);
    auto *pauses = new PauseHandler(*m_ctx, this);
    pauses->registerRoutes(m_routes);
    (new InfoHandler(m_config, tracer, this))->registerRoutes(m_routes); // tracing
    m_hub = new EventHub(redis, config.streamPrefix.toUtf8(), this);
    m_hub->setLimits(config.maxEventStreamsPerCaller, config.maxStreamMessagesPerS);
    m_hub->attach(m_server, guard, m_ctx->authShared());
    connect(pauses, &PauseHandler::pausesChanged, m_hub, &EventHub::onPausesChanged);
    m_routes.addExternal(QHttpServerRequest::Method::Get, u"/api/v1/ws"_s);
    (new ObservabilityHandler(m_config, db, redis, this))->registerRoutes(m_routes);
    m_routes.setMissingHandler([](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
        respond(std::move(responder),
                HttpReply::error(ApiError::notFound(u"no route for %1 %2"_s.arg(
                    QString::fromLatin1(QMetaEnum::fromType<QHttpServerRequest::Method>().valueToKey(int(request.method()))).toUpper(),
                    request.url().path()))));
    });
}

ApiServer::~ApiServer()
{
    stop();
}

Result<quint16> ApiServer::start()
{
    // The registry before the first request (the daemon seeded the built-ins after migrating). Start fails
    // rather than accept creates unchecked.
    const auto loaded = m_ctx->withDb([ctx = m_ctx.get()](QSqlDatabase &db) {
        if (auto r = ctx->handlers().reload(db); !r)
            return HttpReply::error(r.error());
        return HttpReply::json(QJsonObject{});
    }).result();
    if (loaded.status != 200) {
        ApiError e = ApiError::fromJson(QJsonDocument::fromJson(loaded.body).object(), loaded.status);
        e.message = u"cannot load the handler registry: "_s + e.message;
        return e;
    }
    // Changes made through another api process arrive within one refresh.
    connect(&m_handlerRefresh, &QTimer::timeout, this, [ctx = m_ctx.get()] {
        ctx->withDb([ctx](QSqlDatabase &db) {
            if (auto r = ctx->handlers().refreshIfChanged(db); !r)
                qCWarning(lcApi).noquote() << "handler registry refresh:" << r.error().message;
            return HttpReply::json(QJsonObject{});
        });
    });
    m_handlerRefresh.start(HandlerRefreshMs);
    // Accounts: the signing key and the first snapshot before any request; then a reload every second (a
    // token revoked through another api process stops working here within it) and the tokens' last use.
    const auto accounts = m_ctx->withDb([ctx = m_ctx.get()](QSqlDatabase &db) {
        if (auto r = ctx->auth().start(db); !r)
            return HttpReply::error(r.error());
        return HttpReply::json(QJsonObject{});
    }).result();
    if (accounts.status != 200) {
        ApiError e = ApiError::fromJson(QJsonDocument::fromJson(accounts.body).object(), accounts.status);
        e.message = u"cannot load accounts: "_s + e.message;
        return e;
    }
    connect(&m_accountsRefresh, &QTimer::timeout, this, [ctx = m_ctx.get(), ticks = 0]() mutable {
        const bool flush = ++ticks % AccountsUsageEvery == 0;
        ctx->withDb([ctx, flush](QSqlDatabase &db) {
            if (auto r = ctx->auth().reload(db); !r)
                qCWarning(lcApi).noquote() << "accounts reload:" << r.error().message;
            if (flush)
                if (auto r = ctx->auth().flushUsage(db); !r)
                    qCWarning(lcApi).noquote() << "recording API token use:" << r.error().message;
            return HttpReply::json(QJsonObject{});
        });
    });
    m_accountsRefresh.start(HandlerRefreshMs);
    // A credential this process has not seen yet (made through another api moments ago) reloads the snapshot
    // once, synchronously on the HTTP thread (the users and live tokens, as the periodic reload reads them), and
    // only while the periodic reloads succeed (Authenticator::ReloadHealthyWithinMs); only on the HTTP thread, so
    // a pool thread never waits on its own pool.
    m_ctx->auth().setReloader([ctx = m_ctx.get(), httpThread = QThread::currentThread()] {
        if (QThread::currentThread() != httpThread)
            return;
        ctx->withDb([ctx](QSqlDatabase &db) {
               if (auto r = ctx->auth().reload(db); !r)
                   qCWarning(lcApi).noquote() << "reloading accounts for an unknown credential:" << r.error().message;
               return HttpReply::json(QJsonObject{});
           })
            .waitForFinished();
    });
    m_writer->start();
    QHostAddress address;
    if (m_config.listenHost == u"localhost")
        address = QHostAddress::LocalHost;
    else if (!address.setAddress(m_config.listenHost))
        return ApiError::validation(u"api.listen"_s, u"'%1' is not an IP address"_s.arg(m_config.listenHost));
    const bool tls = !m_config.tlsCert.isEmpty() || !m_config.tlsKey.isEmpty();
    // Other machines can reach a non-loopback listener: their requests need TLS (their tokens cross the
    // network) and credentials (anonymous access is for loopback peers only, Authenticator).
    if (!isLoopbackListen(m_config.listenHost) && !tls) {
        if (!m_config.insecure)
            return ApiError::validation(u"api.listen"_s, u"listening on %1 serves other machines and needs TLS: set api.tls_cert and "
                                                         "api.tls_key, or pass --insecure when a TLS-terminating proxy is in front"_s
                                                             .arg(m_config.listenHost));
        qCCritical(lcApi).noquote() << "INSECURE: serving" << m_config.listenHost
                                    << "without TLS (--insecure): credentials and payloads cross the network in clear";
    }
    quint16 port = 0;
    if (tls) {
        auto config = loadTlsConfiguration(m_config.tlsCert, m_config.tlsKey);
        if (!config)
            return config.error();
        m_tlsServer = new GuardedSslServer(*m_connections, this);
        m_tlsServer->setSslConfiguration(*config);
        if (m_tlsServer->listen(address, m_config.listenPort)) {
            port = m_tlsServer->serverPort();
            m_server.bind(m_tlsServer);
        }
    } else {
        auto *plain = new GuardedTcpServer(*m_connections, this);
        if (plain->listen(address, m_config.listenPort)) {
            port = plain->serverPort();
            m_server.bind(plain);
        }
    }
    if (port == 0)
        return ApiError::unavailable(u"cannot listen on %1:%2 (address in use?)"_s.arg(m_config.listenHost).arg(m_config.listenPort));
    m_grpc = std::make_unique<grpcapi::GrpcServer>(m_config, *m_ctx, grpcapi::GrpcServer::Routes{*m_tasks, *m_handlers, *m_deadLetters, *m_events, *m_hub}, this);
    auto grpcPort = m_grpc->start();
    if (!grpcPort)
        return grpcPort.error();
    m_grpcPort = *grpcPort;
    qCInfo(lcApi).noquote() << "listening on" << u"%1://%2:%3"_s.arg(tls ? u"https"_s : u"http"_s, m_config.listenHost).arg(port);
    return port;
}

void ApiServer::reloadTls()
{
    if (!m_tlsServer)
        return;
    auto config = loadTlsConfiguration(m_config.tlsCert, m_config.tlsKey);
    if (!config) {
        qCWarning(lcApi).noquote() << "TLS reload failed, the previous certificate stays in use:" << config.error().message;
        return;
    }
    m_tlsServer->setSslConfiguration(*config);
    qCInfo(lcApi).noquote() << "TLS certificate reloaded from" << m_config.tlsCert;
}

void ApiServer::stop()
{
    // gRPC first: its waiting calls end (UNAVAILABLE) and worker streams report what they hold.
    if (m_grpc)
        m_grpc->stop();
    // Bulk operations first: their tasks' dispatches need the context, and their records say "interrupted".
    if (m_bulk)
        m_bulk->stop();
    if (m_writer) {
        m_writer->stop();
        m_writer->wait();
    }
}

} // namespace taskmill
