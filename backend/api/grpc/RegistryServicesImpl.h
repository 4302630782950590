// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "api/grpc/GrpcBridge.h"

#include "taskmill/v1/taskmill.grpc.pb.h"

namespace taskmill {
class HandlersHandler;
class DeadLetterHandler;
}

namespace taskmill::grpcapi {

// taskmill.v1.HandlerService: the handler registry, each RPC the REST route's operation (api/HandlersHandler)
// run through the bridge.
class HandlerServiceImpl final : public v1::HandlerService::Service
{
public:
    HandlerServiceImpl(GrpcBridge &bridge, HandlersHandler &handlers) : m_bridge(bridge), m_handlers(handlers) {}

    grpc::Status List(grpc::ServerContext *context, const v1::ListHandlersRequest *request, v1::ListHandlersResponse *reply) override;
    grpc::Status Get(grpc::ServerContext *context, const v1::HandlerName *request, v1::Handler *reply) override;
    grpc::Status Create(grpc::ServerContext *context, const v1::Handler *request, v1::Handler *reply) override;
    grpc::Status Update(grpc::ServerContext *context, const v1::Handler *request, v1::Handler *reply) override;
    grpc::Status Delete(grpc::ServerContext *context, const v1::DeleteHandlerRequest *request, v1::DeleteHandlerResponse *reply) override;

private:
    GrpcBridge &m_bridge;
    HandlersHandler &m_handlers;
};

// taskmill.v1.DeadLetterService: the dead-letter queue, each RPC the REST route's operation
// (api/DeadLetterHandler) run through the bridge; requeue and purge are audited with the caller as actor.
class DeadLetterServiceImpl final : public v1::DeadLetterService::Service
{
public:
    DeadLetterServiceImpl(GrpcBridge &bridge, DeadLetterHandler &deadLetters) : m_bridge(bridge), m_deadLetters(deadLetters) {}

    grpc::Status List(grpc::ServerContext *context, const v1::ListDeadLettersRequest *request, v1::ListTasksResponse *reply) override;
    grpc::Status Get(grpc::ServerContext *context, const v1::TaskIdRequest *request, v1::GetTaskResponse *reply) override;
    grpc::Status Requeue(grpc::ServerContext *context, const v1::RequeueRequest *request, v1::RequeueResponse *reply) override;
    grpc::Status Purge(grpc::ServerContext *context, const v1::PurgeRequest *request, v1::PurgeResponse *reply) override;

private:
    GrpcBridge &m_bridge;
    DeadLetterHandler &m_deadLetters;
};

} // namespace taskmill::grpcapi
