// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "wire/PauseTypes.h"

#include "codec/TaskJson.h"

#include <algorithm>

namespace taskmill {

namespace {
ApiError wrongType(const QString &field, const QString &what)
{
    return ApiError::badRequest(field + QStringLiteral(" must be ") + what, field);
}
} // namespace

QString toString(PauseScope scope)
{
    return scope == PauseScope::Priority ? QStringLiteral("priority") : QStringLiteral("type");
}

std::optional<PauseScope> pauseScopeFromString(const QString &text)
{
    if (text == QLatin1String("priority"))
        return PauseScope::Priority;
    if (text == QLatin1String("type"))
        return PauseScope::Type;
    return std::nullopt;
}

QJsonObject Pause::toJson() const
{
    return {{QStringLiteral("scope"), toString(scope)},
            {QStringLiteral("name"), name},
            {QStringLiteral("paused_by"), pausedBy},
            {QStringLiteral("paused_at"), formatTimestamp(pausedAt)}};
}

Result<Pause> Pause::fromJson(const QJsonObject &o)
{
    Pause p;
    const auto scope = pauseScopeFromString(o.value(QStringLiteral("scope")).toString());
    if (!scope)
        return wrongType(QStringLiteral("scope"), QStringLiteral("\"priority\" or \"type\""));
    p.scope = *scope;
    for (const auto &[key, target] : {std::pair{QStringLiteral("name"), &p.name}, std::pair{QStringLiteral("paused_by"), &p.pausedBy}}) {
        const QJsonValue v = o.value(key);
        if (!v.isString())
            return wrongType(key, QStringLiteral("a string"));
        *target = v.toString();
    }
    if (p.scope == PauseScope::Priority && !priorityFromString(p.name))
        return wrongType(QStringLiteral("name"), QStringLiteral("a priority (LOW, MEDIUM, HIGH)"));
    p.pausedAt = parseTimestamp(o.value(QStringLiteral("paused_at")).toString());
    if (!p.pausedAt.isValid())
        return wrongType(QStringLiteral("paused_at"), QStringLiteral("an RFC 3339 timestamp"));
    return p;
}

bool PauseSet::priorityPaused(Priority p) const
{
    const QString name = toString(p);
    return std::any_of(items.cbegin(), items.cend(),
                       [&](const Pause &x) { return x.scope == PauseScope::Priority && x.name == name; });
}

bool PauseSet::typePaused(const QString &type) const
{
    return std::any_of(items.cbegin(), items.cend(), [&](const Pause &x) { return x.scope == PauseScope::Type && x.name == type; });
}

QList<Priority> PauseSet::runnablePriorities() const
{
    QList<Priority> out;
    for (Priority p : {Priority::High, Priority::Medium, Priority::Low})
        if (!priorityPaused(p))
            out.append(p);
    return out;
}

QJsonArray PauseSet::toJson() const
{
    QJsonArray a;
    for (const Pause &p : items)
        a.append(p.toJson());
    return a;
}

Result<PauseSet> PauseSet::fromJson(const QJsonArray &items)
{
    PauseSet s;
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (!items.at(i).isObject())
            return wrongType(QStringLiteral("items[%1]").arg(i), QStringLiteral("an object"));
        auto p = Pause::fromJson(items.at(i).toObject());
        if (!p) {
            ApiError e = p.error();
            e.field = QStringLiteral("items[%1].%2").arg(i).arg(e.field);
            return e;
        }
        s.items.append(*p);
    }
    return s;
}

} // namespace taskmill
