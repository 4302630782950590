// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "service/BulkRunner.h"

#include "observability/Logging.h"
#include "wire/DeadLetterTypes.h"

#include <QScopeGuard>
#include <QSet>

using namespace Qt::StringLiterals;

namespace taskmill {

namespace {
// PostgreSQL gone or failing: every task after it would fail too, so the operation ends instead. A task that moved
// on (conflict, not found, a lock wait past the statement timeout) is only that task's outcome.
bool isStoreFailure(const ApiError &e)
{
    return e.code == ErrorCode::Unavailable || e.code == ErrorCode::Internal;
}
} // namespace

BulkRunner::BulkRunner(const Database &db, ActionsFor actions) : m_db(db), m_actions(std::move(actions))
{
    // Threads never expire: an operation closes its connection when it ends, so an idle thread holds none.
    m_pool.setExpiryTimeout(-1);
    m_pool.setMaxThreadCount(Slots);
}

int BulkRunner::staleAfterS()
{
    static const int value = [] {
        bool ok = false;
        const int v = qEnvironmentVariableIntValue("TASKMILL_TEST_BULK_STALE_S", &ok);
        return ok && v > 0 ? v : StaleAfterS;
    }();
    return value;
}

BulkRunner::~BulkRunner()
{
    stop();
}

QFuture<Result<BulkOperation>> BulkRunner::start(Start request)
{
    auto promise = std::make_shared<QPromise<Result<BulkOperation>>>();
    promise->start();
    QFuture<Result<BulkOperation>> future = promise->future();
    auto job = std::make_shared<Job>();
    job->id = QUuid::createUuid();
    job->request = std::move(request);
    {
        const std::lock_guard lock(m_mutex);
        std::optional<ApiError> refused;
        if (m_shutdown) {
            refused = ApiError::unavailable(u"the server is shutting down"_s);
        } else if (m_jobs.size() >= Slots) {
            refused = ApiError{ErrorCode::TooManyRequests,
                               u"this server runs %1 bulk operations already, the most it runs at once; retry in %2 s"_s
                                   .arg(Slots).arg(RetryAfterS), {}, {}};
            refused->retryAfterS = RetryAfterS;
        }
        if (refused) {
            promise->addResult(Result<BulkOperation>(*refused));
            promise->finish();
            return future;
        }
        m_jobs.insert(job->id, job);
    }
    m_pool.start([this, job, promise] { run(job, promise); });
    return future;
}

void BulkRunner::requestStop(const QUuid &id)
{
    const std::lock_guard lock(m_mutex);
    if (const auto job = m_jobs.value(id)) {
        Halt none = Halt::None;
        job->halt.compare_exchange_strong(none, Halt::Stop);
    }
}

void BulkRunner::stop()
{
    {
        const std::lock_guard lock(m_mutex);
        m_shutdown = true;
        for (const auto &job : std::as_const(m_jobs))
            job->halt = Halt::Shutdown;
    }
    m_pool.waitForDone();
}

void BulkRunner::release(const QUuid &id)
{
    const std::lock_guard lock(m_mutex);
    m_jobs.remove(id);
}

void BulkRunner::run(const std::shared_ptr<Job> &job, const Promise &promise)
{
    bool delivered = false;
    const auto deliver = [&](const Result<BulkOperation> &result) {
        promise->addResult(result);
        promise->finish();
        delivered = true;
    };
    try {
        auto db = m_db.connection();
        if (!db) {
            deliver(db.error());
        } else {
            BulkOperationRepository repo(*db);
            // Before the per-caller count: a dead process's operations must not hold a caller's slots.
            if (auto swept = repo.interruptStale(staleAfterS()); !swept)
                qCWarning(lcService).noquote() << "declaring stale bulk operations interrupted failed:" << swept.error().message;
            const Start &r = job->request;
            const Result<BulkOperation> op = repo.begin({job->id, r.action, r.filter, r.filterJson, r.expected, r.owner, r.actor},
                                                        MaxRunningPerCaller, RetryAfterS);
            deliver(op);
            if (op) {
                qCInfo(lcService).noquote() << "bulk" << toString(r.action) << op->id.toString(QUuid::WithoutBraces)
                                            << "started by" << r.actor << "on" << op->total << "tasks";
                const Outcome outcome = work(*db, *job);
                if (auto ended = repo.finish(job->id, outcome.state, outcome.message); !ended)
                    // It stays unfinished until a sweep declares it interrupted (StaleAfterS), audited then.
                    qCWarning(lcService).noquote() << "recording the end of bulk operation" << job->id.toString(QUuid::WithoutBraces)
                                                   << "failed:" << ended.error().message;
                qCInfo(lcService).noquote() << "bulk" << toString(r.action) << job->id.toString(QUuid::WithoutBraces) << "ended"
                                            << toString(outcome.state) << outcome.message;
            }
        }
    } catch (const std::exception &e) {
        // A bug: the client hears 500 if it still waits; a started operation is declared interrupted by a sweep.
        qCCritical(lcService).noquote() << "bulk operation threw:" << e.what();
        if (!delivered)
            deliver(ApiError::internal(u"internal error"_s));
    }
    m_db.closeThreadConnection();
    release(job->id);
}

BulkRunner::Outcome BulkRunner::work(QSqlDatabase &db, Job &job)
{
    BulkOperationRepository repo(db);
    // Per-task commits unflushed, each batch's progress flushed (BulkOperationRepository::setFlushEachCommit);
    // back to flushed commits for whatever this connection writes next (the operation's end, its audit row).
    if (auto off = repo.setFlushEachCommit(false); !off)
        return {BulkState::Failed, off.error().message};
    const auto restore = qScopeGuard([&repo] {
        if (auto on = repo.setFlushEachCommit(true); !on)
            qCWarning(lcService).noquote() << "restoring flushed commits after a bulk operation:" << on.error().message;
    });
    TaskActions actions = m_actions(db);
    QUuid after;
    for (;;) {
        switch (job.halt.load()) {
        case Halt::Stop: return {BulkState::Stopped, {}};
        case Halt::Shutdown: return {BulkState::Interrupted, u"the api process running it shut down"_s};
        case Halt::None: break;
        }
        const auto items = repo.nextBatch(job.id, after, BatchSize);
        if (!items)
            return {BulkState::Failed, items.error().message};
        if (items->isEmpty())
            return {BulkState::Completed, {}};
        Tally tally;
        if (const QUuid last = handleBatch(actions, job, *items, tally); !last.isNull())
            after = last;
        const auto state = repo.addProgress(job.id, tally.done, tally.failed, tally.failures);
        if (!state)
            return {BulkState::Failed, state.error().message};
        if (tally.storeFailure)
            return {BulkState::Failed, tally.storeFailure->message};
        if (*state == BulkState::Stopping)
            return {BulkState::Stopped, {}};
        if (isFinal(*state))
            return {*state, {}}; // declared interrupted meanwhile; finish() leaves it so
    }
}

QUuid BulkRunner::handleBatch(TaskActions &actions, Job &job, const QList<BulkOperationRepository::Item> &items, Tally &tally)
{
    const bool cancel = job.request.action == BulkAction::Cancel;
    QSet<QUuid> requeued;
    if (!cancel && job.halt == Halt::None) {
        QList<QUuid> dead;
        for (const auto &item : items)
            if (item.deadLettered)
                dead.append(item.id);
        // The batch's dead letters in one requeue, the path of POST /api/v1/dlq/requeue {ids} (one audit row per
        // batch, as there). What it did not take (it left the queue meanwhile) goes through retryNow below.
        if (!dead.isEmpty()) {
            const auto done = actions.requeue(DeadLetterSelection::ofIds(dead), std::nullopt, job.request.actor);
            if (!done && isStoreFailure(done.error())) {
                tally.storeFailure = done.error();
                return {};
            }
            if (done) {
                for (const TaskRef &ref : *done) {
                    requeued.insert(ref.id);
                    count(job, tally, ref.id, std::nullopt);
                }
            }
        }
    }
    // A cancel takes the whole batch in one statement; what it left (unknown, finished meanwhile) goes one by
    // one below, which names each reason.
    QSet<QUuid> cancelled;
    if (cancel && job.halt == Halt::None) {
        QList<QUuid> ids;
        for (const auto &item : items)
            ids.append(item.id);
        const auto done = actions.finishManyByHand(ids, Status::Cancelled, u"cancelled via API"_s);
        if (!done && isStoreFailure(done.error())) {
            tally.storeFailure = done.error();
            return {};
        }
        if (done)
            cancelled = *done;
    }
    QUuid last;
    for (const auto &item : items) {
        if (job.halt != Halt::None && !cancelled.contains(item.id))
            break;
        last = item.id;
        if (requeued.contains(item.id))
            continue;
        if (cancelled.contains(item.id)) {
            count(job, tally, item.id, std::nullopt);
            continue;
        }
        const Result<Task> changed = cancel ? actions.finishByHand(item.id, Status::Cancelled, u"cancelled via API"_s)
                                            : actions.retryNow(item.id, job.request.actor);
        count(job, tally, item.id, changed ? std::nullopt : std::optional<ApiError>(changed.error()));
        if (tally.storeFailure)
            break;
    }
    return last;
}

void BulkRunner::count(Job &job, Tally &tally, const QUuid &id, const std::optional<ApiError> &error)
{
    if (!error) {
        ++tally.done;
        return;
    }
    ++tally.failed;
    if (job.listedFailures < BulkOperation::MaxListedFailures) {
        tally.failures.append({id, *error});
        ++job.listedFailures;
    }
    if (isStoreFailure(*error))
        tally.storeFailure = *error;
}

} // namespace taskmill
