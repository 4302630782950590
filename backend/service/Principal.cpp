// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "service/Principal.h"

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
    case Permission::ReadTasks: return u"tasks.read"_s;
    case Permission::CreateTasks: return u"tasks.create"_s;
    case Permission::CancelTasks: return u"tasks.cancel"_s;
    case Permission::OperateTasks: return u"tasks.operate"_s;
    case Permission::ReadSystem: return u"system.read"_s;
    case Permission::ManageDeadLetters: return u"dlq.manage"_s;
    case Permission::Lease: return u"workers.lease"_s;
    case Permission::Admin: return u"admin"_s;
    }
    return u"admin"_s;
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
