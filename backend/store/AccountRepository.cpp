// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "store/AccountRepository.h"

#include "store/Database.h"
#include "store/PgArray.h"

#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace taskmill {

namespace {
const QString UserColumns = u"id, email, password_hash, role, payloads, created_at"_s;
const QString TokenColumns =
    u"id, name, secret_hash, role, payloads, coalesce(array_to_string(types, ','), ''), coalesce(created_by, ''), created_at, last_used_at"_s;
const QString UniqueViolation = u"23505"_s;

UserRow userFromRow(const QSqlQuery &q)
{
    return {q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString(),
            q.value(4).toBool(), q.value(5).toDateTime().toUTC()};
}

TokenRow tokenFromRow(const QSqlQuery &q)
{
    TokenRow t{q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toByteArray(), q.value(3).toString(),
               q.value(4).toBool(), q.value(5).toString().split(u',', Qt::SkipEmptyParts), q.value(6).toString(),
               q.value(7).toDateTime().toUTC(), {}};
    if (!q.value(8).isNull())
        t.lastUsedAt = q.value(8).toDateTime().toUTC();
    return t;
}
} // namespace

QString AccountRepository::hex(const QByteArray &bytes)
{
    return u"\\x"_s + QString::fromLatin1(bytes.toHex());
}

Result<QList<UserRow>> AccountRepository::users()
{
    QSqlQuery q(m_db);
    if (!q.exec(u"SELECT "_s + UserColumns + u" FROM users ORDER BY email"_s))
        return dbError(q.lastError(), u"list users"_s);
    QList<UserRow> out;
    while (q.next())
        out.append(userFromRow(q));
    return out;
}

Result<UserRow> AccountRepository::user(qint64 id)
{
    QSqlQuery q(m_db);
    q.prepare(u"SELECT "_s + UserColumns + u" FROM users WHERE id = ?"_s);
    q.addBindValue(id);
    if (!q.exec())
        return dbError(q.lastError(), u"read user"_s);
    if (!q.next())
        return ApiError::notFound(u"no user with id %1"_s.arg(id));
    return userFromRow(q);
}

std::optional<UserRow> AccountRepository::userByEmail(const QString &email, std::optional<ApiError> *error)
{
    QSqlQuery q(m_db);
    q.prepare(u"SELECT "_s + UserColumns + u" FROM users WHERE email = ?"_s);
    q.addBindValue(email.toLower());
    if (!q.exec()) {
        *error = dbError(q.lastError(), u"find user"_s);
        return std::nullopt;
    }
    if (!q.next())
        return std::nullopt;
    return userFromRow(q);
}

Result<UserRow> AccountRepository::insertUser(const QString &email, const QString &passwordHash, const QString &role, bool payloads)
{
    QSqlQuery q(m_db);
    q.prepare(u"INSERT INTO users (email, password_hash, role, payloads) VALUES (?, ?, ?, ?) RETURNING "_s + UserColumns);
    q.addBindValue(email.toLower());
    q.addBindValue(passwordHash);
    q.addBindValue(role);
    q.addBindValue(payloads);
    if (!q.exec()) {
        if (q.lastError().nativeErrorCode() == UniqueViolation)
            return ApiError{ErrorCode::Conflict, u"a user with the e-mail '%1' exists"_s.arg(email.toLower()), u"email"_s, {}};
        return dbError(q.lastError(), u"insert user"_s);
    }
    q.next();
    return userFromRow(q);
}

Result<UserRow> AccountRepository::updateUser(qint64 id, const std::optional<QString> &passwordHash,
                                              const std::optional<QString> &role, std::optional<bool> payloads)
{
    QSqlQuery q(m_db);
    q.prepare(u"UPDATE users SET password_hash = coalesce(?, password_hash), role = coalesce(?, role), "
              "payloads = coalesce(?::boolean, payloads), updated_at = now() WHERE id = ? RETURNING "_s + UserColumns);
    q.addBindValue(passwordHash ? QVariant(*passwordHash) : QVariant(QMetaType(QMetaType::QString)));
    q.addBindValue(role ? QVariant(*role) : QVariant(QMetaType(QMetaType::QString)));
    q.addBindValue(payloads ? QVariant(*payloads) : QVariant(QMetaType(QMetaType::Bool)));
    q.addBindValue(id);
    if (!q.exec())
        return dbError(q.lastError(), u"update user"_s);
    if (!q.next())
        return ApiError::notFound(u"no user with id %1"_s.arg(id));
    return userFromRow(q);
}

Result<Unit> AccountRepository::deleteUser(qint64 id)
{
    QSqlQuery q(m_db);
    q.prepare(u"DELETE FROM users WHERE id = ?"_s);
    q.addBindValue(id);
    if (!q.exec())
        return dbError(q.lastError(), u"delete user"_s);
    if (q.numRowsAffected() == 0)
        return ApiError::notFound(u"no user with id %1"_s.arg(id));
    return Unit{};
}

Result<qint64> AccountRepository::countAdmins()
{
    QSqlQuery q(m_db);
    if (!q.exec(u"SELECT count(*) FROM users WHERE role = 'admin'"_s) || !q.next())
        return dbError(q.lastError(), u"count admins"_s);
    return q.value(0).toLongLong();
}

