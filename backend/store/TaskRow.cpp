// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "store/TaskRow.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QStringList>

namespace taskmill {

QString taskColumns(const QString &alias)
{
    static const QStringList cols = {
        QStringLiteral("id"),           QStringLiteral("type"),        QStringLiteral("title"),
        QStringLiteral("description"),  QStringLiteral("payload::text"), QStringLiteral("priority"),
        QStringLiteral("status"),       QStringLiteral("created_at"),  QStringLiteral("started_at"),
        QStringLiteral("completed_at"), QStringLiteral("run_at"),      QStringLiteral("updated_at"),
        QStringLiteral("result::text"), QStringLiteral("error"),       QStringLiteral("attempts"),
        QStringLiteral("max_attempts"), QStringLiteral("trace_id"),    QStringLiteral("span_id"),
        QStringLiteral("worker"),       QStringLiteral("retry_policy::text"), QStringLiteral("dead_lettered_at")};
    if (alias.isEmpty())
        return cols.join(QStringLiteral(", "));
    QStringList prefixed;
    for (const QString &c : cols)
        prefixed << alias + u'.' + c;
    return prefixed.join(QStringLiteral(", "));
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
    return t;
}

} // namespace taskmill
