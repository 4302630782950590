// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "wire/DeadLetterFilter.h"

#include "codec/TaskJson.h"
#include "wire/QueryParams.h"
#include "wire/TaskFilter.h"

#include <QJsonArray>

namespace taskmill {

bool DeadLetterFilter::isEmpty() const
{
    return types.isEmpty() && text.isEmpty() && error.isEmpty() && !from.isValid() && !to.isValid();
}

bool DeadLetterFilter::matches(const Task &t) const
{
    if (!t.deadLetteredAt.isValid())
        return false;
    if (!types.isEmpty() && !types.contains(t.type))
        return false;
    if (!text.isEmpty() && !searchLower(t.error).contains(searchLower(text))) // ILIKE's case rule, as TaskFilter
        return false;
    if (!error.isEmpty() && t.error != error)
        return false;
    if (from.isValid() && t.deadLetteredAt < from)
        return false;
    if (to.isValid() && t.deadLetteredAt >= to)
        return false;
    return true;
}

Result<DeadLetterFilter> DeadLetterFilter::fromQuery(const QUrlQuery &q)
{
    QJsonObject o;
    auto value = [&](const char *key) { return queryValue(q, QLatin1String(key)); };
    // Parts that are blank once trimmed are skipped, as in TaskFilter's lists: "a, ,b" is a and b. (fromJson keeps
    // a blank element as a type "", and a query cannot carry one back: addToQuery writes the list joined.)
    QStringList types;
    for (const QString &part : value("type").split(u',', Qt::SkipEmptyParts))
        if (!part.trimmed().isEmpty())
            types << part;
    if (!types.isEmpty())
        o.insert(QStringLiteral("types"), QJsonArray::fromStringList(types));
    for (const char *key : {"q", "error", "from", "to"})
        if (!value(key).isEmpty())
            o.insert(QLatin1String(key), value(key));
    return fromJson(o, QString());
}

Result<DeadLetterFilter> DeadLetterFilter::fromJson(const QJsonObject &o, const QString &prefix)
{
    DeadLetterFilter f;
    const QJsonValue types = o.value(QStringLiteral("types"));
    if (types.isArray()) {
        for (const QJsonValue &v : types.toArray()) {
            if (!v.isString())
                return ApiError::validation(prefix + QStringLiteral("types"), prefix + QStringLiteral("types must be strings"));
            f.types << v.toString().trimmed();
            if (hasNonCharacter(f.types.constLast()))
                return ApiError::validation(prefix + QStringLiteral("types"),
                                            prefix + QStringLiteral("types may not contain Unicode non-characters"));
        }
    } else if (!types.isUndefined() && !types.isNull()) {
        return ApiError::validation(prefix + QStringLiteral("types"), prefix + QStringLiteral("types must be an array"));
    }
    for (const auto &[key, target] : {std::pair{QStringLiteral("q"), &f.text}, std::pair{QStringLiteral("error"), &f.error}}) {
        const QJsonValue v = o.value(key);
        if (v.isUndefined() || v.isNull())
            continue;
        if (!v.isString())
            return ApiError::validation(prefix + key, prefix + key + QStringLiteral(" must be a string"));
        *target = v.toString();
        if (hasNonCharacter(*target))
            return ApiError::validation(prefix + key, prefix + key + QStringLiteral(" may not contain Unicode non-characters"));
    }
    for (const auto &[key, target] : {std::pair{QStringLiteral("from"), &f.from}, std::pair{QStringLiteral("to"), &f.to}}) {
        const QJsonValue v = o.value(key);
        if (v.isUndefined() || v.isNull())
            continue;
        *target = parseTimestamp(v.toString());
        if (!target->isValid())
            return ApiError::validation(prefix + key, prefix + key + QStringLiteral(" must be an RFC 3339 timestamp"));
    }
    return f;
}

QJsonObject DeadLetterFilter::toJson() const
{
    QJsonObject o;
    if (!types.isEmpty())
        o.insert(QStringLiteral("types"), QJsonArray::fromStringList(types));
    if (!text.isEmpty())
        o.insert(QStringLiteral("q"), text);
    if (!error.isEmpty())
        o.insert(QStringLiteral("error"), error);
    if (from.isValid())
        o.insert(QStringLiteral("from"), formatTimestamp(from));
    if (to.isValid())
        o.insert(QStringLiteral("to"), formatTimestamp(to));
    return o;
}

void DeadLetterFilter::addToQuery(QUrlQuery &q) const
{
    auto enc = [](const QString &s) { return QString::fromLatin1(QUrl::toPercentEncoding(s)); };
    if (!types.isEmpty()) // the commas separate the list; everything else is encoded as for q
        q.addQueryItem(QStringLiteral("type"), QString::fromLatin1(QUrl::toPercentEncoding(types.join(u','), ",")));
    if (!text.isEmpty())
        q.addQueryItem(QStringLiteral("q"), enc(text));
    if (!error.isEmpty())
        q.addQueryItem(QStringLiteral("error"), enc(error));
    if (from.isValid())
        q.addQueryItem(QStringLiteral("from"), enc(formatTimestamp(from)));
    if (to.isValid())
        q.addQueryItem(QStringLiteral("to"), enc(formatTimestamp(to)));
}

} // namespace taskmill
