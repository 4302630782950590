// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "daemon/Daemon.h"

#include "handlers/BuiltinCatalog.h"
#include "store/HandlerRepository.h"

#include "local/LocalServices.h"
#include "api/ApiServer.h"
#include "executor/Executor.h"
#include "observability/Logging.h"
#include "observability/Metrics.h"
#include "observability/MetricsServer.h"
#include "observability/Tracer.h"
#include "notifier/Notifier.h"
#include "scheduler/Scheduler.h"
#include "store/Database.h"
#include "store/Migrator.h"

#include <QCoreApplication>
#include <QSocketNotifier>
#include <QThread>

#include <csignal>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>

namespace taskmill {

namespace {
int g_signalFd[2] = {-1, -1};

void onSignal(int sig)
{
    const char c = char(sig);
    [[maybe_unused]] auto n = ::write(g_signalFd[1], &c, 1);
}

// The one line on stdout: tests and the desktop app wait for it to learn the bound URL.
void announce(const QByteArray &line)
{
    std::fputs(line.constData(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}
} // namespace

Daemon::Daemon(BackendConfig config, QObject *parent) : QObject(parent), m_config(std::move(config)) {}

Daemon::~Daemon() = default;

void Daemon::installSignalHandlers()
{
    // Signal handlers may only write to a pipe; the Qt event loop reads it and shuts down in order.
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalFd) != 0)
        qFatal("socketpair failed");
    m_signalNotifier = new QSocketNotifier(g_signalFd[0], QSocketNotifier::Read, this);
    connect(m_signalNotifier, &QSocketNotifier::activated, this, [this] {
        char c = 0;
        [[maybe_unused]] auto n = ::read(g_signalFd[0], &c, 1);
        if (c == SIGHUP) { // configuration that can change in place: the TLS certificate
            qCInfo(lcDaemon) << "SIGHUP received: reloading the TLS certificate";
            if (m_api)
                m_api->reloadTls();
            return;
        }
        qCInfo(lcDaemon) << "signal" << int(c) << "received: shutting down";
        shutdown();
    });
    struct sigaction sa = {};
    sa.sa_handler = onSignal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);
    sigaction(SIGHUP, &sa, nullptr);
    std::signal(SIGPIPE, SIG_IGN);
}

namespace {
// The built-in handlers as registry entries, plus one per configured alias (the target's schema, kind builtin).
QList<HandlerSpec> builtinSpecs(const QHash<QString, QString> &aliases)
{
    QList<HandlerSpec> out;
    QHash<QString, HandlerSpec> byName;
    for (const BuiltinHandler &b : builtinHandlers()) {
        HandlerSpec h;
        h.name = b.name;
        h.description = b.description;
        h.kind = HandlerKind::Builtin;
        h.schema = b.schema;
        out.append(h);
        byName.insert(h.name, h);
    }
    for (auto it = aliases.cbegin(); it != aliases.cend(); ++it) {
        const auto target = byName.constFind(it.value());
        if (target == byName.cend() || !isValidHandlerName(it.key()))
            continue; // the executor refuses such an alias at start, with the reason
        HandlerSpec h = *target;
        h.name = it.key();
        h.description = QStringLiteral("Alias of the built-in '%1' (handlers.aliases). %2").arg(it.value(), target->description);
        out.append(h);
    }
    return out;
}
} // namespace

bool Daemon::resolveServers()
{
    if (m_config.local) {
        m_local = std::make_unique<LocalServices>();
        m_local->setRedisPersistence(m_config.localRedisAppendOnly ? QStringLiteral("yes") : QStringLiteral("no"),
                                     m_config.localRedisAppendFsync);
        auto started = m_local->start(m_config.dataDir);
        if (!started) {
            qCCritical(lcDaemon).noquote() << started.error().message;
            return false;
        }
        if (m_config.postgresUrl.isEmpty())
            m_config.postgresUrl = m_local->postgresUrl();
        if (m_config.redisUrl.isEmpty())
            m_config.redisUrl = m_local->redisUrl();
    }
    auto db = DbParams::fromUrl(m_config.postgresUrl);
    auto redis = RedisEndpoint::fromUrl(m_config.redisUrl);
    if (!db || !redis) {
        qCCritical(lcDaemon).noquote() << (db ? redis.error().message : db.error().message);
        return false;
    }
    m_db = *db;
    m_redis = *redis;
    return true;
}

