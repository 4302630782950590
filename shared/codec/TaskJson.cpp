// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "codec/TaskJson.h"

#include <algorithm>

namespace taskmill {

namespace {
QJsonValue timeValue(const QDateTime &t)
{
    return t.isValid() ? QJsonValue(formatTimestamp(t)) : QJsonValue(QJsonValue::Null);
}
QJsonValue stringOrNull(const QString &s)
{
    return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}
} // namespace

QString formatTimestamp(const QDateTime &t)
{
    if (!t.isValid())
        return {};
    return t.toUTC().toString(Qt::ISODateWithMs);
}

QDateTime parseTimestamp(const QString &s)
{
    // RFC 3339 requires a zone designator; refuse local times so a task never runs at a surprising hour.
    if (s.isEmpty())
        return {};
    // A date alone ("2026-01-31") has a '-' where an offset's sign would be: require the time part.
    const QChar last = s.back();
    const qsizetype timeAt = s.indexOf(u'T', 0, Qt::CaseInsensitive);
    const qsizetype sign = s.size() - 6;
    const bool hasZone = timeAt > 0
        && (last == u'Z' || last == u'z'
            || (sign > timeAt && (s.at(sign) == u'+' || s.at(sign) == u'-') && s.at(sign + 3) == u':'));
    if (!hasZone)
        return {};
    QString norm = s;
    norm.replace(u'z', u'Z').replace(u't', u'T');
    QDateTime t = QDateTime::fromString(norm, Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime::fromString(norm, Qt::ISODate);
    return t.isValid() ? t.toUTC() : QDateTime{};
}

QJsonObject toJson(const Task &t)
{
    return QJsonObject{
        {QStringLiteral("id"), t.id.toString(QUuid::WithoutBraces)},
        {QStringLiteral("type"), t.type},
        {QStringLiteral("title"), t.title},
        {QStringLiteral("description"), t.description},
        {QStringLiteral("payload"), t.payloadRedacted ? QJsonValue(QLatin1String(RedactedValue)) : QJsonValue(t.payload)},
        {QStringLiteral("priority"), toString(t.priority)},
        {QStringLiteral("status"), toString(t.status)},
        {QStringLiteral("created_at"), timeValue(t.createdAt)},
        {QStringLiteral("started_at"), timeValue(t.startedAt)},
        {QStringLiteral("completed_at"), timeValue(t.completedAt)},
        {QStringLiteral("run_at"), timeValue(t.runAt)},
        {QStringLiteral("updated_at"), timeValue(t.updatedAt)},
        {QStringLiteral("result"), t.result},
        {QStringLiteral("error"), stringOrNull(t.error)},
        {QStringLiteral("attempts"), t.attempts},
        {QStringLiteral("max_attempts"), t.maxAttempts},
        {QStringLiteral("trace_id"), stringOrNull(t.traceId)},
        {QStringLiteral("span_id"), stringOrNull(t.spanId)},
        {QStringLiteral("worker"), stringOrNull(t.worker)},
        {QStringLiteral("owner"), stringOrNull(t.owner)},
        {QStringLiteral("retry_policy"), t.retryPolicy ? QJsonValue(t.retryPolicy->toJson()) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("dead_lettered_at"), timeValue(t.deadLetteredAt)},
        {QStringLiteral("progress"), t.progress >= 0 ? QJsonValue(t.progress) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("progress_message"), stringOrNull(t.progressMessage)},
        {QStringLiteral("lease_expires_at"), timeValue(t.leaseExpiresAt)},
    };
}

QJsonObject toJson(const TaskHistoryEntry &h)
{
    return QJsonObject{
        {QStringLiteral("id"), h.id},
        {QStringLiteral("task_id"), h.taskId.toString(QUuid::WithoutBraces)},
        {QStringLiteral("from_status"),
         h.fromStatus ? QJsonValue(toString(*h.fromStatus)) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("to_status"), toString(h.toStatus)},
        {QStringLiteral("at"), timeValue(h.at)},
        {QStringLiteral("worker"), stringOrNull(h.worker)},
        {QStringLiteral("attempt"), h.attempt},
        {QStringLiteral("message"), stringOrNull(h.message)},
    };
}

QJsonArray toJson(const QList<Task> &tasks)
{
    QJsonArray a;
    for (const Task &t : tasks)
        a.append(toJson(t));
    return a;
}

namespace {
// Small typed readers: a present field of the wrong JSON type is an error naming the field.
struct Reader
{
    const QJsonObject &o;
    std::optional<ApiError> err;

    QString str(const char *key)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull())
            return {};
        if (!v.isString()) {
            fail(key, QStringLiteral("must be a string"));
            return {};
        }
        return v.toString();
    }
    QDateTime time(const char *key)
    {
        const QString s = str(key);
        if (s.isEmpty())
            return {};
        QDateTime t = parseTimestamp(s);
        if (!t.isValid())
            fail(key, QStringLiteral("must be an RFC 3339 timestamp"));
        return t;
    }
    int integer(const char *key, int def)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull())
            return def;
        if (!v.isDouble() || v.toDouble() != double(v.toInt())) {
            fail(key, QStringLiteral("must be an integer"));
            return def;
        }
        return v.toInt();
    }
    void fail(const char *key, const QString &msg)
    {
        if (!err)
            err = ApiError::validation(QLatin1String(key), QLatin1String(key) + u' ' + msg);
    }
};
} // namespace

