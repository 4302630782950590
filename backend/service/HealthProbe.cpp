// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "service/HealthProbe.h"

#include "observability/Metrics.h"
#include "queue/RedisConnection.h"
#include "store/Database.h"
#include "store/Migrator.h"
#include "store/ServerProbe.h"

using namespace Qt::StringLiterals;

namespace taskmill {

QStringList HealthReport::missing() const
{
    QStringList out;
    if (!postgres)
        out.append(u"postgres"_s);
    if (!redis)
        out.append(u"redis"_s);
    if (postgres && !schemaVersion)
        out.append(u"schema_version"_s);
    if (schemaVersion && *schemaVersion < latestSchemaVersion)
        out.append(u"migrations"_s);
    return out;
}

HealthReport HealthProbe::health()
{
    return probe(false);
}

HealthReport HealthProbe::readiness()
{
    return probe(true);
}

HealthReport HealthProbe::probe(bool readSchema)
{
    HealthReport r;
    if (readSchema)
        r.latestSchemaVersion = Migrator::latestVersion();
    {
        auto db = m_db.connection();
        if (db)
            r.postgres = bool(ServerProbe(*db).ping());
        if (r.postgres && readSchema) {
            auto version = Migrator(*db).currentVersion();
            if (version) {
                r.schemaVersion = *version;
            } else {
                Metrics::countFailure(Metrics::Failure::SchemaVersion);
                r.schemaError = version.error().message;
            }
        }
    }
    // Outside the scope above: a connection can only be removed once no handle to it is left.
    if (!r.postgres)
        m_db.closeThreadConnection();
    const auto pong = m_redis.ping();
    r.redis = pong && *pong;
    return r;
}

} // namespace taskmill
