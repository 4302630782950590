// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "config/ConfigLoader.h"

#include <QCommandLineParser>
#include <QHash>
#include <QJsonObject>
#include <QCoreApplication>
#include <QStandardPaths>
#include <QUrl>

#include <toml++/toml.h>

#include <algorithm>
#include <cstdio>
#include <functional>

namespace taskmill {

QString toString(Role r)
{
    switch (r) {
    case Role::Api: return QStringLiteral("api");
    case Role::Executor: return QStringLiteral("executor");
    case Role::Notifier: return QStringLiteral("notifier");
    case Role::Scheduler: return QStringLiteral("scheduler");
    }
    return {};
}

namespace {
using Setter = std::function<std::optional<QString>(BackendConfig &, const QString &)>;

// Where a setting's field lives in BackendConfig: the top level or one of the [handlers] sections.
template<typename S>
S &sectionOf(BackendConfig &c);
template<>
BackendConfig &sectionOf(BackendConfig &c) { return c; }
template<>
HandlerSettings &sectionOf(BackendConfig &c) { return c.handlers; }
template<>
SmtpSettings &sectionOf(BackendConfig &c) { return c.handlers.smtp; }

// A listener address of the [grpc] and [metrics] keys: HOST:PORT with a port up to 65535, or empty (none).
bool isHostPortOrEmpty(const QString &v)
{
    const qsizetype colon = v.lastIndexOf(u':');
    bool ok = false;
    const uint port = colon > 0 ? v.mid(colon + 1).toUInt(&ok) : 0;
    return v.isEmpty() || (colon > 0 && ok && port <= 65535);
}

// Returns an error message, or nullopt when the value was applied.
template<typename S, typename Int>
Setter intSetter(Int S::*field, Int min, Int max)
{
    return [=](BackendConfig &c, const QString &v) -> std::optional<QString> {
        bool ok = false;
        const qint64 n = v.toLongLong(&ok);
        if (!ok || n < qint64(min) || n > qint64(max))
            return QStringLiteral("must be an integer from %1 to %2").arg(min).arg(max);
        sectionOf<S>(c).*field = Int(n);
        return std::nullopt;
    };
}
template<typename S>
Setter stringSetter(QString S::*field)
{
    return [=](BackendConfig &c, const QString &v) -> std::optional<QString> {
        sectionOf<S>(c).*field = v;
        return std::nullopt;
    };
}
template<typename S>
Setter boolSetter(bool S::*field)
{
    return [=](BackendConfig &c, const QString &v) -> std::optional<QString> {
        const QString l = v.toLower();
        if (l == u"true" || l == u"1" || l == u"yes" || l == u"on")
            sectionOf<S>(c).*field = true;
        else if (l == u"false" || l == u"0" || l == u"no" || l == u"off")
            sectionOf<S>(c).*field = false;
        else
            return QStringLiteral("must be true or false");
        return std::nullopt;
    };
}

// A retention period: whole seconds, minutes, hours or days ("90s", "30m", "12h", "7d"); "0" or "off"
// keeps tasks forever.
Setter retentionSetter(qint64 BackendConfig::*field)
{
    return [=](BackendConfig &c, const QString &v) -> std::optional<QString> {
        const QString t = v.trimmed().toLower();
        if (t == u"0" || t == u"off") {
            c.*field = 0;
            return std::nullopt;
        }
        static const QHash<QChar, qint64> unitSeconds{{u's', 1}, {u'm', 60}, {u'h', 3600}, {u'd', 86400}};
        bool ok = false;
        const qint64 n = t.isEmpty() ? 0 : t.chopped(1).toLongLong(&ok);
        const qint64 unit = t.isEmpty() ? 0 : unitSeconds.value(t.back(), 0);
        constexpr qint64 MaxSeconds = 100LL * 365 * 86400;
        if (!ok || unit == 0 || n <= 0 || n > MaxSeconds / unit)
            return QStringLiteral("must be a period such as 90s, 30m, 12h or 7d, or 0 to keep tasks forever");
        c.*field = n * unit;
        return std::nullopt;
    };
}

// One field of a retry policy from text, validated by RetryPolicy itself so the rules live in one place.
std::optional<QString> applyRetryField(RetryPolicy &policy, const QString &field, const QString &value)
{
    QJsonObject o = policy.toJson();
    if (field == u"strategy") {
        o.insert(field, value);
    } else if (field == u"base_ms" || field == u"max_ms" || field == u"jitter") {
        bool ok = false;
        const double d = value.toDouble(&ok);
        if (!ok)
            return QStringLiteral("must be a number");
        o.insert(field, d);
        // Each bound is checked alone here; max_ms >= base_ms is checked once every source is applied
        // (fromArguments), because the file, the environment and flags may set the two in any order.
        if (field == u"base_ms")
            o.insert(QStringLiteral("max_ms"), std::max(d, double(policy.maxMs)));
        else if (field == u"max_ms")
            o.insert(QStringLiteral("base_ms"), 0);
    } else {
        return QStringLiteral("unknown retry field '%1' (strategy, base_ms, max_ms, jitter)").arg(field);
    }
    auto parsed = RetryPolicy::fromJson(o);
    if (!parsed)
        return parsed.error().message;
    if (field == u"base_ms")
        policy.baseMs = parsed->baseMs;
    else if (field == u"max_ms")
        policy.maxMs = parsed->maxMs;
    else
        policy = *parsed;
    return std::nullopt;
}

// A comma-separated list (a TOML array arrives joined the same way), lower-cased. Origins must be
// scheme://host[:port] with http or https; hosts a bare name or name:port.
Setter listSetter(QStringList BackendConfig::*member, bool origins)
{
    return [member, origins](BackendConfig &c, const QString &v) -> std::optional<QString> {
        QStringList out;
        for (const QString &part : v.split(u',', Qt::SkipEmptyParts)) {
            const QString item = part.trimmed().toLower();
            if (item.isEmpty())
                continue;
            if (origins) {
                const QUrl url(item);
                if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https") || url.host().isEmpty()
                    || !url.path().isEmpty() || url.hasQuery() || url.hasFragment())
                    return QStringLiteral("'%1' is not an origin like https://admin.example.com").arg(item);
            } else if (item.contains(u'/') || item.contains(u' ')) {
                return QStringLiteral("'%1' is not a host name like tasks.example.com").arg(item);
            }
            out << item;
        }
        c.*member = out;
        return std::nullopt;
    };
}

Setter retrySetter(const QString &field)
{
    return [field](BackendConfig &c, const QString &v) { return applyRetryField(c.defaultRetry, field, v); };
}

const QList<QPair<QString, Setter>> &settings()
{
    static const QList<QPair<QString, Setter>> table = {
        {QStringLiteral("api.listen"),
         [](BackendConfig &c, const QString &v) -> std::optional<QString> {
             const qsizetype colon = v.lastIndexOf(u':');
             bool ok = false;
             const uint port = colon > 0 ? v.mid(colon + 1).toUInt(&ok) : 0;
             if (colon <= 0 || !ok || port > 65535)
                 return QStringLiteral("must be HOST:PORT, e.g. 127.0.0.1:8080");
             c.listenHost = v.left(colon);
             if (c.listenHost.startsWith(u'[') && c.listenHost.endsWith(u']'))
                 c.listenHost = c.listenHost.mid(1, c.listenHost.size() - 2);
             c.listenPort = quint16(port);
             return std::nullopt;
         }},
        {QStringLiteral("api.max_body_bytes"),
         [](BackendConfig &c, const QString &v) -> std::optional<QString> {
             bool ok = false;
             const qint64 n = v.toLongLong(&ok);
             if (!ok || n < 1024 || n > 1024LL * 1024 * 1024)
                 return QStringLiteral("must be from 1024 to 1073741824 bytes");
             c.maxBodyBytes = n;
             return std::nullopt;
         }},
        {QStringLiteral("api.writer_batch_max"), intSetter(&BackendConfig::writerBatchMax, 1, 100'000)},
        {QStringLiteral("api.allowed_hosts"), listSetter(&BackendConfig::allowedHosts, false)},
        {QStringLiteral("api.allowed_origins"), listSetter(&BackendConfig::allowedOrigins, true)},
        {QStringLiteral("api.statement_timeout_ms"), intSetter(&BackendConfig::statementTimeoutMs, 10, 3'600'000)},
        {QStringLiteral("api.max_json_depth"), intSetter(&BackendConfig::maxJsonDepth, 2, 1000)},
        {QStringLiteral("api.max_header_bytes"), intSetter(&BackendConfig::maxHeaderBytes, 1024, 1024 * 1024)},
        {QStringLiteral("api.max_connections_per_address"), intSetter(&BackendConfig::maxConnectionsPerAddress, 1, 1'000'000)},
        {QStringLiteral("api.max_event_streams_per_caller"), intSetter(&BackendConfig::maxEventStreamsPerCaller, 1, 100'000)},
        {QStringLiteral("api.max_stream_messages_per_s"), intSetter(&BackendConfig::maxStreamMessagesPerS, 1, 10'000)},
        {QStringLiteral("api.header_timeout_ms"), intSetter(&BackendConfig::headerTimeoutMs, 100, 3'600'000)},
        {QStringLiteral("api.idle_timeout_ms"), intSetter(&BackendConfig::idleTimeoutMs, 100, 86'400'000)},
        {QStringLiteral("api.create_rate_per_s"), intSetter(&BackendConfig::createRatePerS, 0, 10'000'000)},
        {QStringLiteral("api.create_burst"), intSetter(&BackendConfig::createBurst, 1, 100'000'000)},
        {QStringLiteral("api.tls_cert"), stringSetter(&BackendConfig::tlsCert)},
        {QStringLiteral("api.tls_key"), stringSetter(&BackendConfig::tlsKey)},
        {QStringLiteral("api.insecure"), boolSetter(&BackendConfig::insecure)},
        {QStringLiteral("api.max_search_chars"), intSetter(&BackendConfig::maxSearchChars, 3, 10'000)},
        {QStringLiteral("api.max_param_chars"), intSetter(&BackendConfig::maxParamChars, 36, 100'000)},
        {QStringLiteral("roles"),
         [](BackendConfig &c, const QString &v) -> std::optional<QString> {
             QSet<Role> roles;
             for (const QString &part : v.split(u',', Qt::SkipEmptyParts)) {
                 const QString name = part.trimmed().toLower();
                 bool found = false;
                 for (Role r : {Role::Api, Role::Executor, Role::Notifier, Role::Scheduler})
                     if (toString(r) == name) {
                         roles.insert(r);
                         found = true;
                     }
                 if (name == u"all") {
                     roles = {Role::Api, Role::Executor, Role::Notifier, Role::Scheduler};
                     found = true;
                 }
                 if (!found)
                     return QStringLiteral("unknown role '%1' (api, executor, notifier, scheduler, all)").arg(name);
             }
             if (roles.isEmpty())
                 return QStringLiteral("must name at least one role");
             c.roles = roles;
             return std::nullopt;
         }},
        {QStringLiteral("shutdown.grace_ms"), intSetter(&BackendConfig::shutdownGraceMs, 0, 3'600'000)},
        {QStringLiteral("executor.workers"), intSetter(&BackendConfig::workers, 1, 1024)},
        {QStringLiteral("executor.consumer"), stringSetter(&BackendConfig::consumerName)},
        {QStringLiteral("executor.fairness_every"), intSetter(&BackendConfig::fairnessEvery, 2, 1000)},
        {QStringLiteral("executor.starvation_ms"), intSetter(&BackendConfig::starvationMs, 0, 3'600'000)},
        {QStringLiteral("executor.visibility_timeout_ms"), intSetter(&BackendConfig::visibilityTimeoutMs, 100, 86'400'000)},
        {QStringLiteral("retry.strategy"), retrySetter(QStringLiteral("strategy"))},
        {QStringLiteral("retry.base_ms"), retrySetter(QStringLiteral("base_ms"))},
        {QStringLiteral("retry.max_ms"), retrySetter(QStringLiteral("max_ms"))},
        {QStringLiteral("retry.jitter"), retrySetter(QStringLiteral("jitter"))},
        {QStringLiteral("scheduler.interval_ms"), intSetter(&BackendConfig::schedulerIntervalMs, 1, 3'600'000)},
        {QStringLiteral("scheduler.reconcile_interval_ms"), intSetter(&BackendConfig::reconcileIntervalMs, 10, 3'600'000)},
        {QStringLiteral("scheduler.reconcile_age_ms"), intSetter(&BackendConfig::reconcileAgeMs, 0, 3'600'000)},
        {QStringLiteral("retention.completed"), retentionSetter(&BackendConfig::retentionCompletedS)},
        {QStringLiteral("retention.failed"), retentionSetter(&BackendConfig::retentionFailedS)},
        {QStringLiteral("retention.cancelled"), retentionSetter(&BackendConfig::retentionCancelledS)},
        {QStringLiteral("retention.idempotency_keys"), retentionSetter(&BackendConfig::retentionIdempotencyKeysS)},
        {QStringLiteral("retention.interval_ms"), intSetter(&BackendConfig::retentionIntervalMs, 100, 86'400'000)},
        {QStringLiteral("retention.batch"), intSetter(&BackendConfig::retentionBatch, 1, 100'000)},
        {QStringLiteral("postgres.url"), stringSetter(&BackendConfig::postgresUrl)},
        {QStringLiteral("redis.url"), stringSetter(&BackendConfig::redisUrl)},
        {QStringLiteral("redis.stream_prefix"), stringSetter(&BackendConfig::streamPrefix)},
        {QStringLiteral("redis.wait_replicas"), intSetter(&BackendConfig::redisWaitReplicas, 0, 16)},
        {QStringLiteral("events.retain"), intSetter(&BackendConfig::eventsRetain, 100, 100'000'000)},
        {QStringLiteral("notifier.interval_ms"), intSetter(&BackendConfig::notifierIntervalMs, 1, 60'000)},
        {QStringLiteral("durability.default"),
         [](BackendConfig &c, const QString &v) -> std::optional<QString> {
             const auto d = durabilityFromString(v);
             if (!d)
                 return QStringLiteral("must be durable, fast or replicated");
             c.defaultDurability = *d;
             return std::nullopt;
         }},
        {QStringLiteral("local.enabled"), boolSetter(&BackendConfig::local)},
        {QStringLiteral("auth.local_anonymous"),
         [](BackendConfig &c, const QString &v) -> std::optional<QString> {
             // Through a scratch config: the setter writes a plain bool, this key is "unset" until given.
             BackendConfig scratch;
             if (auto error = boolSetter(&BackendConfig::local)(scratch, v))
                 return error;
             c.localAnonymous = scratch.local;
             return std::nullopt;
         }},
        {QStringLiteral("auth.registration"),
         [](BackendConfig &c, const QString &v) -> std::optional<QString> {
             if (v != u"closed" && v != u"open" && v != u"invite")
                 return QStringLiteral("must be closed, open or invite");
             c.registration = v;
             return std::nullopt;
         }},
        {QStringLiteral("auth.access_ttl_s"), intSetter(&BackendConfig::accessTtlS, 30, 86'400)},
        {QStringLiteral("auth.refresh_ttl_s"), intSetter(&BackendConfig::refreshTtlS, 60, 366 * 86'400)},
        {QStringLiteral("auth.login_max_failures"), intSetter(&BackendConfig::loginMaxFailures, 1, 1000)},
        {QStringLiteral("auth.login_window_s"), intSetter(&BackendConfig::loginWindowS, 1, 86'400)},
        {QStringLiteral("local.data_dir"), stringSetter(&BackendConfig::dataDir)},
        {QStringLiteral("local.redis_appendonly"), boolSetter(&BackendConfig::localRedisAppendOnly)},
        {QStringLiteral("local.redis_appendfsync"),
         [](BackendConfig &c, const QString &v) -> std::optional<QString> {
             if (v != u"always" && v != u"everysec" && v != u"no")
                 return QStringLiteral("must be always, everysec or no");
             c.localRedisAppendFsync = v;
             return std::nullopt;
         }},
        // [handlers] (docs/handlers.md)
        {QStringLiteral("handlers.files_dir"), stringSetter(&HandlerSettings::filesDir)},
        {QStringLiteral("handlers.allow_private_networks"), boolSetter(&HandlerSettings::allowPrivateNetworks)},
        {QStringLiteral("handlers.http.max_body_bytes"),
         intSetter(&HandlerSettings::httpMaxBodyBytes, qint64(0), qint64(1024) * 1024 * 1024)},
        {QStringLiteral("handlers.download_files.max_file_bytes"),
         intSetter(&HandlerSettings::downloadMaxFileBytes, qint64(1), qint64(1024) * 1024 * 1024 * 1024)},
        {QStringLiteral("handlers.download_files.max_task_ms"), intSetter(&HandlerSettings::downloadMaxTaskMs, 100, 86'400'000)},
        {QStringLiteral("handlers.download_files.parallel"), intSetter(&HandlerSettings::downloadParallel, 1, 64)},
        {QStringLiteral("handlers.refresh_ms"), intSetter(&HandlerSettings::refreshMs, 0, 60'000)},
        {QStringLiteral("handlers.send_email.url"), stringSetter(&SmtpSettings::url)},
        {QStringLiteral("handlers.send_email.username"), stringSetter(&SmtpSettings::username)},
        {QStringLiteral("handlers.send_email.password"), stringSetter(&SmtpSettings::password)},
        {QStringLiteral("handlers.send_email.from"), stringSetter(&SmtpSettings::from)},
        {QStringLiteral("handlers.send_email.require_tls"), boolSetter(&SmtpSettings::requireTls)},
        {QStringLiteral("handlers.send_email.ca_file"), stringSetter(&SmtpSettings::caFile)},
        {QStringLiteral("handlers.send_email.timeout_ms"), intSetter(&SmtpSettings::timeoutMs, 100, 3'600'000)},
        {QStringLiteral("log.format"),
         [](BackendConfig &c, const QString &v) -> std::optional<QString> {
             if (v != u"text" && v != u"json")
                 return QStringLiteral("must be text or json");
             c.logJson = v == u"json";
             return std::nullopt;
         }},
        // tracing (docs/tracing.md)
        {QStringLiteral("tracing.endpoint"),
         [](BackendConfig &c, const QString &v) -> std::optional<QString> {
             const QUrl url(v, QUrl::StrictMode);
             if (!v.isEmpty() && (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https") || url.host().isEmpty()))
                 return QStringLiteral("must be an http(s) URL such as http://127.0.0.1:4318/v1/traces, or empty");
             c.tracingEndpoint = v;
             return std::nullopt;
         }},
        {QStringLiteral("tracing.console"), boolSetter(&BackendConfig::tracingConsole)},
        {QStringLiteral("tracing.service_name"),
         [](BackendConfig &c, const QString &v) -> std::optional<QString> {
             if (v.trimmed().isEmpty())
                 return QStringLiteral("must not be empty");
             c.tracingServiceName = v.trimmed();
             return std::nullopt;
         }},
        {QStringLiteral("tracing.batch_size"), intSetter(&BackendConfig::tracingBatchSize, 1, 100'000)},
        {QStringLiteral("tracing.flush_ms"), intSetter(&BackendConfig::tracingFlushMs, 1, 600'000)},
        {QStringLiteral("tracing.queue_max"), intSetter(&BackendConfig::tracingQueueMax, 1, 10'000'000)},
        {QStringLiteral("tracing.link_template"),
         [](BackendConfig &c, const QString &v) -> std::optional<QString> {
             if (!v.isEmpty() && !v.contains(u"{trace_id}"))
                 return QStringLiteral("must contain {trace_id}, e.g. http://localhost:16686/trace/{trace_id}");
             c.tracingLinkTemplate = v;
             return std::nullopt;
         }},
        // grpc (docs/api.md)
        {QStringLiteral("grpc.listen"),
         [](BackendConfig &c, const QString &v) -> std::optional<QString> {
             if (!isHostPortOrEmpty(v))
                 return QStringLiteral("must be HOST:PORT, e.g. 127.0.0.1:50051, or empty (no gRPC)");
             c.grpcListen = v;
             c.grpcListenSet = true;
             return std::nullopt;
         }},
        // metrics (docs/observability.md)
        {QStringLiteral("metrics.listen"),
         [](BackendConfig &c, const QString &v) -> std::optional<QString> {
             if (!isHostPortOrEmpty(v))
                 return QStringLiteral("must be HOST:PORT, e.g. 127.0.0.1:9464, or empty");
             c.metricsListen = v;
             return std::nullopt;
         }},
    };
    return table;
}

QString envName(const QString &key)
{
    QString k = key.toUpper();
    k.replace(u'.', u'_');
    return QStringLiteral("TASKMILL_") + k;
}

QString tomlValueText(const toml::node &n)
{
    if (auto s = n.as_string())
        return QString::fromStdString(s->get());
    if (auto i = n.as_integer())
        return QString::number(i->get());
    if (auto b = n.as_boolean())
        return b->get() ? QStringLiteral("true") : QStringLiteral("false");
    if (auto f = n.as_floating_point())
        return QString::number(f->get());
    if (auto a = n.as_array()) {
        QStringList parts;
        for (const toml::node &e : *a)
            parts << tomlValueText(e);
        return parts.join(u',');
    }
    return {};
}
} // namespace

QStringList ConfigLoader::knownKeys()
{
    QStringList keys;
    for (const auto &s : settings())
        keys << s.first;
    return keys;
}

Result<Unit> ConfigLoader::applySetting(BackendConfig &config, const QString &key, const QString &value)
{
    static const QString durabilityPrefix = QStringLiteral("durability.types.");
    if (key.startsWith(durabilityPrefix)) {
        const auto d = durabilityFromString(value);
        if (!d)
            return ApiError::validation(key, key + QStringLiteral(" must be durable, fast or replicated"));
        config.typeDurability.insert(key.mid(durabilityPrefix.size()), *d);
        return Unit{};
    }
    static const QString aliasPrefix = QStringLiteral("handlers.aliases.");
    if (key.startsWith(aliasPrefix)) {
        const QString type = key.mid(aliasPrefix.size());
        if (type.isEmpty() || value.isEmpty())
            return ApiError::validation(key, QStringLiteral("expected handlers.aliases.<type> = <built-in handler>"));
        config.handlerAliases.insert(type, value);
        return Unit{};
    }
    // retry.types.<type>.<field>: a per-type default policy, starting from the global default.
    static const QString typePrefix = QStringLiteral("retry.types.");
    if (key.startsWith(typePrefix)) {
        const QString rest = key.mid(typePrefix.size());
        const qsizetype dot = rest.lastIndexOf(u'.');
        if (dot <= 0)
            return ApiError::validation(key, QStringLiteral("expected retry.types.<type>.<field>"));
        const QString type = rest.left(dot);
        RetryPolicy policy = config.typeRetry.value(type, config.defaultRetry);
        if (auto err = applyRetryField(policy, rest.mid(dot + 1), value))
            return ApiError::validation(key, key + u' ' + *err);
        config.typeRetry.insert(type, policy);
        return Unit{};
    }
    for (const auto &[name, setter] : settings()) {
        if (name != key)
            continue;
        if (auto err = setter(config, value))
            return ApiError::validation(key, key + u' ' + *err);
        return Unit{};
    }
    return ApiError::validation(key, QStringLiteral("unknown configuration key '%1'").arg(key));
}

Result<Unit> ConfigLoader::applyTomlFile(BackendConfig &config, const QString &path)
{
    toml::table root;
    try {
        root = toml::parse_file(path.toStdString());
    } catch (const toml::parse_error &e) {
        return ApiError::validation(QStringLiteral("config"),
                                    QStringLiteral("%1:%2: %3").arg(path).arg(e.source().begin.line).arg(QString::fromUtf8(e.what())));
    }
    Result<Unit> result = Unit{};
    std::function<void(const toml::table &, const QString &)> walk = [&](const toml::table &t, const QString &prefix) {
        for (const auto &[k, v] : t) {
            const QString key = prefix + QString::fromUtf8(k.str().data(), qsizetype(k.str().size()));
            if (auto sub = v.as_table())
                walk(*sub, key + u'.');
            else if (result)
                result = applySetting(config, key, tomlValueText(v));
        }
    };
    walk(root, QString());
    return result;
}

Result<CommandLine> ConfigLoader::fromArguments(const QStringList &arguments, const QStringList &environment)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "Taskmill backend: REST API, executor, notifier and scheduler over PostgreSQL and Redis Streams.\n"
        "Commands: (none) run the selected roles; `migrate [--dry-run]` apply database migrations (or only list\n"
        "them) and exit;\n"
        "`user add EMAIL [--role user|viewer|operator|admin] [--payloads]` create an account (the password is read\n"
        "from standard input, twice at a terminal) and exit."));
    p.addHelpOption();
    p.addVersionOption();
    const QCommandLineOption listen({QStringLiteral("a"), QStringLiteral("listen")}, QStringLiteral("HTTP listen address (default 127.0.0.1:8080)."), QStringLiteral("HOST:PORT"));
    const QCommandLineOption config({QStringLiteral("p"), QStringLiteral("config")}, QStringLiteral("TOML configuration file."), QStringLiteral("FILE"));
    const QCommandLineOption roles(QStringLiteral("role"), QStringLiteral("Comma list of roles: api, executor, notifier, scheduler (default: all)."), QStringLiteral("ROLES"));
    const QCommandLineOption workers(QStringLiteral("workers"), QStringLiteral("Executor worker threads (default 4)."), QStringLiteral("N"));
    const QCommandLineOption local(QStringLiteral("local"), QStringLiteral("Start a private PostgreSQL and Redis in the data dir (the default when no --postgres/--redis is given)."));
    const QCommandLineOption dataDir(QStringLiteral("data-dir"), QStringLiteral("Data directory for --local (default $XDG_DATA_HOME/taskmill)."), QStringLiteral("DIR"));
    const QCommandLineOption postgres(QStringLiteral("postgres"), QStringLiteral("PostgreSQL URL, e.g. postgresql://user@host:5432/db."), QStringLiteral("URL"));
    const QCommandLineOption redis(QStringLiteral("redis"), QStringLiteral("Redis URL: redis://host:port/db or unix:///path/redis.sock."), QStringLiteral("URL"));
    const QCommandLineOption logFormat(QStringLiteral("log-format"), QStringLiteral("text or json."), QStringLiteral("FORMAT"));
    const QCommandLineOption set(QStringLiteral("set"), QStringLiteral("Any configuration key, e.g. --set executor.fairness_every=4 (repeatable)."), QStringLiteral("KEY=VALUE"));
    const QCommandLineOption payloads(QStringLiteral("payloads"), QStringLiteral("user add: the account may see payloads, results and errors."));
    const QCommandLineOption insecure(QStringLiteral("insecure"), QStringLiteral("Serve a non-loopback address without TLS (logged loudly; for a TLS-terminating proxy in front)."));
    const QCommandLineOption dryRun(QStringLiteral("dry-run"), QStringLiteral("migrate: print the migrations that would be applied and change nothing."));
    p.addOptions({listen, config, roles, workers, local, dataDir, postgres, redis, logFormat, set, payloads, insecure, dryRun});
    p.addPositionalArgument(QStringLiteral("command"), QStringLiteral("Optional: migrate, or user add EMAIL"));

    if (!p.parse(arguments))
        return ApiError::badRequest(p.errorText());
    CommandLine cl;
    if (p.isSet(QStringLiteral("help"))) {
        std::fputs(qPrintable(p.helpText()), stdout);
        cl.exitNow = true;
        return cl;
    }
    if (p.isSet(QStringLiteral("version"))) {
        std::printf("taskmilld %s\n", TASKMILL_VERSION);
        cl.exitNow = true;
        return cl;
    }
    const QStringList positional = p.positionalArguments();
    const bool userAdd = positional.size() == 3 && positional.at(0) == u"user" && positional.at(1) == u"add";
    if (!userAdd && (positional.size() > 1 || (positional.size() == 1 && positional.first() != u"migrate")))
        return ApiError::badRequest(QStringLiteral("unknown command '%1' (migrate, or user add EMAIL)").arg(positional.join(u' ')));
    cl.command = userAdd ? QStringLiteral("user-add") : positional.value(0);
    if (p.isSet(dryRun)) {
        if (cl.command != u"migrate")
            return ApiError::badRequest(QStringLiteral("--dry-run goes with the migrate command only"));
        cl.command = QStringLiteral("migrate-dry-run");
    }
    if (userAdd) {
        cl.userEmail = positional.at(2).trimmed().toLower();
        // For this command --role names the account's role, not the process roles.
        if (p.isSet(roles))
            cl.userRole = p.value(roles);
        if (cl.userRole != u"user" && cl.userRole != u"viewer" && cl.userRole != u"operator" && cl.userRole != u"admin")
            return ApiError::validation(QStringLiteral("role"), QStringLiteral("--role must be user, viewer, operator or admin"));
        cl.userPayloads = p.isSet(payloads);
    }

    BackendConfig &c = cl.config;
    if (p.isSet(config)) {
        auto r = applyTomlFile(c, p.value(config));
        if (!r)
            return r.error();
    }
    for (const QString &kv : environment) {
        const qsizetype eq = kv.indexOf(u'=');
        const QString name = kv.left(eq);
        for (const QString &key : knownKeys())
            if (envName(key) == name) {
                auto r = applySetting(c, key, kv.mid(eq + 1));
                if (!r)
                    return ApiError::validation(name, name + QStringLiteral(": ") + r.error().message);
            }
    }
    const QList<QPair<QCommandLineOption, QString>> flagKeys = {
        {listen, QStringLiteral("api.listen")},   {roles, QStringLiteral("roles")},
        {workers, QStringLiteral("executor.workers")}, {dataDir, QStringLiteral("local.data_dir")},
        {postgres, QStringLiteral("postgres.url")}, {redis, QStringLiteral("redis.url")},
        {logFormat, QStringLiteral("log.format")}};
    for (const auto &[opt, key] : flagKeys) {
        if (!p.isSet(opt) || (userAdd && key == u"roles"))
            continue;
        auto r = applySetting(c, key, p.value(opt));
        if (!r)
            return r.error();
    }
    if (p.isSet(insecure))
        c.insecure = true;
    for (const QString &kv : p.values(set)) {
        const qsizetype eq = kv.indexOf(u'=');
        if (eq <= 0)
            return ApiError::validation(QStringLiteral("set"), QStringLiteral("--set expects KEY=VALUE, got '%1'").arg(kv));
        auto r = applySetting(c, kv.left(eq), kv.mid(eq + 1));
        if (!r)
            return r.error();
    }
    if (c.defaultRetry.maxMs < c.defaultRetry.baseMs)
        return ApiError::validation(QStringLiteral("retry.max_ms"), QStringLiteral("retry.max_ms must be at least retry.base_ms"));
    for (auto it = c.typeRetry.cbegin(); it != c.typeRetry.cend(); ++it) {
        if (it->maxMs < it->baseMs) {
            const QString key = QStringLiteral("retry.types.%1.max_ms").arg(it.key());
            return ApiError::validation(key, key + QStringLiteral(" must be at least base_ms"));
        }
    }
    if (p.isSet(local))
        c.local = true;
    // Embedded by default: with no external servers named, start private ones.
    if (c.postgresUrl.isEmpty() && c.redisUrl.isEmpty())
        c.local = true;
    if (!c.local && (c.postgresUrl.isEmpty() || c.redisUrl.isEmpty()))
        return ApiError::validation(c.postgresUrl.isEmpty() ? QStringLiteral("postgres") : QStringLiteral("redis"),
                                    QStringLiteral("give both --postgres and --redis, or neither (then --local starts private servers)"));
    if (c.dataDir.isEmpty())
        c.dataDir = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + QStringLiteral("/taskmill");
    return cl;
}

} // namespace taskmill
