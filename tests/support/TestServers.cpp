// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "support/TestServers.h"

#include "support/CrashGuard.h"

#include <QDebug>
#include <QFile>
#include <QHostAddress>
#include <QProcess>
#include <QTcpServer>

#include <unistd.h>

namespace taskmill::test {

namespace {

int freeTcpPort()
{
    // The port is free now; another process may take it before Redis binds, so start() retries.
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

// Keeps CrashGuard's list in step with a server's PID across kill()/start() cycles made by a test.
template<typename Process>
void watchPid(Process *process, qint64 *watched)
{
    QObject::connect(process, &Process::pidChanged, process, [watched](qint64 pid) {
        CrashGuard::unwatch(*watched);
        *watched = pid;
        CrashGuard::watch(pid);
    });
}

} // namespace

TestServers::TestServers(TestServersOptions options)
    : m_options(std::move(options)), m_dir(QStringLiteral("/tmp/tm-XXXXXX"))
{
    if (qEnvironmentVariableIntValue("TASKMILL_KEEP_TEST_DIRS") != 0)
        m_dir.setAutoRemove(false);
    // As root PostgreSQL runs as `postgres`, which must traverse this (by default 0700) dir.
    if (::geteuid() == 0)
        QFile::setPermissions(m_dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                                                | QFileDevice::ReadGroup | QFileDevice::ExeGroup
                                                | QFileDevice::ReadOther | QFileDevice::ExeOther);
    PostgresOptions pg;
    pg.dataDir = m_dir.filePath(QStringLiteral("pg"));
    pg.socketDir = m_dir.filePath(QStringLiteral("s"));
    pg.logFile = m_dir.filePath(QStringLiteral("postgres.log"));
    pg.durable = false;
    pg.extraSettings = m_options.postgresSettings;
    m_postgres = std::make_unique<PostgresProcess>(pg);
    watchPid(m_postgres.get(), &m_watchedPostgres);
    makeRedis();
}

void TestServers::makeRedis()
{
    RedisOptions redis;
    redis.dir = m_dir.filePath(QStringLiteral("redis"));
    redis.socketPath = m_dir.filePath(QStringLiteral("redis.sock"));
    redis.tcpPort = m_options.redisTcp ? freeTcpPort() : 0;
    redis.appendOnly = m_options.redisAppendOnly ? QStringLiteral("yes") : QStringLiteral("no");
    redis.appendFsync = QStringLiteral("always");
    m_redis = std::make_unique<RedisProcess>(redis);
    watchPid(m_redis.get(), &m_watchedRedis);
}

TestServers::~TestServers()
{
    stop();
    if (!m_dir.autoRemove())
        qInfo("TestServers: keeping %s", qUtf8Printable(m_dir.path()));
}

Result<Unit> TestServers::start()
{
    if (!m_dir.isValid())
        return ApiError::unavailable(QStringLiteral("cannot create a temp dir under /tmp: %1").arg(m_dir.errorString()));
    if (auto started = m_postgres->start(); !started)
        return started.error();

    Result<Unit> started = m_redis->start();
    for (int attempt = 1; !started && m_options.redisTcp && attempt < 3; ++attempt) {
        makeRedis(); // the probed port was taken in the meantime: try another
        started = m_redis->start();
    }
    return started;
}

void TestServers::stop()
{
    if (m_redis)
        m_redis->stop();
    if (m_postgres)
        m_postgres->stop();
}

bool TestServers::psql(const QString &sql, QString *out) const
{
    const PostgresOptions &pg = m_postgres->options();
    QString program = PostgresProcess::toolPath(QStringLiteral("psql"));
    if (program.isEmpty())
        program = QStringLiteral("psql");
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PGCLIENTENCODING"), QStringLiteral("UTF8"));
    p.setProcessEnvironment(env);
    p.setStandardInputFile(QProcess::nullDevice());
    // Root needs no runuser here: it may enter the postgres-owned socket dir, and authentication is trust.
    p.start(program, {QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-At"), QStringLiteral("-v"),
                      QStringLiteral("ON_ERROR_STOP=1"), QStringLiteral("-h"), pg.socketDir, QStringLiteral("-p"),
                      QString::number(pg.port), QStringLiteral("-U"), pg.user, QStringLiteral("-d"), pg.database,
                      QStringLiteral("-c"), sql});
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished();
        qWarning().noquote() << "psql did not finish within 60 s:" << sql;
        return false;
    }
    QString stdOut = QString::fromUtf8(p.readAllStandardOutput());
    if (stdOut.endsWith(u'\n'))
        stdOut.chop(1);
    if (out)
        *out = stdOut;
    const bool ok = p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    if (!ok)
        qWarning().noquote() << "psql failed:" << sql << '\n' << QString::fromUtf8(p.readAllStandardError());
    return ok;
}

QString TestServers::redisCli(const QStringList &args) const
{
    QProcess p;
    p.setStandardInputFile(QProcess::nullDevice());
    p.start(QStringLiteral("redis-cli"), QStringList{QStringLiteral("-s"), m_redis->options().socketPath}
                                             + args);
    if (!p.waitForFinished(30000)) {
        p.kill();
        p.waitForFinished();
        qWarning().noquote() << "redis-cli did not finish within 30 s:" << args.join(u' ');
    }
    QString stdOut = QString::fromUtf8(p.readAllStandardOutput());
    if (stdOut.endsWith(u'\n'))
        stdOut.chop(1);
    const QByteArray err = p.readAllStandardError();
    if (!err.isEmpty())
        qWarning().noquote() << "redis-cli" << args.join(u' ') << ':' << QString::fromUtf8(err);
    return stdOut;
}

} // namespace taskmill::test
