// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "api/grpc/GrpcBridge.h"

#include "taskmill/v1/taskmill.grpc.pb.h"

namespace taskmill {
class EventHub;
class EventsHandler;
class TasksHandler;
}

namespace taskmill::grpcapi {

// The unary RPCs on gRPC's callback API (no thread waits for the answer); WatchEvents keeps a thread per stream.
using TaskServiceBase = v1::TaskService::WithCallbackMethod_Create<v1::TaskService::WithCallbackMethod_CreateBatch<
    v1::TaskService::WithCallbackMethod_Get<v1::TaskService::WithCallbackMethod_List<
        v1::TaskService::WithCallbackMethod_Cancel<v1::TaskService::WithCallbackMethod_Retry<v1::TaskService::Service>>>>>>;

// taskmill.v1.TaskService: each RPC is the REST route's operation (api/TasksHandler) run through the bridge, so
// validation, permissions, owner scoping, rate limits, durability and errors are the same code.
class TaskServiceImpl final : public TaskServiceBase
{
public:
    TaskServiceImpl(GrpcBridge &bridge, TasksHandler &tasks, EventsHandler &events, EventHub &hub)
        : m_bridge(bridge), m_tasks(tasks), m_events(events), m_hub(hub)
    {
    }

    using Reactor = grpc::ServerUnaryReactor;
    using Context = grpc::CallbackServerContext;
    Reactor *Create(Context *context, const v1::CreateTaskRequest *request, v1::Task *reply) override;
    Reactor *CreateBatch(Context *context, const v1::CreateBatchRequest *request, v1::CreateBatchResponse *reply) override;
    Reactor *Get(Context *context, const v1::GetTaskRequest *request, v1::GetTaskResponse *reply) override;
    Reactor *List(Context *context, const v1::ListTasksRequest *request, v1::ListTasksResponse *reply) override;
    Reactor *Cancel(Context *context, const v1::TaskIdRequest *request, v1::Task *reply) override;
    Reactor *Retry(Context *context, const v1::TaskIdRequest *request, v1::Task *reply) override;
    // In EventWatch.cpp: catch-up through GET /api/v1/events' operation, then the EventHub's live events.
    grpc::Status WatchEvents(grpc::ServerContext *context, const v1::WatchEventsRequest *request,
                             grpc::ServerWriter<v1::TaskEvent> *writer) override;

    // Events one stream may have queued before it is told to resync (the WebSocket's bound, api/EventHub).
    static constexpr int MaxQueuedEvents = 10'000;
    // Events per catch-up page.
    static constexpr int CatchUpPage = 1000;

private:
    GrpcBridge &m_bridge;
    TasksHandler &m_tasks;
    EventsHandler &m_events;
    EventHub &m_hub;
};

// The list query keys of a filter (status, priority, type, id, q, created_from, created_to), as REST reads them.
void addFilterToQuery(const v1::TaskFilter &filter, class QUrlQuery &query);

} // namespace taskmill::grpcapi
