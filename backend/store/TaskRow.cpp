// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "store/TaskRow.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace taskmill {

namespace {
QString ms(const QString &column)
{
    return u"date_trunc('milliseconds', "_s + column + u')';
}
} // namespace

QString taskColumns(const QString &alias)
{
    // Timestamps are read truncated to the millisecond, QDateTime's resolution. QPSQL would round them
    // (…48.0005 → …48.001), and a task created at …48.0005 would then pass `created_from=…48.001` in the
    // app but not in SQL; truncated, a millisecond bound compares the same with both values.
    static const QStringList cols = {
        u"%1id"_s,           u"%1type"_s,         u"%1title"_s,
        u"%1description"_s,  u"%1payload::text"_s, u"%1priority"_s,
        u"%1status"_s,       ms(u"%1created_at"_s), ms(u"%1started_at"_s),
        ms(u"%1completed_at"_s), ms(u"%1run_at"_s), ms(u"%1updated_at"_s),
        u"%1result::text"_s, u"%1error"_s,        u"%1attempts"_s,
        u"%1max_attempts"_s, u"%1trace_id"_s,     u"%1span_id"_s,
        u"%1worker"_s,       u"%1retry_policy::text"_s, ms(u"%1dead_lettered_at"_s),
        u"%1progress"_s,     u"%1progress_message"_s, ms(u"%1lease_expires_at"_s),
        u"%1owner"_s};
    const QString prefix = alias.isEmpty() ? QString() : alias + u'.';
    QStringList out;
    for (const QString &c : cols)
        out << c.arg(prefix);
    return out.join(u", "_s);
}

int priorityToDb(Priority p) { return int(p); }

Priority priorityFromDb(int v)
{
    return v <= 0 ? Priority::Low : v == 1 ? Priority::Medium : Priority::High;
}

namespace {
QDateTime utc(const QVariant &v)
{
    if (v.isNull())
        return {};
    QDateTime t = v.toDateTime();
    return t.isValid() ? t.toUTC() : QDateTime{};
}
} // namespace

Task taskFromRow(const QSqlQuery &q, int c)
{
    Task t;
    t.id = QUuid::fromString(q.value(c + 0).toString());
    t.type = q.value(c + 1).toString();
    t.title = q.value(c + 2).toString();
    t.description = q.value(c + 3).toString();
    t.payload = QJsonDocument::fromJson(q.value(c + 4).toString().toUtf8()).object();
    t.priority = priorityFromDb(q.value(c + 5).toInt());
    t.status = statusFromString(q.value(c + 6).toString()).value_or(Status::New);
    t.createdAt = utc(q.value(c + 7));
    t.startedAt = utc(q.value(c + 8));
    t.completedAt = utc(q.value(c + 9));
    t.runAt = utc(q.value(c + 10));
    t.updatedAt = utc(q.value(c + 11));
    const QVariant result = q.value(c + 12);
    if (result.isNull()) {
        t.result = QJsonValue(QJsonValue::Null);
    } else {
        // jsonb may hold a scalar; wrap it so QJsonDocument can parse any JSON value.
        const QByteArray wrapped = "[" + result.toString().toUtf8() + "]";
        t.result = QJsonDocument::fromJson(wrapped).array().at(0);
    }
    t.error = q.value(c + 13).toString();
    t.attempts = q.value(c + 14).toInt();
    t.maxAttempts = q.value(c + 15).toInt();
    t.traceId = q.value(c + 16).toString();
    t.spanId = q.value(c + 17).toString();
    t.worker = q.value(c + 18).toString();
    const QVariant policy = q.value(c + 19);
    if (!policy.isNull()) {
        auto p = RetryPolicy::fromJson(QJsonDocument::fromJson(policy.toString().toUtf8()).object());
        if (p)
            t.retryPolicy = *p;
    }
    t.deadLetteredAt = utc(q.value(c + 20));
    t.progress = q.value(c + 21).isNull() ? -1 : q.value(c + 21).toInt();
    t.progressMessage = q.value(c + 22).toString();
    t.leaseExpiresAt = utc(q.value(c + 23));
    t.owner = q.value(c + 24).toString();
    return t;
}

} // namespace taskmill
