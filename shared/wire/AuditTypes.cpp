// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "wire/AuditTypes.h"

#include "codec/TaskJson.h"
#include "wire/QueryParams.h"

#include <QJsonArray>

namespace taskmill {

namespace {
ApiError wrongType(const QString &field, const QString &what)
{
    return ApiError::badRequest(field + QStringLiteral(" must be ") + what, field);
}

QString encoded(const QString &value)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(value));
}

Result<QDateTime> queryTime(const QUrlQuery &query, const QString &key)
{
    const QString text = queryValue(query, key).trimmed();
    if (text.isEmpty())
        return QDateTime();
    const QDateTime t = parseTimestamp(text);
    if (!t.isValid())
        return ApiError::validation(key, key + QStringLiteral(" must be an RFC 3339 timestamp like 2026-11-23T12:00:00Z"));
    return t;
}
} // namespace

QJsonObject AuditEntry::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("at"), formatTimestamp(at)},
            {QStringLiteral("actor"), actor},
            {QStringLiteral("action"), action},
            {QStringLiteral("task_ids"), QJsonArray::fromStringList(taskIds)},
            {QStringLiteral("details"), details}};
}

Result<AuditEntry> AuditEntry::fromJson(const QJsonObject &o)
{
    AuditEntry e;
    const QJsonValue id = o.value(QStringLiteral("id"));
    if (!id.isDouble() || id.toInteger() <= 0)
        return wrongType(QStringLiteral("id"), QStringLiteral("a positive integer"));
    e.id = id.toInteger();
    e.at = parseTimestamp(o.value(QStringLiteral("at")).toString());
    if (!e.at.isValid())
        return wrongType(QStringLiteral("at"), QStringLiteral("an RFC 3339 timestamp"));
    for (const auto &[key, target] : {std::pair{QStringLiteral("actor"), &e.actor}, std::pair{QStringLiteral("action"), &e.action}}) {
        const QJsonValue v = o.value(key);
        if (!v.isString())
            return wrongType(key, QStringLiteral("a string"));
        *target = v.toString();
    }
    const QJsonValue ids = o.value(QStringLiteral("task_ids"));
    if (!ids.isArray() && !ids.isUndefined())
        return wrongType(QStringLiteral("task_ids"), QStringLiteral("an array"));
    for (const QJsonValue &v : ids.toArray()) {
        if (!v.isString())
            return wrongType(QStringLiteral("task_ids"), QStringLiteral("strings"));
        e.taskIds << v.toString();
    }
    const QJsonValue details = o.value(QStringLiteral("details"));
    if (!details.isObject() && !details.isUndefined() && !details.isNull())
        return wrongType(QStringLiteral("details"), QStringLiteral("an object"));
    e.details = details.toObject();
    return e;
}

QJsonObject AuditPage::toJson() const
{
    QJsonArray a;
    for (const AuditEntry &e : items)
        a.append(e.toJson());
    return {{QStringLiteral("items"), a}, {QStringLiteral("next"), next ? QJsonValue(*next) : QJsonValue(QJsonValue::Null)}};
}

Result<AuditPage> AuditPage::fromJson(const QJsonObject &o)
{
    const QJsonValue items = o.value(QStringLiteral("items"));
    if (!items.isArray())
        return wrongType(QStringLiteral("items"), QStringLiteral("an array"));
    AuditPage page;
    for (const QJsonValue &v : items.toArray()) {
        Result<AuditEntry> e = AuditEntry::fromJson(v.toObject());
        if (!e)
            return e.error();
        page.items.append(*e);
    }
    // Absent: a server before keyset paging, which has no older page to offer.
    const QJsonValue next = o.value(QStringLiteral("next"));
    if (next.isDouble() && next.toInteger() > 0)
        page.next = next.toInteger();
    else if (!next.isNull() && !next.isUndefined())
        return wrongType(QStringLiteral("next"), QStringLiteral("a positive integer or null"));
    return page;
}

bool AuditFilter::isEmpty() const
{
    return actor.isEmpty() && actions.isEmpty() && taskId.isNull() && !since.isValid() && !until.isValid();
}

Result<AuditFilter> AuditFilter::fromQuery(const QUrlQuery &query)
{
    AuditFilter f;
    f.actor = queryValue(query, QStringLiteral("actor"));
    for (const QString &value : query.allQueryItemValues(QStringLiteral("action"), QUrl::FullyDecoded))
        for (const QString &part : value.split(u','))
            if (!part.trimmed().isEmpty() && !f.actions.contains(part.trimmed()))
                f.actions << part.trimmed();
    const QString task = queryValue(query, QStringLiteral("task_id")).trimmed();
    if (!task.isEmpty()) {
        f.taskId = QUuid::fromString(task);
        if (f.taskId.isNull())
            return ApiError::validation(QStringLiteral("task_id"), QStringLiteral("task_id must be a task id (a UUID)"));
    }
    for (const auto &[key, target] : {std::pair{QStringLiteral("since"), &f.since}, std::pair{QStringLiteral("until"), &f.until}}) {
        Result<QDateTime> t = queryTime(query, key);
        if (!t)
            return t.error();
        *target = *t;
    }
    if (f.since.isValid() && f.until.isValid() && f.until <= f.since)
        return ApiError::validation(QStringLiteral("until"), QStringLiteral("until must be later than since"));
    return f;
}

void AuditFilter::addToQuery(QUrlQuery &query) const
{
    if (!actor.isEmpty())
        query.addQueryItem(QStringLiteral("actor"), encoded(actor));
    // One item per action; the server takes a comma list too, so action names never contain commas.
    for (const QString &action : actions)
        query.addQueryItem(QStringLiteral("action"), encoded(action));
    if (!taskId.isNull())
        query.addQueryItem(QStringLiteral("task_id"), taskId.toString(QUuid::WithoutBraces));
    if (since.isValid())
        query.addQueryItem(QStringLiteral("since"), encoded(formatTimestamp(since)));
    if (until.isValid())
        query.addQueryItem(QStringLiteral("until"), encoded(formatTimestamp(until)));
}

Result<QStringList> auditActionsFromJson(const QJsonObject &o)
{
    const QJsonValue actions = o.value(QStringLiteral("actions"));
    if (!actions.isArray())
        return wrongType(QStringLiteral("actions"), QStringLiteral("an array"));
    QStringList out;
    for (const QJsonValue &v : actions.toArray()) {
        if (!v.isString())
            return wrongType(QStringLiteral("actions"), QStringLiteral("strings"));
        out << v.toString();
    }
    return out;
}

} // namespace taskmill
