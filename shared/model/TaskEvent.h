// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/Result.h"
#include "model/Task.h"

#include <QJsonObject>

namespace taskmill {

// One change of one task, as pushed to clients. `revision` increases by one per event, with no gaps, in
// the order the changes committed; a client that saw revision R asks for events after R.
struct TaskEvent
{
    enum class Kind {
        Created, Dispatched, Started, AttemptFailed, Completed, Failed, DeadLettered, Cancelled, Requeued,
        Due, HandedBack
    };

    qint64 revision = 0;
    Kind kind = Kind::Created;
    QUuid taskId;
    std::optional<Status> from;
    Status status = Status::New;
    Priority priority = Priority::Medium;
    QString type;
    QString title;
    QDateTime at;
    QString worker;
    int attempt = 0;
    QString message;

    // The kind a history transition stands for (see docs/events.md).
    static Kind kindOf(std::optional<Status> from, Status to, const QString &message);

    QJsonObject toJson() const;
    static Result<TaskEvent> fromJson(const QJsonObject &o);
    bool operator==(const TaskEvent &) const = default;
};

QString toString(TaskEvent::Kind kind);
std::optional<TaskEvent::Kind> eventKindFromString(const QString &s);

} // namespace taskmill
