// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "api/RouteRegistry.h"
#include "config/BackendConfig.h"
#include "queue/RedisConnection.h"
#include "store/Database.h"

#include <QByteArray>
#include <QObject>
#include <QThreadPool>

namespace taskmill {

struct HttpReply;

// Operations endpoints: Prometheus metrics, readiness, the OpenAPI document and the HTML API page.
// Served by the api role's server and, in a process without it, by the small metrics.listen server.
// Owns its own database name and one-thread pool so a scrape never waits behind API requests and never
// opens more than one PostgreSQL connection.
class ObservabilityHandler final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ObservabilityHandler)
public:
    ObservabilityHandler(const BackendConfig &config, DbParams db, RedisEndpoint redis, QObject *parent = nullptr);
    ~ObservabilityHandler() override;

    // GET /metrics — Prometheus text format 0.0.4 (docs/observability.md lists every metric).
    // GET /health — 200 {"status":"ok","postgres":"up","redis":"up",…} (HealthInfo) when PostgreSQL and
    //   Redis answer; otherwise 503 with "degraded" and what is down.
    // GET /ready — 200 {"status":"ready",…} when PostgreSQL and Redis answer and the schema is at this
    //   binary's latest migration; otherwise 503 {"status":"not_ready","missing":[…],…}. A schema version
    //   that cannot be read is "current": null with "migrations.error" and "schema_version" missing.
    // GET /api/v1/openapi.json — the OpenAPI 3.1 document (resources/api/openapi.json).
    // GET /docs — a self-contained HTML page generated from that document.
    // GET /api/v1/routes — {"routes":[{"method","path"}]}: what `server` has registered, for tooling
    //   that checks the document against the server. Call last, so every other route is already there.
    // `standalone` (the metrics.listen server of a process without the api role): only /metrics, /health
    // and /ready.
    void registerRoutes(RouteRegistry &server, bool standalone = false);

    // The embedded OpenAPI document, as served.
    static QByteArray openApiDocument();

    // A scrape or probe that waits longer than this on Redis reports it down instead of stalling the
    // scraper (Prometheus and load balancers time out after a few seconds).
    static constexpr int RedisTimeoutMs = 1000;

private:
    HttpReply metrics() const;
    HttpReply readiness() const;
    HttpReply health() const;
    RedisConnection &redis() const;

    BackendConfig m_config;
    Database m_db;
    RedisEndpoint m_redisEndpoint;
    QByteArray m_openApi;
    QByteArray m_docsPage;
    mutable QThreadPool m_pool;
};

} // namespace taskmill
