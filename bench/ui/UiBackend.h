// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/Result.h"

#include <QString>
#include <QStringList>
#include <QUrl>

#include <memory>

class QProcess;

namespace taskmill {
class PostgresProcess;
class RedisProcess;
}

namespace taskmill::uibench {

// The backend the UI benchmark measures against, all private and on this machine: PostgreSQL and Redis
// as child processes on unix sockets in `dir` (the durable settings `taskmilld --local` ships), the schema
// applied by `taskmilld migrate`, `tasks` filled to N rows by fill.sql through psql, and one
// `taskmilld --role api,notifier` on 127.0.0.1 (no executor, no scheduler: the only writer while the UI is
// measured is the update driver). A dir that already holds a filled cluster is reused as it is.
class UiBackend final
{
public:
    UiBackend(QString taskmilld, QString sqlDir);
    ~UiBackend(); // stops everything it started, by PID
    Q_DISABLE_COPY_MOVE(UiBackend)

    Result<Unit> start(const QString &dir, qint64 tasks);
    void stop();

    QUrl apiUrl() const { return m_apiUrl; }
    qint64 apiPid() const;
    qint64 taskCount() const { return m_taskCount; }
    double fillSeconds() const { return m_fillS; } // 0 when the data was reused

    // Runs a SQL statement through psql and returns its unaligned output (for figures after a phase).
    QString query(const QString &sql) const;
    // Starts drive.sql: `rate` task events/s (created, dispatched, started, completed in equal parts) for
    // `seconds`, committed every 20 ms, through the same outbox path the backend writes. Returns the psql
    // process (owned by the caller) or null.
    // `mode` "outbox" writes only the history rows (see drive.sql).
    QProcess *startDriver(double rate, double seconds, const QString &mode) const;

private:
    Result<Unit> runPsql(const QStringList &args, QString *output, int timeoutMs) const;
    QStringList connectionArgs() const;

    QString m_taskmilld;
    QString m_sqlDir;
    QString m_dir;
    std::unique_ptr<PostgresProcess> m_postgres;
    std::unique_ptr<RedisProcess> m_redis;
    std::unique_ptr<QProcess> m_api;
    QUrl m_apiUrl;
    qint64 m_taskCount = 0;
    double m_fillS = 0;
};

} // namespace taskmill::uibench
