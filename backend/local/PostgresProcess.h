// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/Result.h"
#include "local/PostgresOptions.h"

#include <QObject>
#include <QString>

#include <memory>

class QProcess;

namespace taskmill {

// A private PostgreSQL server run as our child process, reachable only through its unix socket, with
// trust authentication for `user`. As root the binaries run as the `postgres` account through runuser, so
// the cluster and socket dirs are chowned to it and every parent of them must be searchable by it.
// start() and stop() block (initdb takes about a second, a durable one longer); use them from one thread.
class PostgresProcess final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PostgresProcess)

public:
    explicit PostgresProcess(PostgresOptions options, QObject *parent = nullptr);
    ~PostgresProcess() override; // stops the server

    // initdb when the cluster does not exist, start the postmaster, wait until it accepts connections,
    // create the database when missing. Errors carry the tail of the server log.
    Result<Unit> start();
    // Fast shutdown (SIGINT to the postmaster), SIGKILL after 10 s. No-op when not running.
    void stop();
    // SIGKILL to the postmaster and its children, as in a crash; start() recovers the cluster afterwards.
    void kill();

    bool isRunning() const;
    qint64 pid() const { return m_pid; } // the postmaster, never the runuser wrapper; 0 when stopped
    const PostgresOptions &options() const { return m_options; }
    QString socketPath() const;
    QString logFile() const;
    // postgresql://<user>@/<database>?host=<percent-encoded socketDir>&port=<port>
    QString connectionUrl() const;

    // Full path of a PostgreSQL program (postgres, psql, ...); see PostgresCluster::toolPath().
    static QString toolPath(const QString &name);
    // A postmaster left running in `dataDir` by a process that died without stopping it: shut it down.
    // Only for a data dir the caller owns exclusively (LocalServices holds its lock). Returns its PID, 0 if none.
    static qint64 stopLeftover(const QString &dataDir);

Q_SIGNALS:
    // The server's PID after a successful start(), then 0 once it stopped, was killed or exited on its own.
    void pidChanged(qint64 pid);
    // The server exited although nobody called stop() or kill().
    void stoppedUnexpectedly(const QString &logTail);

private:
    Result<Unit> waitUntilReady();
    Result<Unit> createDatabase();
    ApiError failure(const QString &what) const;
    void killHard();
    void reset();

    PostgresOptions m_options;
    std::unique_ptr<QProcess> m_process;
    qint64 m_pid = 0;
    bool m_stopping = false;
    bool m_announced = false; // pidChanged(m_pid) was emitted and pidChanged(0) is still due
};

} // namespace taskmill
