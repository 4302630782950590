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

// SQL for users, API tokens, refresh tokens and the access-token signing key (docs/security.md).
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

    // The signing key named `name`, made from `fresh` when there is none yet (first start; racing api processes
    // agree on the one that was inserted first).
    Result<QByteArray> signingKey(const QString &name, const QByteArray &fresh);

private:
    QSqlDatabase m_db;
};

} // namespace taskmill
