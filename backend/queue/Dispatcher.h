// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "model/Task.h"
#include "queue/TaskStream.h"

#include <QElapsedTimer>

#include <optional>

namespace taskmill {

// Puts tasks on their priority streams for whoever dispatches (the api writer after a commit, the
// scheduler, the reconciler, requeues, a stopping executor's hand-back). Redis only: marking the tasks
// PENDING in PostgreSQL is the caller's business (service/TaskDispatch does both). A task without an
// entry stays NEW in PostgreSQL, where the reconciler finds it again: nothing is lost.
class Dispatcher final
{
public:
    Dispatcher(RedisConnection &redis, QByteArray prefix);

    // One entry id per task, in order; nullopt when Redis is down (logged once per outage, counted).
    // While Redis is down it does not try again for RedisDownBackoffMs, so a dead Redis does not slow
    // every commit by a connect timeout.
    std::optional<QList<QByteArray>> dispatch(const QList<TaskRef> &tasks);

    bool redisDown() const { return m_downSince.isValid(); }

    static constexpr int RedisDownBackoffMs = 1000;

private:
    TaskStream m_stream;
    bool m_groupsReady = false;
    QElapsedTimer m_downSince;
};

} // namespace taskmill
