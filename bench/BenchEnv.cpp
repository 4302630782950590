// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "BenchEnv.h"

#include "local/PostgresProcess.h"
#include "local/ProcessControl.h"
#include "local/RedisProcess.h"
#include "queue/RedisConnection.h"
#include "store/DbParams.h"

#include <QDateTime>
#include <QDebug>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QSysInfo>
#include <QThread>

#include <unistd.h>

namespace taskmill::bench {

Taskmilld::Taskmilld() = default;

Taskmilld::~Taskmilld()
{
    stop();
}

Result<Unit> Taskmilld::start(const QString &binary, const QStringList &args, const QString &logFile, int timeoutMs)
{
    stop();
    m_url.clear();
    m_process = std::make_unique<QProcess>();
    m_process->setStandardInputFile(QProcess::nullDevice());
    m_process->setStandardOutputFile(logFile, QIODevice::Append);
    m_process->setStandardErrorFile(logFile, QIODevice::Append);
    const qint64 offset = QFileInfo(logFile).size();
    m_process->start(binary, args);
    if (!m_process->waitForStarted(10000))
        return ApiError::unavailable(QStringLiteral("cannot start %1: %2").arg(binary, m_process->errorString()));
    static const QRegularExpression listening(QStringLiteral("^taskmilld: listening on (http://\\S+)"),
                                              QRegularExpression::MultilineOption);
    static const QRegularExpression ready(QStringLiteral("^taskmilld: ready"), QRegularExpression::MultilineOption);
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < timeoutMs) {
        if (m_process->waitForFinished(20))
            break;
        QFile log(logFile);
        if (!log.open(QIODevice::ReadOnly) || !log.seek(offset))
            continue;
        const QString out = QString::fromUtf8(log.readAll());
        if (const auto m = listening.match(out); m.hasMatch()) {
            m_url = QUrl(m.captured(1));
            return Unit{};
        }
        if (ready.match(out).hasMatch())
            return Unit{};
    }
    stop(2000);
    return ApiError::unavailable(QStringLiteral("taskmilld %1 did not become ready; see %2\n%3")
                                     .arg(args.join(u' '), logFile, localproc::tailOfFile(logFile)));
}

void Taskmilld::stop(int timeoutMs)
{
    if (!m_process)
        return;
    if (m_process->state() != QProcess::NotRunning) {
        m_process->terminate(); // SIGTERM to this child's PID only
        if (!m_process->waitForFinished(timeoutMs)) {
            qWarning("taskmilld (pid %lld) ignored SIGTERM for %d ms: killing it", m_process->processId(), timeoutMs);
            m_process->kill();
            m_process->waitForFinished(5000);
        }
    }
    m_process.reset();
}

qint64 Taskmilld::pid() const
{
    return m_process && m_process->state() != QProcess::NotRunning ? m_process->processId() : 0;
}

PrivateServers::PrivateServers() = default;

PrivateServers::~PrivateServers()
{
    stop();
}

Result<Unit> PrivateServers::start(const QString &dir, const QStringList &pgSettings)
{
    // As root PostgreSQL runs as `postgres`, which must be able to enter the dir.
    QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                                   | QFileDevice::ReadGroup | QFileDevice::ExeGroup | QFileDevice::ReadOther
                                   | QFileDevice::ExeOther);
    PostgresOptions pg;
    pg.dataDir = dir + QStringLiteral("/pg");
    pg.socketDir = dir + QStringLiteral("/s");
    pg.logFile = dir + QStringLiteral("/postgres.log");
    pg.durable = true;
    pg.extraSettings = pgSettings;
    m_postgres = std::make_unique<PostgresProcess>(pg);
    if (auto started = m_postgres->start(); !started)
        return started.error();
    RedisOptions redis;
    redis.dir = dir + QStringLiteral("/redis");
    redis.socketPath = dir + QStringLiteral("/redis.sock");
    redis.appendOnly = QStringLiteral("yes");
    redis.appendFsync = QStringLiteral("everysec");
    m_redis = std::make_unique<RedisProcess>(redis);
    return m_redis->start();
}

void PrivateServers::stop()
{
    if (m_redis)
        m_redis->stop();
    if (m_postgres)
        m_postgres->stop();
}

QString PrivateServers::postgresUrl() const { return m_postgres->connectionUrl(); }
QString PrivateServers::redisUrl() const { return m_redis->url(); }
qint64 PrivateServers::postgresPid() const { return m_postgres ? m_postgres->pid() : 0; }
qint64 PrivateServers::redisPid() const { return m_redis ? m_redis->pid() : 0; }

PgReader::~PgReader()
{
    if (m_name.isEmpty())
        return;
    QSqlDatabase::database(m_name, false).close();
    QSqlDatabase::removeDatabase(m_name);
}

Result<Unit> PgReader::open(const QString &url)
{
    auto params = DbParams::fromUrl(url);
    if (!params)
        return params.error();
    m_name = QStringLiteral("bench-reader");
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_name);
    db.setHostName(params->host);
    db.setPort(params->port);
    db.setUserName(params->user);
    db.setPassword(params->password);
    db.setDatabaseName(params->database);
    if (!db.open())
        return ApiError::unavailable(QStringLiteral("cannot open %1: %2").arg(params->describe(), db.lastError().text()));
    QSqlQuery(db).exec(QStringLiteral("SET client_min_messages = warning")); // no TRUNCATE ... CASCADE notices
    return Unit{};
}

