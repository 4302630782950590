// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "local/PostgresProcess.h"

#include "local/LocalLogging.h"
#include "local/PostgresCluster.h"
#include "local/ProcessControl.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QUrl>

#include <signal.h>

namespace taskmill {

using namespace localproc;

namespace {
constexpr int StopTimeoutMs = 10000;
// Crash recovery after kill() replays WAL before the server accepts connections.
constexpr int ReadyTimeoutMs = 120000;
} // namespace

PostgresProcess::PostgresProcess(PostgresOptions options, QObject *parent)
    : QObject(parent), m_options(std::move(options))
{
    // Absolute paths: the server and the tools run with "/" as their working directory.
    m_options.dataDir = QDir::cleanPath(QDir(m_options.dataDir).absolutePath());
    m_options.socketDir = QDir::cleanPath(QDir(m_options.socketDir).absolutePath());
    if (m_options.logFile.isEmpty())
        m_options.logFile = m_options.dataDir + QStringLiteral(".log");
    m_options.logFile = QDir(m_options.logFile).absolutePath();
}

PostgresProcess::~PostgresProcess()
{
    stop();
}

QString PostgresProcess::socketPath() const
{
    return m_options.socketDir + QStringLiteral("/.s.PGSQL.") + QString::number(m_options.port);
}

QString PostgresProcess::toolPath(const QString &name)
{
    return PostgresCluster::toolPath(name);
}

QString PostgresProcess::logFile() const
{
    return m_options.logFile;
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

bool PostgresProcess::isRunning() const
{
    return m_pid > 0 && !isGone(m_pid);
}

ApiError PostgresProcess::failure(const QString &what) const
{
    return ApiError::unavailable(QStringLiteral("%1\n--- last lines of %2 ---\n%3")
                                     .arg(what, m_options.logFile, tailOfFile(m_options.logFile)));
}

Result<Unit> PostgresProcess::start()
{
    if (isRunning())
        return ApiError::conflict(QStringLiteral("PostgreSQL in %1 is already running (pid %2)")
                                      .arg(m_options.dataDir)
                                      .arg(m_pid));
    reset();
    m_stopping = false;
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

    m_process = std::make_unique<QProcess>();
    m_process->setProgram(program);
    m_process->setArguments(args);
    m_process->setWorkingDirectory(QStringLiteral("/"));
    // Output goes straight to the log file, never through a pipe to us: a pipe nobody drains would stall the
    // server, and an inherited pipe keeps a test runner waiting for EOF.
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

    if (auto ready = waitUntilReady(); !ready) {
        killHard();
        reset();
        return ready.error();
    }
    if (auto created = createDatabase(); !created) {
        stop();
        return created.error();
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
        const QString tail = tailOfFile(m_options.logFile);
        qCWarning(lcLocal, "PostgreSQL (pid %lld) exited unexpectedly with code %d", pid, exitCode);
        Q_EMIT stoppedUnexpectedly(tail);
    });
    qCInfo(lcLocal, "PostgreSQL started: pid %lld, socket %s", m_pid, qUtf8Printable(socketPath()));
    m_announced = true;
    Q_EMIT pidChanged(m_pid);
    return Unit{};
}

Result<Unit> PostgresProcess::waitUntilReady()
{
    // postmaster.pid line 8 turns to "ready" once connections are accepted; the PID check skips a stale file
    // left by a killed server. As root our child is runuser and the postmaster is its child.
    const QString pidFile = m_options.dataDir + QStringLiteral("/postmaster.pid");
    const qint64 launcher = m_process->processId();
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < ReadyTimeoutMs) {
        if (m_process->waitForFinished(25))
            return failure(QStringLiteral("PostgreSQL exited during startup (exit code %1)")
                               .arg(m_process->exitCode()));
        QFile f(pidFile);
        if (!f.open(QIODevice::ReadOnly))
            continue;
        const QList<QByteArray> lines = f.readAll().split('\n');
        const qint64 pid = lines.value(0).trimmed().toLongLong();
        if (pid != launcher && parentPid(pid) != launcher)
            continue;
        m_pid = pid;
        if (lines.size() >= 8 && lines.at(7).trimmed() == "ready")
            return Unit{};
    }
    return failure(QStringLiteral("PostgreSQL did not accept connections within %1 s").arg(ReadyTimeoutMs / 1000));
}

