// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/Result.h"

#include <QSqlDatabase>

namespace taskmill {

// Questions about the PostgreSQL server itself rather than its rows: is it answering, and does a commit
// wait for a synchronous standby. Used by the health probe and the `replicated` durability level.
class ServerProbe final
{
public:
    explicit ServerProbe(QSqlDatabase db) : m_db(std::move(db)) {}

    // One round trip (SELECT 1); Unavailable when the server is gone.
    Result<Unit> ping();
    // True when a synchronous standby is named and connected in sync, so a commit with
    // synchronous_commit = on waits for it. Needs a superuser or the pg_monitor role to see
    // pg_stat_replication.
    Result<bool> hasSynchronousStandby();

private:
    QSqlDatabase m_db;
};

} // namespace taskmill
