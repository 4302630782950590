// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "api/AuthHandler.h"

#include "api/HttpReply.h"
#include "api/Request.h"
#include "observability/Logging.h"
#include "service/Authenticator.h"
#include "service/Credentials.h"
#include "store/AccountRepository.h"
#include "store/Transaction.h"
#include "codec/TaskJson.h"
#include "wire/AccountTypes.h"

#include <QJsonArray>
#include <QRegularExpression>

using namespace Qt::StringLiterals;
using Method = QHttpServerRequest::Method;

namespace taskmill {

namespace {
// The wire forms (shared/wire/AccountTypes, which the app parses): admins always see payloads.
QJsonObject userJson(const UserRow &u)
{
    return UserAccount{u.id, u.email, u.role, u.payloads || u.role == u"admin", u.createdAt}.toJson();
}

QJsonObject tokenJson(const TokenRow &t)
{
    return ApiTokenInfo{t.id, t.name, t.role, t.payloads || t.role == u"admin", t.types, t.createdBy, t.createdAt, t.lastUsedAt}
        .toJson();
}

std::optional<ApiError> checkPassword(const QString &password)
{
    if (password.size() < AuthHandler::PasswordMin || password.size() > AuthHandler::PasswordMax)
        return ApiError::validation(u"password"_s, u"must be %1 to %2 characters"_s.arg(AuthHandler::PasswordMin).arg(AuthHandler::PasswordMax));
    return std::nullopt;
}

// The answer of a login, a registration and a refresh: a short-lived access token and a refresh token.
Result<QJsonObject> issueTokens(QSqlDatabase &db, Authenticator &auth, const UserRow &user, int refreshTtlS)
{
    // An account made elsewhere moments ago (another api process, `taskmilld user add`) is not in this
    // process's snapshot until its next reload: without this, the token just issued would be refused as
    // "the account no longer exists" for up to a second.
    if (!auth.userPrincipal(user.id))
        if (auto r = auth.reload(db); !r)
            qCWarning(lcApi).noquote() << "reloading accounts for a new login:" << r.error().message;
    const QByteArray refresh = credentials::newSecret("rt_");
    if (auto r = AccountRepository(db).insertRefresh(user.id, credentials::secretHash(refresh),
                                                     QDateTime::currentDateTimeUtc().addSecs(refreshTtlS)); !r)
        return r.error();
    const QString access = QString::fromLatin1(auth.signAccessToken(user.id));
    return QJsonObject{{u"token"_s, access}, {u"access_token"_s, access}, {u"token_type"_s, u"Bearer"_s},
                       {u"expires_in"_s, auth.accessTtlS()}, {u"refresh_token"_s, QString::fromLatin1(refresh)},
                       {u"user"_s, userJson(user)}};
}

Result<qint64> idOf(const QString &text, const QString &what)
{
    bool ok = false;
    const qint64 id = text.toLongLong(&ok);
    if (!ok || id <= 0)
        return ApiError::notFound(u"no %1 with id '%2'"_s.arg(what, text.left(40)));
    return id;
}
} // namespace

std::optional<ApiError> AuthHandler::checkEmail(const QString &email)
{
    static const QRegularExpression plain(u"^[^@\\s\\x00-\\x1f]+@[^@\\s\\x00-\\x1f]+$"_s);
    if (email.size() > EmailMax || !plain.match(email).hasMatch())
        return ApiError::validation(u"email"_s, u"must be an e-mail address like ops@example.com"_s);
    return std::nullopt;
}

std::optional<ApiError> AuthHandler::checkRole(const QJsonValue &v, QString *out)
{
    if (!v.isString() || !accountRoleFromString(v.toString()))
        return ApiError::validation(u"role"_s, u"must be one of user, viewer, operator, admin"_s);
    *out = v.toString();
    return std::nullopt;
}

AuthHandler::AuthHandler(ApiContext &context, QObject *parent)
    : QObject(parent), m_ctx(context), m_throttle(context.config().loginMaxFailures, context.config().loginWindowS)
{
}

void AuthHandler::registerRoutes(RouteRegistry &server)
{
    for (const QString &path : {u"/api/login"_s, u"/api/v1/auth/login"_s})
        server.route(path, Method::Post, [this](const QHttpServerRequest &r, QHttpServerResponder &&resp) { login(r, std::move(resp)); });
    server.route(u"/api/register"_s, Method::Post, [this](const QHttpServerRequest &r, QHttpServerResponder &&resp) {
        registerUser(r, std::move(resp));
    });
    server.route(u"/api/v1/auth/refresh"_s, Method::Post, [this](const QHttpServerRequest &r, QHttpServerResponder &&resp) {
        refresh(r, std::move(resp));
    });
    server.route(u"/api/v1/auth/logout"_s, Method::Post, [this](const QHttpServerRequest &r, QHttpServerResponder &&resp) {
        logout(r, std::move(resp));
    });
    server.route(u"/api/v1/auth/me"_s, Method::Get, [](const QHttpServerRequest &, QHttpServerResponder &&resp) {
        const Principal &p = RouteRegistry::principal();
        respond(std::move(resp), HttpReply::json(QJsonObject{{u"actor"_s, p.actor()}, {u"name"_s, p.name}, {u"role"_s, toString(p.role)},
                                                             {u"payloads"_s, p.payloads}, {u"types"_s, QJsonArray::fromStringList(p.types)}}));
    });
    server.route(u"/api/v1/users"_s, Method::Get, [this](const QHttpServerRequest &, QHttpServerResponder &&resp) {
        respondLater(this, std::move(resp), m_ctx.withDb([](QSqlDatabase &db) {
            return HttpReply::from(AccountRepository(db).users(), [](const QList<UserRow> &users) {
                QJsonArray items;
                for (const UserRow &u : users)
                    items.append(userJson(u));
                return QJsonObject{{u"items"_s, items}};
            });
        }));
    });
    server.route(u"/api/v1/users"_s, Method::Post, [this](const QHttpServerRequest &r, QHttpServerResponder &&resp) {
        createUser(r, std::move(resp));
    });
    server.route(u"/api/v1/users/<arg>"_s, Method::Patch, [this](const QString &id, const QHttpServerRequest &r, QHttpServerResponder &&resp) {
        updateUser(id, r, std::move(resp));
    });
    server.route(u"/api/v1/users/<arg>"_s, Method::Delete, [this](const QString &id, const QHttpServerRequest &, QHttpServerResponder &&resp) {
        deleteUser(id, std::move(resp));
    });
    server.route(u"/api/v1/tokens"_s, Method::Get, [this](const QHttpServerRequest &, QHttpServerResponder &&resp) {
        respondLater(this, std::move(resp), m_ctx.withDb([](QSqlDatabase &db) {
            return HttpReply::from(AccountRepository(db).tokens(), [](const QList<TokenRow> &tokens) {
                QJsonArray items;
                for (const TokenRow &t : tokens)
                    items.append(tokenJson(t));
                return QJsonObject{{u"items"_s, items}};
            });
        }));
    });
    server.route(u"/api/v1/tokens"_s, Method::Post, [this](const QHttpServerRequest &r, QHttpServerResponder &&resp) {
        createToken(r, std::move(resp));
    });
    server.route(u"/api/v1/tokens/<arg>"_s, Method::Delete, [this](const QString &id, const QHttpServerRequest &, QHttpServerResponder &&resp) {
        revokeToken(id, std::move(resp));
    });
}

void AuthHandler::login(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    auto body = request::objectBody(request, m_ctx.config().maxBodyBytes, u"{\"email\": \"…\", \"password\": \"…\"}"_s);
    if (!body)
        return respond(std::move(responder), HttpReply::error(body.error()));
    const QString email = body->value(u"email"_s).toString().trimmed().toLower();
    const QString password = body->value(u"password"_s).toString();
    const QString address = request.remoteAddress().toString();
    if (const auto wait = m_throttle.retryAfter(email, address)) {
        ApiError e{ErrorCode::TooManyRequests, u"too many failed logins: try again in %1 s"_s.arg(*wait), {}, {}};
        e.retryAfterS = *wait;
        return respond(std::move(responder), HttpReply::error(e));
    }
    Authenticator &auth = m_ctx.auth();
    const int refreshTtl = m_ctx.config().refreshTtlS;
    respondLater(this, std::move(responder), m_ctx.withDb([this, &auth, email, password, address, refreshTtl](QSqlDatabase &db) {
        std::optional<ApiError> error;
        const std::optional<UserRow> user = AccountRepository(db).userByEmail(email, &error);
        if (error)
            return HttpReply::error(*error);
        // The same work and the same answer whether or not the account exists: no account enumeration.
        static const QString dummy = credentials::hashPassword(u"not a password of anyone"_s);
        const bool ok = credentials::verifyPassword(password, user ? user->passwordHash : dummy) && user;
        if (!ok) {
            m_throttle.failed(email, address);
            qCInfo(lcApi).noquote() << "failed login from" << address;
            return HttpReply::error(ApiError{ErrorCode::Unauthorized, u"wrong e-mail or password"_s, {}, {}});
        }
        m_throttle.succeeded(email);
        return HttpReply::from(issueTokens(db, auth, *user, refreshTtl), [](const QJsonObject &o) { return o; });
    }));
}

void AuthHandler::registerUser(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    const bool byInvite = m_ctx.config().registrationByInvite();
    if (!m_ctx.config().registrationOpen() && !byInvite)
        return respond(std::move(responder), HttpReply::error(ApiError{ErrorCode::Forbidden,
            u"registration is closed on this server (auth.registration): ask an admin for an account"_s, {}, {}}));
    auto body = request::objectBody(request, m_ctx.config().maxBodyBytes, u"{\"email\": \"…\", \"password\": \"…\"}"_s);
    if (!body)
        return respond(std::move(responder), HttpReply::error(body.error()));
    // Open registration ignores an "invite": such accounts are always `user`.
    const QByteArray invite = byInvite ? body->value(u"invite"_s).toString().toUtf8() : QByteArray();
    if (byInvite && invite.isEmpty())
        return respond(std::move(responder), HttpReply::error(ApiError{ErrorCode::Forbidden,
            u"registration on this server needs an invite (auth.registration = invite): ask an admin for one"_s, u"invite"_s, {}}));
    const QString email = body->value(u"email"_s).toString().trimmed().toLower();
    const QString password = body->value(u"password"_s).toString();
    if (auto e = checkEmail(email); e || (e = checkPassword(password)))
        return respond(std::move(responder), HttpReply::error(*e));
    Authenticator &auth = m_ctx.auth();
    const int refreshTtl = m_ctx.config().refreshTtlS;
    respondLater(this, std::move(responder), m_ctx.withDb([&auth, email, password, invite, refreshTtl](QSqlDatabase &db) {
        // Hashed before the invite is taken, so its row stays locked only for the inserts.
        const QString hash = credentials::hashPassword(password);
        auto user = invite.isEmpty() ? AccountRepository(db).insertUser(email, hash, u"user"_s, false)
                                     : AccountRepository(db).insertInvitedUser(credentials::secretHash(invite), email, hash);
        if (!user)
            return HttpReply::error(user.error());
        if (auto r = auth.reload(db); !r)
            qCWarning(lcApi).noquote() << "reloading accounts after a registration:" << r.error().message;
        return HttpReply::from(issueTokens(db, auth, *user, refreshTtl), [](const QJsonObject &o) { return o; }, 201);
    }));
}

void AuthHandler::refresh(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    auto body = request::objectBody(request, m_ctx.config().maxBodyBytes, u"{\"refresh_token\": \"…\"}"_s);
    if (!body)
        return respond(std::move(responder), HttpReply::error(body.error()));
    const QByteArray token = body->value(u"refresh_token"_s).toString().toLatin1();
    Authenticator &auth = m_ctx.auth();
    const int refreshTtl = m_ctx.config().refreshTtlS;
    respondLater(this, std::move(responder), m_ctx.withDb([&auth, token, refreshTtl](QSqlDatabase &db) {
        Transaction tx(db);
        auto userId = AccountRepository(db).takeRefresh(credentials::secretHash(token));
        if (!userId)
            return HttpReply::error(userId.error());
        auto user = AccountRepository(db).user(*userId);
        if (!user)
            return HttpReply::error(user.error());
        auto issued = issueTokens(db, auth, *user, refreshTtl);
        if (issued && !tx.commit())
            return HttpReply::error(dbError(db.lastError(), u"commit"_s));
        return HttpReply::from(issued, [](const QJsonObject &o) { return o; });
    }));
}

void AuthHandler::logout(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    auto body = request::objectBody(request, m_ctx.config().maxBodyBytes, u"{\"refresh_token\": \"…\"}"_s);
    if (!body)
        return respond(std::move(responder), HttpReply::error(body.error()));
    const QByteArray token = body->value(u"refresh_token"_s).toString().toLatin1();
    respondLater(this, std::move(responder), m_ctx.withDb([token](QSqlDatabase &db) {
        return HttpReply::from(AccountRepository(db).revokeRefresh(credentials::secretHash(token)),
                               [](const Unit &) { return QJsonObject{{u"logged_out"_s, true}}; });
    }));
}

void AuthHandler::createUser(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    auto body = request::objectBody(request, m_ctx.config().maxBodyBytes, u"{\"email\", \"password\", \"role\"}"_s);
    if (!body)
        return respond(std::move(responder), HttpReply::error(body.error()));
    const QString email = body->value(u"email"_s).toString().trimmed().toLower();
    const QString password = body->value(u"password"_s).toString();
    QString role;
    if (auto e = checkEmail(email); e || (e = checkPassword(password)) || (e = checkRole(body->value(u"role"_s), &role)))
        return respond(std::move(responder), HttpReply::error(*e));
    const bool payloads = body->value(u"payloads"_s).toBool(false);
    Authenticator &auth = m_ctx.auth();
    respondLater(this, std::move(responder), m_ctx.withDb([&auth, email, password, role, payloads](QSqlDatabase &db) {
        auto user = AccountRepository(db).insertUser(email, credentials::hashPassword(password), role, payloads);
        if (user)
            if (auto r = auth.reload(db); !r)
                qCWarning(lcApi).noquote() << "reloading accounts:" << r.error().message;
        return HttpReply::from(user, userJson, 201);
    }));
}

void AuthHandler::updateUser(const QString &idText, const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    auto id = idOf(idText, u"user"_s);
    if (!id)
        return respond(std::move(responder), HttpReply::error(id.error()));
    auto body = request::objectBody(request, m_ctx.config().maxBodyBytes, u"{\"password\"?, \"role\"?, \"payloads\"?}"_s);
    if (!body)
        return respond(std::move(responder), HttpReply::error(body.error()));
    std::optional<QString> hash, role;
    std::optional<bool> payloads;
    if (body->contains(u"password"_s)) {
        if (auto e = checkPassword(body->value(u"password"_s).toString()))
            return respond(std::move(responder), HttpReply::error(*e));
        hash = credentials::hashPassword(body->value(u"password"_s).toString());
    }
    if (body->contains(u"role"_s)) {
        QString r;
        if (auto e = checkRole(body->value(u"role"_s), &r))
            return respond(std::move(responder), HttpReply::error(*e));
        role = r;
    }
    if (body->contains(u"payloads"_s))
        payloads = body->value(u"payloads"_s).toBool();
    Authenticator &auth = m_ctx.auth();
    respondLater(this, std::move(responder), m_ctx.withDb([&auth, id = *id, hash, role, payloads](QSqlDatabase &db) {
        auto user = AccountRepository(db).updateUser(id, hash, role, payloads);
        if (user)
            if (auto r = auth.reload(db); !r)
                qCWarning(lcApi).noquote() << "reloading accounts:" << r.error().message;
        return HttpReply::from(user, userJson);
    }));
}

void AuthHandler::deleteUser(const QString &idText, QHttpServerResponder &&responder)
{
    auto id = idOf(idText, u"user"_s);
    if (!id)
        return respond(std::move(responder), HttpReply::error(id.error()));
    Authenticator &auth = m_ctx.auth();
    respondLater(this, std::move(responder), m_ctx.withDb([&auth, id = *id](QSqlDatabase &db) {
        auto gone = AccountRepository(db).deleteUser(id);
        if (gone)
            if (auto r = auth.reload(db); !r)
                qCWarning(lcApi).noquote() << "reloading accounts:" << r.error().message;
        return HttpReply::from(gone, [id](const Unit &) { return QJsonObject{{u"deleted"_s, id}}; });
    }));
}

void AuthHandler::createToken(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    auto body = request::objectBody(request, m_ctx.config().maxBodyBytes, u"{\"name\", \"role\", \"types\"?}"_s);
    if (!body)
        return respond(std::move(responder), HttpReply::error(body.error()));
    const QString name = body->value(u"name"_s).toString().trimmed();
    if (name.isEmpty() || name.size() > 200)
        return respond(std::move(responder), HttpReply::error(ApiError::validation(u"name"_s, u"must be 1 to 200 characters"_s)));
    QString role;
    if (auto e = checkRole(body->value(u"role"_s), &role))
        return respond(std::move(responder), HttpReply::error(*e));
    QStringList types;
    const QJsonValue typesValue = body->value(u"types"_s);
    if (!typesValue.isUndefined() && !typesValue.isNull()) {
        if (!typesValue.isArray())
            return respond(std::move(responder), HttpReply::error(ApiError::validation(u"types"_s, u"must be a list of task types"_s)));
        for (const QJsonValue &t : typesValue.toArray()) {
            if (!t.isString() || t.toString().isEmpty())
                return respond(std::move(responder), HttpReply::error(ApiError::validation(u"types"_s, u"must be a list of task types"_s)));
            types << t.toString();
        }
    }
    const bool payloads = body->value(u"payloads"_s).toBool(false);
    const QString createdBy = RouteRegistry::principal().actor();
    Authenticator &auth = m_ctx.auth();
    respondLater(this, std::move(responder), m_ctx.withDb([&auth, name, role, payloads, types, createdBy](QSqlDatabase &db) {
        const QByteArray secret = credentials::newSecret("tm_");
        auto token = AccountRepository(db).insertToken(name, credentials::secretHash(secret), role, payloads, types, createdBy);
        if (token)
            if (auto r = auth.reload(db); !r)
                qCWarning(lcApi).noquote() << "reloading accounts:" << r.error().message;
        return HttpReply::from(token, [secret](const TokenRow &t) {
            QJsonObject o = tokenJson(t);
            o.insert(u"token"_s, QString::fromLatin1(secret)); // shown this once; only its hash is kept
            return o;
        }, 201);
    }));
}

void AuthHandler::revokeToken(const QString &idText, QHttpServerResponder &&responder)
{
    auto id = idOf(idText, u"token"_s);
    if (!id)
        return respond(std::move(responder), HttpReply::error(id.error()));
    Authenticator &auth = m_ctx.auth();
    respondLater(this, std::move(responder), m_ctx.withDb([&auth, id = *id](QSqlDatabase &db) {
        auto revoked = AccountRepository(db).revokeToken(id);
        // Reloaded before the answer: once the client hears "revoked", this process refuses the token.
        if (revoked)
            if (auto r = auth.reload(db); !r)
                qCWarning(lcApi).noquote() << "reloading accounts:" << r.error().message;
        return HttpReply::from(revoked, [id](const Unit &) { return QJsonObject{{u"revoked"_s, id}}; });
    }));
}

} // namespace taskmill
