// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "api/InfoHandler.h"

#include "api/HttpReply.h"
#include "wire/ServerInfo.h"
#include "observability/Tracer.h"

#include <QHttpServer>

using namespace Qt::StringLiterals;

namespace taskmill {

InfoHandler::InfoHandler(const BackendConfig &config, const Tracer *tracer, QObject *parent)
    : QObject(parent), m_linkTemplate(config.tracingLinkTemplate), m_tracer(tracer)
{
}

void InfoHandler::registerRoutes(RouteRegistry &server)
{
    server.route(u"/api/v1/info"_s, QHttpServerRequest::Method::Get,
                 [this](const QHttpServerRequest &, QHttpServerResponder &&resp) {
                     ServerInfo info;
                     info.version = QStringLiteral(TASKMILL_VERSION);
                     info.traceLinkTemplate = m_linkTemplate;
                     const Principal &caller = RouteRegistry::principal();
                     info.callerName = caller.kind == Principal::Kind::Local ? u"local"_s : caller.name;
                     info.callerRole = toString(caller.role);
                     info.callerPermissions = caller.permissions();
                     info.callerPayloads = caller.payloads;
                     info.knowsPermissions = true;
                     if (m_tracer) {
                         const Tracer::Counters c = m_tracer->counters();
                         info.tracingExport = m_tracer->isExporting();
                         info.spansExported = c.exported;
                         info.spansDropped = c.dropped;
                     }
                     respond(std::move(resp), HttpReply::json(info.toJson()));
                 });
}

} // namespace taskmill
