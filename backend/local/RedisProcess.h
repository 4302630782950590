// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "local/ServerProcess.h"

#include <QString>

namespace taskmill {

struct RedisOptions
{
    QString dir;        // working dir: AOF (appendonlydir/), pid file; created when missing
    QString socketPath; // unix socket, mode 700; must stay under 108 bytes
    int tcpPort = 0;    // 0 = no TCP listener; otherwise bound to 127.0.0.1 only
    QString appendOnly = QStringLiteral("yes");       // "yes" | "no"
    QString appendFsync = QStringLiteral("everysec"); // "always" | "everysec" | "no"
    QString logFile;    // default: <dir>/redis.log
};

// A private redis-server run as our child process (RDB snapshots off; durability comes from the AOF when
// enabled). Redis runs as whoever we are, root included. start()/stop() block; use them from one thread.
// stop() sends SIGTERM: Redis flushes the AOF and exits. After kill(), as in a crash, start() works again; with
// AOF, up to the fsync policy's window is lost.
class RedisProcess final : public ServerProcess
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RedisProcess)

public:
    explicit RedisProcess(RedisOptions options, QObject *parent = nullptr);

    // Starts redis-server and waits until it answers PING (after loading its AOF). Errors carry the log tail.
    Result<Unit> start() override;

    const RedisOptions &options() const { return m_options; }
    QString url() const;    // unix://<socketPath>
    QString tcpUrl() const; // redis://127.0.0.1:<port>/0, empty without TCP

    // One inline PING over the unix socket; true on "+PONG" (false while Redis still loads its data).
    static bool ping(const QString &socketPath, int timeoutMs = 500);
    // A redis-server left running in `dir` by a process that died without stopping it: shut it down.
    // Only for a dir the caller owns exclusively. Returns its PID, 0 if none.
    static qint64 stopLeftover(const QString &dir);

private:
    RedisOptions m_options;
};

} // namespace taskmill
