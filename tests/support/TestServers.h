// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/Result.h"
#include "local/PostgresProcess.h"
#include "local/RedisProcess.h"

#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

namespace taskmill::test {

struct TestServersOptions
{
    bool redisTcp = false;        // also listen on a free 127.0.0.1 port (redisTcpUrl())
    bool redisAppendOnly = false; // AOF with appendfsync always, for tests that restart Redis and expect data
    QStringList postgresSettings; // extra "key=value" server settings
};

// A private PostgreSQL (fsync off: fast, not durable) and Redis for one test binary, in a fresh short temp
// dir /tmp/tm-XXXXXX, reachable only through unix sockets there. Parallel CTest is safe: every instance has
// its own dir, so the same PostgreSQL port number never collides.
//
// Lifetime: create it in initTestCase() and destroy it in cleanupTestCase() (e.g. a std::unique_ptr member you
// reset there); the destructor stops both servers by PID and removes the dir, also when a test failed. If the
// test process crashes instead, CrashGuard SIGKILLs the servers. Set TASKMILL_KEEP_TEST_DIRS=1 to keep the dir
// (server logs: postgres.log, redis/redis.log).
class TestServers
{
    Q_DISABLE_COPY_MOVE(TestServers)

public:
    explicit TestServers(TestServersOptions options = {});
    ~TestServers();

    Result<Unit> start(); // ~1 s: initdb, both servers up, database `taskmill` created
    void stop();

    QString postgresUrl() const { return m_postgres->connectionUrl(); }
    QString redisUrl() const { return m_redis->url(); }
    QString redisTcpUrl() const { return m_redis->tcpUrl(); } // empty unless options.redisTcp
    PostgresProcess &postgres() { return *m_postgres; }
    RedisProcess &redis() { return *m_redis; }
    QString dir() const { return m_dir.path(); }

    // Runs `psql -X -At -v ON_ERROR_STOP=1 -c sql` as user taskmill on database taskmill. `out` receives stdout
    // without the final newline (rows separated by '\n', columns by '|'). Returns false (and logs stderr) on error.
    bool psql(const QString &sql, QString *out = nullptr) const;
    // Runs `redis-cli -s <socket> args...` and returns its stdout without the final newline.
    QString redisCli(const QStringList &args) const;

private:
    void makeRedis();

    TestServersOptions m_options;
    QTemporaryDir m_dir; // declared first: removed only after the servers below are stopped
    std::unique_ptr<PostgresProcess> m_postgres;
    std::unique_ptr<RedisProcess> m_redis;
    qint64 m_watchedPostgres = 0;
    qint64 m_watchedRedis = 0;
};

} // namespace taskmill::test
