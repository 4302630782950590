// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/Result.h"
#include "local/PostgresProcess.h"
#include "local/RedisProcess.h"

#include <QObject>
#include <QString>

#include <memory>

class QLockFile;

namespace taskmill {

// The embedded servers of `taskmilld --local`: a durable PostgreSQL cluster and a Redis with an AOF
// (fsync every second), both private to one data dir and reachable only through unix sockets in a short,
// owner-only socket dir. One process at a time may use a data dir (a lock file enforces it).
//
// Layout: <dataDir>/taskmilld.lock, <dataDir>/postgres (cluster), <dataDir>/postgres.log, <dataDir>/redis/.
// Sockets: $XDG_RUNTIME_DIR/taskmill-<8 hex> when that is set and short enough, else /tmp/taskmill-<uid>-<8 hex>,
// where the hex is derived from the data dir's path. As root, PostgreSQL runs as `postgres`; when that account
// cannot reach <dataDir> (e.g. under /root) the cluster lives in /var/lib/taskmill/<8 hex>/postgres instead.
// The servers run in their own sessions (a Ctrl+C reaches only us; stop() orders the shutdown). If an earlier
// owner was SIGKILLed and left them running, start() stops those leftovers before starting fresh ones.
class LocalServices final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LocalServices)

public:
    explicit LocalServices(QObject *parent = nullptr);
    ~LocalServices() override; // stops both servers and releases the lock

    // $XDG_DATA_HOME/taskmill (QStandardPaths::GenericDataLocation + "/taskmill").
    static QString defaultDataDir();

    // Blocks for the initdb on first use (a few seconds, durable) and for both servers to accept connections.
    Result<Unit> start(const QString &dataDir);
    // Redis persistence of the embedded server (before start): appendonly yes|no, appendfsync
    // always|everysec|no. Default AOF with everysec: at most about a second of stream entries is lost on
    // a crash, and the reconciler rebuilds those from PostgreSQL.
    void setRedisPersistence(const QString &appendOnly, const QString &appendFsync)
    {
        m_redisAppendOnly = appendOnly;
        m_redisAppendFsync = appendFsync;
    }
    // Redis first (it is the index), then PostgreSQL (the truth), then the lock.
    void stop();

    bool isRunning() const;
    QString postgresUrl() const; // empty until started
    QString redisUrl() const;    // empty until started
    QString dataDir() const { return m_dataDir; }
    QString socketDir() const { return m_socketDir; }
    QString clusterDir() const { return m_clusterDir; }
    PostgresProcess *postgres() const { return m_postgres.get(); } // null until started
    RedisProcess *redis() const { return m_redis.get(); }          // null until started

Q_SIGNALS:
    // One of the servers exited on its own; `logTail` is the end of its log.
    void serviceStoppedUnexpectedly(const QString &service, const QString &logTail);

private:
    Result<Unit> lock();
    Result<QString> chooseSocketDir(const QString &tag) const;
    Result<QString> chooseClusterDir(const QString &tag) const;

    QString m_dataDir;
    QString m_socketDir;
    QString m_clusterDir;
    std::unique_ptr<QLockFile> m_lock;
    std::unique_ptr<PostgresProcess> m_postgres;
    std::unique_ptr<RedisProcess> m_redis;
    QString m_redisAppendOnly = QStringLiteral("yes");
    QString m_redisAppendFsync = QStringLiteral("everysec");
};

} // namespace taskmill
