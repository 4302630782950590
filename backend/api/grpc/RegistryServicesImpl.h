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
// run through the bridge, on gRPC's callback API (no thread waits for an answer).
class HandlerServiceImpl final : public v1::HandlerService::CallbackService
{
public:
    HandlerServiceImpl(GrpcBridge &bridge, HandlersHandler &handlers) : m_bridge(bridge), m_handlers(handlers) {}

    grpc::ServerUnaryReactor *List(grpc::CallbackServerContext *context, const v1::ListHandlersRequest *request, v1::ListHandlersResponse *reply) override;
    grpc::ServerUnaryReactor *Get(grpc::CallbackServerContext *context, const v1::HandlerName *request, v1::Handler *reply) override;
    grpc::ServerUnaryReactor *Create(grpc::CallbackServerContext *context, const v1::Handler *request, v1::Handler *reply) override;
    grpc::ServerUnaryReactor *Update(grpc::CallbackServerContext *context, const v1::Handler *request, v1::Handler *reply) override;
    grpc::ServerUnaryReactor *Delete(grpc::CallbackServerContext *context, const v1::DeleteHandlerRequest *request, v1::DeleteHandlerResponse *reply) override;

private:
    GrpcBridge &m_bridge;
    HandlersHandler &m_handlers;
};

// taskmill.v1.DeadLetterService: the dead-letter queue, each RPC the REST route's operation
// (api/DeadLetterHandler) run through the bridge; requeue and purge are audited with the caller as actor.
class DeadLetterServiceImpl final : public v1::DeadLetterService::CallbackService
{
public:
    DeadLetterServiceImpl(GrpcBridge &bridge, DeadLetterHandler &deadLetters) : m_bridge(bridge), m_deadLetters(deadLetters) {}

    grpc::ServerUnaryReactor *List(grpc::CallbackServerContext *context, const v1::ListDeadLettersRequest *request, v1::ListTasksResponse *reply) override;
    grpc::ServerUnaryReactor *Get(grpc::CallbackServerContext *context, const v1::TaskIdRequest *request, v1::GetTaskResponse *reply) override;
    grpc::ServerUnaryReactor *Requeue(grpc::CallbackServerContext *context, const v1::RequeueRequest *request, v1::RequeueResponse *reply) override;
    grpc::ServerUnaryReactor *Purge(grpc::CallbackServerContext *context, const v1::PurgeRequest *request, v1::PurgeResponse *reply) override;

private:
    GrpcBridge &m_bridge;
    DeadLetterHandler &m_deadLetters;
};

} // namespace taskmill::grpcapi