Result<Unit> PostgresProcess::createDatabase()
{
    // A client needs no privilege drop: root reaches the socket, and trust authentication takes -U at its word.
    const QStringList args{QStringLiteral("-h"), m_options.socketDir, QStringLiteral("-p"),
                           QString::number(m_options.port), QStringLiteral("-U"), m_options.user,
                           m_options.database};
    QString output;
    if (runTool(toolPath(QStringLiteral("createdb")), args, 60000, &output)
        || output.contains(QLatin1String("already exists"))
        // A hot standby is read-only and already has its primary's database.
        || output.contains(QLatin1String("read-only transaction")))
        return Unit{};
    return failure(QStringLiteral("cannot create database %1: %2").arg(m_options.database, output.trimmed()));
}

void PostgresProcess::stop()
{
    if (!m_process)
        return;
    m_stopping = true;
    const qint64 pid = m_pid;
    if (pid <= 0 && m_process->state() == QProcess::NotRunning) {
        reset(); // it already exited on its own (stoppedUnexpectedly was emitted)
        return;
    }
    if (pid > 0 && !isGone(pid))
        ::kill(pid_t(pid), SIGINT); // "fast" shutdown: roll back open transactions, checkpoint, exit
    const bool finished = m_process->state() == QProcess::NotRunning || m_process->waitForFinished(StopTimeoutMs);
    if (!finished || !waitGone(pid, 1000)) {
        qCWarning(lcLocal, "PostgreSQL (pid %lld) did not stop within %d s; killing it", pid, StopTimeoutMs / 1000);
        killHard();
    } else {
        qCInfo(lcLocal, "PostgreSQL stopped (pid %lld)", pid);
    }
    reset();
}

void PostgresProcess::kill()
{
    if (!m_process)
        return;
    m_stopping = true;
    killHard();
    reset();
}

void PostgresProcess::killHard()
{
    qint64 pid = m_pid;
    if (pid <= 0 && m_process->state() != QProcess::NotRunning) {
        // Startup failed before we learned the postmaster's PID; it may be runuser's child by now.
        const qint64 candidate = readPidFile(m_options.dataDir + QStringLiteral("/postmaster.pid"));
        if (candidate > 0 && parentPid(candidate) == m_process->processId())
            pid = candidate;
    }
    // Backends and auxiliary processes notice the postmaster's death only after a while; until they are gone the
    // old shared memory is in use and a restart is refused, so they are killed too.
    const QList<qint64> children = pid > 0 ? childPids(pid) : QList<qint64>{};
    if (pid > 0)
        ::kill(pid_t(pid), SIGKILL);
    for (qint64 child : children)
        ::kill(pid_t(child), SIGKILL);
    if (m_process->state() != QProcess::NotRunning && !m_process->waitForFinished(5000)) {
        m_process->kill(); // runuser, or a postmaster whose PID we never learned
        m_process->waitForFinished(5000);
    }
    waitGone(pid, 5000);
    for (qint64 child : children)
        waitGone(child, 5000);
    qCInfo(lcLocal, "PostgreSQL killed (pid %lld)", pid);
}

void PostgresProcess::reset()
{
    m_process.reset();
    m_pid = 0;
    if (m_announced) {
        m_announced = false;
        Q_EMIT pidChanged(0);
    }
}

qint64 PostgresProcess::stopLeftover(const QString &dataDir)
{
    const qint64 pid = readPidFile(dataDir + QStringLiteral("/postmaster.pid"));
    if (pid <= 0 || !commandContains(pid, QStringLiteral("postgres")) || !cwdIs(pid, dataDir))
        return 0;
    qCWarning(lcLocal, "stopping PostgreSQL (pid %lld) left running in %s by an earlier run", pid,
              qUtf8Printable(dataDir));
    const QList<qint64> children = childPids(pid);
    ::kill(pid_t(pid), SIGINT);
    if (!waitGone(pid, StopTimeoutMs)) {
        ::kill(pid_t(pid), SIGKILL);
        for (qint64 child : children)
            ::kill(pid_t(child), SIGKILL);
        waitGone(pid, 5000);
    }
    for (qint64 child : children)
        waitGone(child, 5000);
    return pid;
}

} // namespace taskmill
