// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "api/RoutePermissions.h"

#include "api/RouteRegistry.h"

using namespace Qt::StringLiterals;

namespace taskmill {

const QList<RoutePermission> &routePermissions()
{
    using P = Permission;
    using M = QHttpServerRequest::Method;
    static const QList<RoutePermission> table = {
        // Tasks. A `user` reads and cancels only its own (the handlers filter by owner).
        {M::Post, u"/api/v1/tasks"_s, P::CreateTasks},
        {M::Post, u"/api/v1/tasks/"_s, P::CreateTasks},
        {M::Post, u"/api/v1/tasks/batch"_s, P::CreateTasks},
        {M::Post, u"/tasks"_s, P::CreateTasks}, // seed 000/001
        {M::Get, u"/api/v1/tasks"_s, P::ReadTasks},
        {M::Get, u"/api/v1/tasks/"_s, P::ReadTasks},
        {M::Get, u"/api/v1/tasks/<arg>"_s, P::ReadTasks},
        {M::Get, u"/api/v1/tasks/<arg>/status"_s, P::ReadTasks},
        {M::Get, u"/api/v1/tasks/<arg>/history"_s, P::ReadTasks},
        {M::Get, u"/api/v1/tasks/types"_s, P::ReadTasks},
        {M::Delete, u"/api/v1/tasks/<arg>"_s, P::CancelTasks},
        {M::Get, u"/api/v1/tasks/counts"_s, P::ReadSystem},
        {M::Post, u"/api/v1/tasks/cancel"_s, P::OperateTasks},
        {M::Post, u"/api/v1/tasks/retry"_s, P::OperateTasks},
        {M::Post, u"/api/v1/tasks/<arg>/retry"_s, P::OperateTasks},
        // Bulk operations by filter: as the single-task routes (a `user` cancels only its own, and reads and stops
        // only its own operations).
        {M::Post, u"/api/v1/tasks/bulk/cancel"_s, P::CancelTasks},
        {M::Post, u"/api/v1/tasks/bulk/retry"_s, P::OperateTasks},
        {M::Get, u"/api/v1/tasks/bulk/<arg>"_s, P::ReadTasks},
        {M::Delete, u"/api/v1/tasks/bulk/<arg>"_s, P::CancelTasks},
        {M::Put, u"/api/v1/tasks/<arg>/status"_s, P::OperateTasks},
        {M::Post, u"/tasks/<arg>/complete"_s, P::OperateTasks},
        // Paused priorities and types: read beside the queues (stats), changed by whoever may retry and cancel.
        {M::Get, u"/api/v1/pauses"_s, P::ReadSystem},
        {M::Put, u"/api/v1/queues/<arg>/pause"_s, P::OperateTasks},
        {M::Delete, u"/api/v1/queues/<arg>/pause"_s, P::OperateTasks},
        {M::Put, u"/api/v1/types/<arg>/pause"_s, P::OperateTasks},
        {M::Delete, u"/api/v1/types/<arg>/pause"_s, P::OperateTasks},
        // Dead letters.
        {M::Get, u"/api/v1/dlq"_s, P::ReadSystem},
        {M::Get, u"/api/v1/dlq/groups"_s, P::ReadSystem},
        {M::Get, u"/api/v1/dlq/<arg>"_s, P::ReadSystem},
        {M::Post, u"/api/v1/dlq/requeue"_s, P::ManageDeadLetters},
        {M::Post, u"/api/v1/dlq/<arg>/requeue"_s, P::ManageDeadLetters},
        {M::Post, u"/api/v1/dlq/purge"_s, P::Admin},
        {M::Delete, u"/api/v1/dlq/<arg>"_s, P::Admin},
        {M::Get, u"/api/v1/audit"_s, P::Admin},
        {M::Get, u"/api/v1/audit/actions"_s, P::Admin},
        // Live events, monitoring.
        {M::Get, u"/api/v1/events"_s, P::ReadSystem},
        {M::Get, u"/notifications"_s, P::ReadSystem},
        {M::Get, u"/notifications/"_s, P::ReadSystem},
        {M::Get, u"/api/v1/ws"_s, P::ReadSystem},
        {M::Get, u"/api/v1/stats"_s, P::ReadSystem},
        {M::Get, u"/api/v1/stats/throughput"_s, P::ReadSystem},
        {M::Get, u"/api/v1/stats/pending"_s, P::ReadSystem},
        {M::Get, u"/metrics"_s, P::ReadSystem},
        {M::Get, u"/api/v1/routes"_s, P::ReadSystem},
        // The handler registry: everyone who creates tasks reads the schemas; admins change it.
        {M::Get, u"/api/v1/handlers"_s, P::ReadTasks},
        {M::Get, u"/api/v1/handlers/<arg>"_s, P::ReadTasks},
        {M::Post, u"/api/v1/handlers"_s, P::Admin},
        {M::Put, u"/api/v1/handlers/<arg>"_s, P::Admin},
        {M::Delete, u"/api/v1/handlers/<arg>"_s, P::Admin},
        {M::Get, u"/api/v1/executors"_s, P::ReadTasks},
        {M::Get, u"/api/v1/executors/<arg>"_s, P::ReadTasks},
        {M::Post, u"/api/v1/executors"_s, P::Admin},
        {M::Put, u"/api/v1/executors/<arg>"_s, P::Admin},
        {M::Delete, u"/api/v1/executors/<arg>"_s, P::Admin},
        // The worker protocol.
        {M::Post, u"/api/v1/workers/lease"_s, P::Lease},
        {M::Post, u"/api/v1/leases/<arg>/heartbeat"_s, P::Lease},
        {M::Post, u"/api/v1/leases/<arg>/complete"_s, P::Lease},
        {M::Post, u"/api/v1/leases/<arg>/fail"_s, P::Lease},
        {M::Post, u"/api/v1/leases/<arg>/release"_s, P::Lease},
        // Accounts.
        {M::Post, u"/api/register"_s, P::Open}, // seed 003; refused unless auth.registration = open or invite
        {M::Post, u"/api/login"_s, P::Open},    // seed 003
        {M::Post, u"/api/v1/auth/login"_s, P::Open},
        {M::Post, u"/api/v1/auth/refresh"_s, P::Open},
        {M::Post, u"/api/v1/auth/logout"_s, P::Self},
        {M::Get, u"/api/v1/auth/me"_s, P::Self},
        {M::Get, u"/api/v1/users"_s, P::Admin},
        {M::Post, u"/api/v1/users"_s, P::Admin},
        {M::Patch, u"/api/v1/users/<arg>"_s, P::Admin},
        {M::Delete, u"/api/v1/users/<arg>"_s, P::Admin},
        {M::Get, u"/api/v1/tokens"_s, P::Admin},
        {M::Post, u"/api/v1/tokens"_s, P::Admin},
        {M::Delete, u"/api/v1/tokens/<arg>"_s, P::Admin},
        {M::Get, u"/api/v1/invites"_s, P::Admin},
        {M::Post, u"/api/v1/invites"_s, P::Admin},
        {M::Delete, u"/api/v1/invites/<arg>"_s, P::Admin},
        // Open: load balancers' probes and the API's own description.
        {M::Get, u"/health"_s, P::Open},
        {M::Get, u"/ready"_s, P::Open},
        {M::Get, u"/api/v1/openapi.json"_s, P::Open},
        {M::Get, u"/docs"_s, P::Open},
        {M::Get, u"/api/v1/info"_s, P::Self},
    };
    return table;
}

const QList<RpcPermission> &rpcPermissions()
{
    using P = Permission;
    static const QList<RpcPermission> table = {
        {u"/taskmill.v1.TaskService/Create"_s, P::CreateTasks},      // POST /api/v1/tasks
        {u"/taskmill.v1.TaskService/CreateBatch"_s, P::CreateTasks}, // POST /api/v1/tasks/batch
        {u"/taskmill.v1.TaskService/Get"_s, P::ReadTasks},           // GET /api/v1/tasks/<arg>[/history]
        {u"/taskmill.v1.TaskService/List"_s, P::ReadTasks},          // GET /api/v1/tasks
        {u"/taskmill.v1.TaskService/Cancel"_s, P::CancelTasks},      // DELETE /api/v1/tasks/<arg>
        {u"/taskmill.v1.TaskService/Retry"_s, P::OperateTasks},      // POST /api/v1/tasks/<arg>/retry
        {u"/taskmill.v1.TaskService/WatchEvents"_s, P::ReadSystem},  // the WebSocket /api/v1/events
        {u"/taskmill.v1.HandlerService/List"_s, P::ReadTasks},       // GET /api/v1/handlers
        {u"/taskmill.v1.HandlerService/Get"_s, P::ReadTasks},        // GET /api/v1/handlers/<arg>
        {u"/taskmill.v1.HandlerService/Create"_s, P::Admin},         // POST /api/v1/handlers
        {u"/taskmill.v1.HandlerService/Update"_s, P::Admin},         // PUT /api/v1/handlers/<arg>
        {u"/taskmill.v1.HandlerService/Delete"_s, P::Admin},         // DELETE /api/v1/handlers/<arg>
        {u"/taskmill.v1.DeadLetterService/List"_s, P::ReadSystem},   // GET /api/v1/dlq
        {u"/taskmill.v1.DeadLetterService/Get"_s, P::ReadSystem},    // GET /api/v1/dlq/<arg>
        {u"/taskmill.v1.DeadLetterService/Requeue"_s, P::ManageDeadLetters}, // POST /api/v1/dlq/requeue
        {u"/taskmill.v1.DeadLetterService/Purge"_s, P::Admin},       // POST /api/v1/dlq/purge
        {u"/taskmill.v1.WorkerService/Work"_s, P::Lease},            // POST /api/v1/workers/lease and /leases/…
    };
    return table;
}

std::optional<Permission> rpcPermissionOf(const QString &fullMethod)
{
    for (const RpcPermission &r : rpcPermissions())
        if (r.method == fullMethod)
            return r.permission;
    return std::nullopt;
}

std::optional<Permission> permissionOf(const QString &method, const QString &pattern)
{
    for (const RoutePermission &r : routePermissions())
        if (r.pattern == pattern && RouteRegistry::methodName(r.method) == method)
            return r.permission;
    return std::nullopt;
}

} // namespace taskmill
