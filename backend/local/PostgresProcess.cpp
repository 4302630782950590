// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "local/PostgresProcess.h"

#include "local/PostgresCluster.h"
#include "local/ProcessControl.h"

#include <QDir>
#include <QFile>
#include <QUrl>

#include <signal.h>

namespace taskmill {

using namespace localproc;

namespace {
// Crash recovery after kill() replays WAL before the server accepts connections.
constexpr int ReadyTimeoutMs = 120000;
// A bound, not an estimate: CREATE DATABASE copies template1, which a loaded disk makes slow.
constexpr int CreateDbTimeoutMs = 60000;

// SIGINT is PostgreSQL's "fast" shutdown: roll back open transactions, checkpoint, exit. Backends and auxiliary
// processes notice the postmaster's death only after a while; until they are gone the old shared memory is in use
// and a restart is refused, so a hard kill takes them too.
const ServerKind Kind{QStringLiteral("PostgreSQL"), QStringLiteral("postgres"), SIGINT, true};
} // namespace

PostgresProcess::PostgresProcess(PostgresOptions options, QObject *parent)
    : ServerProcess(Kind, parent), m_options(std::move(options))
{
    // Absolute paths: the server and the tools run with "/" as their working directory.
    m_options.dataDir = QDir::cleanPath(QDir(m_options.dataDir).absolutePath());
    m_options.socketDir = QDir::cleanPath(QDir(m_options.socketDir).absolutePath());
    m_options.logFile = adoptLogFile(m_options.logFile, m_options.dataDir + QStringLiteral(".log"));
}

QString PostgresProcess::socketPath() const
{
    return m_options.socketDir + QStringLiteral("/.s.PGSQL.") + QString::number(m_options.port);
}

QString PostgresProcess::toolPath(const QString &name)
{
    return PostgresCluster::toolPath(name);
}

QString PostgresProcess::connectionUrl() const
{
    // Concatenated, not QString::arg(): the encoded socket dir contains "%2F", which a later
    // arg() would take for a placeholder.
    return QStringLiteral("postgresql://") + QString::fromLatin1(QUrl::toPercentEncoding(m_options.user))
        + QStringLiteral("@/") + QString::fromLatin1(QUrl::toPercentEncoding(m_options.database))
        + QStringLiteral("?host=") + QString::fromLatin1(QUrl::toPercentEncoding(m_options.socketDir))
        + QStringLiteral("&port=") + QString::number(m_options.port);
}

Result<Unit> PostgresProcess::start()
{
    if (auto fresh = beginStart(m_options.dataDir); !fresh)
        return fresh;
    const PostgresCluster cluster(m_options);
    if (auto prepared = cluster.prepareDirs(); !prepared)
        return prepared.error();
    if (auto initialised = cluster.initialise(); !initialised)
        return initialised.error();

    QString program = toolPath(QStringLiteral("postgres"));
    QStringList args{QStringLiteral("-D"), m_options.dataDir, QStringLiteral("-k"), m_options.socketDir,
                     QStringLiteral("-p"), QString::number(m_options.port),
                     // Unix socket only, and only for the owner: authentication is `trust`.
                     QStringLiteral("-c"), QStringLiteral("listen_addresses="),
                     QStringLiteral("-c"), QStringLiteral("unix_socket_permissions=0700")};
    QStringList settings = m_options.extraSettings;
    if (!m_options.durable)
        settings = QStringList{QStringLiteral("fsync=off"), QStringLiteral("synchronous_commit=off"),
                               QStringLiteral("full_page_writes=off")}
                   + settings;
    for (const QString &setting : std::as_const(settings))
        args << QStringLiteral("-c") << setting;
    asAccount(isRoot() ? postgresAccount() : std::nullopt, &program, &args);

    if (auto launched = launch(program, args, QStringLiteral("/")); !launched)
        return launched;
    if (auto ready = awaitReady([this] { return postmasterReady(); }, ReadyTimeoutMs,
                                QStringLiteral("accept connections"));
        !ready)
        return ready;
    if (auto created = createDatabase(); !created) {
        stop();
        return created.error();
    }
    announceStarted(socketPath());
    return Unit{};
}

QString PostgresProcess::pidFile() const
{
    return m_options.dataDir + QStringLiteral("/postmaster.pid");
}

bool PostgresProcess::postmasterReady()
{
    // postmaster.pid line 8 turns to "ready" once connections are accepted; the PID check skips a stale file
    // left by a killed server. As root our child is runuser and the postmaster is its child.
    QFile f(pidFile());
    if (!f.open(QIODevice::ReadOnly))
        return false;
    const QList<QByteArray> lines = f.readAll().split('\n');
    const qint64 pid = lines.value(0).trimmed().toLongLong();
    const qint64 launcher = launcherPid();
    if (pid != launcher && parentPid(pid) != launcher)
        return false;
    setPid(pid);
    return lines.size() >= 8 && lines.at(7).trimmed() == "ready";
}

qint64 PostgresProcess::pidBeforeReady() const
{
    // The postmaster may be runuser's child by now, although postmasterReady() has not seen it yet.
    const qint64 candidate = readPidFile(pidFile());
    return candidate > 0 && parentPid(candidate) == launcherPid() ? candidate : 0;
}

Result<Unit> PostgresProcess::createDatabase()
{
    // A client needs no privilege drop: root reaches the socket, and trust authentication takes -U at its word.
    const QStringList args{QStringLiteral("-h"), m_options.socketDir, QStringLiteral("-p"),
                           QString::number(m_options.port), QStringLiteral("-U"), m_options.user,
                           m_options.database};
    QString output;
    if (runTool(toolPath(QStringLiteral("createdb")), args, CreateDbTimeoutMs, &output)
        || output.contains(QLatin1String("already exists"))
        // A hot standby is read-only and already has its primary's database.
        || output.contains(QLatin1String("read-only transaction")))
        return Unit{};
    return failure(QStringLiteral("cannot create database %1: %2").arg(m_options.database, output.trimmed()));
}

qint64 PostgresProcess::stopLeftover(const QString &dataDir)
{
    return stopLeftoverOf(Kind, dataDir, dataDir + QStringLiteral("/postmaster.pid"));
}

} // namespace taskmill
