// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "api/AuditHandler.h"

#include "api/HttpReply.h"
#include "store/AuditRepository.h"
#include "wire/AuditTypes.h"
#include "wire/QueryParams.h"

#include <QHttpServer>
#include <QJsonArray>

#include <limits>

using namespace Qt::StringLiterals;

namespace taskmill {

namespace {
using Method = QHttpServerRequest::Method;
} // namespace

AuditHandler::AuditHandler(ApiContext &context, QObject *parent) : QObject(parent), m_ctx(context) {}

void AuditHandler::registerRoutes(RouteRegistry &server)
{
    server.route(u"/api/v1/audit"_s, Method::Get, [this](const QHttpServerRequest &r, QHttpServerResponder &&resp) {
        list(r, std::move(resp));
    });
    server.route(u"/api/v1/audit/actions"_s, Method::Get, [this](const QHttpServerRequest &, QHttpServerResponder &&resp) {
        actions(std::move(resp));
    });
}

void AuditHandler::list(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    const QUrlQuery query = request.query();
    auto filter = AuditFilter::fromQuery(query);
    if (!filter)
        return respond(std::move(responder), HttpReply::error(filter.error()));
    const auto limit = queryInt(query, u"limit"_s, limits::AuditPageDefault, 1, limits::AuditPageMax);
    if (!limit)
        return respond(std::move(responder), HttpReply::error(limit.error()));
    // 0 = from the newest; ids start at 1, so "before=1" is a valid, empty page.
    const auto before = queryInt(query, u"before"_s, 0, 1, std::numeric_limits<qint64>::max());
    if (!before)
        return respond(std::move(responder), HttpReply::error(before.error()));
    respondLater(this, std::move(responder), m_ctx.withDb([f = *filter, before = *before, limit = int(*limit)](QSqlDatabase &db) {
        return HttpReply::from(AuditRepository(db).page(f, before, limit), [](const AuditPage &p) { return p.toJson(); });
    }));
}

void AuditHandler::actions(QHttpServerResponder &&responder)
{
    respondLater(this, std::move(responder), m_ctx.withDb([](QSqlDatabase &db) {
        return HttpReply::from(AuditRepository(db).actions(), [](const QStringList &actions) {
            return QJsonObject{{u"actions"_s, QJsonArray::fromStringList(actions)}};
        });
    }));
}

} // namespace taskmill
