// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once
// One row per configuration key for tests/backend/test_ConfigLoader.cpp: a non-default value as TOML, as
// environment / --set text, and how render() shows it afterwards. Kept apart so the test file holds the tests.
#include "config/ConfigLoader.h"

#include <QList>
#include <QSet>
#include <QString>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace taskmill;

namespace {
// Both servers named, so `local` is not forced on and every key can be observed.
const QStringList serversEnv = {u"TASKMILL_POSTGRES_URL=postgresql://base@db/base"_s,
                                u"TASKMILL_REDIS_URL=redis://base:6379/0"_s};

QString rolesText(const QSet<Role> &roles)
{
    QStringList names;
    for (Role r : roles)
        names << toString(r);
    names.sort();
    return names.join(u',');
}

QString policyText(const RetryPolicy &p)
{
    return u"%1/%2/%3/%4"_s.arg(toString(p.strategy)).arg(p.baseMs).arg(p.maxMs).arg(p.jitter);
}

// The value of one configuration key as text, so one table can check every key.
QString render(const BackendConfig &c, const QString &key)
{
    if (key == u"api.listen")
        return c.listenHost + u':' + QString::number(c.listenPort);
    if (key == u"api.max_body_bytes")
        return QString::number(c.maxBodyBytes);
    if (key == u"api.writer_batch_max")
        return QString::number(c.writerBatchMax);
    if (key == u"api.allowed_hosts")
        return c.allowedHosts.join(u',');
    if (key == u"api.allowed_origins")
        return c.allowedOrigins.join(u',');
    if (key == u"api.max_json_depth")
        return QString::number(c.maxJsonDepth);
    if (key == u"api.max_header_bytes")
        return QString::number(c.maxHeaderBytes);
    if (key == u"api.max_connections_per_address")
        return QString::number(c.maxConnectionsPerAddress);
    if (key == u"api.max_event_streams_per_caller")
        return QString::number(c.maxEventStreamsPerCaller);
    if (key == u"api.max_stream_messages_per_s")
        return QString::number(c.maxStreamMessagesPerS);
    if (key == u"api.header_timeout_ms")
        return QString::number(c.headerTimeoutMs);
    if (key == u"api.idle_timeout_ms")
        return QString::number(c.idleTimeoutMs);
    if (key == u"api.create_rate_per_s")
        return QString::number(c.createRatePerS);
    if (key == u"api.create_burst")
        return QString::number(c.createBurst);
    if (key == u"api.tls_cert")
        return c.tlsCert;
    if (key == u"api.tls_key")
        return c.tlsKey;
    if (key == u"api.insecure")
        return c.insecure ? u"true"_s : u"false"_s;
    if (key == u"auth.local_anonymous")
        return c.localAnonymous ? (*c.localAnonymous ? u"true"_s : u"false"_s) : u"unset"_s;
    if (key == u"auth.registration")
        return c.registration;
    if (key == u"auth.access_ttl_s")
        return QString::number(c.accessTtlS);
    if (key == u"auth.refresh_ttl_s")
        return QString::number(c.refreshTtlS);
    if (key == u"auth.login_max_failures")
        return QString::number(c.loginMaxFailures);
    if (key == u"auth.login_window_s")
        return QString::number(c.loginWindowS);
    if (key == u"api.statement_timeout_ms")
        return QString::number(c.statementTimeoutMs);
    if (key == u"api.max_search_chars")
        return QString::number(c.maxSearchChars);
    if (key == u"api.max_param_chars")
        return QString::number(c.maxParamChars);
    if (key == u"roles")
        return rolesText(c.roles);
    if (key == u"shutdown.grace_ms")
        return QString::number(c.shutdownGraceMs);
    if (key == u"executor.workers")
        return QString::number(c.workers);
    if (key == u"executor.consumer")
        return c.consumerName;
    if (key == u"executor.fairness_every")
        return QString::number(c.fairnessEvery);
    if (key == u"executor.starvation_ms")
        return QString::number(c.starvationMs);
    if (key == u"executor.visibility_timeout_ms")
        return QString::number(c.visibilityTimeoutMs);
    if (key == u"retry.strategy")
        return toString(c.defaultRetry.strategy);
    if (key == u"retry.base_ms")
        return QString::number(c.defaultRetry.baseMs);
    if (key == u"retry.max_ms")
        return QString::number(c.defaultRetry.maxMs);
    if (key == u"retry.jitter")
        return QString::number(c.defaultRetry.jitter);
    if (key == u"scheduler.interval_ms")
        return QString::number(c.schedulerIntervalMs);
    if (key == u"scheduler.reconcile_interval_ms")
        return QString::number(c.reconcileIntervalMs);
    if (key == u"scheduler.reconcile_age_ms")
        return QString::number(c.reconcileAgeMs);
    if (key == u"handlers.files_dir")
        return c.handlers.filesDir;
    if (key == u"handlers.allow_private_networks")
        return c.handlers.allowPrivateNetworks ? u"true"_s : u"false"_s;
    if (key == u"handlers.http.max_body_bytes")
        return QString::number(c.handlers.httpMaxBodyBytes);
    if (key == u"handlers.download_files.max_file_bytes")
        return QString::number(c.handlers.downloadMaxFileBytes);
    if (key == u"handlers.download_files.max_task_ms")
        return QString::number(c.handlers.downloadMaxTaskMs);
    if (key == u"handlers.download_files.parallel")
        return QString::number(c.handlers.downloadParallel);
    if (key == u"handlers.refresh_ms")
        return QString::number(c.handlers.refreshMs);
    if (key == u"handlers.send_email.url")
        return c.handlers.smtp.url;
    if (key == u"handlers.send_email.username")
        return c.handlers.smtp.username;
    if (key == u"handlers.send_email.password")
        return c.handlers.smtp.password;
    if (key == u"handlers.send_email.from")
        return c.handlers.smtp.from;
    if (key == u"handlers.send_email.require_tls")
        return c.handlers.smtp.requireTls ? u"true"_s : u"false"_s;
    if (key == u"handlers.send_email.ca_file")
        return c.handlers.smtp.caFile;
    if (key == u"handlers.send_email.timeout_ms")
        return QString::number(c.handlers.smtp.timeoutMs);
    if (key == u"retention.completed")
        return QString::number(c.retentionCompletedS);
    if (key == u"retention.failed")
        return QString::number(c.retentionFailedS);
    if (key == u"retention.cancelled")
        return QString::number(c.retentionCancelledS);
    if (key == u"retention.idempotency_keys")
        return QString::number(c.retentionIdempotencyKeysS);
    if (key == u"retention.interval_ms")
        return QString::number(c.retentionIntervalMs);
    if (key == u"retention.batch")
        return QString::number(c.retentionBatch);
    if (key == u"postgres.url")
        return c.postgresUrl;
    if (key == u"redis.url")
        return c.redisUrl;
    if (key == u"redis.stream_prefix")
        return c.streamPrefix;
    if (key == u"redis.wait_replicas")
        return QString::number(c.redisWaitReplicas);
    if (key == u"durability.default")
        return toString(c.defaultDurability);
    if (key == u"local.redis_appendonly")
        return c.localRedisAppendOnly ? u"true"_s : u"false"_s;
    if (key == u"local.redis_appendfsync")
        return c.localRedisAppendFsync;
    if (key == u"events.retain")
        return QString::number(c.eventsRetain);
    if (key == u"notifier.interval_ms")
        return QString::number(c.notifierIntervalMs);
    if (key == u"local.enabled")
        return c.local ? u"true"_s : u"false"_s;
    if (key == u"local.data_dir")
        return c.dataDir;
    if (key == u"log.format")
        return c.logJson ? u"json"_s : u"text"_s;
    // tracing
    if (key == u"tracing.endpoint")
        return c.tracingEndpoint;
    if (key == u"tracing.console")
        return c.tracingConsole ? u"true"_s : u"false"_s;
    if (key == u"tracing.service_name")
        return c.tracingServiceName;
    if (key == u"tracing.batch_size")
        return QString::number(c.tracingBatchSize);
    if (key == u"tracing.flush_ms")
        return QString::number(c.tracingFlushMs);
    if (key == u"tracing.queue_max")
        return QString::number(c.tracingQueueMax);
    if (key == u"tracing.link_template")
        return c.tracingLinkTemplate;
    if (key == u"metrics.listen")
        return c.metricsListen;
    if (key == u"grpc.listen")
        return c.grpcListen;
    return u"<no renderer for %1>"_s.arg(key);
}

struct KeyCase
{
    QString key;
    QString toml;     // TOML literal
    QString text;     // the same value as environment / --set text
    QString expected; // render() afterwards
};

// One non-default value per known key.
const QList<KeyCase> &keyCases()
{
    static const QList<KeyCase> cases = {
        {u"api.listen"_s, u"\"0.0.0.0:9001\""_s, u"0.0.0.0:9001"_s, u"0.0.0.0:9001"_s},
        {u"api.max_body_bytes"_s, u"2048"_s, u"2048"_s, u"2048"_s},
        {u"api.writer_batch_max"_s, u"77"_s, u"77"_s, u"77"_s},
        {u"api.allowed_hosts"_s, u"[\"Tasks.example.com\", \"ops.internal:8443\"]"_s, u"Tasks.example.com,ops.internal:8443"_s,
         u"tasks.example.com,ops.internal:8443"_s},
        {u"api.allowed_origins"_s, u"[\"https://admin.example.com\"]"_s, u"https://admin.example.com"_s, u"https://admin.example.com"_s},
        {u"api.statement_timeout_ms"_s, u"2500"_s, u"2500"_s, u"2500"_s},
        {u"auth.local_anonymous"_s, u"false"_s, u"false"_s, u"false"_s},
        {u"api.tls_cert"_s, u"\"/etc/taskmill/tls.pem\""_s, u"/etc/taskmill/tls.pem"_s, u"/etc/taskmill/tls.pem"_s},
        {u"api.tls_key"_s, u"\"/etc/taskmill/tls.key\""_s, u"/etc/taskmill/tls.key"_s, u"/etc/taskmill/tls.key"_s},
        {u"api.insecure"_s, u"true"_s, u"true"_s, u"true"_s},
        {u"api.create_rate_per_s"_s, u"50"_s, u"50"_s, u"50"_s},
        {u"api.max_connections_per_address"_s, u"32"_s, u"32"_s, u"32"_s},
        {u"api.max_event_streams_per_caller"_s, u"4"_s, u"4"_s, u"4"_s},
        {u"api.max_stream_messages_per_s"_s, u"20"_s, u"20"_s, u"20"_s},
        {u"api.max_json_depth"_s, u"16"_s, u"16"_s, u"16"_s},
        {u"api.max_header_bytes"_s, u"8192"_s, u"8192"_s, u"8192"_s},
        {u"api.header_timeout_ms"_s, u"5000"_s, u"5000"_s, u"5000"_s},
        {u"api.idle_timeout_ms"_s, u"30000"_s, u"30000"_s, u"30000"_s},
        {u"api.create_burst"_s, u"500"_s, u"500"_s, u"500"_s},
        {u"auth.registration"_s, u"\"open\""_s, u"open"_s, u"open"_s},
        {u"auth.access_ttl_s"_s, u"600"_s, u"600"_s, u"600"_s},
        {u"auth.refresh_ttl_s"_s, u"86400"_s, u"86400"_s, u"86400"_s},
        {u"auth.login_max_failures"_s, u"9"_s, u"9"_s, u"9"_s},
        {u"auth.login_window_s"_s, u"60"_s, u"60"_s, u"60"_s},
        {u"api.max_search_chars"_s, u"80"_s, u"80"_s, u"80"_s},
        {u"api.max_param_chars"_s, u"2000"_s, u"2000"_s, u"2000"_s},
        {u"roles"_s, u"[\"scheduler\", \"api\"]"_s, u"scheduler,api"_s, u"api,scheduler"_s},
        {u"shutdown.grace_ms"_s, u"1234"_s, u"1234"_s, u"1234"_s},
        {u"executor.workers"_s, u"12"_s, u"12"_s, u"12"_s},
        {u"executor.consumer"_s, u"\"host-a\""_s, u"host-a"_s, u"host-a"_s},
        {u"executor.fairness_every"_s, u"5"_s, u"5"_s, u"5"_s},
        {u"executor.starvation_ms"_s, u"250"_s, u"250"_s, u"250"_s},
        {u"executor.visibility_timeout_ms"_s, u"4500"_s, u"4500"_s, u"4500"_s},
        {u"retry.strategy"_s, u"\"constant\""_s, u"constant"_s, u"constant"_s},
        {u"retry.base_ms"_s, u"250"_s, u"250"_s, u"250"_s},
        {u"retry.max_ms"_s, u"9000"_s, u"9000"_s, u"9000"_s},
        {u"retry.jitter"_s, u"0.25"_s, u"0.25"_s, u"0.25"_s},
        {u"scheduler.interval_ms"_s, u"40"_s, u"40"_s, u"40"_s},
        {u"scheduler.reconcile_interval_ms"_s, u"500"_s, u"500"_s, u"500"_s},
        {u"scheduler.reconcile_age_ms"_s, u"0"_s, u"0"_s, u"0"_s},
        {u"retention.completed"_s, u"\"36h\""_s, u"36h"_s, u"129600"_s},
        {u"retention.failed"_s, u"\"90d\""_s, u"90d"_s, u"7776000"_s},
        {u"retention.cancelled"_s, u"\"off\""_s, u"0"_s, u"0"_s},
        {u"retention.idempotency_keys"_s, u"\"12h\""_s, u"12h"_s, u"43200"_s},
        {u"handlers.files_dir"_s, u"\"/srv/taskmill/files\""_s, u"/srv/taskmill/files"_s, u"/srv/taskmill/files"_s},
        {u"handlers.allow_private_networks"_s, u"true"_s, u"true"_s, u"true"_s},
        {u"handlers.http.max_body_bytes"_s, u"4096"_s, u"4096"_s, u"4096"_s},
        {u"handlers.download_files.max_file_bytes"_s, u"5000000000"_s, u"5000000000"_s, u"5000000000"_s},
        {u"handlers.download_files.max_task_ms"_s, u"60000"_s, u"60000"_s, u"60000"_s},
        {u"handlers.download_files.parallel"_s, u"3"_s, u"3"_s, u"3"_s},
        {u"handlers.refresh_ms"_s, u"0"_s, u"0"_s, u"0"_s},
        {u"handlers.send_email.url"_s, u"\"smtp://mail.example.org:587\""_s, u"smtp://mail.example.org:587"_s, u"smtp://mail.example.org:587"_s},
        {u"handlers.send_email.username"_s, u"\"robot\""_s, u"robot"_s, u"robot"_s},
        {u"handlers.send_email.password"_s, u"\"s3cret\""_s, u"s3cret"_s, u"s3cret"_s},
        {u"handlers.send_email.from"_s, u"\"Taskmill <robot@example.org>\""_s, u"Taskmill <robot@example.org>"_s, u"Taskmill <robot@example.org>"_s},
        {u"handlers.send_email.require_tls"_s, u"true"_s, u"true"_s, u"true"_s},
        {u"handlers.send_email.ca_file"_s, u"\"/etc/ssl/relay-ca.pem\""_s, u"/etc/ssl/relay-ca.pem"_s, u"/etc/ssl/relay-ca.pem"_s},
        {u"handlers.send_email.timeout_ms"_s, u"15000"_s, u"15000"_s, u"15000"_s},
        {u"retention.interval_ms"_s, u"5000"_s, u"5000"_s, u"5000"_s},
        {u"retention.batch"_s, u"250"_s, u"250"_s, u"250"_s},
        {u"postgres.url"_s, u"\"postgresql://u@db:5433/tm\""_s, u"postgresql://u@db:5433/tm"_s, u"postgresql://u@db:5433/tm"_s},
        {u"redis.url"_s, u"\"redis://cache:6380/2\""_s, u"redis://cache:6380/2"_s, u"redis://cache:6380/2"_s},
        {u"redis.stream_prefix"_s, u"\"tm2\""_s, u"tm2"_s, u"tm2"_s},
        {u"redis.wait_replicas"_s, u"1"_s, u"1"_s, u"1"_s},
        {u"durability.default"_s, u"\"fast\""_s, u"fast"_s, u"fast"_s},
        {u"events.retain"_s, u"5000"_s, u"5000"_s, u"5000"_s},
        {u"local.redis_appendonly"_s, u"false"_s, u"no"_s, u"false"_s},
        {u"local.redis_appendfsync"_s, u"\"always\""_s, u"always"_s, u"always"_s},
        {u"notifier.interval_ms"_s, u"15"_s, u"15"_s, u"15"_s},
        {u"local.enabled"_s, u"true"_s, u"yes"_s, u"true"_s},
        {u"local.data_dir"_s, u"\"/srv/taskmill\""_s, u"/srv/taskmill"_s, u"/srv/taskmill"_s},
        {u"log.format"_s, u"\"json\""_s, u"json"_s, u"json"_s},
        // tracing
        {u"tracing.endpoint"_s, u"\"http://tempo:4318/v1/traces\""_s, u"http://tempo:4318/v1/traces"_s, u"http://tempo:4318/v1/traces"_s},
        {u"tracing.console"_s, u"true"_s, u"on"_s, u"true"_s},
        {u"tracing.service_name"_s, u"\"tm-prod\""_s, u"tm-prod"_s, u"tm-prod"_s},
        {u"tracing.batch_size"_s, u"64"_s, u"64"_s, u"64"_s},
        {u"tracing.flush_ms"_s, u"250"_s, u"250"_s, u"250"_s},
        {u"tracing.queue_max"_s, u"1000"_s, u"1000"_s, u"1000"_s},
        {u"tracing.link_template"_s, u"\"http://jaeger:16686/trace/{trace_id}\""_s, u"http://jaeger:16686/trace/{trace_id}"_s, u"http://jaeger:16686/trace/{trace_id}"_s},
        {u"metrics.listen"_s, u"\"0.0.0.0:9464\""_s, u"0.0.0.0:9464"_s, u"0.0.0.0:9464"_s},
        {u"grpc.listen"_s, u"\"127.0.0.1:50052\""_s, u"127.0.0.1:50052"_s, u"127.0.0.1:50052"_s},
    };
    return cases;
}

QString envName(const QString &key)
{
    QString k = key.toUpper();
    k.replace(u'.', u'_');
    return u"TASKMILL_"_s + k;
}

// "section.key" = literal as a TOML document ("roles" has no section).
QByteArray tomlFor(const QString &key, const QString &literal)
{
    const qsizetype dot = key.lastIndexOf(u'.');
    if (dot < 0)
        return (key + u" = " + literal + u'\n').toUtf8();
    return (u'[' + key.left(dot) + u"]\n" + key.mid(dot + 1) + u" = " + literal + u'\n').toUtf8();
}
} // namespace
