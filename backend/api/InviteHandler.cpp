// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "api/InviteHandler.h"

#include "api/AuthHandler.h"
#include "api/HttpReply.h"
#include "api/Request.h"
#include "codec/TaskJson.h"
#include "service/Credentials.h"
#include "store/AccountRepository.h"

#include <QHttpServer>
#include <QJsonArray>

#include <cmath>

using namespace Qt::StringLiterals;

namespace taskmill {

namespace {
using Method = QHttpServerRequest::Method;

QJsonValue orNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

QJsonObject inviteJson(const InviteRow &i)
{
    return {{u"id"_s, i.id},
            {u"role"_s, i.role},
            {u"email"_s, orNull(i.email)},
            {u"state"_s, i.state},
            {u"created_by"_s, orNull(i.createdBy)},
            {u"created_at"_s, formatTimestamp(i.createdAt)},
            {u"expires_at"_s, formatTimestamp(i.expiresAt)},
            {u"used_at"_s, i.usedAt.isValid() ? QJsonValue(formatTimestamp(i.usedAt)) : QJsonValue(QJsonValue::Null)},
            {u"used_by"_s, i.usedBy > 0 ? QJsonValue(i.usedBy) : QJsonValue(QJsonValue::Null)}};
}
} // namespace

InviteHandler::InviteHandler(ApiContext &context, QObject *parent) : QObject(parent), m_ctx(context) {}

void InviteHandler::registerRoutes(RouteRegistry &server)
{
    server.route(u"/api/v1/invites"_s, Method::Post, [this](const QHttpServerRequest &r, QHttpServerResponder &&resp) {
        create(r, std::move(resp));
    });
    server.route(u"/api/v1/invites"_s, Method::Get, [this](const QHttpServerRequest &, QHttpServerResponder &&resp) {
        list(std::move(resp));
    });
    server.route(u"/api/v1/invites/<arg>"_s, Method::Delete,
                 [this](const QString &id, const QHttpServerRequest &r, QHttpServerResponder &&resp) { remove(id, r, std::move(resp)); });
}

void InviteHandler::create(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    auto body = request::objectBody(request, m_ctx.config().maxBodyBytes, u"{\"role\"?, \"email\"?, \"ttl_s\"?}"_s);
    if (!body)
        return respond(std::move(responder), HttpReply::error(body.error()));
    QString role = u"user"_s;
    if (const QJsonValue v = body->value(u"role"_s); !v.isUndefined() && !v.isNull())
        if (auto e = AuthHandler::checkRole(v, &role))
            return respond(std::move(responder), HttpReply::error(*e));
    QString email;
    if (const QJsonValue v = body->value(u"email"_s); !v.isUndefined() && !v.isNull()) {
        email = v.toString().trimmed().toLower(); // not a string: empty, refused below
        if (auto e = AuthHandler::checkEmail(email))
            return respond(std::move(responder), HttpReply::error(*e));
    }
    int ttlS = DefaultTtlS;
    if (const QJsonValue v = body->value(u"ttl_s"_s); !v.isUndefined() && !v.isNull()) {
        const double d = v.toDouble(-1);
        if (!v.isDouble() || d != std::trunc(d) || d < MinTtlS || d > MaxTtlS)
            return respond(std::move(responder), HttpReply::error(ApiError::validation(
                u"ttl_s"_s, u"must be whole seconds from %1 to %2"_s.arg(MinTtlS).arg(MaxTtlS))));
        ttlS = int(d);
    }
    const QString createdBy = RouteRegistry::principal().actor();
    const QString auditActor = request::actor(request);
    respondLater(this, std::move(responder), m_ctx.withDb([role, email, ttlS, createdBy, auditActor](QSqlDatabase &db) {
        const QByteArray code = credentials::newSecret("inv_");
        const QDateTime expiresAt = QDateTime::currentDateTimeUtc().addSecs(ttlS);
        auto invite = AccountRepository(db).insertInvite(credentials::secretHash(code), role, email, expiresAt, createdBy, auditActor);
        return HttpReply::from(invite, [code](const InviteRow &i) {
            QJsonObject o = inviteJson(i);
            o.insert(u"code"_s, QString::fromLatin1(code)); // shown this once; only its hash is kept
            return o;
        }, 201);
    }));
}

void InviteHandler::list(QHttpServerResponder &&responder)
{
    respondLater(this, std::move(responder), m_ctx.withDb([](QSqlDatabase &db) {
        return HttpReply::from(AccountRepository(db).invites(), [](const QList<InviteRow> &invites) {
            QJsonArray items;
            for (const InviteRow &i : invites)
                items.append(inviteJson(i));
            return QJsonObject{{u"items"_s, items}};
        });
    }));
}

void InviteHandler::remove(const QString &idText, const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    bool ok = false;
    const qint64 id = idText.toLongLong(&ok);
    if (!ok || id <= 0)
        return respond(std::move(responder), HttpReply::error(ApiError::notFound(u"no invite with id '%1'"_s.arg(idText.left(40)))));
    respondLater(this, std::move(responder), m_ctx.withDb([id, auditActor = request::actor(request)](QSqlDatabase &db) {
        auto gone = AccountRepository(db).deleteInvite(id, auditActor);
        if (!gone)
            return HttpReply::error(gone.error());
        return HttpReply{204, {}, "application/json", {}};
    }));
}

} // namespace taskmill