Result<QList<QVariantList>> PgReader::rows(const QString &sql, const QVariantList &binds)
{
    QSqlQuery q(QSqlDatabase::database(m_name, false));
    q.setForwardOnly(true);
    // Utility statements (TRUNCATE, CHECKPOINT, CREATE EXTENSION) cannot be prepared: no binds, no prepare.
    bool ok = false;
    if (binds.isEmpty()) {
        ok = q.exec(sql);
    } else {
        q.prepare(sql);
        for (const QVariant &b : binds)
            q.addBindValue(b);
        ok = q.exec();
    }
    if (!ok)
        return ApiError::internal(QStringLiteral("%1: %2").arg(sql.left(80), q.lastError().text()));
    QList<QVariantList> out;
    while (q.next()) {
        QVariantList row;
        for (int c = 0; c < q.record().count(); ++c)
            row.append(q.value(c));
        out.append(row);
    }
    return out;
}

QVariant PgReader::scalar(const QString &sql, const QVariantList &binds)
{
    auto r = rows(sql, binds);
    if (!r) {
        qWarning().noquote() << r.error().message;
        return {};
    }
    return r->isEmpty() ? QVariant() : r->first().value(0);
}

namespace {
// Fields 14-17 of /proc/<pid>/stat (after the command name): utime stime cutime cstime, in clock ticks.
QList<qint64> statTimes(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QByteArray s = f.readAll();
    const QList<QByteArray> fields = s.mid(s.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 15)
        return {};
    return {fields.at(11).toLongLong(), fields.at(12).toLongLong(), fields.at(13).toLongLong(),
            fields.at(14).toLongLong()};
}

QString firstMatch(const QString &path, const QString &pattern)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const auto m = QRegularExpression(pattern, QRegularExpression::MultilineOption).match(QString::fromUtf8(f.readAll()));
    return m.hasMatch() ? m.captured(1).trimmed() : QString();
}

QString run(const QString &program, const QStringList &args)
{
    QString out;
    localproc::runTool(program, args, 10000, &out);
    return out.trimmed();
}
} // namespace

double cpuSeconds(qint64 pid, bool tree)
{
    if (pid <= 0)
        return 0;
    const double tick = double(::sysconf(_SC_CLK_TCK));
    const QList<qint64> own = statTimes(pid);
    if (own.isEmpty())
        return 0;
    qint64 ticks = own.at(0) + own.at(1);
    if (tree) {
        ticks += own.at(2) + own.at(3);
        for (qint64 child : localproc::childPids(pid)) {
            const QList<qint64> t = statTimes(child);
            if (!t.isEmpty())
                ticks += t.at(0) + t.at(1);
        }
    }
    return double(ticks) / tick;
}

QJsonObject machineInfo(const QString &sourceDir)
{
    QJsonObject m;
    m[QStringLiteral("date")] = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    m[QStringLiteral("nproc")] = QThread::idealThreadCount();
    m[QStringLiteral("cpu_model")] = firstMatch(QStringLiteral("/proc/cpuinfo"), QStringLiteral("^model name\\s*:(.*)$"));
    m[QStringLiteral("mem_total")] = firstMatch(QStringLiteral("/proc/meminfo"), QStringLiteral("^MemTotal:(.*)$"));
    m[QStringLiteral("os")] = QSysInfo::prettyProductName();
    m[QStringLiteral("debian_version")] = firstMatch(QStringLiteral("/etc/debian_version"), QStringLiteral("^(.*)$"));
    m[QStringLiteral("kernel")] = QSysInfo::kernelVersion();
    m[QStringLiteral("loadavg")] = firstMatch(QStringLiteral("/proc/loadavg"), QStringLiteral("^(\\S+ \\S+ \\S+)"));
    m[QStringLiteral("qt")] = QString::fromLatin1(qVersion());
    if (!sourceDir.isEmpty()) {
        // --no-optional-locks: reading the status must not refresh (write) the shared index.
        m[QStringLiteral("git_head")] = run(QStringLiteral("git"), {QStringLiteral("-C"), sourceDir, QStringLiteral("rev-parse"), QStringLiteral("--short"), QStringLiteral("HEAD")});
        const QString status = run(QStringLiteral("git"), {QStringLiteral("--no-optional-locks"), QStringLiteral("-C"), sourceDir, QStringLiteral("status"), QStringLiteral("--porcelain"), QStringLiteral("--untracked-files=no")});
        m[QStringLiteral("git_modified_files")] = int(status.isEmpty() ? 0 : status.count(u'\n') + 1);
    }
    return m;
}

QJsonObject serverInfo(PgReader &pg, const QString &redisUrl)
{
    QJsonObject s;
    auto settings = pg.rows(QStringLiteral(
        "SELECT name, current_setting(name) FROM pg_settings WHERE name IN ('server_version', 'fsync', "
        "'synchronous_commit', 'full_page_writes', 'wal_sync_method', 'shared_buffers', 'max_connections', "
        "'shared_preload_libraries') ORDER BY name"));
    if (settings)
        for (const QVariantList &row : *settings)
            s[QStringLiteral("pg_") + row.value(0).toString()] = row.value(1).toString();
    auto endpoint = RedisEndpoint::fromUrl(redisUrl);
    if (!endpoint)
        return s;
    RedisConnection redis(*endpoint, 2000);
    if (auto info = redis.command({"INFO", "server"})) {
        const auto m = QRegularExpression(QStringLiteral("redis_version:(\\S+)")).match(QString::fromUtf8(info->string));
        s[QStringLiteral("redis_version")] = m.captured(1);
    }
    for (const char *key : {"appendonly", "appendfsync", "save"})
        if (auto v = redis.command({"CONFIG", "GET", key}); v && v->elements.size() == 2)
            s[QStringLiteral("redis_") + QString::fromLatin1(key)] = QString::fromUtf8(v->elements.at(1).string);
    return s;
}

} // namespace taskmill::bench
