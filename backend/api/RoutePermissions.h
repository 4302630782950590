// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "service/Principal.h"

#include <QHttpServerRequest>
#include <QList>
#include <QString>

#include <optional>

namespace taskmill {

// The one table that says what every route needs (docs/security.md, "Routes and permissions"). RouteRegistry
// looks each route up when it is registered and refuses to start a server with a route missing from it;
// backend.Permissions walks every route with every role against it.
struct RoutePermission
{
    QHttpServerRequest::Method method;
    QString pattern; // as registered, "/api/v1/tasks/<arg>"
    Permission permission;
};

const QList<RoutePermission> &routePermissions();
// `method` as RouteRegistry::methodName() spells it ("GET").
std::optional<Permission> permissionOf(const QString &method, const QString &pattern);

// The same table for the gRPC API (proto/taskmill/v1): each RPC by its full name, "/taskmill.v1.TaskService/Create",
// needs the permission of the REST route it shares its implementation with. The gRPC server refuses to start
// when a method of its services is missing here.
struct RpcPermission
{
    QString method;
    Permission permission;
};
const QList<RpcPermission> &rpcPermissions();
std::optional<Permission> rpcPermissionOf(const QString &fullMethod);

} // namespace taskmill
