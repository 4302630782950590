// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include <optional>

#include "handlers/HandlerSettings.h"
#include "model/Durability.h"
#include "model/RetryPolicy.h"

#include <QHash>
#include <QSet>
#include <QString>

namespace taskmill {

enum class Role { Api, Executor, Notifier, Scheduler };

// Everything a taskmilld process needs, resolved from (in rising precedence) built-in defaults, the TOML
// file, TASKMILL_* environment variables and command-line flags. Passed by value into every role:
// no code reads configuration from anywhere else.
struct BackendConfig
{
    // [api]
    QString listenHost = QStringLiteral("127.0.0.1");
    quint16 listenPort = 8080;
    qint64 maxBodyBytes = 1024 * 1024;
    int writerBatchMax = 1000;       // creates grouped into one transaction
    // Browser defences (docs/security.md): Host names the api answers to besides IP literals and localhost
    // (api.allowed_hosts; DNS rebinding), and origins whose pages may call it (api.allowed_origins; CORS is
    // off unless one is listed). Entries are compared case-insensitively.
    QStringList allowedHosts;
    QStringList allowedOrigins;
    // TLS (docs/security.md, "Transport"): PEM certificate chain and key, reloaded on SIGHUP. A listener on a
    // non-loopback address refuses to start without them unless api.insecure (--insecure) is set.
    QString tlsCert;                 // api.tls_cert
    QString tlsKey;                  // api.tls_key
    bool insecure = false;           // api.insecure
    // Limits on what a client can make the api do (docs/security.md, "Limits").
    int statementTimeoutMs = 5'000;  // api.statement_timeout_ms: any api query past it is cancelled (504)
    int maxSearchChars = 256;        // api.max_search_chars: `q` (text search) longer than this → 422
    int maxParamChars = 1'000;       // api.max_param_chars: any other query-string value longer than this → 422
    // Task creation per token or account (×10 per address); 429 with Retry-After past it. The local principal
    // (the owner's loopback) is not limited. 0 turns it off.
    int maxJsonDepth = 64;           // api.max_json_depth: request bodies nested deeper → 400
    int maxHeaderBytes = 16 * 1024;  // api.max_header_bytes: a request's headers longer than this → connection closed
    int maxConnectionsPerAddress = 256; // api.max_connections_per_address: more from one address are closed at once
    int maxEventStreamsPerCaller = 16;  // api.max_event_streams_per_caller: WebSockets one account or token may hold
    int maxStreamMessagesPerS = 5;      // api.max_stream_messages_per_s: subscribe messages a WebSocket may send
    int headerTimeoutMs = 10'000;    // api.header_timeout_ms: a request's headers must arrive within this (slowloris)
    int idleTimeoutMs = 120'000;     // api.idle_timeout_ms: a connection with no request in flight is closed after this
    int createRatePerS = 1'000;      // api.create_rate_per_s
    int createBurst = 10'000;        // api.create_burst

    // roles and processes
    QSet<Role> roles{Role::Api, Role::Executor, Role::Notifier, Role::Scheduler};
    int shutdownGraceMs = 30'000;    // how long SIGTERM waits for running handlers

    // [executor]
    int workers = 4;
    QString consumerName;            // default: <hostname>-<pid>
    int fairnessEvery = 8;           // see docs/architecture.md, "Priorities"
    int starvationMs = 1000;         // executor.starvation_ms: how long a priority is passed over before fairness rounds serve it

    // [retry]: the policy for tasks that name none; per-type defaults override it.
    RetryPolicy defaultRetry;
    QHash<QString, RetryPolicy> typeRetry;   // retry.types.<type>.<strategy|base_ms|max_ms|jitter>
    int visibilityTimeoutMs = 30'000;        // executor.visibility_timeout_ms: idle pending entries older than this are reclaimed

    RetryPolicy retryPolicyFor(const QString &type) const { return typeRetry.value(type, defaultRetry); }

    // [durability]: when a task is acknowledged (docs/semantics.md). Per-type values override the default;
    // a request's own `durability` overrides both.
    Durability defaultDurability = Durability::Durable;
    QHash<QString, Durability> typeDurability; // durability.types.<type> = durable | fast | replicated
    int redisWaitReplicas = 0;               // redis.wait_replicas: replicated tasks WAIT for this many Redis replicas

    Durability durabilityFor(const QString &type, std::optional<Durability> requested) const
    {
        return requested.value_or(typeDurability.value(type, defaultDurability));
    }

