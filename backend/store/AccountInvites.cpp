// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// AccountRepository's invites (migration 0010): registration with auth.registration = invite.
#include "store/AccountRepository.h"

#include "codec/TaskJson.h"
#include "store/Database.h"
#include "store/Transaction.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace taskmill {

namespace {
const QString InviteColumns =
    u"id, role, coalesce(email, ''), coalesce(created_by, ''), "
    "CASE WHEN used_at IS NOT NULL THEN 'used' WHEN expires_at <= now() THEN 'expired' ELSE 'open' END, "
    "created_at, expires_at, used_at, coalesce(used_by, 0)"_s;

InviteRow inviteFromRow(const QSqlQuery &q)
{
    InviteRow i{q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString(),
                q.value(4).toString(), q.value(5).toDateTime().toUTC(), q.value(6).toDateTime().toUTC(), {},
                q.value(8).toLongLong()};
    if (!q.value(7).isNull())
        i.usedAt = q.value(7).toDateTime().toUTC();
    return i;
}

QVariant textOrNull(const QString &text)
{
    return text.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(text);
}

Result<Unit> writeAudit(QSqlDatabase &db, const QString &actor, const QString &action, const QJsonObject &details)
{
    QSqlQuery q(db);
    q.prepare(u"INSERT INTO audit_log (actor, action, details) VALUES (?, ?, ?::jsonb)"_s);
    q.addBindValue(actor);
    q.addBindValue(action);
    q.addBindValue(QString::fromUtf8(QJsonDocument(details).toJson(QJsonDocument::Compact)));
    if (!q.exec())
        return dbError(q.lastError(), u"write audit"_s);
    return Unit{};
}

QJsonObject auditDetails(const InviteRow &i)
{
    return {{u"invite"_s, i.id}, {u"role"_s, i.role},
            {u"email"_s, i.email.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(i.email)},
            {u"expires_at"_s, formatTimestamp(i.expiresAt)}};
}
} // namespace

Result<InviteRow> AccountRepository::insertInvite(const QByteArray &codeHash, const QString &role, const QString &email,
                                                  const QDateTime &expiresAt, const QString &createdBy,
                                                  const QString &auditActor)
{
    Transaction tx(m_db);
    QSqlQuery q(m_db);
    q.prepare(u"INSERT INTO invites (code_hash, role, email, created_by, expires_at) "
              "VALUES (?::bytea, ?, ?, ?, ?::timestamptz) RETURNING "_s + InviteColumns);
    q.addBindValue(hex(codeHash));
    q.addBindValue(role);
    q.addBindValue(textOrNull(email.toLower()));
    q.addBindValue(createdBy);
    q.addBindValue(expiresAt.toUTC().toString(Qt::ISODateWithMs));
    if (!q.exec() || !q.next())
        return dbError(q.lastError(), u"insert invite"_s);
    const InviteRow invite = inviteFromRow(q);
    if (auto a = writeAudit(m_db, auditActor, u"invite.create"_s, auditDetails(invite)); !a)
        return a.error();
    if (!tx.commit())
        return dbError(m_db.lastError(), u"commit"_s);
    return invite;
}

Result<QList<InviteRow>> AccountRepository::invites()
{
    QSqlQuery q(m_db);
    if (!q.exec(u"SELECT "_s + InviteColumns + u" FROM invites "
                "ORDER BY (used_at IS NULL AND expires_at > now()) DESC, created_at DESC, id DESC"_s))
        return dbError(q.lastError(), u"list invites"_s);
    QList<InviteRow> out;
    while (q.next())
        out.append(inviteFromRow(q));
    return out;
}

Result<Unit> AccountRepository::deleteInvite(qint64 id, const QString &auditActor)
{
    Transaction tx(m_db);
    QSqlQuery q(m_db);
    q.prepare(u"DELETE FROM invites WHERE id = ? RETURNING "_s + InviteColumns);
    q.addBindValue(id);
    if (!q.exec())
        return dbError(q.lastError(), u"delete invite"_s);
    if (!q.next())
        return ApiError::notFound(u"no invite with id %1"_s.arg(id));
    QJsonObject details = auditDetails(inviteFromRow(q));
    details.insert(u"state"_s, q.value(4).toString());
    if (auto a = writeAudit(m_db, auditActor, u"invite.delete"_s, details); !a)
        return a.error();
    if (!tx.commit())
        return dbError(m_db.lastError(), u"commit"_s);
    return Unit{};
}

Result<UserRow> AccountRepository::insertInvitedUser(const QByteArray &codeHash, const QString &email,
                                                     const QString &passwordHash)
{
    Transaction tx(m_db);
    // Taking the invite locks its row: a second registration with the same code waits here until this
    // transaction ends, then finds it used (committed) or still open (rolled back, e.g. the e-mail was taken).
    QSqlQuery take(m_db);
    take.prepare(u"UPDATE invites SET used_at = now() WHERE code_hash = ?::bytea AND used_at IS NULL "
                 "AND expires_at > now() AND (email IS NULL OR lower(email) = lower(?)) RETURNING id, role"_s);
    take.addBindValue(hex(codeHash));
    take.addBindValue(email);
    if (!take.exec())
        return dbError(take.lastError(), u"use invite"_s);
    if (!take.next())
        // One answer for unknown, used, expired and another e-mail's invite: nothing to probe codes with.
        return ApiError{ErrorCode::Forbidden, u"the invite is unknown, used, expired or for another e-mail address: "
                                              "ask an admin for a new one"_s, u"invite"_s, {}};
    const qint64 inviteId = take.value(0).toLongLong();
    const QString role = take.value(1).toString();
    auto user = insertUser(email, passwordHash, role, role == u"admin");
    if (!user)
        return user.error();
    QSqlQuery mark(m_db);
    mark.prepare(u"UPDATE invites SET used_by = ? WHERE id = ?"_s);
    mark.addBindValue(user->id);
    mark.addBindValue(inviteId);
    if (!mark.exec())
        return dbError(mark.lastError(), u"record invite use"_s);
    if (!tx.commit())
        return dbError(m_db.lastError(), u"commit"_s);
    return user;
}

} // namespace taskmill
