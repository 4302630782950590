// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "queue/Dispatcher.h"

#include "observability/Logging.h"
#include "observability/Metrics.h"

namespace taskmill {

Dispatcher::Dispatcher(RedisConnection &redis, QByteArray prefix) : m_stream(redis, std::move(prefix)) {}

std::optional<QList<QByteArray>> Dispatcher::dispatch(const QList<TaskRef> &tasks)
{
    if (tasks.isEmpty())
        return QList<QByteArray>{};
    if (m_downSince.isValid() && m_downSince.elapsed() < RedisDownBackoffMs)
        return std::nullopt;
    if (!m_groupsReady) {
        // Without the group, entries added now would still be read (the group starts at id 0), so a
        // failure here is only retried next time.
        auto g = m_stream.ensureGroups();
        m_groupsReady = bool(g);
    }
    auto added = m_stream.add(tasks);
    if (!added) {
        if (!m_downSince.isValid())
            qCWarning(lcQueue).noquote() << "dispatch to Redis failed, tasks stay NEW until the reconciler retries:"
                                         << added.error().message;
        Metrics::countFailure(Metrics::Failure::Dispatch);
        m_downSince.start();
        m_groupsReady = false;
        return std::nullopt;
    }
    if (m_downSince.isValid())
        qCInfo(lcQueue) << "Redis is reachable again";
    m_downSince.invalidate();
    return *added;
}

} // namespace taskmill
