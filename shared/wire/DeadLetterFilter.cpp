// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "wire/DeadLetterFilter.h"

#include "codec/TaskJson.h"
#include "wire/QueryParams.h"
#include "wire/TaskFilter.h"
#include "wire/TaskIdSearch.h"

#include <QJsonArray>

namespace taskmill {

bool DeadLetterFilter::isEmpty() const
{
    return types.isEmpty() && priorities.isEmpty() && text.isEmpty() && error.isEmpty() && !from.isValid() && !to.isValid();
}

bool DeadLetterFilter::matches(const Task &t) const
{
    if (!t.deadLetteredAt.isValid())
        return false;
    if (!types.isEmpty() && !types.contains(t.type))
        return false;
    if (!priorities.isEmpty() && !priorities.contains(t.priority))
        return false;
    if (!text.isEmpty()) {
        const QString needle = searchLower(text); // ILIKE's case rule, as TaskFilter
        const auto id = TaskIdSearch::parse(text.trimmed());
        if (!searchLower(t.error).contains(needle) && !searchLower(t.title).contains(needle) && !(id && id->matches(t.id)))
            return false;
    }
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
    const QStringList priorities = value("priority").split(u',', Qt::SkipEmptyParts);
    if (!priorities.isEmpty())
        o.insert(QStringLiteral("priorities"), QJsonArray::fromStringList(priorities));
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
    const QJsonValue priorities = o.value(QStringLiteral("priorities"));
    if (priorities.isArray()) {
        for (const QJsonValue &v : priorities.toArray()) {
            const auto p = priorityFromString(v.toString().trimmed());
            if (!v.isString() || !p)
                return ApiError::validation(prefix + QStringLiteral("priorities"),
                                            prefix + QStringLiteral("priorities must be HIGH, NORMAL or LOW"));
            if (!f.priorities.contains(*p))
                f.priorities << *p;
        }
    } else if (!priorities.isUndefined() && !priorities.isNull()) {
        return ApiError::validation(prefix + QStringLiteral("priorities"), prefix + QStringLiteral("priorities must be an array"));
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
    if (!priorities.isEmpty()) {
        QJsonArray a;
        for (Priority p : priorities)
            a.append(toString(p));
        o.insert(QStringLiteral("priorities"), a);
    }
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
    if (!priorities.isEmpty()) {
        QStringList names;
        for (Priority p : priorities)
            names << toString(p);
        q.addQueryItem(QStringLiteral("priority"), names.join(u','));
    }
    if (!text.isEmpty())
        q.addQueryItem(QStringLiteral("q"), enc(text));
    if (!error.isEmpty())
        q.addQueryItem(QStringLiteral("error"), enc(error));
    if (from.isValid())
        q.addQueryItem(QStringLiteral("from"), enc(formatTimestamp(from)));
    if (to.isValid())
        q.addQueryItem(QStringLiteral("to"), enc(formatTimestamp(to)));
}

namespace {
using Key = DeadLetterOrder::Key;
constexpr std::pair<Key, const char *> KeyNames[] = {
    {Key::DeadLettered, "dead_lettered"}, {Key::Created, "created"}, {Key::Type, "type"}, {Key::Title, "title"},
    {Key::Attempts, "attempts"}};
} // namespace

QString DeadLetterOrder::toString(Key key)
{
    for (const auto &[k, name] : KeyNames)
        if (k == key)
            return QLatin1String(name);
    return QStringLiteral("dead_lettered");
}

std::optional<DeadLetterOrder::Key> DeadLetterOrder::keyFromString(const QString &s)
{
    for (const auto &[k, name] : KeyNames)
        if (s.compare(QLatin1String(name), Qt::CaseInsensitive) == 0)
            return k;
    return std::nullopt;
}

Result<DeadLetterOrder> DeadLetterOrder::fromQuery(const QUrlQuery &q)
{
    DeadLetterOrder o;
    const QString sort = queryValue(q, QStringLiteral("sort"));
    if (!sort.isEmpty()) {
        const auto key = keyFromString(sort);
        if (!key)
            return ApiError::validation(QStringLiteral("sort"),
                                        QStringLiteral("sort must be dead_lettered, created, type, title or attempts"));
        o.key = *key;
    }
    const QString order = queryValue(q, QStringLiteral("order"));
    if (!order.isEmpty()) {
        const auto parsed = sortOrderFromString(order);
        if (!parsed)
            return ApiError::validation(QStringLiteral("order"), QStringLiteral("order must be asc or desc"));
        o.order = *parsed;
    }
    return o;
}

void DeadLetterOrder::addToQuery(QUrlQuery &q) const
{
    if (key != Key::DeadLettered)
        q.addQueryItem(QStringLiteral("sort"), toString(key));
    if (order != SortOrder::Descending)
        q.addQueryItem(QStringLiteral("order"), taskmill::toString(order));
}

} // namespace taskmill
