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
// "Active" counts entries taken from Redis whose handler has not finished yet; "in flight" also counts
// finished ones whose result is not yet recorded and acknowledged. The fetcher takes new entries only
// while fewer than `workers` are active, which keeps priorities meaningful (nothing waits in a local
// buffer while a higher-priority entry arrives in Redis), and lets a worker start its next task while
// the recorder commits the last one. Unrecorded results are bounded by UnrecordedMax.
class ExecutorState final
{
public:
    explicit ExecutorState(int workers) : m_workers(workers) {}

    int workers() const { return m_workers; }
    // Free capacity, waiting up to timeoutMs for some; 0 on timeout.
    int waitForCapacity(int timeoutMs);
    void addInFlight(int n);
    // Entries given up without a result and without an acknowledgement (left pending for a reclaim):
    // frees their capacity and forgets their registration.
    void abandon(const QList<StreamEntry> &entries);

    // Results finished but not yet recorded, beyond which the fetcher waits for the recorder.
    static constexpr int UnrecordedMax = 1000;

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
    int m_active = 0;
    QHash<QUuid, Running> m_running;
    std::deque<Completion> m_completions;
};

} // namespace taskmill
