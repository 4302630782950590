// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "api/RoutePermissions.h"

using namespace Qt::StringLiterals;

namespace taskmill {

const QList<RoutePermission> &routePermissions()
{
    using P = Permission;
    static const QList<RoutePermission> table = {
        // Tasks. A `user` reads and cancels only its own (the handlers filter by owner).
        {u"POST"_s, u"/api/v1/tasks"_s, P::CreateTasks},
        {u"POST"_s, u"/api/v1/tasks/"_s, P::CreateTasks},
        {u"POST"_s, u"/api/v1/tasks/batch"_s, P::CreateTasks},
        {u"POST"_s, u"/tasks"_s, P::CreateTasks}, // seed 000/001
        {u"GET"_s, u"/api/v1/tasks"_s, P::ReadTasks},
        {u"GET"_s, u"/api/v1/tasks/"_s, P::ReadTasks},
        {u"GET"_s, u"/api/v1/tasks/<arg>"_s, P::ReadTasks},
        {u"GET"_s, u"/api/v1/tasks/<arg>/status"_s, P::ReadTasks},
        {u"GET"_s, u"/api/v1/tasks/<arg>/history"_s, P::ReadTasks},
        {u"GET"_s, u"/api/v1/tasks/types"_s, P::ReadTasks},
        {u"DELETE"_s, u"/api/v1/tasks/<arg>"_s, P::CancelTasks},
        {u"GET"_s, u"/api/v1/tasks/counts"_s, P::ReadSystem},
        {u"POST"_s, u"/api/v1/tasks/cancel"_s, P::OperateTasks},
        {u"POST"_s, u"/api/v1/tasks/retry"_s, P::OperateTasks},
        {u"POST"_s, u"/api/v1/tasks/<arg>/retry"_s, P::OperateTasks},
        {u"PUT"_s, u"/api/v1/tasks/<arg>/status"_s, P::OperateTasks},
        {u"POST"_s, u"/tasks/<arg>/complete"_s, P::OperateTasks},
        // Dead letters.
        {u"GET"_s, u"/api/v1/dlq"_s, P::ReadSystem},
        {u"GET"_s, u"/api/v1/dlq/groups"_s, P::ReadSystem},
        {u"GET"_s, u"/api/v1/dlq/<arg>"_s, P::ReadSystem},
        {u"POST"_s, u"/api/v1/dlq/requeue"_s, P::ManageDeadLetters},
        {u"POST"_s, u"/api/v1/dlq/<arg>/requeue"_s, P::ManageDeadLetters},
        {u"POST"_s, u"/api/v1/dlq/purge"_s, P::Admin},
        {u"DELETE"_s, u"/api/v1/dlq/<arg>"_s, P::Admin},
        {u"GET"_s, u"/api/v1/audit"_s, P::Admin},
        // Live events, monitoring.
        {u"GET"_s, u"/api/v1/events"_s, P::ReadSystem},
        {u"GET"_s, u"/notifications"_s, P::ReadSystem},
        {u"GET"_s, u"/notifications/"_s, P::ReadSystem},
        {u"GET"_s, u"/api/v1/ws"_s, P::ReadSystem},
        {u"GET"_s, u"/api/v1/stats"_s, P::ReadSystem},
        {u"GET"_s, u"/api/v1/stats/throughput"_s, P::ReadSystem},
        {u"GET"_s, u"/api/v1/stats/pending"_s, P::ReadSystem},
        {u"GET"_s, u"/metrics"_s, P::ReadSystem},
        {u"GET"_s, u"/api/v1/routes"_s, P::ReadSystem},
        // The handler registry: everyone who creates tasks reads the schemas; admins change it.
        {u"GET"_s, u"/api/v1/handlers"_s, P::ReadTasks},
        {u"GET"_s, u"/api/v1/handlers/<arg>"_s, P::ReadTasks},
        {u"POST"_s, u"/api/v1/handlers"_s, P::Admin},
        {u"PUT"_s, u"/api/v1/handlers/<arg>"_s, P::Admin},
        {u"DELETE"_s, u"/api/v1/handlers/<arg>"_s, P::Admin},
        {u"GET"_s, u"/api/v1/executors"_s, P::ReadTasks},
        {u"GET"_s, u"/api/v1/executors/<arg>"_s, P::ReadTasks},
        {u"POST"_s, u"/api/v1/executors"_s, P::Admin},
        {u"PUT"_s, u"/api/v1/executors/<arg>"_s, P::Admin},
        {u"DELETE"_s, u"/api/v1/executors/<arg>"_s, P::Admin},
        // The worker protocol.
        {u"POST"_s, u"/api/v1/workers/lease"_s, P::Lease},
        {u"POST"_s, u"/api/v1/leases/<arg>/heartbeat"_s, P::Lease},
        {u"POST"_s, u"/api/v1/leases/<arg>/complete"_s, P::Lease},
        {u"POST"_s, u"/api/v1/leases/<arg>/fail"_s, P::Lease},
        {u"POST"_s, u"/api/v1/leases/<arg>/release"_s, P::Lease},
        // Accounts.
        {u"POST"_s, u"/api/register"_s, P::Open}, // seed 003; refused unless auth.registration = open
        {u"POST"_s, u"/api/login"_s, P::Open},    // seed 003
        {u"POST"_s, u"/api/v1/auth/login"_s, P::Open},
        {u"POST"_s, u"/api/v1/auth/refresh"_s, P::Open},
        {u"POST"_s, u"/api/v1/auth/logout"_s, P::Self},
        {u"GET"_s, u"/api/v1/auth/me"_s, P::Self},
        {u"GET"_s, u"/api/v1/users"_s, P::Admin},
        {u"POST"_s, u"/api/v1/users"_s, P::Admin},
        {u"PATCH"_s, u"/api/v1/users/<arg>"_s, P::Admin},
        {u"DELETE"_s, u"/api/v1/users/<arg>"_s, P::Admin},
        {u"GET"_s, u"/api/v1/tokens"_s, P::Admin},
        {u"POST"_s, u"/api/v1/tokens"_s, P::Admin},
        {u"DELETE"_s, u"/api/v1/tokens/<arg>"_s, P::Admin},
        // Open: load balancers' probes and the API's own description.
        {u"GET"_s, u"/health"_s, P::Open},
        {u"GET"_s, u"/ready"_s, P::Open},
        {u"GET"_s, u"/api/v1/openapi.json"_s, P::Open},
        {u"GET"_s, u"/docs"_s, P::Open},
        {u"GET"_s, u"/api/v1/info"_s, P::Self},
    };
    return table;
}

std::optional<Permission> permissionOf(const QString &method, const QString &pattern)
{
    for (const RoutePermission &r : routePermissions())
        if (r.method == method && r.pattern == pattern)
            return r.permission;
    return std::nullopt;
}

} // namespace taskmill
