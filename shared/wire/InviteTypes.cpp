// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "wire/InviteTypes.h"

#include "codec/TaskJson.h"

#include <QJsonArray>

#include <optional>

namespace taskmill {

namespace {
ApiError wrongType(const QString &field, const QString &what)
{
    return ApiError::badRequest(field + QStringLiteral(" must be ") + what, field);
}

QJsonValue orNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

QJsonValue optionalTime(const QDateTime &t)
{
    return t.isValid() ? QJsonValue(formatTimestamp(t)) : QJsonValue(QJsonValue::Null);
}

bool isAbsent(const QJsonValue &v)
{
    return v.isNull() || v.isUndefined();
}

// A string that may be null or missing (then empty).
std::optional<ApiError> readOptionalText(const QJsonObject &o, const QString &field, QString *out)
{
    const QJsonValue v = o.value(field);
    if (!v.isString() && !isAbsent(v))
        return wrongType(field, QStringLiteral("a string or null"));
    *out = v.toString();
    return std::nullopt;
}

std::optional<ApiError> readTime(const QJsonObject &o, const QString &field, bool nullable, QDateTime *out)
{
    const QJsonValue v = o.value(field);
    if (nullable && isAbsent(v))
        return std::nullopt;
    *out = parseTimestamp(v.toString());
    if (!out->isValid())
        return wrongType(field, nullable ? QStringLiteral("an RFC 3339 timestamp or null") : QStringLiteral("an RFC 3339 timestamp"));
    return std::nullopt;
}
} // namespace

QJsonObject InviteInfo::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("role"), role},
            {QStringLiteral("email"), orNull(email)},
            {QStringLiteral("state"), state},
            {QStringLiteral("created_by"), orNull(createdBy)},
            {QStringLiteral("created_at"), formatTimestamp(createdAt)},
            {QStringLiteral("expires_at"), formatTimestamp(expiresAt)},
            {QStringLiteral("used_at"), optionalTime(usedAt)},
            {QStringLiteral("used_by"), usedBy > 0 ? QJsonValue(usedBy) : QJsonValue(QJsonValue::Null)}};
}

Result<InviteInfo> InviteInfo::fromJson(const QJsonObject &o)
{
    InviteInfo i;
    const QJsonValue id = o.value(QStringLiteral("id"));
    if (!id.isDouble() || id.toInteger() <= 0)
        return wrongType(QStringLiteral("id"), QStringLiteral("a positive integer"));
    i.id = id.toInteger();
    const QJsonValue role = o.value(QStringLiteral("role"));
    if (!role.isString())
        return wrongType(QStringLiteral("role"), QStringLiteral("a string"));
    i.role = role.toString();
    const QJsonValue state = o.value(QStringLiteral("state"));
    if (!state.isString() || state.toString().isEmpty())
        return wrongType(QStringLiteral("state"), QStringLiteral("a non-empty string"));
    i.state = state.toString();
    if (auto bad = readOptionalText(o, QStringLiteral("email"), &i.email))
        return *bad;
    if (auto bad = readOptionalText(o, QStringLiteral("created_by"), &i.createdBy))
        return *bad;
    if (auto bad = readTime(o, QStringLiteral("created_at"), false, &i.createdAt))
        return *bad;
    if (auto bad = readTime(o, QStringLiteral("expires_at"), false, &i.expiresAt))
        return *bad;
    if (auto bad = readTime(o, QStringLiteral("used_at"), true, &i.usedAt))
        return *bad;
    const QJsonValue usedBy = o.value(QStringLiteral("used_by"));
    if (!isAbsent(usedBy)) {
        if (!usedBy.isDouble() || usedBy.toInteger() <= 0)
            return wrongType(QStringLiteral("used_by"), QStringLiteral("a positive integer or null"));
        i.usedBy = usedBy.toInteger();
    }
    return i;
}

Result<CreatedInvite> CreatedInvite::fromJson(const QJsonObject &o)
{
    Result<InviteInfo> info = InviteInfo::fromJson(o);
    if (!info)
        return info.error();
    const QString code = o.value(QStringLiteral("code")).toString();
    if (code.isEmpty())
        return wrongType(QStringLiteral("code"), QStringLiteral("a non-empty string"));
    return CreatedInvite{*info, code};
}

QJsonObject NewInvite::toJson() const
{
    QJsonObject o{{QStringLiteral("role"), role}};
    if (!email.isEmpty())
        o.insert(QStringLiteral("email"), email);
    if (ttlS > 0)
        o.insert(QStringLiteral("ttl_s"), ttlS);
    return o;
}

QJsonObject Registration::toJson() const
{
    QJsonObject o{{QStringLiteral("email"), email}, {QStringLiteral("password"), password}};
    if (!invite.isEmpty())
        o.insert(QStringLiteral("invite"), invite);
    return o;
}

Result<QList<InviteInfo>> inviteListFromJson(const QJsonObject &o)
{
    const QJsonValue items = o.value(QStringLiteral("items"));
    if (!items.isArray())
        return wrongType(QStringLiteral("items"), QStringLiteral("an array"));
    QList<InviteInfo> out;
    for (const QJsonValue &v : items.toArray()) {
        if (!v.isObject())
            return wrongType(QStringLiteral("items"), QStringLiteral("objects"));
        Result<InviteInfo> invite = InviteInfo::fromJson(v.toObject());
        if (!invite)
            return invite.error();
        out.append(*invite);
    }
    return out;
}

} // namespace taskmill
