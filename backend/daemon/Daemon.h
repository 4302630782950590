// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "config/BackendConfig.h"
#include "queue/RedisConnection.h"
#include "store/DbParams.h"

#include <QObject>

#include <memory>

class QSocketNotifier;

namespace taskmill {

class ApiServer;
class Executor;
class LocalServices;
class MetricsServer;
class Scheduler;
class Notifier;
class Tracer;

// Builds the roles named by --role from one BackendConfig, starts them, and on SIGINT/SIGTERM stops
// them in the order that loses nothing: stop accepting requests, stop taking stream entries, let
// running handlers finish within the grace period, hand back the rest, then stop the local servers.
class Daemon final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Daemon)
public:
    explicit Daemon(BackendConfig config, QObject *parent = nullptr);
    ~Daemon() override;

    // Runs `command` ("" = serve until a signal, "migrate" = apply migrations and exit, "migrate-dry-run" =
    // print the migrations "migrate" would apply, one per line on stdout, and exit without changing the
    // database); returns the process exit code.
    int run(const QString &command);
    // `taskmilld user add EMAIL --role ROLE`: creates the account (password from standard input) and exits.
    // There are no default credentials: this is how the first admin comes to be.
    int addUser(const QString &email, const QString &role, bool payloads);

private:
    bool resolveServers();   // local servers (--local), then the PostgreSQL and Redis URLs
    bool prepare();          // resolveServers(), migrations, built-in handlers
    int printPendingMigrations();
    // --local: an admin API token for the data dir's owner in <data-dir>/local-token (mode 0600), made when
    // missing or revoked; the app reads it to talk to its own backend (docs/security.md).
    bool ensureLocalToken();
    bool startRoles();
    void shutdown();
    void installSignalHandlers();

    BackendConfig m_config;
    DbParams m_db;
    RedisEndpoint m_redis;
    std::unique_ptr<LocalServices> m_local;
    std::unique_ptr<Tracer> m_tracer; // before the roles: they record into it until they are gone
    std::unique_ptr<ApiServer> m_api;
    std::unique_ptr<Executor> m_executor;
    std::unique_ptr<Scheduler> m_scheduler;
    std::unique_ptr<Notifier> m_notifier;
    std::unique_ptr<MetricsServer> m_metricsServer; // metrics.listen, processes without the api role
    QSocketNotifier *m_signalNotifier = nullptr;
    bool m_shuttingDown = false;
};

} // namespace taskmill
