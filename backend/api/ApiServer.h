// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "api/ApiContext.h"
#include "api/RouteRegistry.h"

#include <QHttpServer>
#include <QObject>
#include <QTimer>

#include <memory>

class QSslServer;

namespace taskmill {

namespace grpcapi {
class GrpcServer;
}
class TaskWriter;
class TasksHandler;

// The api role: QHttpServer with every route registered explicitly, plus the grouped task writer.
// Runs on the main thread; blocking work goes to ApiContext's pool or the writer thread.
class ApiServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiServer)
public:
    // `tracer` (may be null) records the server span of each task creation and must outlive the server.
    ApiServer(const BackendConfig &config, DbParams db, RedisEndpoint redis, class Tracer *tracer = nullptr,
              QObject *parent = nullptr);
    ~ApiServer() override;

    // Binds the listen address (and grpc.listen); returns the bound port (useful with port 0) or an error.
    Result<quint16> start();
    // The gRPC port bound by start(); 0 when gRPC is off.
    int grpcPort() const { return m_grpcPort; }
    // Stops accepting work: running bulk operations stop (recorded as interrupted), the writer finishes what it has
    // and exits.
    void stop();
    // SIGHUP: reads the certificate and key again; new connections use them, a bad file keeps the old ones.
    void reloadTls();

    const RouteRegistry &routes() const { return m_routes; }

private:
    BackendConfig m_config;
    std::unique_ptr<TaskWriter> m_writer;
    std::unique_ptr<ApiContext> m_ctx;
    QHttpServer m_server;
    QSslServer *m_tlsServer = nullptr; // when api.tls_cert is set; owned by this
    class ConnectionGuard *m_connections = nullptr; // per-address caps and timeouts of every connection
    RouteRegistry m_routes{m_server}; // every route goes through it, so it can list and time them
    TasksHandler *m_tasks = nullptr;
    class BulkHandler *m_bulk = nullptr;
    class DeadLetterHandler *m_deadLetters = nullptr;
    class HandlersHandler *m_handlers = nullptr;
    class EventsHandler *m_events = nullptr;
    class EventHub *m_hub = nullptr;
    std::unique_ptr<grpcapi::GrpcServer> m_grpc; // grpc.listen: the same operations over gRPC
    int m_grpcPort = 0;
    // How often the handler registry is checked for changes made through another api process.
    static constexpr int HandlerRefreshMs = 1000;
    // API tokens' last_used_at is written every this many account reloads, not on every request.
    static constexpr int AccountsUsageEvery = 10;
    QTimer m_handlerRefresh;
    QTimer m_accountsRefresh;
};

} // namespace taskmill
