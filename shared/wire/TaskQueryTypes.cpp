// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "wire/TaskQueryTypes.h"

#include <QJsonArray>

#include <algorithm>

namespace taskmill {

namespace {
ApiError bad(const QString &field, const QString &message)
{
    return ApiError::badRequest(message, field);
}
} // namespace

QJsonObject TaskCounts::toJson() const
{
    QJsonObject statuses, priorities;
    for (Status s : allStatuses())
        statuses.insert(toString(s), status(s));
    for (Priority p : allPriorities())
        priorities.insert(toString(p), priority(p));
    return QJsonObject{{QStringLiteral("status"), statuses}, {QStringLiteral("priority"), priorities},
                       {QStringLiteral("exact"), exact}};
}

Result<TaskCounts> TaskCounts::fromJson(const QJsonObject &o)
{
    const QJsonValue statuses = o.value(QStringLiteral("status"));
    const QJsonValue priorities = o.value(QStringLiteral("priority"));
    if (!statuses.isObject())
        return bad(QStringLiteral("status"), QStringLiteral("status must be an object"));
    if (!priorities.isObject())
        return bad(QStringLiteral("priority"), QStringLiteral("priority must be an object"));
    TaskCounts c;
    const QJsonObject so = statuses.toObject();
    for (auto it = so.begin(); it != so.end(); ++it) {
        const auto s = statusFromString(it.key());
        if (!s || !it.value().isDouble())
            return bad(QStringLiteral("status.") + it.key(), QStringLiteral("unknown status or not a number"));
        c.byStatus.insert(*s, it.value().toInteger());
    }
    const QJsonObject po = priorities.toObject();
    for (auto it = po.begin(); it != po.end(); ++it) {
        const auto p = priorityFromString(it.key());
        if (!p || !it.value().isDouble())
            return bad(QStringLiteral("priority.") + it.key(), QStringLiteral("unknown priority or not a number"));
        c.byPriority.insert(*p, it.value().toInteger());
    }
    c.exact = o.value(QStringLiteral("exact")).toBool(true);
    return c;
}

Result<QStringList> taskTypesFromJson(const QJsonObject &o)
{
    if (!o.value(QStringLiteral("types")).isArray())
        return bad(QStringLiteral("types"), QStringLiteral("types must be an array"));
    QStringList out;
    for (const QJsonValue &v : o.value(QStringLiteral("types")).toArray()) {
        if (!v.isString())
            return bad(QStringLiteral("types"), QStringLiteral("types must hold strings"));
        out << v.toString();
    }
    return out;
}

QJsonObject taskTypesToJson(const QStringList &types)
{
    return QJsonObject{{QStringLiteral("types"), QJsonArray::fromStringList(types)}};
}

QJsonObject TaskIdsRequest::toJson() const
{
    QJsonArray a;
    for (const QUuid &id : ids)
        a.append(id.toString(QUuid::WithoutBraces));
    return QJsonObject{{QStringLiteral("ids"), a}};
}

Result<TaskIdsRequest> TaskIdsRequest::fromJson(const QJsonObject &o)
{
    const QJsonValue ids = o.value(QStringLiteral("ids"));
    if (!ids.isArray())
        return ApiError::validation(QStringLiteral("ids"), QStringLiteral("ids must be an array of task ids"));
    const QJsonArray a = ids.toArray();
    if (a.isEmpty() || a.size() > MaxIds)
        return ApiError::validation(QStringLiteral("ids"), QStringLiteral("ids holds 1 to %1 task ids").arg(MaxIds));
    TaskIdsRequest r;
    for (qsizetype i = 0; i < a.size(); ++i) {
        const QUuid id = QUuid::fromString(a.at(i).toString());
        if (!a.at(i).isString() || id.isNull())
            return ApiError::validation(QStringLiteral("ids[%1]").arg(i), QStringLiteral("ids[%1] must be a task id (UUID)").arg(i));
        if (!r.ids.contains(id))
            r.ids.append(id);
    }
    return r;
}

int TaskBulkResult::succeeded() const
{
    return int(std::count_if(items.cbegin(), items.cend(), [](const Item &i) { return i.ok; }));
}

QJsonObject TaskBulkResult::toJson() const
{
    QJsonArray a;
    for (const Item &i : items) {
        QJsonObject item{{QStringLiteral("id"), i.id.toString(QUuid::WithoutBraces)}, {QStringLiteral("ok"), i.ok}};
        if (i.ok)
            item.insert(QStringLiteral("status"), toString(i.status));
        else
            item.insert(QStringLiteral("error"), i.error.toJson().value(QStringLiteral("error")));
        a.append(item);
    }
    return QJsonObject{{QStringLiteral("items"), a}, {QStringLiteral("succeeded"), succeeded()},
                       {QStringLiteral("failed"), failed()}};
}

Result<TaskBulkResult> TaskBulkResult::fromJson(const QJsonObject &o)
{
    if (!o.value(QStringLiteral("items")).isArray())
        return bad(QStringLiteral("items"), QStringLiteral("items must be an array"));
    TaskBulkResult r;
    for (const QJsonValue &v : o.value(QStringLiteral("items")).toArray()) {
        const QJsonObject io = v.toObject();
        Item item;
        item.id = QUuid::fromString(io.value(QStringLiteral("id")).toString());
        if (item.id.isNull())
            return bad(QStringLiteral("items.id"), QStringLiteral("every item needs an id"));
        item.ok = io.value(QStringLiteral("ok")).toBool();
        if (item.ok) {
            const auto s = statusFromString(io.value(QStringLiteral("status")).toString());
            if (!s)
                return bad(QStringLiteral("items.status"), QStringLiteral("unknown status"));
            item.status = *s;
        } else {
            const QJsonObject e = io.value(QStringLiteral("error")).toObject();
            item.error = ApiError::fromJson(QJsonObject{{QStringLiteral("error"), e}}, 500); // `code` decides
        }
        r.items.append(item);
    }
    return r;
}

} // namespace taskmill
