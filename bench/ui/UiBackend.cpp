// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "UiBackend.h"

#include "local/PostgresProcess.h"
#include "local/RedisProcess.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace taskmill::uibench {

UiBackend::UiBackend(QString taskmilld, QString sqlDir) : m_taskmilld(std::move(taskmilld)), m_sqlDir(std::move(sqlDir)) {}

UiBackend::~UiBackend()
{
    stop();
}

QStringList UiBackend::connectionArgs() const
{
    const PostgresOptions &o = m_postgres->options();
    return {u"-X"_s, u"-q"_s, u"-h"_s, o.socketDir, u"-p"_s, QString::number(o.port), u"-U"_s, o.user, u"-d"_s, o.database};
}

Result<Unit> UiBackend::runPsql(const QStringList &args, QString *output, int timeoutMs) const
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(PostgresProcess::toolPath(u"psql"_s), connectionArgs() + args);
    if (!p.waitForStarted(10000) || !p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished(5000);
        return ApiError::unavailable(u"psql did not finish: %1"_s.arg(args.join(u' ')));
    }
    const QString out = QString::fromUtf8(p.readAll());
    if (output)
        *output = out;
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return ApiError::internal(u"psql %1 failed:\n%2"_s.arg(args.join(u' '), out.right(2000)));
    return Unit{};
}

QString UiBackend::query(const QString &sql) const
{
    QString out;
    if (auto r = runPsql({u"-At"_s, u"-c"_s, sql}, &out, 120000); !r)
        std::fprintf(stderr, "taskmill-ui-bench: %s\n", qPrintable(r.error().message));
    return out.trimmed();
}

Result<Unit> UiBackend::start(const QString &dir, qint64 tasks)
{
    m_dir = dir;
    // As root PostgreSQL runs as `postgres`, which must be able to enter the dir.
    QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                                   | QFileDevice::ReadGroup | QFileDevice::ExeGroup | QFileDevice::ReadOther
                                   | QFileDevice::ExeOther);
    PostgresOptions pg;
    pg.dataDir = dir + u"/pg"_s;
    pg.socketDir = dir + u"/s"_s;
    pg.logFile = dir + u"/postgres.log"_s;
    pg.durable = true;
    m_postgres = std::make_unique<PostgresProcess>(pg);
    if (auto s = m_postgres->start(); !s)
        return s.error();
    RedisOptions redis;
    redis.dir = dir + u"/redis"_s;
    redis.socketPath = dir + u"/redis.sock"_s;
    redis.appendOnly = u"yes"_s;
    redis.appendFsync = u"everysec"_s;
    m_redis = std::make_unique<RedisProcess>(redis);
    if (auto s = m_redis->start(); !s)
        return s.error();
    const QStringList servers{u"--postgres"_s, m_postgres->connectionUrl(), u"--redis"_s, m_redis->url()};

    // Migrations first (also the ones added after this harness was written), then the data.
    {
        QProcess migrate;
        migrate.setProcessChannelMode(QProcess::MergedChannels);
        migrate.start(m_taskmilld, QStringList{u"migrate"_s} + servers);
        if (!migrate.waitForFinished(600000) || migrate.exitCode() != 0)
            return ApiError::internal(u"taskmilld migrate failed:\n%1"_s.arg(QString::fromUtf8(migrate.readAll()).right(2000)));
    }
    m_taskCount = query(u"SELECT count(*) FROM tasks"_s).toLongLong();
    if (m_taskCount < tasks) {
        if (m_taskCount > 0)
            return ApiError::conflict(u"%1 holds %2 tasks, fewer than %3: use a new --dir"_s.arg(dir).arg(m_taskCount).arg(tasks));
        std::fprintf(stderr, "taskmill-ui-bench: filling %lld tasks (fill.sql)...\n", tasks);
        QElapsedTimer t;
        t.start();
        QString out;
        if (auto r = runPsql({u"-v"_s, u"n=%1"_s.arg(tasks), u"-f"_s, m_sqlDir + u"/fill.sql"_s}, &out, 3600000); !r)
            return r.error();
        m_fillS = double(t.elapsed()) / 1000.0;
        std::fprintf(stderr, "taskmill-ui-bench: filled in %.1f s\n%s", m_fillS, qPrintable(out));
        m_taskCount = query(u"SELECT count(*) FROM tasks"_s).toLongLong();
    }

    m_api = std::make_unique<QProcess>();
    const QString log = dir + u"/api.log"_s;
    m_api->setStandardInputFile(QProcess::nullDevice());
    m_api->setStandardOutputFile(log, QIODevice::Append);
    m_api->setStandardErrorFile(log, QIODevice::Append);
    const qint64 offset = QFileInfo(log).size();
    m_api->start(m_taskmilld, QStringList{u"--role"_s, u"api,notifier"_s, u"-a"_s, u"127.0.0.1:0"_s} + servers);
    static const QRegularExpression listening(u"^taskmilld: listening on (http://\\S+)"_s, QRegularExpression::MultilineOption);
    QElapsedTimer wait;
    wait.start();
    while (wait.elapsed() < 60000 && !m_api->waitForFinished(20)) {
        QFile f(log);
        if (!f.open(QIODevice::ReadOnly) || !f.seek(offset))
            continue;
        if (const auto m = listening.match(QString::fromUtf8(f.readAll())); m.hasMatch()) {
            m_apiUrl = QUrl(m.captured(1));
            return Unit{};
        }
    }
    return ApiError::unavailable(u"taskmilld api,notifier did not start; see %1"_s.arg(log));
}

qint64 UiBackend::apiPid() const
{
    return m_api && m_api->state() != QProcess::NotRunning ? m_api->processId() : 0;
}

QProcess *UiBackend::startDriver(double rate, double seconds, const QString &mode) const
{
    auto *p = new QProcess;
    p->setProcessChannelMode(QProcess::MergedChannels);
    p->setStandardOutputFile(m_dir + u"/driver.log"_s, QIODevice::Append);
    p->start(PostgresProcess::toolPath(u"psql"_s),
             connectionArgs() + QStringList{u"-v"_s, u"rate=%1"_s.arg(rate), u"-v"_s, u"seconds=%1"_s.arg(seconds), u"-v"_s, u"mode="_s + mode,
                                            u"-f"_s, m_sqlDir + u"/drive.sql"_s});
    if (!p->waitForStarted(10000)) {
        delete p;
        return nullptr;
    }
    return p;
}

void UiBackend::stop()
{
    if (m_api && m_api->state() != QProcess::NotRunning) {
        m_api->terminate(); // SIGTERM to this child's PID only
        if (!m_api->waitForFinished(30000)) {
            m_api->kill();
            m_api->waitForFinished(5000);
        }
    }
    m_api.reset();
    if (m_redis)
        m_redis->stop();
    if (m_postgres)
        m_postgres->stop();
    m_redis.reset();
    m_postgres.reset();
}

} // namespace taskmill::uibench
