// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "wire/DeadLetterTypes.h"

#include "codec/TaskJson.h"

#include <QJsonArray>

namespace taskmill {

namespace {
ApiError wrongType(const QString &field, const QString &what)
{
    return ApiError::badRequest(field + QStringLiteral(" must be ") + what, field);
}

Result<QDateTime> optionalTime(const QJsonObject &o, const QString &key)
{
    const QJsonValue v = o.value(key);
    if (v.isNull() || v.isUndefined())
        return QDateTime();
    const QDateTime t = parseTimestamp(v.toString());
    if (!t.isValid())
        return wrongType(key, QStringLiteral("an RFC 3339 timestamp"));
    return t;
}
} // namespace

QJsonObject DeadLetterGroup::toJson() const
{
    return QJsonObject{{QStringLiteral("error"), error},
                       {QStringLiteral("count"), count},
                       {QStringLiteral("first_seen"), formatTimestamp(firstSeen)},
                       {QStringLiteral("last_seen"), formatTimestamp(lastSeen)},
                       {QStringLiteral("types"), QJsonArray::fromStringList(types)}};
}

Result<DeadLetterGroup> DeadLetterGroup::fromJson(const QJsonObject &o)
{
    DeadLetterGroup g;
    const QJsonValue error = o.value(QStringLiteral("error"));
    if (!error.isString() && !error.isNull())
        return wrongType(QStringLiteral("error"), QStringLiteral("a string"));
    g.error = error.toString();
    const QJsonValue count = o.value(QStringLiteral("count"));
    if (!count.isDouble() || count.toDouble() < 0)
        return wrongType(QStringLiteral("count"), QStringLiteral("a non-negative number"));
    g.count = count.toInteger();
    for (const auto &[key, target] : {std::pair{QStringLiteral("first_seen"), &g.firstSeen},
                                      std::pair{QStringLiteral("last_seen"), &g.lastSeen}}) {
        Result<QDateTime> t = optionalTime(o, key);
        if (!t)
            return t.error();
        *target = *t;
    }
    const QJsonValue types = o.value(QStringLiteral("types"));
    if (!types.isArray() && !types.isUndefined() && !types.isNull())
        return wrongType(QStringLiteral("types"), QStringLiteral("an array"));
    for (const QJsonValue &v : types.toArray()) {
        if (!v.isString())
            return wrongType(QStringLiteral("types"), QStringLiteral("strings"));
        g.types << v.toString();
    }
    return g;
}

Result<QList<DeadLetterGroup>> deadLetterGroupsFromJson(const QJsonObject &o)
{
    const QJsonValue groups = o.value(QStringLiteral("groups"));
    if (!groups.isArray())
        return wrongType(QStringLiteral("groups"), QStringLiteral("an array"));
    QList<DeadLetterGroup> out;
    for (const QJsonValue &v : groups.toArray()) {
        if (!v.isObject())
            return wrongType(QStringLiteral("groups"), QStringLiteral("objects"));
        Result<DeadLetterGroup> g = DeadLetterGroup::fromJson(v.toObject());
        if (!g)
            return g.error();
        out.append(*g);
    }
    return out;
}

DeadLetterSelection DeadLetterSelection::ofIds(const QList<QUuid> &ids)
{
    DeadLetterSelection s;
    s.ids = ids;
    return s;
}

DeadLetterSelection DeadLetterSelection::ofFilter(const DeadLetterFilter &filter)
{
    DeadLetterSelection s;
    s.filter = filter;
    return s;
}

DeadLetterSelection DeadLetterSelection::everything()
{
    DeadLetterSelection s;
    s.all = true;
    return s;
}

Result<DeadLetterSelection> DeadLetterSelection::fromJson(const QJsonObject &body)
{
    DeadLetterSelection s;
    const QJsonValue ids = body.value(QStringLiteral("ids"));
    if (ids.isArray()) {
        for (const QJsonValue &v : ids.toArray()) {
            const QUuid id = QUuid::fromString(v.toString());
            if (id.isNull())
                return ApiError::validation(QStringLiteral("ids"), QStringLiteral("ids must be task ids (UUIDs)"));
            s.ids.append(id);
        }
    } else if (!ids.isUndefined() && !ids.isNull()) {
        return ApiError::validation(QStringLiteral("ids"), QStringLiteral("ids must be an array of task ids"));
    }
    const QJsonValue filter = body.value(QStringLiteral("filter"));
    if (filter.isObject()) {
        auto f = DeadLetterFilter::fromJson(filter.toObject());
        if (!f)
            return f.error();
        s.filter = *f;
    } else if (!filter.isUndefined() && !filter.isNull()) {
        return ApiError::validation(QStringLiteral("filter"), QStringLiteral("filter must be an object"));
    }
    s.all = body.value(QStringLiteral("all")).toBool(false);
    if (s.ids.isEmpty() && s.filter.isEmpty() && !s.all)
        return ApiError::validation(QStringLiteral("ids"),
                                    QStringLiteral("name the tasks: ids, a non-empty filter, or \"all\": true"));
    return s;
}

QJsonObject DeadLetterSelection::toJson() const
{
    QJsonObject o;
    if (!ids.isEmpty()) {
        QJsonArray a;
        for (const QUuid &id : ids)
            a.append(id.toString(QUuid::WithoutBraces));
        o.insert(QStringLiteral("ids"), a);
    }
    if (!filter.isEmpty())
        o.insert(QStringLiteral("filter"), filter.toJson());
    if (all)
        o.insert(QStringLiteral("all"), true);
    return o;
}

Result<DeadLetterBulkResult> DeadLetterBulkResult::fromJson(const QJsonObject &o)
{
    DeadLetterBulkResult r;
    const QJsonValue count = o.value(QStringLiteral("count"));
    if (!count.isDouble() || count.toDouble() < 0)
        return wrongType(QStringLiteral("count"), QStringLiteral("a non-negative number"));
    r.count = count.toInteger();
    const QJsonValue ids = o.value(QStringLiteral("ids"));
    if (!ids.isArray() && !ids.isUndefined())
        return wrongType(QStringLiteral("ids"), QStringLiteral("an array"));
    for (const QJsonValue &v : ids.toArray()) {
        const QUuid id = QUuid::fromString(v.toString());
        if (id.isNull())
            return wrongType(QStringLiteral("ids"), QStringLiteral("task ids"));
        r.ids.append(id);
    }
    return r;
}

QJsonObject DeadLetterDetails::toJson() const
{
    QJsonArray h;
    for (const TaskHistoryEntry &e : history)
        h.append(taskmill::toJson(e));
    return QJsonObject{{QStringLiteral("task"), taskmill::toJson(task)}, {QStringLiteral("history"), h}};
}

Result<DeadLetterDetails> DeadLetterDetails::fromJson(const QJsonObject &o)
{
    if (!o.value(QStringLiteral("task")).isObject())
        return wrongType(QStringLiteral("task"), QStringLiteral("an object"));
    if (!o.value(QStringLiteral("history")).isArray())
        return wrongType(QStringLiteral("history"), QStringLiteral("an array"));
    Result<Task> task = taskFromJson(o.value(QStringLiteral("task")).toObject());
    if (!task)
        return task.error();
    DeadLetterDetails d;
    d.task = *task;
    for (const QJsonValue &v : o.value(QStringLiteral("history")).toArray()) {
        Result<TaskHistoryEntry> e = historyEntryFromJson(v.toObject());
        if (!e)
            return e.error();
        d.history.append(*e);
    }
    return d;
}

QList<DeadLetterAttempt> deadLetterAttempts(const QList<TaskHistoryEntry> &history)
{
    QList<DeadLetterAttempt> out;
    int run = 1;
    bool open = false; // the last attempt in `out` has not ended yet
    for (const TaskHistoryEntry &e : history) {
        const bool fromRunning = e.fromStatus == Status::InProgress;
        if (fromRunning && open) {
            DeadLetterAttempt &a = out.last();
            a.finished = e.at;
            a.outcome = e.toStatus;
            a.error = e.message;
            if (a.worker.isEmpty())
                a.worker = e.worker;
            open = false;
        }
        if (e.fromStatus == Status::Failed && e.toStatus == Status::New)
            ++run; // requeued from the dead-letter queue: attempts count from 1 again
        if (e.toStatus == Status::InProgress) {
            DeadLetterAttempt a;
            a.run = run;
            a.attempt = e.attempt;
            a.started = e.at;
            a.worker = e.worker;
            out.append(a);
            open = true;
        }
    }
    return out;
}

} // namespace taskmill