Result<Task> taskFromJson(const QJsonObject &o)
{
    Reader r{o, std::nullopt};
    Task t;
    t.id = QUuid::fromString(r.str("id"));
    if (t.id.isNull())
        r.fail("id", QStringLiteral("must be a UUID"));
    t.type = r.str("type");
    t.title = r.str("title");
    t.description = r.str("description");
    const QJsonValue payload = o.value(QStringLiteral("payload"));
    if (payload.isObject())
        t.payload = payload.toObject();
    else if (payload == QJsonValue(QLatin1String(RedactedValue)))
        t.payloadRedacted = true; // shown as withheld; never sent back as an (empty) payload
    else if (!payload.isUndefined() && !payload.isNull())
        r.fail("payload", QStringLiteral("must be an object"));
    if (auto p = priorityFromString(r.str("priority")))
        t.priority = *p;
    else
        r.fail("priority", QStringLiteral("is unknown"));
    if (auto s = statusFromString(r.str("status")))
        t.status = *s;
    else
        r.fail("status", QStringLiteral("is unknown"));
    t.createdAt = r.time("created_at");
    t.startedAt = r.time("started_at");
    t.completedAt = r.time("completed_at");
    t.runAt = r.time("run_at");
    t.updatedAt = r.time("updated_at");
    t.result = o.value(QStringLiteral("result"));
    if (t.result.isUndefined())
        t.result = QJsonValue(QJsonValue::Null);
    t.error = r.str("error");
    t.attempts = r.integer("attempts", 0);
    t.maxAttempts = r.integer("max_attempts", 3);
    t.traceId = r.str("trace_id");
    t.spanId = r.str("span_id");
    t.worker = r.str("worker");
    t.owner = r.str("owner");
    t.deadLetteredAt = r.time("dead_lettered_at");
    const QJsonValue progress = o.value(QStringLiteral("progress"));
    t.progress = progress.isDouble() ? std::clamp(progress.toInt(), 0, 100) : -1;
    t.progressMessage = r.str("progress_message");
    t.leaseExpiresAt = r.time("lease_expires_at");
    const QJsonValue policy = o.value(QStringLiteral("retry_policy"));
    if (policy.isObject()) {
        auto p = RetryPolicy::fromJson(policy.toObject());
        if (p)
            t.retryPolicy = *p;
        else if (!r.err)
            r.err = p.error();
    } else if (!policy.isUndefined() && !policy.isNull()) {
        r.fail("retry_policy", QStringLiteral("must be an object"));
    }
    if (r.err)
        return *r.err;
    return t;
}

Result<TaskHistoryEntry> historyEntryFromJson(const QJsonObject &o)
{
    Reader r{o, std::nullopt};
    TaskHistoryEntry h;
    const QJsonValue id = o.value(QStringLiteral("id"));
    if (!id.isUndefined() && !id.isNull() && (!id.isDouble() || id.toDouble() != double(id.toInteger())))
        r.fail("id", QStringLiteral("must be an integer"));
    h.id = id.toInteger();
    h.taskId = QUuid::fromString(r.str("task_id"));
    if (h.taskId.isNull())
        r.fail("task_id", QStringLiteral("must be a UUID"));
    const QString from = r.str("from_status");
    if (!from.isEmpty()) {
        h.fromStatus = statusFromString(from);
        if (!h.fromStatus)
            r.fail("from_status", QStringLiteral("is unknown"));
    }
    if (auto s = statusFromString(r.str("to_status")))
        h.toStatus = *s;
    else
        r.fail("to_status", QStringLiteral("is unknown"));
    h.at = r.time("at");
    h.worker = r.str("worker");
    h.attempt = r.integer("attempt", 0);
    h.message = r.str("message");
    if (r.err)
        return *r.err;
    return h;
}

} // namespace taskmill
