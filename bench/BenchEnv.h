// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/Result.h"

#include <QJsonObject>
#include <QSqlDatabase>
#include <QStringList>
#include <QUrl>
#include <QVariantList>

#include <memory>

class QProcess;

namespace taskmill {
class PostgresProcess;
class RedisProcess;
}

namespace taskmill::bench {

// One taskmilld child process. Readiness is its stdout contract ("taskmilld: listening on URL" for a process
// with the api role, "taskmilld: ready" otherwise); its log (stdout + stderr) goes to `logFile`.
class Taskmilld final
{
public:
    Taskmilld();
    ~Taskmilld(); // stops it
    Q_DISABLE_COPY_MOVE(Taskmilld)

    Result<Unit> start(const QString &binary, const QStringList &args, const QString &logFile, int timeoutMs = 60000);
    // SIGTERM to its PID (graceful: the executor records what is running), SIGKILL after `timeoutMs`.
    void stop(int timeoutMs = 30000);
    // SIGKILL to its PID (a crash: nothing is recorded or handed back), then reaps it.
    void kill();
    qint64 pid() const;
    QUrl url() const { return m_url; }

private:
    std::unique_ptr<QProcess> m_process;
    QUrl m_url;
};

// A private PostgreSQL + Redis pair with the durability `taskmilld --local` ships with: PostgreSQL fsync,
// synchronous_commit and full_page_writes on; Redis AOF with appendfsync everysec. Sockets only, in `dir`.
class PrivateServers final
{
public:
    PrivateServers();
    ~PrivateServers();
    Q_DISABLE_COPY_MOVE(PrivateServers)

    // `pgSettings` are extra "key=value" server settings (experiments, pg_stat_statements).
    Result<Unit> start(const QString &dir, const QStringList &pgSettings);
    void stop();
    QString postgresUrl() const;
    QString redisUrl() const;
    qint64 postgresPid() const; // the postmaster
    qint64 redisPid() const;

private:
    std::unique_ptr<PostgresProcess> m_postgres;
    std::unique_ptr<RedisProcess> m_redis;
};

// Reads (and, for resets between tests, writes) the tasks table through Qt Sql's QPSQL driver.
class PgReader final
{
public:
    PgReader() = default;
    ~PgReader();
    Q_DISABLE_COPY_MOVE(PgReader)

    Result<Unit> open(const QString &url);
    Result<QList<QVariantList>> rows(const QString &sql, const QVariantList &binds = {});
    QVariant scalar(const QString &sql, const QVariantList &binds = {});

private:
    QString m_name;
};

// CPU seconds (user + system) used so far by `pid`, plus its live children and reaped children when
// `tree` is set (a postmaster and its backends). 0 when the process is gone.
double cpuSeconds(qint64 pid, bool tree);

// Machine facts recorded with every run: CPU model, nproc, RAM, OS, kernel, load, date, git revision.
QJsonObject machineInfo(const QString &sourceDir);

// Server versions and the durability settings in effect.
QJsonObject serverInfo(PgReader &pg, const QString &redisUrl);

} // namespace taskmill::bench
