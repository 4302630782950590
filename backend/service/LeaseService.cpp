// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "service/LeaseService.h"

#include "executor/AttemptOutcome.h"
#include "observability/Logging.h"
#include "queue/TaskStream.h"
#include "service/HandlerCatalog.h"
#include "service/PauseGate.h"
#include "service/TaskDispatch.h"
#include "store/ExecutionRepository.h"
#include "store/LeaseRepository.h"
#include "store/PauseRepository.h"
#include "store/TaskQueryRepository.h"
#include "store/Database.h"
#include "store/Transaction.h"

#include <QElapsedTimer>
#include <QSqlError>
#include <QSet>
#include <QThread>

using namespace Qt::StringLiterals;

namespace taskmill {

namespace {
// A lease's consumer in the group: workers share the group with the built-in executors, under their own names.
QByteArray consumerOf(const QString &worker)
{
    return "worker:" + worker.toUtf8();
}
} // namespace

QString LeaseToken::toString() const
{
    return u"%1.%2.%3.%4"_s.arg(id.toString(QUuid::WithoutBraces)).arg(attempt).arg(leaseMs)
        .arg(QString::fromLatin1(worker.toUtf8().toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)));
}

std::optional<LeaseToken> LeaseToken::parse(const QString &text)
{
    const QStringList parts = text.split(u'.');
    if (parts.size() != 4)
        return std::nullopt;
    LeaseToken t;
    t.id = QUuid::fromString(parts.at(0));
    bool okAttempt = false, okMs = false;
    t.attempt = parts.at(1).toInt(&okAttempt);
    t.leaseMs = parts.at(2).toInt(&okMs);
    const auto worker = QByteArray::fromBase64Encoding(parts.at(3).toLatin1(),
                                                        QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (t.id.isNull() || !okAttempt || t.attempt < 1 || !okMs || t.leaseMs < 1 || !worker)
        return std::nullopt;
    t.worker = QString::fromUtf8(*worker);
    return t;
}

namespace {
// Entries read but not leased (the worker hung up, the claim failed, a concurrency limit was reached meanwhile):
// offered again at once to the other workers instead of waiting in this consumer's pending list.
void putBack(TaskStream &stream, const QList<StreamEntry> &entries)
{
    if (auto r = stream.requeue(entries); !r)
        qCWarning(lcApi).noquote() << "lease:" << entries.size() << "entries could not be put back (the reconciler will "
                                                                      "dispatch their tasks again):" << r.error().message;
}
} // namespace

LeaseService::LeaseService(const BackendConfig &config, const HandlerCatalog &catalog, QSqlDatabase &db, RedisConnection &redis)
    : m_config(config), m_catalog(catalog), m_db(db), m_redis(redis)
{
}

Result<QList<LeasedTask>> LeaseService::lease(const LeaseRequest &request, const std::atomic_bool &clientGone)
{
    // Only enabled handlers are leased; a disabled one's tasks wait where they are.
    QStringList lanes;
    const auto snap = m_catalog.snapshot();
    for (const QString &type : request.types) {
        const auto it = snap->constFind(type);
        if (it == snap->cend() || it->spec.kind != HandlerKind::External)
            return ApiError::validation(u"types"_s, u"'%1' is not an external handler: register it with POST /api/v1/handlers "
                                                    "(built-in handlers run in taskmilld's executors)"_s.arg(type));
        if (it->spec.enabled)
            lanes.append(type);
    }
    // Shown in the Monitor beside the executors; a failure here never fails the lease.
    if (auto t = LeaseRepository(m_db).touchWorker(request.worker, request.host, request.types, request.max); !t)
        qCWarning(lcApi).noquote() << "lease: could not record worker" << request.worker << ":" << t.error().message;
    QElapsedTimer waited;
    waited.start();
    if (lanes.isEmpty()) {
        // Nothing may be leased now: hold the poll for its time so a worker does not spin on us.
        QThread::msleep(quint32(request.waitMs));
        return QList<LeasedTask>{};
    }
    TaskStream stream(m_redis, m_config.streamPrefix.toUtf8());
    // Groups exist once per lane; a connection that saw them created need not ask again (a NOGROUP after a
    // Redis restart clears the set).
    thread_local QSet<QString> ensured;
    QStringList missing;
    for (const QString &lane : std::as_const(lanes))
        if (!ensured.contains(lane))
            missing.append(lane);
    if (!missing.isEmpty()) {
        if (auto g = stream.ensureLaneGroups(missing); !g)
            return ApiError::unavailable(u"Redis: "_s + g.error().message);
        for (const QString &lane : std::as_const(missing))
            ensured.insert(lane);
    }
    const QHash<QString, int> limits = m_catalog.limitsOf(lanes);
    // Paused types and priorities are not read (re-read every slice; the claim checks again, in its statement).
    PauseGate pauses;
    while (true) {
        if (clientGone)
            return QList<LeasedTask>{};
        const qint64 remaining = std::max<qint64>(0, request.waitMs - waited.elapsed());
        const int slice = int(std::min<qint64>(remaining, BlockSliceMs));
        pauses.refresh(m_db);
        const QList<Priority> priorities = pauses.runnablePriorities();
        // A type at its concurrency limit is not read this slice (the claim checks again, under a lock).
        auto open = openLanes(lanes, limits);
        if (!open)
            return open.error();
        open->removeIf([&](const QString &type) { return pauses.typePaused(type); });
        if (open->isEmpty() || priorities.isEmpty()) {
            if (remaining <= BlockSliceMs)
                return QList<LeasedTask>{};
            QThread::msleep(quint32(slice));
            continue;
        }
        auto entries = stream.readLanes(consumerOf(request.worker), *open, request.max, slice, priorities);
        if (!entries) {
            ensured.clear();
            return ApiError::unavailable(u"Redis: "_s + entries.error().message);
        }
        if (entries->isEmpty()) {
            if (remaining <= BlockSliceMs)
                return QList<LeasedTask>{};
            continue;
        }
        if (clientGone) {
            // Read for a worker that hung up meanwhile: fresh entries in their place, for the others.
            putBack(stream, *entries);
            return QList<LeasedTask>{};
        }
        QList<QUuid> ids;
        QList<QByteArray> entryIds;
        for (const StreamEntry &e : std::as_const(*entries)) {
            ids.append(e.taskId);
            entryIds.append(e.entryId);
        }
        auto claimed = ExecutionRepository(m_db).claimWithin(ids, entryIds, request.worker, lanes, limits, false, request.leaseMs);
        if (!claimed) {
            putBack(stream, *entries); // they are this worker's now and nobody would reclaim them
            return claimed.error();
        }
        QList<StreamEntry> stale, overLimit;
        QList<LeasedTask> out;
        const QDateTime expires = QDateTime::currentDateTimeUtc().addMSecs(request.leaseMs);
        for (const StreamEntry &e : std::as_const(*entries)) {
            if (std::any_of(claimed->overLimit.cbegin(), claimed->overLimit.cend(), [&](const auto &o) { return o.first == e.taskId; })) {
                overLimit.append(e);
                continue;
            }
            auto it = std::find_if(claimed->tasks.cbegin(), claimed->tasks.cend(), [&](const Task &t) { return t.id == e.taskId; });
            if (it == claimed->tasks.cend() || std::any_of(out.cbegin(), out.cend(), [&](const LeasedTask &l) { return l.task.id == e.taskId; })) {
                stale.append(e); // cancelled, finished or a duplicate entry: nothing to run
                continue;
            }
            out.append({*it, {it->id, it->attempts, request.leaseMs, request.worker}, expires});
        }
        putBack(stream, overLimit);
        if (!stale.isEmpty()) {
            // Paused tasks read just before their pause showed here: parked (store/PauseRepository), and their
            // entries acknowledged with the stale ones. Should parking fail they are acknowledged all the same:
            // the reconciler dispatches them again once they are resumed (their entry is gone).
            QList<QUuid> staleIds;
            for (const StreamEntry &e : std::as_const(stale))
                staleIds.append(e.taskId);
            if (auto parked = PauseRepository(m_db).park(staleIds, false); !parked)
                qCWarning(lcApi).noquote() << "lease: could not park paused tasks:" << parked.error().message;
            else if (!parked->isEmpty())
                pauses.invalidate();
            if (auto a = stream.ack(stale); !a)
                qCWarning(lcApi).noquote() << "lease: could not acknowledge" << stale.size() << "stale entries:" << a.error().message;
        }
        if (!out.isEmpty() || waited.elapsed() >= request.waitMs)
            return out;
    }
}

Result<QStringList> LeaseService::openLanes(const QStringList &lanes, const QHash<QString, int> &limits)
{
    if (limits.isEmpty())
        return lanes;
    auto running = ExecutionRepository(m_db).runningByType(limits.keys());
    if (!running)
        return running.error();
    QStringList open;
    for (const QString &lane : lanes)
        if (!limits.contains(lane) || running->value(lane) < limits.value(lane))
            open.append(lane);
    return open;
}

Result<QDateTime> LeaseService::heartbeat(const LeaseToken &token, std::optional<int> progress, const std::optional<QString> &message)
{
    auto extended = LeaseRepository(m_db).heartbeat(token.id, token.attempt, token.leaseMs, progress, message);
    if (extended)
        if (auto t = LeaseRepository(m_db).touchWorker(token.worker, {}, {}, 0); !t)
            qCWarning(lcApi).noquote() << "heartbeat: could not record worker" << token.worker << ":" << t.error().message;
    return extended;
}

Result<Task> LeaseService::complete(const LeaseToken &token, const QJsonValue &result)
{
    return record(token, Status::Completed, result, {}, false);
}

Result<Task> LeaseService::fail(const LeaseToken &token, const QString &error, bool retry)
{
    return record(token, Status::Failed, QJsonValue(QJsonValue::Null), error, !retry);
}

Result<Task> LeaseService::record(const LeaseToken &token, Status status, const QJsonValue &result, const QString &error, bool permanent)
{
    LeaseRepository::Held held;
    {
        Transaction tx(m_db);
        auto locked = LeaseRepository(m_db).lock(token.id, token.attempt);
        if (!locked)
            return locked.error();
        held = *locked;
        const RetryPolicy policy = held.task.retryPolicy.value_or(m_config.retryPolicyFor(held.task.type));
        const AttemptResult decided = decideOutcome(held.task, status, result, error, permanent, policy,
                                                    QDateTime::currentDateTimeUtc());
        auto recorded = ExecutionRepository(m_db).finish({decided});
        if (!recorded)
            return recorded.error();
        if (recorded->isEmpty())
            return ApiError::leaseLost(u"the lease on task %1 is no longer held"_s.arg(token.id.toString(QUuid::WithoutBraces)));
        if (!tx.commit())
            return dbError(m_db.lastError(), u"commit"_s);
    }
    // Recorded: the entry has served. A failed acknowledgement leaves a pending entry whose claim finds the
    // task finished (or a later attempt) and acknowledges it then.
    TaskStream stream(m_redis, m_config.streamPrefix.toUtf8());
    if (auto a = stream.ack({StreamEntry{held.task.priority, held.entry, held.task.id, {}, held.task.type}}); !a)
        qCWarning(lcApi).noquote() << "lease: could not acknowledge the entry of task" << token.id << ":" << a.error().message;
    return TaskQueryRepository(m_db).get(token.id);
}

Result<Task> LeaseService::release(const LeaseToken &token)
{
    auto released = LeaseRepository(m_db).release(token.id, token.attempt, token.worker);
    if (!released)
        return released.error();
    TaskStream stream(m_redis, m_config.streamPrefix.toUtf8());
    if (auto a = stream.ack({StreamEntry{released->task.priority, released->entry, token.id, {}, released->task.type}}); !a)
        qCWarning(lcApi).noquote() << "release: could not acknowledge the old entry of task" << token.id << ":" << a.error().message;
    // Offered again at once: a new entry in its lane (a failed dispatch leaves it to the reconciler).
    TaskDispatch(m_redis, m_config.streamPrefix.toUtf8()).dispatch(m_db, {{token.id, released->task.priority}});
    return TaskQueryRepository(m_db).get(token.id);
}

} // namespace taskmill