bool Daemon::prepare()
{
    if (!resolveServers())
        return false;
    // PostgreSQL may still be starting (compose, systemd ordering): wait up to 30 s for it.
    constexpr int ConnectPauseMs = 500;
    constexpr int ConnectAttempts = 60; // × ConnectPauseMs = 30 s
    Database database(m_db, QStringLiteral("migrate"));
    for (int i = 0;; ++i) {
        std::optional<ApiError> failure;
        std::optional<int> version;
        {
            auto conn = database.connection();
            if (conn) {
                auto v = Migrator(*conn).migrate();
                if (v) {
                    // The registry knows every type this build runs before any role starts: the built-ins
                    // and the configured aliases of them (the api checks creates against it).
                    if (auto seeded = HandlerRepository(*conn).seedBuiltins(builtinSpecs(m_config.handlerAliases)); !seeded)
                        failure = seeded.error();
                    else
                        version = *v;
                } else {
                    failure = v.error();
                }
            } else if (i >= ConnectAttempts) {
                failure = conn.error();
            }
        }
        database.closeThreadConnection();
        if (version) {
            qCInfo(lcDaemon) << "schema version" << *version;
            return !m_config.local || ensureLocalToken();
        }
        if (failure) {
            qCCritical(lcDaemon).noquote() << "database not ready:" << failure->message;
            return false;
        }
        QThread::msleep(ConnectPauseMs);
    }
}

int Daemon::printPendingMigrations()
{
    // One attempt, no waiting for a server that is still starting: this is asked by a person at a terminal.
    Result<int> version = 0;
    Result<QList<MigrationStep>> pending = QList<MigrationStep>{};
    Database database(m_db, QStringLiteral("migrate"));
    {
        auto conn = database.connection();
        if (conn) {
            Migrator migrator(*conn);
            version = migrator.currentVersion();
            pending = migrator.pending();
        } else {
            version = conn.error();
        }
    }
    database.closeThreadConnection();
    if (m_local)
        m_local->stop();
    if (!version || !pending) {
        qCCritical(lcDaemon).noquote() << "database not ready:" << (!version ? version.error() : pending.error()).message;
        return 1;
    }
    if (pending->isEmpty()) {
        announce(QStringLiteral("taskmilld: schema version %1 is up to date; no migrations would be applied (dry run)")
                     .arg(*version).toUtf8());
        if (*version > Migrator::latestVersion())
            qCWarning(lcDaemon) << "the database is at schema version" << *version
                                << "but this taskmilld knows migrations only up to" << Migrator::latestVersion();
        return 0;
    }
    announce(QStringLiteral("taskmilld: schema version %1; %2 migration(s) would be applied (dry run, nothing changed):")
                 .arg(*version).arg(pending->size()).toUtf8());
    for (const MigrationStep &m : *pending)
        announce(QStringLiteral("  %1_%2").arg(m.version, 4, 10, QLatin1Char('0')).arg(m.name).toUtf8());
    return 0;
}

