// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// The admin endpoints of BackendClient: accounts, API tokens, invites and the audit log (docs/security.md,
// "Accounts and tokens", "Registration"; docs/api.md, "Audit log").
#include "client/BackendClient.h"
#include "client/BackendClientCall.h"

#include <QJsonDocument>

namespace taskmill {

namespace {
const QString UsersPath = QStringLiteral("/api/v1/users");
const QString TokensPath = QStringLiteral("/api/v1/tokens");
const QString AuditPath = QStringLiteral("/api/v1/audit");
const QString InvitesPath = QStringLiteral("/api/v1/invites");
constexpr int HttpNoContent = 204;

QString itemPath(const QString &collection, qint64 id)
{
    return collection + u'/' + QString::number(id);
}

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

// {"deleted": 3} / {"revoked": 3}: the id the server acted on.
std::function<Result<qint64>(const QJsonObject &)> idAnswer(const QString &key)
{
    return [key](const QJsonObject &o) -> Result<qint64> {
        const QJsonValue id = o.value(key);
        if (!id.isDouble() || id.toInteger() <= 0)
            return ApiError::badRequest(key + QStringLiteral(" must be a positive integer"), key);
        return id.toInteger();
    };
}
} // namespace

QFuture<Result<QList<UserAccount>>> BackendClient::listUsers()
{
    using Users = QList<UserAccount>;
    return call<Users>(Verb::Get, UsersPath, {}, {}, objectDecoder<Users>(&userListFromJson));
}

QFuture<Result<UserAccount>> BackendClient::createUser(const NewUser &user)
{
    return call<UserAccount>(Verb::Post, UsersPath, {}, compact(user.toJson()),
                             objectDecoder<UserAccount>(&UserAccount::fromJson));
}

QFuture<Result<UserAccount>> BackendClient::updateUser(qint64 id, const UserChange &change)
{
    return call<UserAccount>(Verb::Patch, itemPath(UsersPath, id), {}, compact(change.toJson()),
                             objectDecoder<UserAccount>(&UserAccount::fromJson));
}

QFuture<Result<qint64>> BackendClient::deleteUser(qint64 id)
{
    return call<qint64>(Verb::Delete, itemPath(UsersPath, id), {}, {}, objectDecoder<qint64>(idAnswer(QStringLiteral("deleted"))));
}

QFuture<Result<QList<ApiTokenInfo>>> BackendClient::listTokens()
{
    using Tokens = QList<ApiTokenInfo>;
    return call<Tokens>(Verb::Get, TokensPath, {}, {}, objectDecoder<Tokens>(&tokenListFromJson));
}

QFuture<Result<CreatedToken>> BackendClient::createToken(const NewToken &token)
{
    return call<CreatedToken>(Verb::Post, TokensPath, {}, compact(token.toJson()),
                              objectDecoder<CreatedToken>(&CreatedToken::fromJson));
}

QFuture<Result<qint64>> BackendClient::revokeToken(qint64 id)
{
    return call<qint64>(Verb::Delete, itemPath(TokensPath, id), {}, {}, objectDecoder<qint64>(idAnswer(QStringLiteral("revoked"))));
}

QFuture<Result<QList<InviteInfo>>> BackendClient::listInvites()
{
    using Invites = QList<InviteInfo>;
    return call<Invites>(Verb::Get, InvitesPath, {}, {}, objectDecoder<Invites>(&inviteListFromJson));
}

QFuture<Result<CreatedInvite>> BackendClient::createInvite(const NewInvite &invite)
{
    return call<CreatedInvite>(Verb::Post, InvitesPath, {}, compact(invite.toJson()),
                               objectDecoder<CreatedInvite>(&CreatedInvite::fromJson));
}

QFuture<Result<qint64>> BackendClient::deleteInvite(qint64 id)
{
    // Unlike users and tokens, a deleted invite answers 204 without a body.
    const auto decode = [this, id](const RawResponse &r) -> Result<qint64> {
        if (r.status == HttpNoContent)
            return id;
        const Result<QJsonObject> o = decodeObject(r);
        if (!o)
            return o.error();
        return unexpectedResponse(ApiError::badRequest(tr("a deleted invite answers 204, not HTTP %1").arg(r.status)));
    };
    return call<qint64>(Verb::Delete, itemPath(InvitesPath, id), {}, {}, decode);
}

QFuture<Result<AuditPage>> BackendClient::audit(const AuditFilter &filter, qint64 before, int limit)
{
    // addToQuery percent-encodes the values itself, so an actor with '+', '&' or '@' arrives as typed.
    QUrlQuery query;
    filter.addToQuery(query);
    if (before > 0)
        query.addQueryItem(QStringLiteral("before"), QString::number(before));
    query.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    return call<AuditPage>(Verb::Get, AuditPath, query, {}, objectDecoder<AuditPage>(&AuditPage::fromJson));
}

QFuture<Result<QStringList>> BackendClient::auditActions()
{
    return call<QStringList>(Verb::Get, AuditPath + QStringLiteral("/actions"), {}, {},
                             objectDecoder<QStringList>(&auditActionsFromJson));
}

} // namespace taskmill
