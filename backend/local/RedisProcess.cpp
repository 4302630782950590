// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "local/RedisProcess.h"

#include "local/ProcessControl.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QLocalSocket>
#include <QStandardPaths>

#include <signal.h>

namespace taskmill {

using namespace localproc;

namespace {
// A large AOF takes a while to load; Redis answers PING only once it has.
constexpr int ReadyTimeoutMs = 60000;

// SIGTERM makes Redis fsync the AOF and exit. Its only children, AOF-rewrite forks, do not hold back a restart.
const ServerKind Kind{QStringLiteral("Redis"), QStringLiteral("redis-server"), SIGTERM, false};

QString pidFileIn(const QString &dir)
{
    return dir + QStringLiteral("/redis-server.pid");
}
} // namespace

RedisProcess::RedisProcess(RedisOptions options, QObject *parent)
    : ServerProcess(Kind, parent), m_options(std::move(options))
{
    // Absolute paths: Redis changes into `dir` before it resolves any other path.
    m_options.dir = QDir::cleanPath(QDir(m_options.dir).absolutePath());
    m_options.socketPath = QDir::cleanPath(QDir(m_options.socketPath).absolutePath());
    m_options.logFile = adoptLogFile(m_options.logFile, m_options.dir + QStringLiteral("/redis.log"));
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
    if (auto fresh = beginStart(m_options.dir); !fresh)
        return fresh;
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
    if (auto launched = launch(program, args, m_options.dir); !launched)
        return launched;
    setPid(launcherPid());
    if (auto ready = awaitReady([this] { return ping(m_options.socketPath); }, ReadyTimeoutMs,
                                QStringLiteral("answer PING"));
        !ready)
        return ready;
    announceStarted(m_options.socketPath);
    return Unit{};
}

qint64 RedisProcess::stopLeftover(const QString &dir)
{
    const QString cleanDir = QDir::cleanPath(QDir(dir).absolutePath());
    return stopLeftoverOf(Kind, cleanDir, pidFileIn(cleanDir));
}

} // namespace taskmill
