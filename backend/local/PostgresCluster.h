// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/Result.h"
#include "local/PostgresOptions.h"

namespace taskmill {

// The on-disk side of a private PostgreSQL, before any server runs: the socket path limit, the directories and,
// when we are root, their ownership by the `postgres` account (which must be able to reach them), and initdb.
// Used by PostgresProcess::start(); blocking.
class PostgresCluster
{
public:
    explicit PostgresCluster(const PostgresOptions &options); // options with absolute paths

    // Creates the data, socket and log dirs; as root chowns the data and socket dirs to `postgres` after checking
    // that it can traverse every parent. Errors name the offending path.
    Result<Unit> prepareDirs() const;
    // initdb (trust auth for options.user, UTF8, C.UTF-8; --no-sync unless durable) when PG_VERSION is missing.
    // Its output is appended to the log file.
    Result<Unit> initialise() const;

    // Full path of a PostgreSQL program (postgres, initdb, psql, ...): $TASKMILL_PG_BINDIR, else the newest
    // /usr/lib/postgresql/<major>/bin, else PATH. Empty when not found.
    static QString toolPath(const QString &name);

private:
    PostgresOptions m_options;
    QString m_socketPath;
};

} // namespace taskmill