Result<QList<TokenRow>> AccountRepository::tokens()
{
    QSqlQuery q(m_db);
    if (!q.exec(u"SELECT "_s + TokenColumns + u" FROM api_tokens WHERE revoked_at IS NULL ORDER BY id DESC"_s))
        return dbError(q.lastError(), u"list tokens"_s);
    QList<TokenRow> out;
    while (q.next())
        out.append(tokenFromRow(q));
    return out;
}

Result<TokenRow> AccountRepository::insertToken(const QString &name, const QByteArray &secretHash, const QString &role,
                                                bool payloads, const QStringList &types, const QString &createdBy)
{
    QSqlQuery q(m_db);
    q.prepare(u"INSERT INTO api_tokens (name, secret_hash, role, payloads, types, created_by) "
              "VALUES (?, ?::bytea, ?, ?, CASE WHEN ? THEN ?::text[] END, ?) RETURNING "_s + TokenColumns);
    q.addBindValue(name);
    q.addBindValue(hex(secretHash));
    q.addBindValue(role);
    q.addBindValue(payloads);
    q.addBindValue(!types.isEmpty());
    q.addBindValue(pgTextArray(types));
    q.addBindValue(createdBy);
    if (!q.exec())
        return dbError(q.lastError(), u"insert token"_s);
    q.next();
    return tokenFromRow(q);
}

Result<Unit> AccountRepository::revokeToken(qint64 id)
{
    QSqlQuery q(m_db);
    q.prepare(u"UPDATE api_tokens SET revoked_at = now() WHERE id = ? AND revoked_at IS NULL"_s);
    q.addBindValue(id);
    if (!q.exec())
        return dbError(q.lastError(), u"revoke token"_s);
    if (q.numRowsAffected() == 0)
        return ApiError::notFound(u"no live token with id %1"_s.arg(id));
    return Unit{};
}

Result<bool> AccountRepository::liveTokenExists(const QByteArray &secretHash)
{
    QSqlQuery q(m_db);
    q.prepare(u"SELECT 1 FROM api_tokens WHERE secret_hash = ?::bytea AND revoked_at IS NULL"_s);
    q.addBindValue(hex(secretHash));
    if (!q.exec())
        return dbError(q.lastError(), u"find token"_s);
    return q.next();
}

Result<Unit> AccountRepository::touchTokens(const QList<qint64> &ids)
{
    if (ids.isEmpty())
        return Unit{};
    QStringList text;
    for (qint64 id : ids)
        text << QString::number(id);
    QSqlQuery q(m_db);
    q.prepare(u"UPDATE api_tokens SET last_used_at = now() WHERE id = ANY(?::bigint[])"_s);
    q.addBindValue(QString(u"{"_s + text.join(u',') + u"}"_s));
    if (!q.exec())
        return dbError(q.lastError(), u"record token use"_s);
    return Unit{};
}

Result<Unit> AccountRepository::insertRefresh(qint64 userId, const QByteArray &secretHash, const QDateTime &expiresAt)
{
    QSqlQuery q(m_db);
    q.prepare(u"INSERT INTO refresh_tokens (user_id, secret_hash, expires_at) VALUES (?, ?::bytea, ?::timestamptz)"_s);
    q.addBindValue(userId);
    q.addBindValue(hex(secretHash));
    q.addBindValue(expiresAt.toUTC().toString(Qt::ISODateWithMs));
    if (!q.exec())
        return dbError(q.lastError(), u"store refresh token"_s);
    return Unit{};
}

Result<qint64> AccountRepository::takeRefresh(const QByteArray &secretHash)
{
    QSqlQuery q(m_db);
    q.prepare(u"UPDATE refresh_tokens SET revoked_at = now() WHERE secret_hash = ?::bytea AND revoked_at IS NULL "
              "AND expires_at > now() RETURNING user_id"_s);
    q.addBindValue(hex(secretHash));
    if (!q.exec())
        return dbError(q.lastError(), u"use refresh token"_s);
    if (!q.next())
        return ApiError{ErrorCode::Unauthorized, u"the refresh token is unknown, used, revoked or expired: log in again"_s,
                        u"refresh_token"_s, {}};
    return q.value(0).toLongLong();
}

Result<Unit> AccountRepository::revokeRefresh(const QByteArray &secretHash)
{
    QSqlQuery q(m_db);
    q.prepare(u"UPDATE refresh_tokens SET revoked_at = now() WHERE secret_hash = ?::bytea AND revoked_at IS NULL"_s);
    q.addBindValue(hex(secretHash));
    if (!q.exec())
        return dbError(q.lastError(), u"revoke refresh token"_s);
    return Unit{};
}

Result<QByteArray> AccountRepository::signingKey(const QString &name, const QByteArray &fresh)
{
    QSqlQuery q(m_db);
    q.prepare(u"INSERT INTO auth_keys (name, secret) VALUES (?, ?::bytea) ON CONFLICT (name) DO NOTHING"_s);
    q.addBindValue(name);
    q.addBindValue(hex(fresh));
    if (!q.exec())
        return dbError(q.lastError(), u"store signing key"_s);
    QSqlQuery r(m_db);
    r.prepare(u"SELECT secret FROM auth_keys WHERE name = ?"_s);
    r.addBindValue(name);
    if (!r.exec() || !r.next())
        return dbError(r.lastError(), u"read signing key"_s);
    return r.value(0).toByteArray();
}

} // namespace taskmill
