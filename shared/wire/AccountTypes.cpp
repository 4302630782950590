// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "wire/AccountTypes.h"

#include "codec/TaskJson.h"

#include <QJsonArray>

namespace taskmill {

namespace {
ApiError wrongType(const QString &field, const QString &what)
{
    return ApiError::badRequest(field + QStringLiteral(" must be ") + what, field);
}

QJsonValue optionalTime(const QDateTime &t)
{
    return t.isValid() ? QJsonValue(formatTimestamp(t)) : QJsonValue(QJsonValue::Null);
}

// Fields every account and token has: a positive id, a role, created_at.
std::optional<ApiError> readCommon(const QJsonObject &o, qint64 *id, QString *role, bool *payloads, QDateTime *createdAt)
{
    const QJsonValue idValue = o.value(QStringLiteral("id"));
    if (!idValue.isDouble() || idValue.toInteger() <= 0)
        return wrongType(QStringLiteral("id"), QStringLiteral("a positive integer"));
    *id = idValue.toInteger();
    const QJsonValue roleValue = o.value(QStringLiteral("role"));
    if (!roleValue.isString())
        return wrongType(QStringLiteral("role"), QStringLiteral("a string"));
    *role = roleValue.toString();
    const QJsonValue payloadsValue = o.value(QStringLiteral("payloads"));
    if (!payloadsValue.isBool() && !payloadsValue.isUndefined())
        return wrongType(QStringLiteral("payloads"), QStringLiteral("true or false"));
    *payloads = payloadsValue.toBool();
    *createdAt = parseTimestamp(o.value(QStringLiteral("created_at")).toString());
    if (!createdAt->isValid())
        return wrongType(QStringLiteral("created_at"), QStringLiteral("an RFC 3339 timestamp"));
    return std::nullopt;
}

template<typename T>
Result<QList<T>> listFromJson(const QJsonObject &o)
{
    const QJsonValue items = o.value(QStringLiteral("items"));
    if (!items.isArray())
        return wrongType(QStringLiteral("items"), QStringLiteral("an array"));
    QList<T> out;
    for (const QJsonValue &v : items.toArray()) {
        if (!v.isObject())
            return wrongType(QStringLiteral("items"), QStringLiteral("objects"));
        Result<T> item = T::fromJson(v.toObject());
        if (!item)
            return item.error();
        out.append(*item);
    }
    return out;
}
} // namespace

QStringList accountRoleNames()
{
    return {QStringLiteral("user"), QStringLiteral("viewer"), QStringLiteral("operator"), QStringLiteral("admin")};
}

QJsonObject UserAccount::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("email"), email},
            {QStringLiteral("role"), role},
            {QStringLiteral("payloads"), payloads},
            {QStringLiteral("created_at"), formatTimestamp(createdAt)}};
}

Result<UserAccount> UserAccount::fromJson(const QJsonObject &o)
{
    UserAccount u;
    if (auto bad = readCommon(o, &u.id, &u.role, &u.payloads, &u.createdAt))
        return *bad;
    const QJsonValue email = o.value(QStringLiteral("email"));
    if (!email.isString())
        return wrongType(QStringLiteral("email"), QStringLiteral("a string"));
    u.email = email.toString();
    return u;
}

QJsonObject ApiTokenInfo::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("name"), name},
            {QStringLiteral("role"), role},
            {QStringLiteral("payloads"), payloads},
            {QStringLiteral("types"), QJsonArray::fromStringList(types)},
            {QStringLiteral("created_by"), createdBy},
            {QStringLiteral("created_at"), formatTimestamp(createdAt)},
            {QStringLiteral("last_used_at"), optionalTime(lastUsedAt)}};
}

Result<ApiTokenInfo> ApiTokenInfo::fromJson(const QJsonObject &o)
{
    ApiTokenInfo t;
    if (auto bad = readCommon(o, &t.id, &t.role, &t.payloads, &t.createdAt))
        return *bad;
    const QJsonValue name = o.value(QStringLiteral("name"));
    if (!name.isString())
        return wrongType(QStringLiteral("name"), QStringLiteral("a string"));
    t.name = name.toString();
    const QJsonValue types = o.value(QStringLiteral("types"));
    if (!types.isArray() && !types.isNull() && !types.isUndefined())
        return wrongType(QStringLiteral("types"), QStringLiteral("an array"));
    for (const QJsonValue &v : types.toArray()) {
        if (!v.isString())
            return wrongType(QStringLiteral("types"), QStringLiteral("strings"));
        t.types << v.toString();
    }
    const QJsonValue createdBy = o.value(QStringLiteral("created_by"));
    if (!createdBy.isString() && !createdBy.isNull() && !createdBy.isUndefined())
        return wrongType(QStringLiteral("created_by"), QStringLiteral("a string"));
    t.createdBy = createdBy.toString();
    const QJsonValue lastUsed = o.value(QStringLiteral("last_used_at"));
    if (!lastUsed.isNull() && !lastUsed.isUndefined()) {
        t.lastUsedAt = parseTimestamp(lastUsed.toString());
        if (!t.lastUsedAt.isValid())
            return wrongType(QStringLiteral("last_used_at"), QStringLiteral("an RFC 3339 timestamp or null"));
    }
    return t;
}

Result<CreatedToken> CreatedToken::fromJson(const QJsonObject &o)
{
    Result<ApiTokenInfo> info = ApiTokenInfo::fromJson(o);
    if (!info)
        return info.error();
    const QString secret = o.value(QStringLiteral("token")).toString();
    if (secret.isEmpty())
        return wrongType(QStringLiteral("token"), QStringLiteral("a non-empty string"));
    return CreatedToken{*info, secret};
}

QJsonObject NewUser::toJson() const
{
    return {{QStringLiteral("email"), email},
            {QStringLiteral("password"), password},
            {QStringLiteral("role"), role},
            {QStringLiteral("payloads"), payloads}};
}

QJsonObject UserChange::toJson() const
{
    QJsonObject o;
    if (role)
        o.insert(QStringLiteral("role"), *role);
    if (payloads)
        o.insert(QStringLiteral("payloads"), *payloads);
    if (password)
        o.insert(QStringLiteral("password"), *password);
    return o;
}

QJsonObject NewToken::toJson() const
{
    QJsonObject o{{QStringLiteral("name"), name}, {QStringLiteral("role"), role}, {QStringLiteral("payloads"), payloads}};
    if (!types.isEmpty())
        o.insert(QStringLiteral("types"), QJsonArray::fromStringList(types));
    return o;
}

Result<QList<UserAccount>> userListFromJson(const QJsonObject &o)
{
    return listFromJson<UserAccount>(o);
}

Result<QList<ApiTokenInfo>> tokenListFromJson(const QJsonObject &o)
{
    return listFromJson<ApiTokenInfo>(o);
}

} // namespace taskmill
