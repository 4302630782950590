// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "api/grpc/GrpcBridge.h"

#include "taskmill/v1/taskmill.grpc.pb.h"

namespace taskmill {
class ApiContext;
}

namespace taskmill::grpcapi {

// taskmill.v1.WorkerService: the lease protocol over one bidirectional stream (docs/workers.md, "gRPC"). The
// stream's thread leases tasks for the worker with service/LeaseService — the code behind POST
// /api/v1/workers/lease — whenever it holds fewer than its capacity, and pushes them; a second thread reads the
// worker's messages and records heartbeats and results with the same service (fenced by the lease, as REST).
// Each thread has its own PostgreSQL and Redis connection for the stream's life. The server never queues more
// than the capacity the worker asked for, so a slow worker holds back only itself.
class WorkerServiceImpl final : public v1::WorkerService::Service
{
public:
    WorkerServiceImpl(GrpcBridge &bridge, const ApiContext &context) : m_bridge(bridge), m_ctx(context) {}

    grpc::Status Work(grpc::ServerContext *context,
                      grpc::ServerReaderWriter<v1::WorkResponse, v1::WorkRequest> *stream) override;

    // The longest a lease poll waits before the stream looks at its state again (a stop, a drain).
    static constexpr int LeasePollMs = 2000;
    static constexpr int CapacityMax = 1000;
    // How long a stopping server waits for the results of tasks a stream holds before it ends the stream.
    static constexpr int StopGraceMs = 5000;
    // How long a stream waits before it leases again after PostgreSQL or Redis could not be reached.
    static constexpr int UnreachableRetryMs = 500;

private:
    GrpcBridge &m_bridge;
    const ApiContext &m_ctx;
};

} // namespace taskmill::grpcapi
