// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/Result.h"

#include <QObject>
#include <QString>

#include <memory>

class QProcess;

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
class RedisProcess final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RedisProcess)

public:
    explicit RedisProcess(RedisOptions options, QObject *parent = nullptr);
    ~RedisProcess() override; // stops the server

    // Starts redis-server and waits until it answers PING (after loading its AOF). Errors carry the log tail.
    Result<Unit> start();
    // SIGTERM (Redis flushes the AOF and exits), SIGKILL after 10 s. No-op when not running.
    void stop();
    // SIGKILL, as in a crash; start() works again afterwards (with AOF, up to the fsync policy's window is lost).
    void kill();

    bool isRunning() const;
    qint64 pid() const { return m_pid; } // 0 when stopped
    const RedisOptions &options() const { return m_options; }
    QString logFile() const { return m_options.logFile; }
    QString url() const;    // unix://<socketPath>
    QString tcpUrl() const; // redis://127.0.0.1:<port>/0, empty without TCP

    // One inline PING over the unix socket; true on "+PONG" (false while Redis still loads its data).
    static bool ping(const QString &socketPath, int timeoutMs = 500);
    // A redis-server left running in `dir` by a process that died without stopping it: shut it down.
    // Only for a dir the caller owns exclusively. Returns its PID, 0 if none.
    static qint64 stopLeftover(const QString &dir);

Q_SIGNALS:
    // The server's PID after a successful start(), then 0 once it stopped, was killed or exited on its own.
    void pidChanged(qint64 pid);
    // The server exited although nobody called stop() or kill().
    void stoppedUnexpectedly(const QString &logTail);

private:
    ApiError failure(const QString &what) const;
    void reset();

    RedisOptions m_options;
    std::unique_ptr<QProcess> m_process;
    qint64 m_pid = 0;
    bool m_stopping = false;
    bool m_announced = false; // pidChanged(m_pid) was emitted and pidChanged(0) is still due
};

} // namespace taskmill
