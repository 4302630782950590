// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "config/BackendConfig.h"
#include "executor/ExecutorState.h"
#include "executor/HandlerRegistry.h"
#include "store/Database.h"

#include <QThreadPool>

namespace taskmill {

class Tracer;

// The executor's intake: reads entries from the priority streams while there is capacity, claims
// their tasks in PostgreSQL (one statement per batch) and starts the handlers on the worker pool.
//
// Priority rule: each fetch round reads HIGH, then MEDIUM, then LOW until the free capacity is used.
// To keep LOW and MEDIUM from starving under a sustained HIGH backlog, one round in every
// `fairnessEvery` first takes one entry from LOW, and another first takes one entry from MEDIUM; the
// rest of such a round is filled by priority. So under a full backlog LOW and MEDIUM each get at least
// one start per `fairnessEvery` rounds; with no backlog the order is strict.
class Fetcher final
{
public:
    Fetcher(ExecutorState &state, const HandlerRegistry &handlers, QThreadPool &pool, const BackendConfig &config,
            DbParams db, RedisEndpoint redis, QByteArray consumer, Tracer *tracer = nullptr);

    void run(); // returns once state.stopping is set

    static QList<Priority> roundOrder(quint64 round, int fairnessEvery);

private:
    QList<StreamEntry> fetch(TaskStream &stream, int capacity);
    // Entries of dead consumers (XAUTOCLAIM) and, at start, our own pending ones.
    void reclaim(TaskStream &stream, bool own);
    void claimAndStart(const QList<StreamEntry> &entries, bool reclaimed = false);
    // One attempt on a worker thread: the handler inside the attempt's trace context, then its span.
    void runAttempt(const Task &task, CancellationToken &token, const StreamEntry &entry, const RetryPolicy &policy);
    QList<Task> materializeFast(const QList<StreamEntry> &entries, const QList<Task> &claimed, bool reclaimed);

    ExecutorState &m_state;
    const HandlerRegistry &m_handlers;
    QThreadPool &m_pool;
    Database m_db;
    RedisEndpoint m_redis;
    QByteArray m_prefix;
    QByteArray m_consumer;
    const BackendConfig &m_config;
    int m_fairnessEvery;
    quint64 m_round = 0;
    Tracer *m_tracer;
};

} // namespace taskmill
