// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "service/Authenticator.h"

#include "service/Credentials.h"

#include <QDateTime>
#include <QHttpServerRequest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace taskmill {

namespace {
const QString KeyName = u"access-tokens"_s;
const QByteArray ApiTokenPrefix = "tm_";

ApiError invalid(const QString &why)
{
    return ApiError{ErrorCode::Unauthorized, why + u": log in again (POST /api/v1/auth/login) or use a valid API token"_s,
                    u"Authorization"_s, {}};
}
} // namespace

Result<Unit> Authenticator::start(QSqlDatabase &db)
{
    auto key = AccountRepository(db).signingKey(KeyName, credentials::newSecret(""));
    if (!key)
        return key.error();
    {
        std::lock_guard lock(m_mutex);
        m_key = *key;
        m_verified.clear();
    }
    return reload(db);
}

Result<Unit> Authenticator::reload(QSqlDatabase &db)
{
    AccountRepository repo(db);
    auto users = repo.users();
    if (!users)
        return users.error();
    auto tokens = repo.tokens();
    if (!tokens)
        return tokens.error();
    auto next = std::make_shared<Snapshot>();
    for (const UserRow &u : *users)
        next->users.insert(u.id, u);
    for (const TokenRow &t : *tokens)
        next->tokens.insert(t.secretHash, t);
    std::lock_guard lock(m_mutex);
    m_snapshot = std::move(next);
    m_lastReloadOkMs = QDateTime::currentMSecsSinceEpoch();
    return Unit{};
}

Result<Unit> Authenticator::flushUsage(QSqlDatabase &db)
{
    QSet<qint64> used;
    {
        std::lock_guard lock(m_mutex);
        used.swap(m_used);
    }
    return AccountRepository(db).touchTokens(used.values());
}

std::shared_ptr<const Authenticator::Snapshot> Authenticator::snapshot() const
{
    std::lock_guard lock(m_mutex);
    return m_snapshot;
}

std::optional<Principal> Authenticator::userPrincipal(qint64 userId) const
{
    const auto snap = snapshot();
    const auto it = snap->users.constFind(userId);
    if (it == snap->users.cend())
        return std::nullopt;
    Principal p;
    p.kind = Principal::Kind::User;
    p.id = it->id;
    p.name = it->email;
    p.role = accountRoleFromString(it->role).value_or(AccountRole::User);
    p.payloads = it->payloads || p.role == AccountRole::Admin;
    return p;
}

QByteArray Authenticator::signAccessToken(qint64 userId) const
{
    std::lock_guard lock(m_mutex);
    return credentials::signAccessToken(userId, m_key, m_accessTtlS);
}

std::optional<qint64> Authenticator::verifiedUser(const QByteArray &token) const
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    QByteArray key;
    {
        std::lock_guard lock(m_mutex);
        if (const auto it = m_verified.constFind(token); it != m_verified.cend())
            return it->expiresAtS > now ? std::optional<qint64>(it->userId) : std::nullopt;
        key = m_key;
    }
    if (key.isEmpty())
        return std::nullopt; // not started: nothing is valid yet
    qint64 expiresAtS = 0;
    const std::optional<qint64> userId = credentials::verifyAccessToken(token, key, &expiresAtS);
    if (!userId)
        return std::nullopt; // never remembered: a forged token costs the full check every time
    std::lock_guard lock(m_mutex);
    if (key != m_key)
        return std::nullopt; // the key changed while we checked
    if (m_verified.size() >= MaxVerifiedTokens)
        m_verified.clear();
    m_verified.insert(token, {*userId, expiresAtS});
    return userId;
}

Authenticator::Outcome Authenticator::authenticateToken(const QByteArray &token) const
{
    if (token.startsWith(ApiTokenPrefix)) {
        const auto snap = snapshot();
        const auto it = snap->tokens.constFind(credentials::secretHash(token));
        if (it == snap->tokens.cend())
            return {std::nullopt, invalid(u"the API token is unknown or revoked"_s), true};
        Principal p;
        p.kind = Principal::Kind::Token;
        p.id = it->id;
        p.name = it->name;
        p.role = accountRoleFromString(it->role).value_or(AccountRole::Viewer);
        p.payloads = it->payloads || p.role == AccountRole::Admin;
        p.types = it->types;
        {
            std::lock_guard lock(m_mutex);
            m_used.insert(it->id);
        }
        return {p, std::nullopt};
    }
    const std::optional<qint64> userId = verifiedUser(token);
    if (!userId)
        return {std::nullopt, invalid(u"the access token is not valid or has expired"_s)};
    // The account as it is now: a deleted user's token stops working, a changed role applies at once.
    if (auto p = userPrincipal(*userId))
        return {p, std::nullopt};
    return {std::nullopt, invalid(u"the account no longer exists"_s), true};
}

void Authenticator::setReloader(Reloader reloader)
{
    std::lock_guard lock(m_mutex);
    m_reloader = std::move(reloader);
}

bool Authenticator::reloadForUnknown(const QByteArray &token) const
{
    constexpr qint64 WindowMs = 1000;
    Reloader reloader;
    {
        std::lock_guard lock(m_mutex);
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        if (now - m_unknownWindowMs >= WindowMs) {
            m_unknownWindowMs = now;
            m_unknownReloads = 0;
            m_unknownTried.clear();
        }
        // While reloads fail (PostgreSQL away) a synchronous one would only hold the HTTP thread up to the
        // connect timeout: the credential is refused as before, and works once the database is back.
        if (!m_reloader || m_unknownReloads >= MaxUnknownReloadsPerSecond || m_unknownTried.contains(token)
            || now - m_lastReloadOkMs > ReloadHealthyWithinMs)
            return false;
        ++m_unknownReloads;
        m_unknownTried.insert(token);
        reloader = m_reloader;
    }
    reloader(); // outside the lock: reload() takes it
    return true;
}

Authenticator::Outcome Authenticator::authenticate(const QHttpServerRequest &request, bool allowQueryToken) const
{
    return authenticate(request.value("authorization"),
                        allowQueryToken ? request.query().queryItemValue(u"access_token"_s, QUrl::FullyDecoded).toLatin1() : QByteArray(),
                        request.remoteAddress());
}

Authenticator::Outcome Authenticator::authenticate(const QByteArray &authorization, const QByteArray &queryToken,
                                                   const QHostAddress &peer) const
{
    QByteArray token = authorization.trimmed();
    if (token.toLower().startsWith("bearer "))
        token = token.mid(7).trimmed();
    if (token.isEmpty())
        token = queryToken.trimmed();
    if (!token.isEmpty()) {
        Outcome outcome = authenticateToken(token);
        if (outcome.unknown && reloadForUnknown(token))
            outcome = authenticateToken(token);
        return outcome;
    }
    if (m_localAnonymous && peer.isLoopback())
        return {Principal::local(), std::nullopt};
    return {};
}

} // namespace taskmill
