// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "executor/Fetcher.h"

#include "codec/TaskJson.h"
#include "executor/AttemptOutcome.h"
#include "executor/AttemptSpan.h"
#include "executor/Executor.h"
#include "observability/Logging.h"
#include "observability/Tracer.h"
#include "store/PauseRepository.h"
#include "store/TaskRepository.h"
#include "store/Transaction.h"

#include <QJsonDocument>
#include <QSet>

#include <QElapsedTimer>

#include <algorithm>
#include <QThread>

using namespace Qt::StringLiterals;

namespace taskmill {

Fetcher::Fetcher(ExecutorState &state, const HandlerRegistry &handlers, QThreadPool &pool, const BackendConfig &config,
                 DbParams db, RedisEndpoint redis, QByteArray consumer, Tracer *tracer)
    : m_state(state), m_handlers(handlers), m_gate(handlers, config.handlers.refreshMs), m_pool(pool),
      // Claims do not wait for WAL flushes: a claim a server crash loses leaves the entry pending, and it is
      // reclaimed and run again (at-least-once, fenced by attempt). The result's commit, which waits, makes
      // the claim before it durable as well (WAL is flushed in order).
      m_db(std::move(db), QStringLiteral("fetcher"), CommitWait::NoFlush),
      m_redis(std::move(redis)), m_prefix(config.streamPrefix.toUtf8()), m_consumer(std::move(consumer)),
      m_config(config), m_fairnessEvery(config.fairnessEvery), m_tracer(tracer)
{
}

void Fetcher::reclaim(TaskStream &stream, bool own)
{
    // The built-in streams and the lanes of every type this executor runs.
    const QStringList types = m_gate.runnableTypes();
    QStringList lanes{QString()};
    if (ensureLanes(stream, types))
        lanes += types;
    for (const QString &lane : std::as_const(lanes)) {
        for (Priority p : allPriorities()) {
            auto got = own ? stream.ownPending(m_consumer, p, ResumeBatch, lane)
                           : stream.autoClaim(m_consumer, p, m_config.visibilityTimeoutMs, ReclaimBatch, lane);
            if (!got) {
                qCWarning(lcExecutor).noquote() << "reclaiming entries failed:" << got.error().message;
                return;
            }
            if (got->isEmpty())
                continue;
            qCInfo(lcExecutor).noquote() << (own ? "resuming" : "reclaimed") << got->size() << toString(p)
                                         << (lane.isEmpty() ? QString() : u"'%1'"_s.arg(lane))
                                         << (own ? "entries this consumer had taken before it stopped"
                                                 : "entries from executors that stopped responding");
            claimAndStart(*got, true);
        }
    }
}

bool Fetcher::ensureLanes(TaskStream &stream, const QStringList &types)
{
    QStringList missing;
    for (const QString &type : types)
        if (!m_lanesReady.contains(type))
            missing.append(type);
    if (missing.isEmpty())
        return true;
    if (auto g = stream.ensureLaneGroups(missing); !g) {
        qCWarning(lcExecutor).noquote() << "cannot create consumer groups on type lanes:" << g.error().message;
        return false;
    }
    for (const QString &type : std::as_const(missing))
        m_lanesReady.insert(type);
    return true;
}

QList<StreamEntry> Fetcher::fetchLanes(TaskStream &stream, int capacity, QStringList &open)
{
    QList<StreamEntry> out;
    auto db = m_db.connection();
    if (db) {
        m_gate.refresh(*db); // an idle executor must notice a new or lifted limit too
        m_pauses.refresh(*db);
    }
    QStringList types = m_gate.runnableTypes();
    types.removeIf([this](const QString &type) { return m_pauses.typePaused(type); });
    const QList<Priority> priorities = m_pauses.runnablePriorities();
    const QHash<QString, int> limits = m_gate.limitsOf(types);
    // A limit lifted (or raised from a type's lane being the only way in): look at the lanes now.
    for (auto it = m_lastLimits.cbegin(); it != m_lastLimits.cend(); ++it)
        if (limits.value(it.key()) != it.value())
            m_sinceLeftovers.invalidate();
    m_lastLimits = limits;
    const bool leftovers = !m_sinceLeftovers.isValid() || m_sinceLeftovers.elapsed() >= LeftoverLanesMs;
    if ((limits.isEmpty() && !leftovers) || !ensureLanes(stream, types))
        return out;
    const auto readLanes = [&](const QStringList &lanes, int count) {
        auto got = stream.readLanes(m_consumer, lanes, count, 0, priorities);
        if (!got) {
            m_lanesReady.clear(); // a NOGROUP after a Redis restart: create them again next time
            qCWarning(lcExecutor).noquote() << "reading type lanes failed:" << got.error().message;
            return false;
        }
        out += *got;
        return true;
    };
    if (!limits.isEmpty()) {
        // What each limited type has left. Unknown (PostgreSQL away): nothing is read from its lane this round.
        auto counted = db ? ExecutionRepository(*db).runningByType(limits.keys()) : Result<QHash<QString, int>>(db.error());
        if (!counted) {
            Metrics::countFailure(Metrics::Failure::Claim);
            qCWarning(lcExecutor).noquote() << "counting running tasks of limited handlers failed:" << counted.error().message;
            return out;
        }
        for (auto it = limits.cbegin(); it != limits.cend(); ++it) {
            const int room = std::min(it.value() - counted->value(it.key()), capacity - int(out.size()));
            if (room <= 0)
                continue;
            open.append(it.key());
            if (!readLanes({it.key()}, room))
                return out;
        }
    }
    if (leftovers) {
        m_sinceLeftovers.restart();
        QStringList unlimited;
        for (const QString &type : types)
            if (!limits.contains(type))
                unlimited.append(type);
        if (!unlimited.isEmpty() && capacity > out.size())
            readLanes(unlimited, capacity - int(out.size()));
    }
    return out;
}

QList<Priority> Fetcher::roundOrder(quint64 round, int fairnessEvery, bool lowStarving, bool mediumStarving)
{
    const quint64 phase = round % quint64(fairnessEvery);
    if (lowStarving && phase == quint64(fairnessEvery - 1))
        return {Priority::Low, Priority::High, Priority::Medium};
    if (mediumStarving && phase == quint64(fairnessEvery / 2 - 1))
        return {Priority::Medium, Priority::High, Priority::Low};
    return {Priority::High, Priority::Medium, Priority::Low};
}

QList<StreamEntry> Fetcher::fetch(TaskStream &stream, int capacity)
{
    // Limited types first: each takes at most what its limit leaves, so they cannot crowd out the rest.
    QStringList openLanes;
    QList<StreamEntry> entries = fetchLanes(stream, capacity, openLanes);
    const qsizetype laneCount = entries.size();
    capacity -= int(laneCount);
    const auto starving = [this](const QElapsedTimer &since) {
        return since.isValid() && since.elapsed() >= m_config.starvationMs;
    };
    const QList<Priority> order =
        roundOrder(m_round++, m_fairnessEvery, starving(m_lowPassedOver), starving(m_mediumPassedOver));
    bool readLow = false, readMedium = false;
    // A fairness round takes ONE entry from the favoured lower stream, then fills by priority: lower
    // priorities always progress, and a high backlog loses at most one slot per fairness round.
    const bool fairness = order.first() != Priority::High;
    for (Priority p : order) {
        const int want = (fairness && p == order.first()) ? std::min(1, capacity) : capacity - int(entries.size() - laneCount);
        if (want <= 0)
            break;
        readLow = readLow || p == Priority::Low;
        readMedium = readMedium || p == Priority::Medium;
        if (m_pauses.priorityPaused(p))
            continue; // counts as served: a paused priority is not starving

        auto got = stream.read(m_consumer, p, want);
        if (!got) {
            qCWarning(lcExecutor).noquote() << "reading stream failed:" << got.error().message;
            QThread::msleep(ReadFailurePauseMs);
            return entries;
        }
        entries += *got;
    }
    // A priority read this round was served (or had nothing); one the capacity never reached was passed over.
    for (auto [read, since] : {std::pair{readLow, &m_lowPassedOver}, std::pair{readMedium, &m_mediumPassedOver}}) {
        if (read)
            since->invalidate();
        else if (!since->isValid())
            since->start();
    }
    if (!entries.isEmpty())
        return entries;
    // Nothing queued: block until something arrives on any stream (at most one entry per stream, so
    // capacity may be exceeded by two for a moment; those wait on the pool queue).
    const QList<Priority> runnable = m_pauses.runnablePriorities();
    if (runnable.isEmpty()) {
        QThread::msleep(IdleBlockMs); // every priority paused: nothing to block on, and no reason to spin
        return {};
    }
    auto got = stream.readAny(m_consumer, IdleBlockMs, openLanes, runnable);
    if (!got) {
        qCWarning(lcExecutor).noquote() << "waiting on streams failed:" << got.error().message;
        QThread::msleep(ReadFailurePauseMs);
        return {};
    }
    return *got;
}

void Fetcher::run()
{
    RedisConnection redis(m_redis, Executor::RedisTimeoutMs, "taskmill-executor-fetch");
    TaskStream stream(redis, m_prefix);
    m_stream = &stream;
    while (!m_state.stopping) {
        if (auto g = stream.ensureGroups(); g)
            break;
        else
            qCWarning(lcExecutor).noquote() << "cannot create consumer groups:" << g.error().message;
        QThread::msleep(ReadFailurePauseMs);
    }
    if (!m_state.stopping)
        reclaim(stream, true);
    QElapsedTimer sinceReclaim;
    sinceReclaim.start();
    while (!m_state.stopping) {
        if (sinceReclaim.elapsed() >= std::max(ReclaimMinIntervalMs, m_config.visibilityTimeoutMs / 2)) {
            reclaim(stream, false);
            sinceReclaim.restart();
        }
        const int capacity = m_state.waitForCapacity(CapacityWaitMs);
        if (capacity <= 0 || m_state.stopping)
            continue;
        const QList<StreamEntry> entries = fetch(stream, capacity);
        if (!entries.isEmpty())
            claimAndStart(entries);
    }
    m_stream = nullptr;
    m_db.closeThreadConnection();
}

Result<Fetcher::Materialized> Fetcher::materializeFast(QSqlDatabase &db, const QList<StreamEntry> &entries,
                                                      const QList<Task> &claimed, bool reclaimed)
{
    // A "fast" entry can arrive before the api's grouped insert: write the row from the entry (skipped if
    // it exists meanwhile) and claim it. Entries without a document are simply stale.
    QSet<QUuid> have;
    for (const Task &t : claimed)
        have.insert(t.id);
    QList<Task> rows;
    for (const StreamEntry &e : entries) {
        if (e.taskJson.isEmpty() || have.contains(e.taskId))
            continue;
        auto t = taskFromJson(QJsonDocument::fromJson(e.taskJson).object());
        if (t && t->id == e.taskId && t->status == Status::New)
            rows.append(*t);
    }
    Materialized out;
    if (rows.isEmpty())
        return out;
    TaskRepository repo(db);
    QList<QUuid> ids;
    if (auto inserted = repo.insert(rows); inserted) {
        for (const Task &t : rows)
            ids.append(t.id);
    } else if (inserted.error().code == ErrorCode::Unavailable) {
        return inserted.error();
    } else {
        // Row by row, so that one task PostgreSQL refuses holds up no other. A refused value: the task was
        // acknowledged to its client, so it goes to the dead-letter queue with the reason, not away. Any
        // other refusal: its entry stays pending (unacknowledged) for a later reclaim.
        for (const Task &t : rows) {
            auto one = repo.insert({t});
            if (one) {
                ids.append(t.id);
                continue;
            }
            if (one.error().code == ErrorCode::Unavailable)
                return one.error();
            const QString id = t.id.toString(QUuid::WithoutBraces);
            if (one.error().code == ErrorCode::Validation) {
                // Its entry is acknowledged right after, with no later commit of ours to flush this one:
                // this insert waits for its flush, whatever the connection's default.
                Transaction tx(db);
                auto stored = repo.setSynchronousCommit(true);
                if (stored)
                    stored = repo.insertQuarantined(t, u"could not be stored as sent (acknowledged with durability "
                                                       "fast): "_s + one.error().message);
                if (stored && !tx.commit())
                    stored = dbError(db.lastError(), u"commit quarantined task"_s);
                if (stored) {
                    Metrics::countFailure(Metrics::Failure::Quarantined);
                    qCWarning(lcExecutor).noquote() << "task" << id << "went to the dead-letter queue: its row was refused:"
                                                    << one.error().message;
                    continue;
                }
                if (stored.error().code == ErrorCode::Unavailable)
                    return stored.error();
            }
            Metrics::countFailure(Metrics::Failure::MaterializeFast);
            qCWarning(lcExecutor).noquote() << "task" << id << "has no row and none could be written; its entry stays "
                                                               "pending for a later reclaim:" << one.error().message;
            out.leftPending.append(t.id);
        }
    }
    if (ids.isEmpty())
        return out;
    QList<QByteArray> entryIds;
    for (const QUuid &id : std::as_const(ids))
        for (const StreamEntry &e : entries)
            if (e.taskId == id) {
                entryIds.append(e.entryId);
                break;
            }
    const QStringList types = m_gate.runnableTypes();
    auto again = ExecutionRepository(db).claimWithin(ids, entryIds, QString::fromUtf8(m_consumer), types,
                                                     m_gate.limitsOf(types), reclaimed);
    if (!again)
        return again.error();
    out.claimed = again->tasks;
    out.overLimit = again->overLimit;
    return out;
}

template<typename Step>
bool Fetcher::retrying(const char *what, Metrics::Failure failure, const QList<StreamEntry> &entries, Step &&step)
{
    // The entries are ours (pending in the group): giving up would strand them until another executor
    // reclaims them after the visibility timeout, so the step is retried while PostgreSQL is away.
    for (int backoff = RetryFirstMs;; backoff = std::min(backoff * 2, RetryMaxMs)) {
        std::optional<ApiError> error;
        if (auto db = m_db.connection()) {
            if (auto r = step(*db); !r)
                error = r.error();
        } else {
            error = db.error();
        }
        if (!error)
            return true;
        Metrics::countFailure(failure);
        qCWarning(lcExecutor).noquote() << what << "failed, retrying in" << backoff << "ms:" << error->message;
        // Only a lost server needs a new connection; a deadlock or serialisation error is just retried.
        if (error->code == ErrorCode::Unavailable)
            m_db.closeThreadConnection();
        if (m_state.stopping) {
            // Shutting down: the entries stay pending (unacknowledged) for a reclaim.
            m_state.abandon(entries);
            return false;
        }
        QThread::msleep(quint32(backoff));
    }
}

void Fetcher::claimAndStart(const QList<StreamEntry> &entries, bool reclaimed)
{
    m_state.addInFlight(int(entries.size()));
    QList<QUuid> ids;
    QList<QByteArray> entryIds;
    QHash<QUuid, std::shared_ptr<CancellationToken>> tokens;
    for (const StreamEntry &e : entries) {
        auto token = std::make_shared<CancellationToken>();
        tokens.insert(e.taskId, token);
        m_state.registerRunning(e, token);
        ids.append(e.taskId);
        entryIds.append(e.entryId);
    }
    // Two steps, each retried on its own: a claim that committed is never repeated (its tasks are
    // IN_PROGRESS now and would look unclaimable), and an entry is acknowledged only once its row exists.
    QList<Task> claimed;
    QList<QPair<QUuid, QString>> overLimit; // a handler's concurrency was used up: offered again from its lane
    const QString worker = QString::fromUtf8(m_consumer);
    if (!retrying("claim", Metrics::Failure::Claim, entries, [&](QSqlDatabase &db) -> Result<Unit> {
            m_gate.refresh(db);
            const QStringList types = m_gate.runnableTypes();
            auto r = ExecutionRepository(db).claimWithin(ids, entryIds, worker, types, m_gate.limitsOf(types), reclaimed);
            if (!r)
                return r.error();
            claimed = r->tasks;
            overLimit = r->overLimit;
            return Unit{};
        }))
        return;
    QList<QUuid> leftPending;
    if (!retrying("writing fast tasks from their entries", Metrics::Failure::MaterializeFast, entries,
                  [&](QSqlDatabase &db) -> Result<Unit> {
                      auto r = materializeFast(db, entries, claimed, reclaimed);
                      if (!r)
                          return r.error();
                      claimed += r->claimed;
                      overLimit += r->overLimit;
                      leftPending = r->leftPending;
                      return Unit{};
                  }))
        return;
    if (!overLimit.isEmpty())
        requeueOverLimit(entries, overLimit, leftPending);
    QList<QUuid> unclaimed;
    for (const StreamEntry &e : entries)
        if (!leftPending.contains(e.taskId)
            && std::none_of(claimed.cbegin(), claimed.cend(), [&](const Task &t) { return t.id == e.taskId; }))
            unclaimed.append(e.taskId);
    // Paused tasks: parked in PostgreSQL, their entries acknowledged below like stale ones, so they wait for
    // their resume without a stream entry that every reclaim would offer again.
    QList<QUuid> parked;
    if (!unclaimed.isEmpty()
        && !retrying("parking paused tasks", Metrics::Failure::Claim, entries, [&](QSqlDatabase &db) -> Result<Unit> {
               auto r = PauseRepository(db).park(unclaimed, reclaimed);
               if (!r)
                   return r.error();
               parked = *r;
               return Unit{};
           }))
        return;
    if (!parked.isEmpty()) {
        m_pauses.invalidate(); // this view did not show that pause: read it before the next round
        unclaimed.removeIf([&](const QUuid &id) { return parked.contains(id); });
    }
    // Entries of tasks this executor must not run (an external handler's, a disabled handler's) stay pending
    // rather than being acknowledged as stale: a reclaim offers them again after the visibility timeout.
    if (!unclaimed.isEmpty()
        && !retrying("finding tasks of other handlers", Metrics::Failure::Claim, entries, [&](QSqlDatabase &db) -> Result<Unit> {
               auto r = ExecutionRepository(db).waitingForOtherHandlers(unclaimed, m_gate.runnableTypes());
               if (!r)
                   return r.error();
               leftPending += *r;
               return Unit{};
           }))
        return;
    QList<StreamEntry> abandoned;
    for (const StreamEntry &e : entries)
        if (leftPending.contains(e.taskId))
            abandoned.append(e);
    m_state.abandon(abandoned); // frees their capacity; the entries are not acknowledged

    QHash<QUuid, Task> byId;
    for (const Task &t : claimed)
        byId.insert(t.id, t);
    for (const StreamEntry &e : entries) {
        if (leftPending.contains(e.taskId))
            continue;
        auto it = byId.find(e.taskId);
        if (it == byId.end()) {
            // Cancelled, finished, dead-lettered or purged, or a duplicate entry: its row exists (or was
            // deleted on purpose) and there is nothing to run, only to acknowledge.
            m_state.complete({e, std::nullopt});
            continue;
        }
        const Task task = *it;
        byId.erase(it); // a duplicate entry in the same batch runs once
        m_state.setAttempt(task.id, task.attempts);
        auto token = tokens.value(e.taskId);
        const RetryPolicy policy = task.retryPolicy.value_or(m_config.retryPolicyFor(task.type));
        m_pool.start([this, task, token, e, policy] { runAttempt(task, *token, e, policy); });
    }
}

void Fetcher::requeueOverLimit(const QList<StreamEntry> &entries, const QList<QPair<QUuid, QString>> &overLimit,
                               QList<QUuid> &leftPending)
{
    // The new entries go to the type's lane, where they are read only as the limit allows. Should Redis
    // refuse, the entries stay pending here and a reclaim offers them again: late, never lost.
    QHash<QUuid, QString> laneOf;
    for (const auto &[id, type] : overLimit)
        laneOf.insert(id, type);
    QList<StreamEntry> moved;
    for (const StreamEntry &e : entries)
        if (laneOf.contains(e.taskId))
            moved.append(e);
    if (auto r = m_stream ? m_stream->requeue(moved, laneOf) : RedisResult<bool>(true); !r)
        qCWarning(lcExecutor).noquote() << moved.size() << "entries over their handler's concurrency stay pending:" << r.error().message;
    for (const StreamEntry &e : std::as_const(moved))
        leftPending.append(e.taskId); // not run here, not acknowledged as stale: abandoned below
}

void Fetcher::runAttempt(const Task &task, CancellationToken &token, const StreamEntry &entry, const RetryPolicy &policy)
{
    const TraceContext attempt{task.traceId.isEmpty() ? TraceContext::newTraceId() : task.traceId,
                               TraceContext::newSpanId()};
    const qint64 startNs = unixNanosNow();
    const TraceScope scope(attempt); // log lines of the handler and of this attempt carry its ids
    // The handler's timeout_ms (registry): the token counts as cancelled from the deadline, and an attempt
    // still running past it fails with "timeout" whatever it returns; the retry policy applies as usual.
    const int timeoutMs = m_gate.timeoutMs(task.type);
    if (timeoutMs > 0)
        token.setDeadline(CancellationToken::Clock::now() + std::chrono::milliseconds(timeoutMs));
    HandlerOutcome out = m_handlers.run(task, token);
    if (timeoutMs > 0 && token.timedOut() && !token.cancelledByRequest())
        out = HandlerOutcome::failed(u"timeout"_s); // the wire value users match on (issue text, docs/handlers.md)
    const qint64 endNs = unixNanosNow();
    AttemptResult result = decideOutcome(task, out.status, out.result, out.error, out.permanent, policy,
                                         QDateTime::currentDateTimeUtc());
    qCDebug(lcExecutor).noquote() << "task" << task.id.toString(QUuid::WithoutBraces) << "attempt" << task.attempts
                                  << "ended:" << attemptOutcome(result);
    if (m_tracer && m_tracer->isEnabled())
        m_tracer->record(attemptSpan(task, attempt, startNs, endNs, result, QString::fromUtf8(m_consumer)));
    m_state.complete({entry, std::move(result)});
}

} // namespace taskmill
