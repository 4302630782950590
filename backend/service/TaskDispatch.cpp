// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "service/TaskDispatch.h"

#include "observability/Logging.h"
#include "observability/Metrics.h"
#include "store/HandlerRepository.h"
#include "store/TaskRepository.h"

namespace taskmill {

TaskDispatch::TaskDispatch(RedisConnection &redis, QByteArray prefix) : m_dispatcher(redis, std::move(prefix)) {}

int TaskDispatch::dispatch(QSqlDatabase &db, const QList<TaskRef> &tasks)
{
    if (tasks.isEmpty())
        return 0;
    // Tasks of external handlers and of limited ones go to their type's own streams; the rows say which.
    // Unknown (the query failed): the built-in streams, where executors leave them pending, never lost.
    QList<TaskRef> routed = tasks;
    QList<QUuid> ids;
    ids.reserve(tasks.size());
    for (const TaskRef &t : tasks)
        ids.append(t.id);
    if (auto lanes = HandlerRepository(db).typeLanes(ids)) {
        for (TaskRef &t : routed)
            t.lane = lanes->value(t.id);
    } else {
        qCWarning(lcService).noquote() << "could not tell external tasks apart; dispatching to the built-in streams:"
                                       << lanes.error().message;
    }
    const std::optional<QList<QByteArray>> entries = m_dispatcher.dispatch(routed);
    if (!entries)
        return 0;
    markDispatched(db, ids, *entries);
    return int(tasks.size());
}

void TaskDispatch::markDispatched(QSqlDatabase &db, const QList<QUuid> &ids, const QList<QByteArray> &entryIds)
{
    if (ids.isEmpty())
        return;
    auto marked = TaskRepository(db).markDispatched(ids, entryIds);
    // A lock conflict or a serialisation failure passes: one more try. A lost server does not; the
    // tasks then stay NEW with their entries, which the claim and the reconciler both handle.
    if (!marked && marked.error().code != ErrorCode::Unavailable)
        marked = TaskRepository(db).markDispatched(ids, entryIds);
    if (!marked) {
        Metrics::countFailure(Metrics::Failure::MarkDispatched);
        qCWarning(lcService).noquote() << "could not mark" << ids.size()
                                     << "dispatched tasks PENDING (they stay NEW; their entries still run them):"
                                     << marked.error().message;
    }
}

} // namespace taskmill
