// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "local/PostgresOptions.h"
#include "local/ServerProcess.h"

#include <QString>

namespace taskmill {

// A private PostgreSQL server run as our child process, reachable only through its unix socket, with
// trust authentication for `user`. As root the binaries run as the `postgres` account through runuser, so
// the cluster and socket dirs are chowned to it and every parent of them must be searchable by it.
// start() and stop() block (initdb takes about a second, a durable one longer); use them from one thread.
// stop() is a fast shutdown (SIGINT to the postmaster); kill() also kills its children, as their shared memory
// would keep a restart from working.
class PostgresProcess final : public ServerProcess
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PostgresProcess)

public:
    explicit PostgresProcess(PostgresOptions options, QObject *parent = nullptr);

    // initdb when the cluster does not exist, start the postmaster, wait until it accepts connections,
    // create the database when missing. Errors carry the tail of the server log.
    // After kill(), start() recovers the cluster.
    Result<Unit> start() override;

    const PostgresOptions &options() const { return m_options; }
    QString socketPath() const;
    // postgresql://<user>@/<database>?host=<percent-encoded socketDir>&port=<port>
    QString connectionUrl() const;

    // Full path of a PostgreSQL program (postgres, psql, ...); see PostgresCluster::toolPath().
    static QString toolPath(const QString &name);
    // A postmaster left running in `dataDir` by a process that died without stopping it: shut it down.
    // Only for a data dir the caller owns exclusively (LocalServices holds its lock). Returns its PID, 0 if none.
    static qint64 stopLeftover(const QString &dataDir);

protected:
    qint64 pidBeforeReady() const override;

private:
    bool postmasterReady();
    Result<Unit> createDatabase();
    QString pidFile() const;

    PostgresOptions m_options;
};

} // namespace taskmill
