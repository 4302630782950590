// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "model/Task.h"
#include "wire/DeadLetterTypes.h"
#include "wire/Result.h"

#include <QJsonObject>
#include <QSet>
#include <QSqlDatabase>

#include <optional>

namespace taskmill {

class RedisConnection;
class TaskDispatch;

// What an operator does to tasks, each the one implementation every route uses (single, bulk, seed
// routes): PostgreSQL first (the state change and its history, audited where the DLQ is involved), then
// Redis (a cancel signal, new stream entries). A Redis failure after the commit never fails the action:
// the executors' periodic check stops a cancelled handler, and the reconciler dispatches NEW tasks.
class TaskActions final
{
public:
    TaskActions(QSqlDatabase db, RedisConnection &redis, TaskDispatch &dispatch, QByteArray streamPrefix);

    // Cancel (to = Cancelled) or seed 000's manual complete (to = Completed) of an unfinished task;
    // a running one's executor is told to stop its handler.
    Result<Task> finishByHand(const QUuid &id, Status to, const QString &who);
    // A batch of them in one statement (TaskRepository::finishManyByHand): the ids it finished; running ones
    // are told to stop as above.
    Result<QSet<QUuid>> finishManyByHand(const QList<QUuid> &ids, Status to, const QString &who);
    // "Retry now" (TaskRepository::retryNow); a dead-lettered task goes back through the audited
    // requeue. Dispatched at once when it became NEW.
    Result<Task> retryNow(const QUuid &id, const QString &actor);
    // Dead-letter requeue of a selection (optionally with an edited, already validated payload), dispatched.
    Result<QList<TaskRef>> requeue(const DeadLetterSelection &selection, const std::optional<QJsonObject> &payload,
                                   const QString &actor);

private:
    QSqlDatabase m_db;
    RedisConnection &m_redis;
    TaskDispatch &m_dispatch;
    QByteArray m_prefix;
};

} // namespace taskmill
