// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "api/ObservabilityHandler.h"

#include "api/ApiDocsPage.h"
#include "api/HttpReply.h"
#include "wire/WireTypes.h"
#include "observability/Logging.h"
#include "observability/Metrics.h"
#include "queue/TaskStream.h"
#include "store/Migrator.h"

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
    if (standalone) {
        server.route(u"/health"_s, Method::Get, [later](const QHttpServerRequest &, QHttpServerResponder &&resp) {
            later(std::move(resp), &ObservabilityHandler::health);
        });
        return;
    }
    server.route(u"/api/v1/openapi.json"_s, Method::Get, [this](const QHttpServerRequest &, QHttpServerResponder &&resp) {
        respond(std::move(resp), HttpReply{200, m_openApi, "application/json", {}});
    });
    server.route(u"/docs"_s, Method::Get, [this](const QHttpServerRequest &, QHttpServerResponder &&resp) {
        respond(std::move(resp), HttpReply{200, m_docsPage, "text/html; charset=utf-8", {}});
    });
    server.route(u"/api/v1/routes"_s, Method::Get, [&server](const QHttpServerRequest &, QHttpServerResponder &&resp) {
        QJsonArray routes;
        for (const RouteInfo &r : server.routes())
            routes.append(QJsonObject{{u"method"_s, r.method}, {u"path"_s, r.pattern}});
        respond(std::move(resp), HttpReply::json(QJsonObject{{u"routes"_s, routes}}));
    });
}

RedisConnection &ObservabilityHandler::redis() const
{
    thread_local std::map<const ObservabilityHandler *, std::unique_ptr<RedisConnection>> connections;
    auto &conn = connections[this];
    if (!conn)
        conn = std::make_unique<RedisConnection>(m_redisEndpoint, 1000);
    return *conn;
}

HttpReply ObservabilityHandler::metrics() const
{
    // Queue gauges are read now rather than tracked: every process sees the same streams, and a value
    // that Prometheus samples directly cannot drift from Redis.
    QList<Metrics::Gauge> depths, pendings;
    RedisConnection &r = redis();
    TaskStream stream(r, m_config.streamPrefix.toUtf8());
    QList<QList<QByteArray>> cmds;
    for (Priority p : allPriorities()) {
        cmds.append({"XLEN", stream.streamName(p)});
        cmds.append({"XPENDING", stream.streamName(p), stream.groupName()});
    }
    auto replies = r.pipeline(cmds);
    const bool up = bool(replies);
    const QList<Priority> priorities = allPriorities();
    for (qsizetype i = 0; up && i < priorities.size(); ++i) {
        const RedisValue &len = replies->at(2 * i);
        const RedisValue &pel = replies->at(2 * i + 1);
        // Acknowledged entries are deleted, so XLEN = waiting + delivered-unacknowledged. A missing group
        // (no executor started yet) answers an error: nothing is pending then.
        const qint64 pending = pel.type == RedisValue::Type::Array ? pel.elements.value(0).integer : 0;
        const QString priority = toString(priorities.at(i)).toLower();
        depths.append({"taskmill_queue_depth", "Entries waiting in a priority stream, not yet delivered to an executor.",
                       {{"priority", priority}}, double(std::max<qint64>(0, len.integer - pending))});
        pendings.append({"taskmill_queue_pending_entries", "Entries delivered to an executor and not yet acknowledged.",
                         {{"priority", priority}}, double(pending)});
    }
    QList<Metrics::Gauge> gauges = depths + pendings;
    gauges.append({"taskmill_redis_up", "Whether this scrape could read the queues from Redis.", {}, up ? 1.0 : 0.0});
    return HttpReply{200, Metrics::render(gauges), Metrics::contentType, {}};
}

HttpReply ObservabilityHandler::readiness() const
{
    bool postgres = false;
    int current = 0;
    const int latest = Migrator::latestVersion();
    if (auto db = m_db.connection()) {
        QSqlQuery q(*db);
        postgres = q.exec(u"SELECT 1"_s);
        if (postgres) {
            auto v = Migrator(*db).currentVersion();
            current = v ? *v : 0;
        } else {
            m_db.closeThreadConnection();
        }
    }
    auto pong = redis().command({"PING"});
    const bool redisUp = pong && pong->string == "PONG";
    QJsonArray missing;
    if (!postgres)
        missing.append(u"postgres"_s);
    if (!redisUp)
        missing.append(u"redis"_s);
    if (postgres && current < latest)
        missing.append(u"migrations"_s);
    const bool ready = missing.isEmpty();
    return HttpReply::json(QJsonObject{{u"status"_s, ready ? u"ready"_s : u"not_ready"_s},
                                       {u"postgres"_s, postgres},
                                       {u"redis"_s, redisUp},
                                       {u"migrations"_s, QJsonObject{{u"current"_s, current}, {u"latest"_s, latest}}},
                                       {u"missing"_s, missing},
                                       {u"version"_s, QStringLiteral(TASKMILL_VERSION)}},
                           ready ? 200 : 503);
}

HttpReply ObservabilityHandler::health() const
{
    HealthInfo h;
    h.version = QStringLiteral(TASKMILL_VERSION);
    if (auto db = m_db.connection()) {
        QSqlQuery q(*db);
        h.postgres = q.exec(u"SELECT 1"_s);
        if (!h.postgres)
            m_db.closeThreadConnection();
    }
    auto pong = redis().command({"PING"});
    h.redis = pong && pong->string == "PONG";
    h.status = h.postgres && h.redis ? u"ok"_s : u"degraded"_s;
    return HttpReply::json(h.toJson(), h.postgres && h.redis ? 200 : 503);
}

} // namespace taskmill
