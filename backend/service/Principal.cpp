// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "service/Principal.h"

#include "wire/PermissionNames.h"

using namespace Qt::StringLiterals;

namespace taskmill {

QString toString(AccountRole role)
{
    switch (role) {
    case AccountRole::User: return u"user"_s;
    case AccountRole::Viewer: return u"viewer"_s;
    case AccountRole::Operator: return u"operator"_s;
    case AccountRole::Admin: return u"admin"_s;
    }
    return u"user"_s;
}

std::optional<AccountRole> accountRoleFromString(const QString &text)
{
    for (AccountRole r : {AccountRole::User, AccountRole::Viewer, AccountRole::Operator, AccountRole::Admin})
        if (toString(r) == text)
            return r;
    return std::nullopt;
}

QString toString(Permission p)
{
    switch (p) {
    case Permission::Open: return u"open"_s;
    case Permission::Self: return u"self"_s;
    case Permission::ReadTasks: return permission::ReadTasks;
    case Permission::CreateTasks: return permission::CreateTasks;
    case Permission::CancelTasks: return permission::CancelTasks;
    case Permission::OperateTasks: return permission::OperateTasks;
    case Permission::ReadSystem: return permission::ReadSystem;
    case Permission::ManageDeadLetters: return permission::ManageDeadLetters;
    case Permission::Lease: return permission::Lease;
    case Permission::Admin: return permission::Admin;
    }
    return permission::Admin;
}

QString Principal::actor() const
{
    switch (kind) {
    case Kind::Local: return u"local"_s;
    case Kind::User: return u"user:%1"_s.arg(id);
    case Kind::Token: return u"token:%1"_s.arg(id);
    }
    return u"local"_s;
}

QStringList Principal::permissions() const
{
    QStringList names;
    for (Permission p : {Permission::ReadTasks, Permission::CreateTasks, Permission::CancelTasks, Permission::OperateTasks,
                         Permission::ReadSystem, Permission::ManageDeadLetters, Permission::Lease, Permission::Admin})
        if (may(p))
            names.append(toString(p));
    return names;
}

bool Principal::may(Permission p) const
{
    // Roles are not a ladder: a viewer reads everything but creates nothing, a user creates but reads only
    // its own. The table in docs/security.md is this switch.
    switch (p) {
    case Permission::Open:
    case Permission::Self:
        return true;
    case Permission::ReadTasks:
    case Permission::CreateTasks:
    case Permission::CancelTasks:
        return role != AccountRole::Viewer || p == Permission::ReadTasks;
    case Permission::ReadSystem:
        return role != AccountRole::User;
    case Permission::OperateTasks:
    case Permission::ManageDeadLetters:
    case Permission::Lease:
        return role == AccountRole::Operator || role == AccountRole::Admin;
    case Permission::Admin:
        return role == AccountRole::Admin;
    }
    return false;
}

} // namespace taskmill
