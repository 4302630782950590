// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "wire/WireTypes.h"

#include "codec/TaskJson.h"

namespace taskmill {

QJsonObject CreateTaskRequest::toJson() const
{
    QJsonObject o{{QStringLiteral("type"), type},
                  {QStringLiteral("title"), title},
                  {QStringLiteral("description"), description},
                  {QStringLiteral("payload"), payload},
                  {QStringLiteral("priority"), toString(priority)},
                  {QStringLiteral("max_attempts"), maxAttempts}};
    if (runAt.isValid())
        o.insert(QStringLiteral("run_at"), formatTimestamp(runAt));
    if (retryPolicy)
        o.insert(QStringLiteral("retry_policy"), retryPolicy->toJson());
    if (durability)
        o.insert(QStringLiteral("durability"), toString(*durability));
    return o;
}

QJsonObject TaskPage::toJson() const
{
    QJsonObject o{{QStringLiteral("items"), taskmill::toJson(items)}, {QStringLiteral("total"), total}};
    if (revision >= 0)
        o.insert(QStringLiteral("revision"), revision);
    o.insert(QStringLiteral("next_after"),
             nextAfter.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(nextAfter.toString(QUuid::WithoutBraces)));
    o.insert(QStringLiteral("next_cursor"), nextCursor.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(nextCursor));
    o.insert(QStringLiteral("total_exact"), totalExact);
    return o;
}

Result<TaskPage> TaskPage::fromJson(const QJsonObject &o)
{
    if (!o.value(QStringLiteral("items")).isArray())
        return ApiError::badRequest(QStringLiteral("items must be an array"), QStringLiteral("items"));
    TaskPage page;
    for (const QJsonValue &v : o.value(QStringLiteral("items")).toArray()) {
        auto t = taskFromJson(v.toObject());
        if (!t)
            return t.error();
        page.items.append(*t);
    }
    page.total = o.value(QStringLiteral("total")).toInteger();
    page.revision = o.value(QStringLiteral("revision")).toInteger(-1);
    page.nextAfter = QUuid::fromString(o.value(QStringLiteral("next_after")).toString());
    page.nextCursor = o.value(QStringLiteral("next_cursor")).toString();
    page.totalExact = o.value(QStringLiteral("total_exact")).toBool(true);
    return page;
}

QJsonObject HealthInfo::toJson() const
{
    return QJsonObject{{QStringLiteral("status"), status},
                       {QStringLiteral("postgres"), postgres ? QStringLiteral("up") : QStringLiteral("down")},
                       {QStringLiteral("redis"), redis ? QStringLiteral("up") : QStringLiteral("down")},
                       {QStringLiteral("version"), version},
                       {QStringLiteral("protocol"), protocol}};
}

HealthInfo HealthInfo::fromJson(const QJsonObject &o)
{
    HealthInfo h;
    h.status = o.value(QStringLiteral("status")).toString();
    h.postgres = o.value(QStringLiteral("postgres")).toString() == u"up";
    h.redis = o.value(QStringLiteral("redis")).toString() == u"up";
    h.version = o.value(QStringLiteral("version")).toString();
    h.protocol = o.value(QStringLiteral("protocol")).toInt(0);
    return h;
}

} // namespace taskmill
