// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "scheduler/Scheduler.h"

#include "executor/AttemptOutcome.h"
#include "observability/Logging.h"
#include "observability/Metrics.h"
#include "queue/TaskStream.h"
#include "service/TaskDispatch.h"
#include "store/Database.h"
#include "store/ExecutionRepository.h"
#include "store/LeaseRepository.h"
#include "store/RetentionRepository.h"
#include "store/SchedulingRepository.h"
#include "store/SearchIndexRepository.h"
#include "store/Transaction.h"

#include <QElapsedTimer>

namespace taskmill {

Scheduler::Scheduler(const BackendConfig &config, DbParams db, RedisEndpoint redis)
    : m_config(config), m_db(std::move(db)), m_redis(std::move(redis))
{
}

Scheduler::~Scheduler() { stop(); }

void Scheduler::start()
{
    m_thread.reset(QThread::create([this] { run(); }));
    m_thread->setObjectName(QStringLiteral("scheduler"));
    m_thread->start();
}

void Scheduler::stop()
{
    m_stopping = true;
    if (m_thread)
        m_thread->wait();
    m_thread.reset();
}

namespace {
// Rows one pass moves at most: a bigger backlog takes several passes without a pause between them, and
// no single statement holds row locks on more than this many tasks.
constexpr int PassLimit = 1000;
// Redis commands of the scheduler: past this, Redis counts as down for this pass.
constexpr int RedisTimeoutMs = 1000;
// How long one retention pass may run: an expired backlog (retention shortened, a scheduler that was
// down) goes over many passes with due dispatch in between, so delayed tasks are never held up for long.
constexpr qint64 RetentionPassBudgetMs = 200;
} // namespace

bool Scheduler::expireFinished(QSqlDatabase &db, bool *more)
{
    RetentionRepository repo(db);
    const QList<QPair<Status, qint64>> periods{{Status::Completed, m_config.retentionCompletedS},
                                               {Status::Failed, m_config.retentionFailedS},
                                               {Status::Cancelled, m_config.retentionCancelledS}};
    QElapsedTimer pass;
    pass.start();
    *more = false;
    for (const auto &[status, seconds] : periods) {
        if (seconds <= 0)
            continue; // kept forever
        qint64 total = 0;
        bool full = true;
        while (full && !m_stopping && pass.elapsed() < RetentionPassBudgetMs) {
            auto removed = repo.purgeFinished(status, seconds, m_config.retentionBatch);
            if (!removed) {
                qCWarning(lcScheduler).noquote() << "retention pass failed:" << removed.error().message;
                return false;
            }
            total += *removed;
            full = *removed == m_config.retentionBatch;
        }
        *more = *more || full;
        if (total > 0) {
            Metrics::countExpired(status, quint64(total));
            qCInfo(lcScheduler).noquote() << "retention: removed" << total << toString(status)
                                          << "tasks that finished more than" << seconds << "s ago";
        }
    }
    // One bounded statement a pass each: a bulk operation's record outlives its report by COMPLETED's period;
    // the keys of idempotent creates live retention.idempotency_keys (a request sent again later creates anew).
    const auto purge = [&](qint64 periodS, auto remove, const char *what) {
        if (periodS <= 0 || m_stopping)
            return true;
        auto removed = (repo.*remove)(periodS, m_config.retentionBatch);
        if (!removed) {
            qCWarning(lcScheduler).noquote() << "retention of" << what << "failed:" << removed.error().message;
            return false;
        }
        *more = *more || *removed == m_config.retentionBatch;
        if (*removed > 0)
            qCInfo(lcScheduler).noquote() << "retention: removed" << *removed << what;
        return true;
    };
    return purge(m_config.retentionCompletedS, &RetentionRepository::purgeEndedBulkOperations, "ended bulk operations")
        && purge(m_config.retentionIdempotencyKeysS, &RetentionRepository::purgeIdempotencyKeys, "idempotency keys");
}

// Sleeps until the next due task, but never longer than interval_ms: a task created meanwhile with an
// earlier run_at is then found at most interval_ms late.
int Scheduler::dispatchDue(QSqlDatabase &db, SchedulingRepository &repo, TaskDispatch &dispatch)
{
    if (dispatch.redisDown())
        return m_config.schedulerIntervalMs; // promote only while Redis takes entries: due tasks wait as POSTPONED
    auto due = repo.promoteDue(PassLimit);
    if (!due)
        return -1;
    dispatch.dispatch(db, *due);
    if (due->size() == PassLimit)
        return 0; // more are due
    auto next = repo.msUntilNextDue();
    if (!next)
        return -1;
    if (!*next)
        return m_config.schedulerIntervalMs;
    return int(std::clamp<qint64>(**next, 1, m_config.schedulerIntervalMs));
}

bool Scheduler::reconcile(QSqlDatabase &db, SchedulingRepository &repo, TaskDispatch &dispatch, TaskStream &stream)
{
    auto stale = repo.undispatched(m_config.reconcileAgeMs, PassLimit);
    if (!stale)
        return false;
    if (const int sent = dispatch.dispatch(db, *stale); sent > 0)
        qCInfo(lcScheduler) << "reconciler dispatched" << sent << "NEW tasks that had no stream entry";

    auto active = repo.staleActive(m_config.reconcileAgeMs, m_config.visibilityTimeoutMs, PassLimit);
    if (!active)
        return false;
    if (active->isEmpty())
        return true;
    // Two places per task: the built-in stream and the type's lane (a handler's kind or concurrency may have
    // changed since the dispatch). Found in either: not lost.
    QList<QPair<QByteArray, QByteArray>> entries;
    for (const auto &a : *active) {
        const QByteArray entry = a.entry.isEmpty() ? QByteArray("0-0") : a.entry;
        entries.append({stream.streamName(a.priority), entry});
        entries.append({stream.streamName(a.priority, a.type), entry});
    }
    auto exist = stream.existIn(entries);
    if (!exist)
        return true; // Redis is away: nothing to compare with
    QList<TaskRef> lost;
    QList<SchedulingRepository::Active> orphans;
    for (qsizetype i = 0; i < active->size(); ++i) {
        if (exist->at(2 * i) || exist->at(2 * i + 1))
            continue; // still in a stream: waiting, or pending in a dead consumer's list for XAUTOCLAIM
        const auto &a = active->at(i);
        if (a.status == Status::Pending)
            lost.append({a.id, a.priority});
        else
            orphans.append(a);
    }
    if (!orphans.isEmpty()) {
        auto released = repo.releaseOrphans(orphans);
        if (!released)
            return false;
        for (const auto &o : orphans)
            if (released->contains(o.id))
                lost.append({o.id, o.priority});
        qCInfo(lcScheduler) << "reconciler released" << released->size()
                            << "tasks of stopped executors whose stream entries were gone";
    }
    if (const int sent = dispatch.dispatch(db, lost); sent > 0)
        qCInfo(lcScheduler) << "reconciler re-dispatched" << sent << "tasks whose stream entries were lost";
    return true;
}

bool Scheduler::reapLeases(QSqlDatabase &db, TaskStream &stream)
{
    // An external worker that stops heartbeating loses its lease: the attempt counts as failed ("lease
    // expired"), so the retry policy and the dead-letter queue apply as to any failure, and a late complete
    // or fail from that worker answers lease_lost (its attempt no longer matches).
    QList<StreamEntry> served;
    {
        Transaction tx(db);
        auto expired = LeaseRepository(db).expired(PassLimit);
        if (!expired)
            return false;
        if (expired->isEmpty())
            return true;
        QList<AttemptResult> results;
        const QDateTime now = QDateTime::currentDateTimeUtc();
        for (const LeaseRepository::Held &h : std::as_const(*expired)) {
            const RetryPolicy policy = h.task.retryPolicy.value_or(m_config.retryPolicyFor(h.task.type));
            results.append(decideOutcome(h.task, Status::Failed, QJsonValue(QJsonValue::Null),
                                         QStringLiteral("lease expired: worker %1 sent no heartbeat in time").arg(h.task.worker), false,
                                         policy, now));
            served.append({h.task.priority, h.entry, h.task.id, {}, h.task.type});
        }
        auto recorded = ExecutionRepository(db).finish(results);
        if (!recorded || !tx.commit()) {
            qCWarning(lcScheduler).noquote() << "could not reclaim expired leases:"
                                             << (recorded ? db.lastError().text() : recorded.error().message);
            return false;
        }
        qCInfo(lcScheduler) << "reclaimed" << recorded->size() << "expired leases";
    }
    if (auto a = stream.ack(served); !a)
        qCWarning(lcScheduler).noquote() << "could not acknowledge the entries of reclaimed leases:" << a.error().message;
    return true;
}

void Scheduler::run()
{
    Database database(m_db, QStringLiteral("scheduler"));
    RedisConnection redis(m_redis, RedisTimeoutMs, "taskmill-scheduler");
    RedisConnection checks(m_redis, RedisTimeoutMs, "taskmill-scheduler-checks");
    TaskDispatch dispatch(redis, m_config.streamPrefix.toUtf8());
    TaskStream stream(checks, m_config.streamPrefix.toUtf8());
    QElapsedTimer sinceReconcile;
    sinceReconcile.start();
    QElapsedTimer sinceRetention; // the first pass runs at start: a scheduler that was down catches up
    bool retentionDue = true;
    QElapsedTimer sinceLeaseReap;
    int sleepMs = 0;
    while (!m_stopping) {
        if (sleepMs > 0)
            QThread::msleep(quint32(sleepMs));
        sleepMs = m_config.schedulerIntervalMs;
        auto db = database.connection();
        if (!db)
            continue;
        SchedulingRepository repo(*db);
        const int next = dispatchDue(*db, repo, dispatch);
        if (next < 0) {
            database.closeThreadConnection();
            continue;
        }
        sleepMs = next;
        if (sinceReconcile.elapsed() >= m_config.reconcileIntervalMs) {
            sinceReconcile.restart();
            // Backstop of the api's indexer: documents of tasks an executor wrote ("fast" entries that
            // arrived first) or that a stopped api left queued.
            auto indexed = SearchIndexRepository(*db).indexPending(SearchIndexRepository::PassMax);
            if (!indexed)
                qCWarning(lcScheduler).noquote() << "search index pass failed:" << indexed.error().message;
            if (!reconcile(*db, repo, dispatch, stream)) {
                database.closeThreadConnection();
                continue;
            }
        }
        if (!sinceLeaseReap.isValid() || sinceLeaseReap.elapsed() >= LeaseReapIntervalMs) {
            sinceLeaseReap.start();
            if (!reapLeases(*db, stream)) {
                database.closeThreadConnection();
                continue;
            }
        }
        if (retentionDue || sinceRetention.elapsed() >= m_config.retentionIntervalMs) {
            retentionDue = false;
            sinceRetention.start();
            if (!expireFinished(*db, &retentionDue))
                database.closeThreadConnection();
            if (retentionDue)
                sleepMs = 0; // more expired rows: the next pass right after the due check
        }
    }
    database.closeThreadConnection();
}

} // namespace taskmill
