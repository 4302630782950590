// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "config/BackendConfig.h"
#include "wire/Result.h"

#include <QString>

#include <memory>

namespace grpc {
class Server;
}

namespace taskmill {
class ApiContext;
class DeadLetterHandler;
class EventHub;
class EventsHandler;
class HandlersHandler;
class TasksHandler;
}

namespace taskmill::grpcapi {

class DeadLetterServiceImpl;
class GrpcBridge;
class HandlerServiceImpl;
class TaskServiceImpl;
class WorkerServiceImpl;

// The gRPC listener of the api role (grpc.listen, docs/api.md "gRPC"): TaskService, HandlerService,
// DeadLetterService and WorkerService over the code the REST routes run (GrpcBridge), the same TLS certificate and key as api.listen, server reflection for
// grpcurl and friends. gRPC runs its own threads; the bridge hands each call to the api's server thread.
class GrpcServer final
{
public:
    // The route handlers whose operations the services run. `serverThread`: an object living on the api's server
    // thread.
    struct Routes
    {
        TasksHandler &tasks;
        HandlersHandler &handlers;
        DeadLetterHandler &deadLetters;
        EventsHandler &events;
        EventHub &hub;
    };
    GrpcServer(const BackendConfig &config, ApiContext &context, Routes routes, QObject *serverThread);
    ~GrpcServer();

    // Binds grpc.listen; the bound port (0: none, grpc.listen empty or the default port taken).
    Result<int> start();
    // Stops taking calls: waiting unary calls answer UNAVAILABLE, worker streams get StopGraceMs to report what
    // they hold, then every call still open is cancelled.
    void stop();

    static constexpr int ShutdownGraceMs = 6000;

private:
    const BackendConfig &m_config;
    std::unique_ptr<GrpcBridge> m_bridge;
    std::unique_ptr<TaskServiceImpl> m_tasks;
    std::unique_ptr<HandlerServiceImpl> m_handlers;
    std::unique_ptr<DeadLetterServiceImpl> m_deadLetters;
    std::unique_ptr<WorkerServiceImpl> m_workers;
    std::unique_ptr<grpc::Server> m_server;
};

} // namespace taskmill::grpcapi
