// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "model/Task.h"
#include "queue/Dispatcher.h"

#include <QSqlDatabase>

namespace taskmill {

// Dispatching as every role does it: stream entries first (queue/Dispatcher), then the PENDING mark in
// PostgreSQL (store/TaskRepository). Neither step can lose a task: a task without an entry stays NEW and
// the reconciler dispatches it again; a task whose mark failed has its entry, and the executor's claim
// accepts NEW as well as PENDING (the reconciler may add a duplicate entry, which the claim makes
// harmless). So both failures are logged and counted here, never passed on to a client.
// One per thread (it owns no connection, but Dispatcher's outage backoff is per instance).
class TaskDispatch final
{
public:
    TaskDispatch(RedisConnection &redis, QByteArray prefix);

    // Adds entries for `tasks` and marks them PENDING; returns how many got an entry.
    int dispatch(QSqlDatabase &db, const QList<TaskRef> &tasks);
    // Only the entries (one id per task, in order), for a caller that marks later; nullopt when Redis is
    // down (the tasks stay NEW for the reconciler).
    std::optional<QList<QByteArray>> addEntries(const QList<TaskRef> &tasks) { return m_dispatcher.dispatch(tasks); }
    // Marks tasks whose entries were written by someone else (durability "fast": the api wrote the
    // entries before the rows existed).
    void markDispatched(QSqlDatabase &db, const QList<QUuid> &ids, const QList<QByteArray> &entryIds);

    bool redisDown() const { return m_dispatcher.redisDown(); }

private:
    Dispatcher m_dispatcher;
};

} // namespace taskmill
