// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <QStringList>

#include <optional>

namespace taskmill {

// Rows of the accounts tables (migration 0009). Roles travel as their wire names ("admin"); the service
// layer (service/Principal) gives them meaning.
struct UserRow
{
    qint64 id = 0;
    QString email;
    QString passwordHash;
    QString role;
    bool payloads = false;
    QDateTime createdAt;
};

struct TokenRow
{
    qint64 id = 0;
    QString name;
    QByteArray secretHash;
    QString role;
    bool payloads = false;
    QStringList types;
    QString createdBy;
    QDateTime createdAt, lastUsedAt;
};

// An invite (migration 0010) as admins list it: never its code, of which only a hash is stored.
struct InviteRow
{
    qint64 id = 0;
    QString role;
    QString email;     // empty: any e-mail may use it
    QString createdBy;
    QString state;     // "open", "used" or "expired", as of the query
    QDateTime createdAt, expiresAt;
    QDateTime usedAt;  // invalid: unused
    qint64 usedBy = 0; // 0: unused, or the account it made was deleted
};

// SQL for users, API tokens, refresh tokens, invites and the access-token signing key (docs/security.md).
// The invite methods are in AccountInvites.cpp.
class AccountRepository final
{
public:
    explicit AccountRepository(QSqlDatabase db) : m_db(std::move(db)) {}

    Result<QList<UserRow>> users();
    Result<UserRow> user(qint64 id);
    std::optional<UserRow> userByEmail(const QString &email, std::optional<ApiError> *error);
    // Conflict when the e-mail is taken.
    Result<UserRow> insertUser(const QString &email, const QString &passwordHash, const QString &role, bool payloads);
    // Only the given fields change; NotFound for an unknown id.
    Result<UserRow> updateUser(qint64 id, const std::optional<QString> &passwordHash, const std::optional<QString> &role,
                               std::optional<bool> payloads);
    Result<Unit> deleteUser(qint64 id);
    Result<qint64> countAdmins();

    // Live (not revoked) tokens, newest first; no secrets leave the table.
    Result<QList<TokenRow>> tokens();
    Result<TokenRow> insertToken(const QString &name, const QByteArray &secretHash, const QString &role, bool payloads,
                                 const QStringList &types, const QString &createdBy);
    Result<Unit> revokeToken(qint64 id);
    Result<bool> liveTokenExists(const QByteArray &secretHash);
    // Records that these tokens were used now (one statement; called every few seconds, not per request).
    Result<Unit> touchTokens(const QList<qint64> &ids);

    Result<Unit> insertRefresh(qint64 userId, const QByteArray &secretHash, const QDateTime &expiresAt);
    // Revokes a live, unexpired refresh token and returns its user: each refresh token works once.
    Result<qint64> takeRefresh(const QByteArray &secretHash);
    Result<Unit> revokeRefresh(const QByteArray &secretHash);

    // Invites: each write and its audit_log row ("invite.create", "invite.delete", by `auditActor`) commit together.
    Result<InviteRow> insertInvite(const QByteArray &codeHash, const QString &role, const QString &email,
                                   const QDateTime &expiresAt, const QString &createdBy, const QString &auditActor);
    // Open invites first (newest first), then used and expired ones.
    Result<QList<InviteRow>> invites();
    // NotFound for an unknown id. A used invite may be deleted too: its account stays.
    Result<Unit> deleteInvite(qint64 id, const QString &auditActor);
    // Registration by invite, in one transaction: takes the open, unexpired invite with this code (bound to no
    // e-mail or to this one), inserts the user with the invite's role and records who used it. Forbidden on
    // field "invite" when no such invite exists, with one message for every reason; Conflict when the e-mail is
    // taken, and then the invite stays usable. Of two registrations racing on one code only one commits.
    Result<UserRow> insertInvitedUser(const QByteArray &codeHash, const QString &email, const QString &passwordHash);

    // The signing key named `name`, made from `fresh` when there is none yet (first start; racing api processes
    // agree on the one that was inserted first).
    Result<QByteArray> signingKey(const QString &name, const QByteArray &fresh);

private:
    // A bytea parameter as PostgreSQL's hex text, bound as "?::bytea".
    static QString hex(const QByteArray &bytes);

    QSqlDatabase m_db;
};

} // namespace taskmill
