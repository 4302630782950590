// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "service/TaskActions.h"

#include "observability/Logging.h"
#include "observability/Metrics.h"
#include "queue/ControlChannel.h"
#include "service/TaskDispatch.h"
#include "store/DeadLetterRepository.h"
#include "store/TaskQueryRepository.h"
#include "store/TaskRepository.h"

using namespace Qt::StringLiterals;

namespace taskmill {

TaskActions::TaskActions(QSqlDatabase db, RedisConnection &redis, TaskDispatch &dispatch, QByteArray streamPrefix)
    : m_db(std::move(db)), m_redis(redis), m_dispatch(dispatch), m_prefix(std::move(streamPrefix))
{
}

Result<Task> TaskActions::finishByHand(const QUuid &id, Status to, const QString &who)
{
    bool wasRunning = false;
    auto task = TaskRepository(m_db).finishByHand(id, to, who, &wasRunning);
    if (task && wasRunning) {
        // PostgreSQL already says it is finished; this only makes the owning handler stop sooner.
        auto sent = ControlChannel(m_redis, m_prefix).publish({ControlMessage::Kind::Cancel, id});
        if (!sent) {
            Metrics::countFailure(Metrics::Failure::CancelSignal);
            qCWarning(lcService).noquote() << "could not signal cancellation (the executor's periodic check will):"
                                           << sent.error().message;
        }
    }
    return task;
}

Result<QSet<QUuid>> TaskActions::finishManyByHand(const QList<QUuid> &ids, Status to, const QString &who)
{
    auto finished = TaskRepository(m_db).finishManyByHand(ids, to, who);
    if (!finished)
        return finished.error();
    QSet<QUuid> done;
    for (const TaskRepository::Finished &f : *finished) {
        done.insert(f.id);
        if (f.from != Status::InProgress)
            continue;
        if (auto sent = ControlChannel(m_redis, m_prefix).publish({ControlMessage::Kind::Cancel, f.id}); !sent) {
            Metrics::countFailure(Metrics::Failure::CancelSignal);
            qCWarning(lcService).noquote() << "could not signal cancellation (the executor's periodic check will):"
                                           << sent.error().message;
        }
    }
    return done;
}

Result<Task> TaskActions::retryNow(const QUuid &id, const QString &actor)
{
    auto outcome = TaskRepository(m_db).retryNow(id, actor);
    if (!outcome)
        return outcome.error();
    if (outcome->deadLettered) {
        DeadLetterSelection selection;
        selection.ids = {id};
        auto requeued = requeue(selection, std::nullopt, actor);
        if (!requeued)
            return requeued.error();
        if (requeued->isEmpty())
            return ApiError::conflict(u"task %1 left the dead-letter queue meanwhile"_s.arg(id.toString(QUuid::WithoutBraces)));
        return TaskQueryRepository(m_db).get(id);
    }
    if (outcome->task.status != Status::New)
        return outcome->task;
    m_dispatch.dispatch(m_db, {{id, outcome->task.priority}});
    return TaskQueryRepository(m_db).get(id);
}

Result<QList<TaskRef>> TaskActions::requeue(const DeadLetterSelection &selection, const std::optional<QJsonObject> &payload,
                                           const QString &actor)
{
    auto requeued = DeadLetterRepository(m_db).requeue(selection, payload, actor);
    if (requeued)
        m_dispatch.dispatch(m_db, *requeued);
    return requeued;
}

} // namespace taskmill
