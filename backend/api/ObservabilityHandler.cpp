// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "api/ObservabilityHandler.h"

#include "api/RoutePermissions.h"

#include "api/ApiDocsPage.h"
#include "api/HttpReply.h"
#include "observability/Logging.h"
#include "observability/Metrics.h"
#include "queue/QueueInspector.h"
#include "service/HealthProbe.h"
#include "store/PauseRepository.h"
#include "wire/WireTypes.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QtConcurrent/QtConcurrentRun>

#include <map>
#include <memory>

using namespace Qt::StringLiterals;

// The document is a resource of a static library: the linker drops its initializer unless referenced.
static void initApiResources()
{
    Q_INIT_RESOURCE(api);
}

namespace taskmill {

ObservabilityHandler::ObservabilityHandler(const BackendConfig &config, DbParams db, RedisEndpoint redis, QObject *parent)
    : QObject(parent), m_config(config), m_db(std::move(db), u"observability"_s), m_redisEndpoint(std::move(redis)),
      m_openApi(openApiDocument())
{
    const QJsonDocument doc = QJsonDocument::fromJson(m_openApi);
    m_docsPage = ApiDocsPage::render(doc.object());
    // One long-lived thread: its SQL connection and Redis connection are reused by every scrape.
    m_pool.setMaxThreadCount(1);
    m_pool.setExpiryTimeout(-1);
}

ObservabilityHandler::~ObservabilityHandler()
{
    // The pool thread's SQL connection can only be closed from that thread.
    QtConcurrent::run(&m_pool, [this] { m_db.closeThreadConnection(); }).waitForFinished();
    m_pool.waitForDone();
}

QByteArray ObservabilityHandler::openApiDocument()
{
    initApiResources();
    QFile f(u":/api/openapi.json"_s);
    if (!f.open(QIODevice::ReadOnly)) {
        qCCritical(lcApi) << "the OpenAPI document is missing from the resources";
        return "{}";
    }
    return f.readAll();
}

void ObservabilityHandler::registerRoutes(RouteRegistry &server, bool standalone)
{
    using Method = QHttpServerRequest::Method;
    auto later = [this](QHttpServerResponder &&resp, HttpReply (ObservabilityHandler::*work)() const) {
        respondLater(this, std::move(resp), QtConcurrent::run(&m_pool, [this, work] {
                         try {
                             return (this->*work)();
                         } catch (const std::exception &e) {
                             return HttpReply::error(ApiError::internal(QString::fromUtf8(e.what())));
                         }
                     }));
    };
    server.route(u"/metrics"_s, Method::Get, [later](const QHttpServerRequest &, QHttpServerResponder &&resp) {
        later(std::move(resp), &ObservabilityHandler::metrics);
    });
    server.route(u"/ready"_s, Method::Get, [later](const QHttpServerRequest &, QHttpServerResponder &&resp) {
        later(std::move(resp), &ObservabilityHandler::readiness);
    });
    server.route(u"/health"_s, Method::Get, [later](const QHttpServerRequest &, QHttpServerResponder &&resp) {
        later(std::move(resp), &ObservabilityHandler::health);
    });
    if (standalone)
        return;
    server.route(u"/api/v1/openapi.json"_s, Method::Get, [this](const QHttpServerRequest &, QHttpServerResponder &&resp) {
        respond(std::move(resp), HttpReply{200, m_openApi, "application/json", {}});
    });
    server.route(u"/docs"_s, Method::Get, [this](const QHttpServerRequest &, QHttpServerResponder &&resp) {
        respond(std::move(resp), HttpReply{200, m_docsPage, "text/html; charset=utf-8", {}});
    });
    server.route(u"/api/v1/routes"_s, Method::Get, [&server](const QHttpServerRequest &, QHttpServerResponder &&resp) {
        QJsonArray routes;
        for (const RouteInfo &r : server.routes()) {
            // The permission each route needs (api/RoutePermissions), so clients and tests can see the table.
            const std::optional<Permission> p = permissionOf(r.method, r.pattern);
            routes.append(QJsonObject{{u"method"_s, r.method}, {u"path"_s, r.pattern},
                                      {u"permission"_s, p ? QJsonValue(toString(*p)) : QJsonValue(QJsonValue::Null)}});
        }
        respond(std::move(resp), HttpReply::json(QJsonObject{{u"routes"_s, routes}}));
    });
}

RedisConnection &ObservabilityHandler::redis() const
{
    thread_local std::map<const ObservabilityHandler *, std::unique_ptr<RedisConnection>> connections;
    auto &conn = connections[this];
    if (!conn)
        conn = std::make_unique<RedisConnection>(m_redisEndpoint, RedisTimeoutMs, "taskmill-api-observability");
    return *conn;
}

HttpReply ObservabilityHandler::metrics() const
{
    // Queue gauges are read now rather than tracked: every process sees the same streams, and a value
    // that Prometheus samples directly cannot drift from Redis.
    QList<Metrics::Gauge> depths, pendings;
    const auto queues = QueueInspector(redis(), m_config.streamPrefix.toUtf8()).depths();
    for (Priority p : queues ? allPriorities() : QList<Priority>()) {
        const QueueDepth &q = queues->at(size_t(p));
        const QString priority = toString(p).toLower();
        depths.append({"taskmill_queue_depth", "Entries waiting in a priority stream, not yet delivered to an executor.",
                       {{"priority", priority}}, double(q.waiting)});
        pendings.append({"taskmill_queue_pending_entries", "Entries delivered to an executor and not yet acknowledged.",
                         {{"priority", priority}}, double(q.pending)});
    }
    QList<Metrics::Gauge> gauges = depths + pendings;
    gauges.append({"taskmill_redis_up", "Whether this scrape could read the queues from Redis.", {}, queues ? 1.0 : 0.0});
    // One sample per pause in force, read from PostgreSQL like the queues from Redis: the same in every process.
    // Without PostgreSQL there is no sample (and /ready says why), rather than a guess.
    auto db = m_db.connection();
    auto pauses = db ? PauseRepository(*db).list() : Result<PauseSet>(db.error());
    if (!pauses)
        qCWarning(lcApi).noquote() << "metrics: cannot read the pauses:" << pauses.error().message;
    for (const Pause &p : pauses ? pauses->items : QList<Pause>())
        gauges.append({"taskmill_paused", "1 for each paused priority and task type (docs/api.md, pausing).",
                       {{"scope", toString(p.scope)}, {"name", p.scope == PauseScope::Priority ? p.name.toLower() : p.name}}, 1.0});
    return HttpReply{200, Metrics::render(gauges), Metrics::contentType, {}};
}

HttpReply ObservabilityHandler::readiness() const
{
    const HealthReport r = HealthProbe(m_db, redis()).readiness();
    QJsonObject migrations{{u"current"_s, r.schemaVersion ? QJsonValue(*r.schemaVersion) : QJsonValue(QJsonValue::Null)},
                           {u"latest"_s, r.latestSchemaVersion}};
    if (!r.schemaError.isEmpty())
        migrations.insert(u"error"_s, r.schemaError);
    const QStringList missing = r.missing();
    return HttpReply::json(QJsonObject{{u"status"_s, missing.isEmpty() ? u"ready"_s : u"not_ready"_s},
                                       {u"postgres"_s, r.postgres},
                                       {u"redis"_s, r.redis},
                                       {u"migrations"_s, migrations},
                                       {u"missing"_s, QJsonArray::fromStringList(missing)},
                                       {u"version"_s, QStringLiteral(TASKMILL_VERSION)}},
                           missing.isEmpty() ? 200 : 503);
}

HttpReply ObservabilityHandler::health() const
{
    const HealthReport r = HealthProbe(m_db, redis()).health();
    HealthInfo h;
    h.version = QStringLiteral(TASKMILL_VERSION);
    h.postgres = r.postgres;
    h.redis = r.redis;
    h.status = r.healthy() ? u"ok"_s : u"degraded"_s;
    return HttpReply::json(h.toJson(), r.healthy() ? 200 : 503);
}

} // namespace taskmill
