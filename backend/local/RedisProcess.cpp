// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "local/RedisProcess.h"

#include "local/LocalLogging.h"
#include "local/ProcessControl.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QLocalSocket>
#include <QProcess>
#include <QStandardPaths>

#include <signal.h>

namespace taskmill {

using namespace localproc;

namespace {
constexpr int StopTimeoutMs = 10000;
constexpr int ReadyTimeoutMs = 60000; // a large AOF takes a while to load

QString pidFileIn(const QString &dir)
{
    return dir + QStringLiteral("/redis-server.pid");
}
} // namespace

RedisProcess::RedisProcess(RedisOptions options, QObject *parent)
    : QObject(parent), m_options(std::move(options))
{
    // Absolute paths: Redis changes into `dir` before it resolves any other path.
    m_options.dir = QDir::cleanPath(QDir(m_options.dir).absolutePath());
    m_options.socketPath = QDir::cleanPath(QDir(m_options.socketPath).absolutePath());
    if (m_options.logFile.isEmpty())
        m_options.logFile = m_options.dir + QStringLiteral("/redis.log");
    m_options.logFile = QDir(m_options.logFile).absolutePath();
}

RedisProcess::~RedisProcess()
{
    stop();
}

QString RedisProcess::url() const
{
    return QStringLiteral("unix://") + m_options.socketPath;
}

QString RedisProcess::tcpUrl() const
{
    if (m_options.tcpPort <= 0)
        return {};
    return QStringLiteral("redis://127.0.0.1:%1/0").arg(m_options.tcpPort);
}

bool RedisProcess::isRunning() const
{
    return m_pid > 0 && !isGone(m_pid);
}

ApiError RedisProcess::failure(const QString &what) const
{
    return ApiError::unavailable(QStringLiteral("%1\n--- last lines of %2 ---\n%3")
                                     .arg(what, m_options.logFile, tailOfFile(m_options.logFile)));
}

bool RedisProcess::ping(const QString &socketPath, int timeoutMs)
{
    QLocalSocket socket;
    socket.connectToServer(socketPath);
    if (!socket.waitForConnected(timeoutMs))
        return false;
    // An inline command: no RESP framing needed for a bare PING.
    socket.write("PING\r\n");
    if (!socket.waitForBytesWritten(timeoutMs))
        return false;
    QByteArray reply;
    QElapsedTimer timer;
    timer.start();
    while (!reply.contains('\n') && timer.elapsed() < timeoutMs && socket.waitForReadyRead(timeoutMs))
        reply += socket.readAll();
    return reply.startsWith("+PONG");
}

Result<Unit> RedisProcess::start()
{
    if (isRunning())
        return ApiError::conflict(QStringLiteral("Redis in %1 is already running (pid %2)")
                                      .arg(m_options.dir)
                                      .arg(m_pid));
    reset();
    m_stopping = false;
    const qsizetype socketBytes = QFile::encodeName(m_options.socketPath).size();
    if (socketBytes > MaxSocketPathBytes)
        return ApiError::badRequest(
            QStringLiteral("Redis socket path %1 is %2 bytes; unix sockets allow at most %3: choose a shorter one")
                .arg(m_options.socketPath)
                .arg(socketBytes)
                .arg(MaxSocketPathBytes));
    const QString program = QStandardPaths::findExecutable(QStringLiteral("redis-server"));
    if (program.isEmpty())
        return ApiError::unavailable(QStringLiteral("redis-server not found in PATH (install redis-server)"));
    for (const QString &dir : {m_options.dir, QFileInfo(m_options.socketPath).absolutePath(),
                               QFileInfo(m_options.logFile).absolutePath()}) {
        if (!QDir().mkpath(dir))
            return ApiError::unavailable(QStringLiteral("cannot create directory %1").arg(dir));
    }

    const QStringList args{
        QStringLiteral("--port"), QString::number(m_options.tcpPort),
        QStringLiteral("--bind"), QStringLiteral("127.0.0.1"),
        QStringLiteral("--unixsocket"), m_options.socketPath,
        QStringLiteral("--unixsocketperm"), QStringLiteral("700"),
        QStringLiteral("--dir"), m_options.dir,
        QStringLiteral("--pidfile"), pidFileIn(m_options.dir),
        QStringLiteral("--save"), QString(), // no RDB snapshots: the AOF (or nothing, for tests) is the policy
        QStringLiteral("--appendonly"), m_options.appendOnly,
        QStringLiteral("--appendfsync"), m_options.appendFsync,
        QStringLiteral("--daemonize"), QStringLiteral("no"),
        QStringLiteral("--logfile"), m_options.logFile,
    };
    m_process = std::make_unique<QProcess>();
    m_process->setProgram(program);
    m_process->setArguments(args);
    m_process->setWorkingDirectory(m_options.dir);
    // Config errors are printed before the log file is opened: send stdout/stderr to the same file.
    m_process->setStandardInputFile(QProcess::nullDevice());
    m_process->setStandardOutputFile(m_options.logFile, QIODevice::Append);
    m_process->setStandardErrorFile(m_options.logFile, QIODevice::Append);
    detachIntoOwnSession(*m_process);
    m_process->start();
    if (!m_process->waitForStarted(10000)) {
        const QString error = m_process->errorString();
        reset();
        return failure(QStringLiteral("cannot start %1: %2").arg(program, error));
    }
    m_pid = m_process->processId();

    QElapsedTimer timer;
    timer.start();
    while (!ping(m_options.socketPath)) {
        if (m_process->waitForFinished(20)) {
            const int code = m_process->exitCode();
            reset();
            return failure(QStringLiteral("redis-server exited during startup (exit code %1)").arg(code));
        }
        if (timer.elapsed() > ReadyTimeoutMs) {
            kill();
            return failure(QStringLiteral("redis-server did not answer PING within %1 s").arg(ReadyTimeoutMs / 1000));
        }
    }
    connect(m_process.get(), &QProcess::finished, this, [this](int exitCode, QProcess::ExitStatus) {
        if (m_stopping)
            return;
        const qint64 pid = m_pid;
        m_pid = 0;
        if (m_announced) {
            m_announced = false;
            Q_EMIT pidChanged(0);
        }
        qCWarning(lcLocal, "Redis (pid %lld) exited unexpectedly with code %d", pid, exitCode);
        Q_EMIT stoppedUnexpectedly(tailOfFile(m_options.logFile));
    });
    qCInfo(lcLocal, "Redis started: pid %lld, socket %s", m_pid, qUtf8Printable(m_options.socketPath));
    m_announced = true;
    Q_EMIT pidChanged(m_pid);
    return Unit{};
}

void RedisProcess::stop()
{
    if (!m_process)
        return;
    m_stopping = true;
    const qint64 pid = m_pid;
    if (m_process->state() != QProcess::NotRunning) {
        m_process->terminate(); // SIGTERM: Redis fsyncs the AOF and exits
        if (!m_process->waitForFinished(StopTimeoutMs)) {
            qCWarning(lcLocal, "Redis (pid %lld) did not stop within %d s; killing it", pid, StopTimeoutMs / 1000);
            m_process->kill();
            m_process->waitForFinished(5000);
        } else {
            qCInfo(lcLocal, "Redis stopped (pid %lld)", pid);
        }
    }
    reset();
}

void RedisProcess::kill()
{
    if (!m_process)
        return;
    m_stopping = true;
    const qint64 pid = m_pid;
    if (m_process->state() != QProcess::NotRunning) {
        m_process->kill();
        m_process->waitForFinished(5000);
        qCInfo(lcLocal, "Redis killed (pid %lld)", pid);
    }
    reset();
}

void RedisProcess::reset()
{
    m_process.reset();
    m_pid = 0;
    if (m_announced) {
        m_announced = false;
        Q_EMIT pidChanged(0);
    }
}

qint64 RedisProcess::stopLeftover(const QString &dir)
{
    const QString cleanDir = QDir::cleanPath(QDir(dir).absolutePath());
    const qint64 pid = readPidFile(pidFileIn(cleanDir));
    if (pid <= 0 || !commandContains(pid, QStringLiteral("redis-server")) || !cwdIs(pid, cleanDir))
        return 0;
    qCWarning(lcLocal, "stopping Redis (pid %lld) left running in %s by an earlier run", pid,
              qUtf8Printable(cleanDir));
    ::kill(pid_t(pid), SIGTERM);
    if (!waitGone(pid, StopTimeoutMs)) {
        ::kill(pid_t(pid), SIGKILL);
        waitGone(pid, 5000);
    }
    return pid;
}

} // namespace taskmill
