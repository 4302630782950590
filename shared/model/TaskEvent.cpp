// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "model/TaskEvent.h"

#include "codec/TaskJson.h"

namespace taskmill {

namespace {
const QList<QPair<TaskEvent::Kind, QString>> &kindNames()
{
    static const QList<QPair<TaskEvent::Kind, QString>> names = {
        {TaskEvent::Kind::Created, QStringLiteral("created")},
        {TaskEvent::Kind::Dispatched, QStringLiteral("dispatched")},
        {TaskEvent::Kind::Started, QStringLiteral("started")},
        {TaskEvent::Kind::AttemptFailed, QStringLiteral("attempt_failed")},
        {TaskEvent::Kind::Completed, QStringLiteral("completed")},
        {TaskEvent::Kind::Failed, QStringLiteral("failed")},
        {TaskEvent::Kind::DeadLettered, QStringLiteral("dead_lettered")},
        {TaskEvent::Kind::Cancelled, QStringLiteral("cancelled")},
        {TaskEvent::Kind::Requeued, QStringLiteral("requeued")},
        {TaskEvent::Kind::Due, QStringLiteral("due")},
        {TaskEvent::Kind::HandedBack, QStringLiteral("handed_back")},
    };
    return names;
}
} // namespace

QString toString(TaskEvent::Kind kind)
{
    for (const auto &[k, name] : kindNames())
        if (k == kind)
            return name;
    return {};
}

std::optional<TaskEvent::Kind> eventKindFromString(const QString &s)
{
    for (const auto &[k, name] : kindNames())
        if (name == s)
            return k;
    return std::nullopt;
}

TaskEvent::Kind TaskEvent::kindOf(std::optional<Status> from, Status to, const QString &message)
{
    switch (to) {
    case Status::New:
        if (!from)
            return Kind::Created;
        if (*from == Status::Failed || *from == Status::Cancelled)
            return Kind::Requeued; // DLQ requeue, or "retry now" of a failed or cancelled task
        return Kind::Due; // POSTPONED or RETRY_WAITING whose time came
    case Status::Postponed: return Kind::Created;
    case Status::Pending: return from && *from == Status::InProgress ? Kind::HandedBack : Kind::Dispatched;
    case Status::InProgress: return Kind::Started;
    case Status::RetryWaiting: return Kind::AttemptFailed;
    case Status::Completed: return Kind::Completed;
    case Status::Failed: return message.endsWith(QLatin1String("[dead-lettered]")) ? Kind::DeadLettered : Kind::Failed;
    case Status::Cancelled: return Kind::Cancelled;
    }
    return Kind::Created;
}

QJsonObject TaskEvent::toJson() const
{
    return QJsonObject{
        {QStringLiteral("revision"), revision},
        {QStringLiteral("kind"), toString(kind)},
        {QStringLiteral("task_id"), taskId.toString(QUuid::WithoutBraces)},
        {QStringLiteral("from_status"), from ? QJsonValue(toString(*from)) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("status"), toString(status)},
        {QStringLiteral("priority"), toString(priority)},
        {QStringLiteral("type"), type},
        {QStringLiteral("title"), title},
        {QStringLiteral("at"), formatTimestamp(at)},
        {QStringLiteral("worker"), worker.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(worker)},
        {QStringLiteral("attempt"), attempt},
        {QStringLiteral("message"), message.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(message)},
    };
}

Result<TaskEvent> TaskEvent::fromJson(const QJsonObject &o)
{
    TaskEvent e;
    e.revision = o.value(QStringLiteral("revision")).toInteger(-1);
    auto kind = eventKindFromString(o.value(QStringLiteral("kind")).toString());
    auto status = statusFromString(o.value(QStringLiteral("status")).toString());
    auto priority = priorityFromString(o.value(QStringLiteral("priority")).toString());
    e.taskId = QUuid::fromString(o.value(QStringLiteral("task_id")).toString());
    if (e.revision < 0 || !kind || !status || !priority || e.taskId.isNull())
        return ApiError::badRequest(QStringLiteral("malformed event"));
    e.kind = *kind;
    e.status = *status;
    e.priority = *priority;
    if (o.value(QStringLiteral("from_status")).isString())
        e.from = statusFromString(o.value(QStringLiteral("from_status")).toString());
    e.type = o.value(QStringLiteral("type")).toString();
    e.title = o.value(QStringLiteral("title")).toString();
    e.at = parseTimestamp(o.value(QStringLiteral("at")).toString());
    e.worker = o.value(QStringLiteral("worker")).toString();
    e.attempt = o.value(QStringLiteral("attempt")).toInt();
    e.message = o.value(QStringLiteral("message")).toString();
    return e;
}

} // namespace taskmill
