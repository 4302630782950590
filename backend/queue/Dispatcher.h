// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "queue/TaskStream.h"
#include "store/TaskRepository.h"

#include <QElapsedTimer>

namespace taskmill {

// Puts committed NEW tasks on their priority stream and marks them PENDING. Used by the API writer
// right after a commit and by the reconciler for tasks whose dispatch never happened. A failure
// leaves the tasks NEW in PostgreSQL, where the reconciler finds them again: nothing is lost.
class Dispatcher final
{
public:
    explicit Dispatcher(RedisConnection &redis, QByteArray prefix);

    // Returns how many were dispatched; 0 with a logged warning when Redis is down. While Redis is
    // down it does not try again for `backoffMs`, so a dead Redis does not slow every commit.
    int dispatch(TaskRepository &repo, const QList<QPair<QUuid, Priority>> &tasks);

    bool redisDown() const { return m_downSince.isValid(); }

private:
    RedisConnection &m_redis;
    TaskStream m_stream;
    bool m_groupsReady = false;
    QElapsedTimer m_downSince;
    int m_backoffMs = 1000;
};

} // namespace taskmill
