// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "local/ServerProcess.h"

#include "local/LocalLogging.h"
#include "local/ProcessControl.h"

#include <QDir>
#include <QElapsedTimer>
#include <QProcess>

#include <signal.h>

namespace taskmill {

using namespace localproc;

namespace {
// A clean shutdown flushes and checkpoints; longer than that means it hangs, and SIGKILL follows.
constexpr int StopTimeoutMs = 10000;
// exec() of a local binary; only a starved machine takes more than a moment.
constexpr int LaunchTimeoutMs = 10000;
// SIGKILL takes effect at once; this only bounds the wait for the kernel to tear the process down.
constexpr int KillWaitMs = 5000;
// After our child exited, a server behind a wrapper (runuser) is gone too, or about to be.
constexpr int ServerGoneAfterChildMs = 1000;
// Between readiness probes: short against a startup of a second or less, long enough not to spin.
constexpr int ReadyPollMs = 25;
} // namespace

ServerProcess::ServerProcess(ServerKind kind, QObject *parent) : QObject(parent), m_kind(std::move(kind)) {}

ServerProcess::~ServerProcess()
{
    // The subclass part is gone here, but its only hook, pidBeforeReady(), matters only inside start().
    stop();
}

QString ServerProcess::adoptLogFile(const QString &path, const QString &fallback)
{
    m_logFile = QDir(path.isEmpty() ? fallback : path).absolutePath();
    return m_logFile;
}

bool ServerProcess::isRunning() const
{
    return m_pid > 0 && !isGone(m_pid);
}

qint64 ServerProcess::launcherPid() const
{
    return m_process ? m_process->processId() : 0;
}

ApiError ServerProcess::failure(const QString &what) const
{
    return ApiError::unavailable(
        QStringLiteral("%1\n--- last lines of %2 ---\n%3").arg(what, m_logFile, tailOfFile(m_logFile)));
}

Result<Unit> ServerProcess::beginStart(const QString &dir)
{
    if (isRunning())
        return ApiError::conflict(
            QStringLiteral("%1 in %2 is already running (pid %3)").arg(m_kind.name, dir).arg(m_pid));
    reset();
    m_stopping = false;
    return Unit{};
}

Result<Unit> ServerProcess::launch(const QString &program, const QStringList &args, const QString &workingDir)
{
    m_process = std::make_unique<QProcess>();
    m_process->setProgram(program);
    m_process->setArguments(args);
    m_process->setWorkingDirectory(workingDir);
    // Output goes straight to the log file, never through a pipe to us: a pipe nobody drains would stall the
    // server, and an inherited pipe keeps a test runner waiting for EOF. It also catches what a server prints
    // before it opens a log file of its own (Redis config errors).
    m_process->setStandardInputFile(QProcess::nullDevice());
    m_process->setStandardOutputFile(m_logFile, QIODevice::Append);
    m_process->setStandardErrorFile(m_logFile, QIODevice::Append);
    detachIntoOwnSession(*m_process);
    m_process->start();
    if (!m_process->waitForStarted(LaunchTimeoutMs)) {
        const QString error = m_process->errorString();
        reset();
        return failure(QStringLiteral("cannot start %1: %2").arg(program, error));
    }
    return Unit{};
}

Result<Unit> ServerProcess::awaitReady(const std::function<bool()> &isReady, int timeoutMs, const QString &readiness)
{
    QElapsedTimer timer;
    timer.start();
    while (!isReady()) {
        if (m_process->waitForFinished(ReadyPollMs)) {
            const int code = m_process->exitCode();
            reset();
            return failure(QStringLiteral("%1 exited during startup (exit code %2)").arg(m_kind.name).arg(code));
        }
        if (timer.elapsed() > timeoutMs) {
            killHard();
            reset();
            return failure(
                QStringLiteral("%1 did not %2 within %3 s").arg(m_kind.name, readiness).arg(timeoutMs / 1000));
        }
    }
    return Unit{};
}

void ServerProcess::announceStarted(const QString &socketPath)
{
    connect(m_process.get(), &QProcess::finished, this, [this](int exitCode, QProcess::ExitStatus) {
        if (m_stopping)
            return;
        const qint64 pid = m_pid;
        m_pid = 0;
        if (m_announced) {
            m_announced = false;
            Q_EMIT pidChanged(0);
        }
        qCWarning(lcLocal, "%s (pid %lld) exited unexpectedly with code %d", qUtf8Printable(m_kind.name), pid,
                  exitCode);
        Q_EMIT stoppedUnexpectedly(tailOfFile(m_logFile));
    });
    qCInfo(lcLocal, "%s started: pid %lld, socket %s", qUtf8Printable(m_kind.name), m_pid,
           qUtf8Printable(socketPath));
    m_announced = true;
    Q_EMIT pidChanged(m_pid);
}

void ServerProcess::stop()
{
    if (!m_process)
        return;
    m_stopping = true;
    const qint64 pid = m_pid;
    if (pid <= 0 && m_process->state() == QProcess::NotRunning) {
        reset(); // it already exited on its own (stoppedUnexpectedly was emitted)
        return;
    }
    // The signal goes to the server's PID: a wrapper in between (runuser) need not pass it on.
    if (pid > 0 && !isGone(pid))
        ::kill(pid_t(pid), m_kind.stopSignal);
    const bool finished = m_process->state() == QProcess::NotRunning || m_process->waitForFinished(StopTimeoutMs);
    if (!finished || !waitGone(pid, ServerGoneAfterChildMs)) {
        qCWarning(lcLocal, "%s (pid %lld) did not stop within %d s; killing it", qUtf8Printable(m_kind.name), pid,
                  StopTimeoutMs / 1000);
        killHard();
    } else {
        qCInfo(lcLocal, "%s stopped (pid %lld)", qUtf8Printable(m_kind.name), pid);
    }
    reset();
}

void ServerProcess::kill()
{
    if (!m_process)
        return;
    m_stopping = true;
    killHard();
    reset();
}

void ServerProcess::killHard()
{
    qint64 pid = m_pid;
    if (pid <= 0 && m_process->state() != QProcess::NotRunning)
        pid = pidBeforeReady();
    // Listed before the kill: once the server is dead its children are reparented and no longer found.
    const QList<qint64> children = pid > 0 && m_kind.killChildren ? childPids(pid) : QList<qint64>{};
    if (pid > 0)
        ::kill(pid_t(pid), SIGKILL);
    for (qint64 child : children)
        ::kill(pid_t(child), SIGKILL);
    if (m_process->state() != QProcess::NotRunning && !m_process->waitForFinished(KillWaitMs)) {
        m_process->kill(); // a wrapper, or a server whose PID we never learned
        m_process->waitForFinished(KillWaitMs);
    }
    waitGone(pid, KillWaitMs);
    for (qint64 child : children)
        waitGone(child, KillWaitMs);
    qCInfo(lcLocal, "%s killed (pid %lld)", qUtf8Printable(m_kind.name), pid);
}

void ServerProcess::reset()
{
    m_process.reset();
    m_pid = 0;
    if (m_announced) {
        m_announced = false;
        Q_EMIT pidChanged(0);
    }
}

qint64 ServerProcess::stopLeftoverOf(const ServerKind &kind, const QString &dir, const QString &pidFile)
{
    const qint64 pid = readPidFile(pidFile);
    if (pid <= 0 || !commandContains(pid, kind.command) || !cwdIs(pid, dir))
        return 0;
    qCWarning(lcLocal, "stopping %s (pid %lld) left running in %s by an earlier run", qUtf8Printable(kind.name),
              pid, qUtf8Printable(dir));
    const QList<qint64> children = kind.killChildren ? childPids(pid) : QList<qint64>{};
    ::kill(pid_t(pid), kind.stopSignal);
    if (!waitGone(pid, StopTimeoutMs)) {
        ::kill(pid_t(pid), SIGKILL);
        for (qint64 child : children)
            ::kill(pid_t(child), SIGKILL);
        waitGone(pid, KillWaitMs);
    }
    for (qint64 child : children)
        waitGone(child, KillWaitMs);
    return pid;
}

} // namespace taskmill