    // [handlers.aliases]: task type → built-in handler it runs (handlers.aliases.<type> = noop | sleep | fail),
    // so real-looking types (email.send, report.render) can be exercised before their handlers exist.
    QHash<QString, QString> handlerAliases;
    // [handlers]: files directory, network policy, SMTP and limits of the built-in handlers.
    HandlerSettings handlers;

    // [events]
    int eventsRetain = 100'000;      // events.retain: events kept in Redis for catch-up
    int notifierIntervalMs = 20;     // notifier.interval_ms: outbox poll when idle

    // [scheduler]
    int schedulerIntervalMs = 25;   // how often due delayed tasks are looked for (seed 003's N)
    int reconcileIntervalMs = 1000;
    int reconcileAgeMs = 3000;       // a NEW task older than this with no dispatch is re-dispatched

    // [retention] (docs/operations.md "Retention"): finished tasks leave PostgreSQL, with their history and
    // search document, this long after they finished (completed_at); 0 keeps them forever. The scheduler
    // role removes them every retention.interval_ms, oldest first, retention.batch per statement, for at
    // most 200 ms at a time.
    qint64 retentionCompletedS = 7 * 86400;  // retention.completed
    qint64 retentionFailedS = 30 * 86400;    // retention.failed: dead letters stay reviewable longer
    qint64 retentionCancelledS = 7 * 86400;  // retention.cancelled
    qint64 retentionIdempotencyKeysS = 86400; // retention.idempotency_keys: how long a create's key replays
    int retentionIntervalMs = 60'000;        // retention.interval_ms
    int retentionBatch = 1000;               // retention.batch

    // [postgres] [redis]
    QString postgresUrl;
    QString redisUrl;
    QString streamPrefix = QStringLiteral("taskmill");

    // [auth] (docs/security.md). Unset booleans follow the mode: on with --local, off otherwise.
    std::optional<bool> localAnonymous;  // auth.local_anonymous: requests without credentials from loopback act as "local" (admin)
    QString registration;                // auth.registration: closed | open | invite (default: open with --local, else closed)
    int accessTtlS = 900;                // auth.access_ttl_s: lifetime of an access token from a login
    int refreshTtlS = 30 * 24 * 3600;    // auth.refresh_ttl_s: lifetime of a refresh token
    int loginMaxFailures = 5;            // auth.login_max_failures: per account within the window, then 429
    int loginWindowS = 900;              // auth.login_window_s
    bool localAnonymousEffective() const { return localAnonymous.value_or(local); }
    bool registrationOpen() const { return registration.isEmpty() ? local : registration == QLatin1String("open"); }
    // Registration only with an admin's invite code (POST /api/v1/invites); never the default.
    bool registrationByInvite() const { return registration == QLatin1String("invite"); }

    // [local]
    bool local = false;
    QString dataDir;
    bool localRedisAppendOnly = true;                        // local.redis_appendonly
    QString localRedisAppendFsync = QStringLiteral("everysec"); // local.redis_appendfsync: always | everysec | no

    // [log]
    bool logJson = false;

    // [tracing] (docs/tracing.md)
    QString tracingEndpoint;         // tracing.endpoint: OTLP/HTTP JSON URL, e.g. http://tempo:4318/v1/traces; empty = no export
    bool tracingConsole = false;     // tracing.console: one log line per finished span (taskmill.backend.tracing)
    QString tracingServiceName = QStringLiteral("taskmill"); // tracing.service_name: the service.name resource attribute
    int tracingBatchSize = 512;      // tracing.batch_size: spans per export request
    int tracingFlushMs = 1000;       // tracing.flush_ms: longest a finished span waits before it is sent
    int tracingQueueMax = 8192;      // tracing.queue_max: spans waiting beyond this are dropped (and counted)
    QString tracingLinkTemplate;     // tracing.link_template: trace viewer URL with {trace_id} (and {span_id}) for clients

    // [grpc] (docs/api.md, "gRPC"): the gRPC API of the api role, HOST:PORT; empty: none. When the key was not
    // set and the default port is taken, the api starts without gRPC (logged); a port set on purpose must bind.
    QString grpcListen = QStringLiteral("127.0.0.1:50051");
    bool grpcListenSet = false;

    // [metrics] (docs/observability.md)
    QString metricsListen;           // metrics.listen: HOST:PORT for /metrics /health /ready in a process without the api role

    bool hasRole(Role r) const { return roles.contains(r); }
};

QString toString(Role r);

} // namespace taskmill
