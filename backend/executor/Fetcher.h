// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "config/BackendConfig.h"
#include "executor/ExecutorState.h"
#include "executor/HandlerRegistry.h"
#include "executor/TaskGate.h"
#include "observability/Metrics.h"
#include "service/PauseGate.h"
#include "store/Database.h"

#include <QElapsedTimer>
#include <QSet>
#include <QThreadPool>

namespace taskmill {

class Tracer;

// The executor's intake: reads entries from the priority streams while there is capacity, claims
// their tasks in PostgreSQL (one statement per batch) and starts the handlers on the worker pool.
//
// Priority rule: each fetch round reads HIGH, then MEDIUM, then LOW until the free capacity is used.
// To keep LOW and MEDIUM from starving under a sustained higher-priority backlog, once a priority has been
// passed over (capacity used up before its turn) for `executor.starvation_ms` without a break, one round
// in every `fairnessEvery` first takes one entry from it (LOW and MEDIUM on different rounds); the rest of
// such a round is filled by priority. So a burst of higher-priority work shorter than starvation_ms runs
// strictly first, and under a longer backlog LOW and MEDIUM each still get one start per `fairnessEvery`
// rounds.
//
// Paused priorities and types (docs/api.md): the streams of a paused priority are not read (PauseGate, re-read
// every PauseGate::RefreshMs); entries of paused tasks read anyway (a paused type's, or just after a pause) are
// refused by the claim, parked in PostgreSQL and acknowledged (store/PauseRepository).
class Fetcher final
{
public:
    Fetcher(ExecutorState &state, const HandlerRegistry &handlers, QThreadPool &pool, const BackendConfig &config,
            DbParams db, RedisEndpoint redis, QByteArray consumer, Tracer *tracer = nullptr);

    void run(); // returns once state.stopping is set

    // The order of one round; `lowStarving`/`mediumStarving`: that priority has been passed over for
    // starvation_ms. The two-argument form treats both as starving (the rule's steady state).
    static QList<Priority> roundOrder(quint64 round, int fairnessEvery, bool lowStarving, bool mediumStarving);
    static QList<Priority> roundOrder(quint64 round, int fairnessEvery) { return roundOrder(round, fairnessEvery, true, true); }

    // Backoff of a failed claim or row write: quick for a momentary lock conflict, capped so a returning
    // PostgreSQL is noticed within RetryMaxMs.
    static constexpr int RetryFirstMs = 100;
    static constexpr int RetryMaxMs = 2000;
    // After a failed stream read, so a dead Redis is not spun on.
    static constexpr int ReadFailurePauseMs = 200;
    // How long one blocking read waits for any stream when all are empty; also how fast a stop is noticed.
    static constexpr int IdleBlockMs = 500;
    // How long the fetcher waits for free capacity before it looks at reclaiming again.
    static constexpr int CapacityWaitMs = 200;
    // Reclaims run at most this often (and every half visibility timeout).
    static constexpr int ReclaimMinIntervalMs = 200;
    // How often the lanes of unlimited types are looked at: a limit that was lifted leaves tasks there.
    static constexpr int LeftoverLanesMs = 2000;
    // Entries taken over per stream per reclaim pass, and own entries resumed at start.
    static constexpr int ReclaimBatch = 100;
    static constexpr int ResumeBatch = 1000;

private:
    QList<StreamEntry> fetch(TaskStream &stream, int capacity);
    // Entries from the lanes of this executor's types (docs/handlers.md, concurrency): from each limited type's
    // lane as many as its limit has left (`open` gets the lanes that have room), and now and then whatever
    // is left in the lanes of types that are no longer limited. At most `capacity`.
    QList<StreamEntry> fetchLanes(TaskStream &stream, int capacity, QStringList &open);
    // Creates the consumer group on the lanes of these types once per process (and after a NOGROUP).
    bool ensureLanes(TaskStream &stream, const QStringList &types);
    // Entries of dead consumers (XAUTOCLAIM) and, at start, our own pending ones.
    void reclaim(TaskStream &stream, bool own);
    void claimAndStart(const QList<StreamEntry> &entries, bool reclaimed = false);
    // Entries whose handler's concurrency was used up at the claim: fresh entries in their type's lane take
    // their place; their ids join `leftPending` (neither run nor acknowledged as stale here).
    void requeueOverLimit(const QList<StreamEntry> &entries, const QList<QPair<QUuid, QString>> &overLimit,
                          QList<QUuid> &leftPending);
    // One attempt on a worker thread: the handler inside the attempt's trace context, then its span.
    void runAttempt(const Task &task, CancellationToken &token, const StreamEntry &entry, const RetryPolicy &policy);
    // Rows for "fast" entries that have none yet (claimed ones are skipped), then their claim. A row
    // PostgreSQL refuses for its values is quarantined (dead-lettered with the reason); one refused for any
    // other reason is left pending. An error means: PostgreSQL is away, try again.
    struct Materialized
    {
        QList<Task> claimed;      // rows written (or found) and claimed
        QList<QUuid> leftPending; // no row could be written: leave the entry unacknowledged
        QList<QPair<QUuid, QString>> overLimit; // written, but their handler's concurrency is used up
    };
    Result<Materialized> materializeFast(QSqlDatabase &db, const QList<StreamEntry> &entries,
                                         const QList<Task> &claimed, bool reclaimed);
    // Runs `step` with this thread's connection until it succeeds (true), logging, counting and backing
    // off between tries; false when the executor stops meanwhile (the entries are then left pending).
    template<typename Step>
    bool retrying(const char *what, Metrics::Failure failure, const QList<StreamEntry> &entries, Step &&step);

    ExecutorState &m_state;
    const HandlerRegistry &m_handlers;
    TaskGate m_gate;
    PauseGate m_pauses;
    QThreadPool &m_pool;
    Database m_db;
    RedisEndpoint m_redis;
    QByteArray m_prefix;
    QByteArray m_consumer;
    const BackendConfig &m_config;
    int m_fairnessEvery;
    quint64 m_round = 0;
    // Since when LOW / MEDIUM have been passed over in every round (invalid: served, or read empty).
    QElapsedTimer m_lowPassedOver, m_mediumPassedOver;
    Tracer *m_tracer;
    TaskStream *m_stream = nullptr; // the fetcher thread's, while run() runs
    QSet<QString> m_lanesReady;
    QElapsedTimer m_sinceLeftovers;
    QHash<QString, int> m_lastLimits;
};

} // namespace taskmill
