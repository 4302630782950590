// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/Result.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

class QProcess;

namespace taskmill {

// What tells one kind of private server from another as far as running, stopping and finding it goes.
struct ServerKind
{
    QString name;       // in logs and errors: "PostgreSQL", "Redis"
    QString command;    // argv[0] of the server contains it; guards stopLeftover() against a reused PID
    int stopSignal = 0; // the clean shutdown request
    bool killChildren = false; // a hard kill also SIGKILLs the server's children (they would outlive it)
};

// A private server run as our child process: owns the QProcess, tracks the server's PID, and stops it by
// that PID only, never by name. Subclasses add what is specific to one server: its options, how it is
// launched and when it counts as ready. Blocking; use it from one thread.
class ServerProcess : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ServerProcess)

public:
    ~ServerProcess() override; // stops the server

    // Starts the server and waits until it serves. Errors carry the tail of the server log.
    virtual Result<Unit> start() = 0;
    // The kind's stopSignal to the server, SIGKILL after 10 s. No-op when not running.
    void stop();
    // SIGKILL, as in a crash; start() works again afterwards.
    void kill();

    bool isRunning() const;
    qint64 pid() const { return m_pid; } // the server, never a wrapper that launched it; 0 when stopped
    QString logFile() const { return m_logFile; }

Q_SIGNALS:
    // The server's PID after a successful start(), then 0 once it stopped, was killed or exited on its own.
    void pidChanged(qint64 pid);
    // The server exited although nobody called stop() or kill().
    void stoppedUnexpectedly(const QString &logTail);

protected:
    ServerProcess(ServerKind kind, QObject *parent);

    // The steps of a subclass's start(), in this order. After a failed launch() or awaitReady() nothing of ours
    // runs any more. beginStart() refuses a second start (naming `dir`) and clears what a previous run left.
    Result<Unit> beginStart(const QString &dir);
    // Launches the server (or a wrapper that runs it) with its output appended to the log file.
    Result<Unit> launch(const QString &program, const QStringList &args, const QString &workingDir);
    // Polls `isReady` until it returns true. Fails when the child exits first or `timeoutMs` passes; then the
    // error reads "<name> did not <readiness> within N s".
    Result<Unit> awaitReady(const std::function<bool()> &isReady, int timeoutMs, const QString &readiness);
    // Logs the start (with `socketPath`), watches for an unexpected exit and emits pidChanged(pid()).
    void announceStarted(const QString &socketPath);

    // For the constructor: the file the server's output is appended to, `path` or else `fallback`, made
    // absolute. Returns it, for the subclass's options.
    QString adoptLogFile(const QString &path, const QString &fallback);

    // For use in subclasses' start().
    void setPid(qint64 pid) { m_pid = pid; }
    qint64 launcherPid() const; // the child we launched; 0 when none
    ApiError failure(const QString &what) const; // `what` plus the tail of the log

    // The server's PID while start() has not learned it yet, for a hard kill during startup; 0 when unknown.
    virtual qint64 pidBeforeReady() const { return 0; }

    // A server of `kind` left running in `dir` (its pid file `pidFile`) by a process that died without stopping
    // it: shut it down. Only for a dir the caller owns exclusively. Returns its PID, 0 if none.
    static qint64 stopLeftoverOf(const ServerKind &kind, const QString &dir, const QString &pidFile);

private:
    void killHard();
    void reset();

    ServerKind m_kind;
    QString m_logFile;
    std::unique_ptr<QProcess> m_process;
    qint64 m_pid = 0;
    bool m_stopping = false;
    bool m_announced = false; // pidChanged(m_pid) was emitted and pidChanged(0) is still due
};

} // namespace taskmill
