// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "executor/CancellationToken.h"
#include "queue/TaskStream.h"
#include "store/ExecutionRepository.h"

#include <QDeadlineTimer>
#include <QHash>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

namespace taskmill {

// A stream entry whose work is done: with a result to record, or stale (nothing to record, just ack).
struct Completion
{
    StreamEntry entry;
    std::optional<AttemptResult> result;
};

// State shared by the executor's threads (fetcher, workers, recorder, control listener).
// "In flight" counts entries taken from Redis and not yet recorded and acknowledged; the fetcher
// takes new entries only while it is below the worker count, which keeps priorities meaningful:
// nothing waits in a local buffer while a higher-priority entry arrives in Redis.
class ExecutorState final
{
public:
    explicit ExecutorState(int workers) : m_workers(workers) {}

    int workers() const { return m_workers; }
    // Free capacity, waiting up to timeoutMs for some; 0 on timeout.
    int waitForCapacity(int timeoutMs);
    void addInFlight(int n);

    struct Running
    {
        std::shared_ptr<CancellationToken> token;
        int attempt = 0;
        StreamEntry entry;
    };
    // Registered before the claim, so a cancel that lands between claim and start is not missed.
    void registerRunning(const StreamEntry &entry, std::shared_ptr<CancellationToken> token);
    void setAttempt(const QUuid &id, int attempt);
    void cancel(const QUuid &id);
    QList<Running> running() const;

    void complete(Completion c);
    // Everything completed so far (up to max), waiting up to timeoutMs for the first one.
    std::vector<Completion> takeCompletions(int timeoutMs, int max);
    // After the results are durable and acked: frees their capacity.
    void release(const std::vector<Completion> &done);
    // Forget entries that were handed back at shutdown.
    void forget(const QList<QUuid> &ids);
    bool idle() const; // nothing in flight
    // Blocks until idle() or the deadline; returns idle().
    bool waitUntilIdle(const QDeadlineTimer &deadline);

    std::atomic<bool> stopping{false};

private:
    const int m_workers;
    mutable std::mutex m_mutex;
    std::condition_variable m_capacityFreed;
    std::condition_variable m_completed;
    int m_inFlight = 0;
    QHash<QUuid, Running> m_running;
    std::deque<Completion> m_completions;
};

} // namespace taskmill
