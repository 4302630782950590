// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "observability/MetricsServer.h"

#include "api/HttpReply.h"
#include "api/ObservabilityHandler.h"
#include "observability/Logging.h"

#include <QHostAddress>

using namespace Qt::StringLiterals;

namespace taskmill {

MetricsServer::MetricsServer(const BackendConfig &config, DbParams db, RedisEndpoint redis, QObject *parent)
    : QObject(parent), m_listen(config.metricsListen)
{
    m_handler = new ObservabilityHandler(config, std::move(db), std::move(redis), this);
    m_routes.setGuard(std::make_shared<const RequestGuard>(config)); // a metrics port is no place for web pages either
    m_handler->registerRoutes(m_routes, true);
    m_routes.setMissingHandler([](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
        respond(std::move(responder),
                HttpReply::error(ApiError::notFound(u"no route for %1 (this port serves /metrics, /health, /ready)"_s.arg(
                    request.url().path()))));
    });
}

MetricsServer::~MetricsServer() = default;

Result<quint16> MetricsServer::start()
{
    const qsizetype colon = m_listen.lastIndexOf(u':');
    QString host = m_listen.left(colon);
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    QHostAddress address;
    if (host == u"localhost")
        address = QHostAddress::LocalHost;
    else if (!address.setAddress(host))
        return ApiError::validation(u"metrics.listen"_s, u"'%1' is not an IP address"_s.arg(host));
    const quint16 port = m_server.listen(address, quint16(m_listen.mid(colon + 1).toUInt()));
    if (port == 0)
        return ApiError::unavailable(u"cannot listen on %1 for metrics (address in use?)"_s.arg(m_listen));
    qCInfo(lcDaemon).noquote() << "metrics on" << u"http://%1:%2/metrics"_s.arg(host).arg(port);
    return port;
}

} // namespace taskmill