bool Daemon::startRoles()
{
    m_tracer = std::make_unique<Tracer>(m_config);
    if (m_config.hasRole(Role::Executor)) {
        HandlerRegistry handlers = HandlerRegistry::withBuiltins(m_config.handlers);
        for (auto it = m_config.handlerAliases.cbegin(); it != m_config.handlerAliases.cend(); ++it) {
            if (!handlers.addAlias(it.key(), it.value())) {
                qCCritical(lcDaemon).noquote() << QStringLiteral("handlers.aliases.%1: no built-in handler '%2' (known: %3)")
                                                      .arg(it.key(), it.value(), handlers.types().join(u", "));
                return false;
            }
        }
        m_executor = std::make_unique<Executor>(m_config, m_db, m_redis, std::move(handlers), m_tracer.get());
        m_executor->start();
    }
    if (m_config.hasRole(Role::Notifier)) {
        m_notifier = std::make_unique<Notifier>(m_config, m_db, m_redis);
        m_notifier->start();
    }
    if (m_config.hasRole(Role::Scheduler)) {
        m_scheduler = std::make_unique<Scheduler>(m_config, m_db, m_redis);
        m_scheduler->start();
    }
    // metrics: a process without the api role serves /metrics on metrics.listen if set.
    QStringList roleNames;
    for (Role r : {Role::Api, Role::Executor, Role::Notifier, Role::Scheduler})
        if (m_config.hasRole(r))
            roleNames << toString(r);
    Metrics::setBuildInfo(QStringLiteral(TASKMILL_VERSION), roleNames.join(u','));
    if (!m_config.hasRole(Role::Api) && !m_config.metricsListen.isEmpty()) {
        m_metricsServer = std::make_unique<MetricsServer>(m_config, m_db, m_redis);
        if (auto port = m_metricsServer->start(); !port) {
            qCCritical(lcDaemon).noquote() << port.error().message;
            return false;
        }
    }
    if (m_config.hasRole(Role::Api)) {
        m_api = std::make_unique<ApiServer>(m_config, m_db, m_redis, m_tracer.get());
        auto port = m_api->start();
        if (!port) {
            qCCritical(lcDaemon).noquote() << port.error().message;
            return false;
        }
        const QString host = m_config.listenHost.contains(u':') ? u'[' + m_config.listenHost + u']' : m_config.listenHost;
        const bool tls = !m_config.tlsCert.isEmpty() || !m_config.tlsKey.isEmpty();
        if (m_api->grpcPort() > 0)
            announce(QStringLiteral("taskmilld: grpc on %1:%2")
                         .arg(m_config.grpcListen.left(m_config.grpcListen.lastIndexOf(u':')))
                         .arg(m_api->grpcPort())
                         .toUtf8());
        announce(QStringLiteral("taskmilld: listening on %1://%2:%3").arg(tls ? QStringLiteral("https") : QStringLiteral("http"), host).arg(*port).toUtf8());
    } else {
        announce("taskmilld: ready");
    }
    return true;
}

void Daemon::shutdown()
{
    if (m_shuttingDown)
        return;
    m_shuttingDown = true;
    // Order matters: no new requests, then no new entries, then in-flight work, then the servers.
    m_api.reset();
    m_metricsServer.reset();
    if (m_scheduler)
        m_scheduler->stop();
    if (m_executor)
        m_executor->shutdown(m_config.shutdownGraceMs);
    m_executor.reset();
    // Last: the executor's final transitions still become events.
    if (m_notifier)
        m_notifier->stop();
    m_scheduler.reset();
    m_notifier.reset();
    m_tracer.reset(); // sends the last spans (bounded) once nothing records any more
    if (m_local)
        m_local->stop();
    QCoreApplication::exit(0);
}

int Daemon::run(const QString &command)
{
    installLogHandler(m_config.logJson ? LogFormat::Json : LogFormat::Text);
    installSignalHandlers();
    if (command == u"migrate-dry-run")
        return resolveServers() ? printPendingMigrations() : 1;
    if (!prepare())
        return 1;
    if (command == u"migrate") {
        if (m_local)
            m_local->stop();
        announce("taskmilld: migrations applied");
        return 0;
    }
    if (!startRoles()) {
        shutdown();
        return 1;
    }
    return QCoreApplication::exec();
}

} // namespace taskmill
