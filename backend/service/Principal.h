// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace taskmill {

// Account roles (docs/security.md, "Roles"): what a user or an API token may do.
enum class AccountRole { User, Viewer, Operator, Admin };
QString toString(AccountRole role);
std::optional<AccountRole> accountRoleFromString(const QString &text);

// What a route needs. One table (api/RoutePermissions.cpp) names the permission of every route.
enum class Permission {
    Open,           // no credentials: health, readiness, login, registration, the API description
    Self,           // any caller with credentials: who am I, log out
    ReadTasks,      // task lists, details, history; a `user` sees only the tasks it created
    CreateTasks,    // create (single, batch, seed routes)
    CancelTasks,    // cancel; a `user` only its own
    OperateTasks,   // retry, requeue, set a status by hand, delete, complete by hand
    ReadSystem,     // counts, stats, events, dead letters, handlers' registry, workers, metrics
    ManageDeadLetters, // requeue and edit dead letters
    Lease,          // the worker protocol (lease, heartbeat, complete, fail, release)
    Admin,          // handlers' registry changes, purge, users, tokens, audit
};
QString toString(Permission p);

// Who is calling: resolved from the request's credentials before the route runs (service/Authenticator).
struct Principal
{
    enum class Kind { Local, User, Token };
    Kind kind = Kind::Local;
    qint64 id = 0;         // users.id or api_tokens.id; 0 for Local
    QString name;          // e-mail, token name, or "local"
    AccountRole role = AccountRole::Admin;
    bool payloads = true;  // may see payloads, results and errors (admins always)
    QStringList types;     // a token restricted to these task types; empty: any

    // "user:3", "token:5", "local": the owner of tasks it creates and the actor in the audit log.
    QString actor() const;
    bool may(Permission p) const;
    // The wire names (wire/PermissionNames.h) of every permission beyond Open and Self it has.
    QStringList permissions() const;
    // A `user` account only sees and cancels its own tasks.
    bool ownTasksOnly() const { return role == AccountRole::User; }

    static Principal local() { return Principal{}; }
};

} // namespace taskmill
