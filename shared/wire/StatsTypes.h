// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/PauseTypes.h"
#include "wire/Result.h"
#include "model/Task.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QString>
#include <QUuid>

#include <array>

namespace taskmill {

// Wire types of the monitor routes (docs/events.md "Dashboards", docs/api.md). The backend builds them
// and serialises with toJson(); the app parses with fromJson(), which is strict about types (a field
// of the wrong type fails with BadRequest naming it, e.g. "workers[2].pid") and lenient about keys a
// newer server may add.

// One stream's depth: `length` entries in the stream, of which `pending` are delivered and not yet
// acknowledged and `waiting` were never delivered.
struct QueueDepth
{
    qint64 length = 0;
    qint64 waiting = 0;
    qint64 pending = 0;

    bool operator==(const QueueDepth &) const = default;
};

// One entry of the Redis Streams pending list: delivered to `consumer` `deliveries` times, the last
// time `idleMs` ago. `taskId` is null when the entry is no longer in the stream (acknowledged and
// deleted while being listed) or when the route does not resolve it (GET /api/v1/stats).
struct PendingEntry
{
    Priority priority = Priority::Medium;
    QString entry; // stream entry id "ms-seq"
    QString consumer;
    QUuid taskId;
    qint64 idleMs = 0;
    qint64 deliveries = 0;

    QJsonObject toJson() const;
    static Result<PendingEntry> fromJson(const QJsonObject &o);
    bool operator==(const PendingEntry &) const = default;
};

// A task an executor is running right now.
struct RunningTask
{
    QUuid id;
    QString type;
    QString title;
    QDateTime startedAt;

    bool operator==(const RunningTask &) const = default;
};

// An executor process whose heartbeat is younger than the visibility timeout.
struct WorkerInfo
{
    QString consumer;
    QString host;
    int pid = 0;
    int threads = 0;
    QDateTime startedAt;
    QDateTime heartbeatAt;
    QList<RunningTask> running;
    // "executor" (a taskmilld executor process) or "external" (a worker leasing over the API, docs/workers.md,
    // with the handler types it asked for; pid 0, threads = the most it leased at once).
    QString kind = QStringLiteral("executor");
    QStringList types;

    QJsonObject toJson() const;
    static Result<WorkerInfo> fromJson(const QJsonObject &o);
    bool operator==(const WorkerInfo &) const = default;
};

// GET /api/v1/stats: one consistent-enough look at the whole system (each part is its own query).
struct StatsSnapshot
{
    static constexpr int StatusCount = int(Status::RetryWaiting) + 1;
    static constexpr int PriorityCount = int(Priority::High) + 1;

    std::array<std::array<qint64, PriorityCount>, StatusCount> counts{}; // [status][priority]
    std::array<QueueDepth, PriorityCount> queues{};                       // [priority]
    QList<PendingEntry> pending; // the oldest entries of each stream, capped by the server
    QList<WorkerInfo> workers;
    qint64 completedLastMinute = 0;
    qint64 failedLastMinute = 0;
    qint64 retriedLastMinute = 0; // tasks that entered RETRY_WAITING
    QSet<Status> estimated;       // statuses whose counts are the planner's estimates (more tasks than the server counts)
    bool redisUp = true;          // false: queues and pending are empty because Redis did not answer
    qint64 visibilityTimeoutMs = 0; // 0 when the server does not say
    PauseSet pauses; // paused priorities and types ("pauses"); empty from servers that do not send it

    qint64 count(Status s, Priority p) const { return counts[size_t(s)][size_t(p)]; }
    void setCount(Status s, Priority p, qint64 n) { counts[size_t(s)][size_t(p)] = n; }
    qint64 countOf(Status s) const;     // over every priority
    bool isEstimated(Status s) const { return estimated.contains(s); }
    const QueueDepth &queue(Priority p) const { return queues[size_t(p)]; }

    QJsonObject toJson() const;
    static Result<StatsSnapshot> fromJson(const QJsonObject &o);
    bool operator==(const StatsSnapshot &) const = default;
};

// One bucket of GET /api/v1/stats/throughput: tasks that finished in [start, start + step).
struct ThroughputBucket
{
    QDateTime start;
    qint64 completed = 0;
    qint64 failed = 0;
    qint64 cancelled = 0;

    bool operator==(const ThroughputBucket &) const = default;
};

// GET /api/v1/stats/throughput?minutes=&step=: every bucket from `from` to `to`, oldest first, zeros
// included. Buckets are aligned to multiples of `stepSeconds` since the epoch, so two answers agree on
// their common buckets; the last one is still filling.
struct ThroughputHistory
{
    static constexpr int DefaultMinutes = 15;
    static constexpr int MaxMinutes = 24 * 60;
    static constexpr int DefaultStepSeconds = 10;
    static constexpr int MaxStepSeconds = 3600;
    static constexpr int MaxBuckets = 1440;

    // Buckets of `stepSeconds` that cover `minutes` (the last one partly).
    static constexpr qint64 bucketCount(qint64 minutes, qint64 stepSeconds)
    {
        return (minutes * 60 + stepSeconds - 1) / stepSeconds;
    }

    int stepSeconds = DefaultStepSeconds;
    QDateTime from;
    QDateTime to;
    QList<ThroughputBucket> buckets;

    QJsonObject toJson() const;
    static Result<ThroughputHistory> fromJson(const QJsonObject &o);
    bool operator==(const ThroughputHistory &) const = default;
};

// What one consumer holds across the priority streams. `pending` is exact (XPENDING summary);
// `maxIdleMs` is the longest idle time among the listed entries of this consumer (0 if none listed).
// `alive`: the consumer is an executor with a fresh heartbeat; entries of a dead one wait for a reclaim.
struct ConsumerPending
{
    QString consumer;
    qint64 pending = 0;
    qint64 maxIdleMs = 0;
    bool alive = false;

    bool operator==(const ConsumerPending &) const = default;
};

// GET /api/v1/stats/pending?limit=&min_idle_ms=&consumer=: the pending list per consumer.
// `entries` are the longest idle first, at most `limit`; `truncated` says more matched.
struct PendingReport
{
    static constexpr int DefaultLimit = 100;
    static constexpr int MaxLimit = 1000;

    qint64 visibilityTimeoutMs = 0;
    qint64 total = 0; // every pending entry of every consumer, regardless of the filters
    bool truncated = false;
    QList<ConsumerPending> consumers; // by consumer name
    QList<PendingEntry> entries;

    // Entries idle longer than the visibility timeout: the executor will reclaim them, or it is stuck.
    bool isStuck(const PendingEntry &e) const { return visibilityTimeoutMs > 0 && e.idleMs > visibilityTimeoutMs; }

    QJsonObject toJson() const;
    static Result<PendingReport> fromJson(const QJsonObject &o);
    bool operator==(const PendingReport &) const = default;
};

// One entry of seed 000's GET /notifications/?type=: a task in that client's shape
// {operation, id, description, created_at, completed_at, trace_id, span_id}. `operation` is what seed 000
// called it: "UPDATE" for a completed task, "INSERT" for one that is not (yet) completed.
struct TaskNotification
{
    enum class Operation { Insert, Update };
    Operation operation = Operation::Insert;
    QUuid id;
    QString description;
    QDateTime createdAt;
    QDateTime completedAt; // null while unfinished
    QString traceId;
    QString spanId;

    QJsonObject toJson() const;
};

} // namespace taskmill
