// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/Result.h"
#include "api/RouteRegistry.h"
#include "config/BackendConfig.h"
#include "queue/RedisConnection.h"
#include "store/DbParams.h"

#include <QHttpServer>
#include <QObject>

namespace taskmill {

class ObservabilityHandler;

// The metrics.listen server of a process without the api role (an executor-only or scheduler-only
// process): GET /metrics, /health and /ready on their own port, so Prometheus can scrape every process.
class MetricsServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MetricsServer)
public:
    MetricsServer(const BackendConfig &config, DbParams db, RedisEndpoint redis, QObject *parent = nullptr);
    ~MetricsServer() override;

    // Binds config.metricsListen (HOST:PORT, port 0 = any); returns the bound port.
    Result<quint16> start();

private:
    QString m_listen;
    QHttpServer m_server;
    RouteRegistry m_routes{m_server};
    ObservabilityHandler *m_handler = nullptr;
};

} // namespace taskmill
