// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "queue/Dispatcher.h"

#include "observability/Logging.h"

namespace taskmill {

Dispatcher::Dispatcher(RedisConnection &redis, QByteArray prefix) : m_redis(redis), m_stream(redis, std::move(prefix)) {}

int Dispatcher::dispatch(TaskRepository &repo, const QList<QPair<QUuid, Priority>> &tasks)
{
    if (tasks.isEmpty())
        return 0;
    if (m_downSince.isValid() && m_downSince.elapsed() < m_backoffMs)
        return 0;
    if (!m_groupsReady) {
        auto g = m_stream.ensureGroups();
        m_groupsReady = bool(g);
    }
    auto added = m_stream.add(tasks);
    if (!added) {
        if (!m_downSince.isValid())
            qCWarning(lcQueue).noquote() << "dispatch to Redis failed, tasks stay NEW until the reconciler retries:"
                                         << added.error().message;
        m_downSince.start();
        m_groupsReady = false;
        return 0;
    }
    if (m_downSince.isValid())
        qCInfo(lcQueue) << "Redis is reachable again";
    m_downSince.invalidate();
    QList<QUuid> ids;
    ids.reserve(tasks.size());
    for (const auto &t : tasks)
        ids.append(t.first);
    // If this UPDATE fails the tasks stay NEW while their entries exist: the executor's claim accepts
    // NEW as well, and a reconciler re-dispatch only adds a harmless duplicate entry.
    auto marked = repo.markDispatched(ids, *added);
    if (!marked)
        qCWarning(lcQueue).noquote() << "could not mark tasks PENDING:" << marked.error().message;
    return int(tasks.size());
}

} // namespace taskmill
