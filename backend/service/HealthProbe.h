// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace taskmill {

class Database;
class RedisConnection;

// What the health probe found.
struct HealthReport
{
    bool postgres = false; // answered a query
    bool redis = false;    // answered PING with PONG (not while it still loads its data set)
    // Readiness only: the version recorded in schema_migrations, nullopt when it was not read (PostgreSQL
    // down) or the read failed (`schemaError` says why): a version that cannot be read is never taken for 0.
    std::optional<int> schemaVersion;
    int latestSchemaVersion = 0; // the highest migration this binary knows
    QString schemaError;

    bool healthy() const { return postgres && redis; }
    // What keeps the process from being ready, in this order: "postgres", "redis", "schema_version" (it
    // could not be read), "migrations" (behind latestSchemaVersion). Empty: ready.
    QStringList missing() const;
};

// The one probe behind GET /health and GET /ready, for the api role's server and the metrics.listen
// server alike. Runs on the calling thread with that thread's PostgreSQL connection (from `db`) and
// Redis connection (`redis`); a PostgreSQL connection that failed is dropped so the next probe reconnects.
class HealthProbe final
{
public:
    HealthProbe(const Database &db, RedisConnection &redis) : m_db(db), m_redis(redis) {}

    // Liveness: PostgreSQL and Redis answer.
    HealthReport health();
    // health() plus the schema version against Migrator::latestVersion(). A failed version read is
    // counted (taskmill_handled_failures_total{operation="schema_version"}) and reported with its reason.
    HealthReport readiness();

private:
    HealthReport probe(bool readSchema);

    const Database &m_db;
    RedisConnection &m_redis;
};

} // namespace taskmill
