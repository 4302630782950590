// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "model/Task.h"
#include "queue/RedisConnection.h"

#include <QHash>

namespace taskmill {

// One stream entry: "run task <taskId>". The entry carries only the id; the executor reads the task
// from PostgreSQL when it claims it, so a stale or duplicate entry can never run stale data.
struct StreamEntry
{
    Priority priority = Priority::Medium;
    QByteArray entryId;
    QUuid taskId;
    // Only for durability "fast": the whole task as JSON, because the entry may reach an executor before
    // the task's row reaches PostgreSQL; the executor then writes the row itself (idempotently).
    QByteArray taskJson;
    QString lane; // TaskRef::lane, the stream it was read from: empty for the built-in streams
};

// The dispatch queue: one Redis stream per priority, one consumer group shared by every executor.
// Acknowledged entries are also deleted (XDEL), so a stream's length is its backlog.
class TaskStream final
{
public:
    explicit TaskStream(RedisConnection &connection, QByteArray prefix = "taskmill");

    // <prefix>:tasks:<priority>, or <prefix>:type:<lane>:<priority> for a type with its own lane (an external
    // handler's, or one with a concurrency limit).
    QByteArray streamName(Priority p, const QString &lane = {}) const;
    QByteArray groupName() const { return m_prefix + ":executors"; }

    // What a blocking command (XREADGROUP BLOCK, WAIT) may take beyond its own timeout before the
    // connection gives up on it: a busy Redis answers late, not never.
    static constexpr int BlockMarginMs = 2000;

    // Creates the group on every stream (MKSTREAM; an existing group is fine).
    RedisResult<bool> ensureGroups();

    // Pipelined XADD; returns one entry id per task, in order.
    // `taskJson`, when given, holds one task document per task (durability "fast").
    RedisResult<QList<QByteArray>> add(const QList<TaskRef> &tasks, const QList<QByteArray> &taskJson = {});

    // New entries for `consumer` from one priority's stream, without blocking.
    RedisResult<QList<StreamEntry>> read(const QByteArray &consumer, Priority p, int count);
    // Waits up to blockMs for an entry on any built-in stream or any of `lanes` (at most one per stream), of the
    // `priorities` given (the ones not paused). Empty on timeout, and at once when that leaves no stream.
    RedisResult<QList<StreamEntry>> readAny(const QByteArray &consumer, int blockMs, const QStringList &lanes = {},
                                            const QList<Priority> &priorities = {Priority::High, Priority::Medium, Priority::Low});
    // Entries read but not run here: fresh entries take their place (at the end of the stream, in the lane
    // `laneOf` names for the task, else their own) and the old ones are acknowledged, so the tasks are offered
    // again at once instead of waiting in this consumer's pending list.
    RedisResult<bool> requeue(const QList<StreamEntry> &entries, const QHash<QUuid, QString> &laneOf = {});

    // Entries of consumers that stopped acknowledging: pending longer than minIdleMs, moved to
    // `consumer` (XAUTOCLAIM). This is how work of a killed executor is picked up again.
    RedisResult<QList<StreamEntry>> autoClaim(const QByteArray &consumer, Priority p, int minIdleMs, int count,
                                              const QString &lane = {});
    // This consumer's own pending entries (XREADGROUP … 0): after a restart under a stable consumer
    // name, what it had taken before it stopped.
    RedisResult<QList<StreamEntry>> ownPending(const QByteArray &consumer, Priority p, int count, const QString &lane = {});
    // Resets the idle time of entries this consumer still works on (XCLAIM … JUSTID), so a long
    // handler is not taken for dead. The executor's heartbeat.
    RedisResult<bool> touch(const QByteArray &consumer, const QList<StreamEntry> &entries);
    // The entries with these ids (pipelined XRANGE id id), one per id in order; an entry no longer in
    // its stream comes back with an empty entryId and a null taskId.
    RedisResult<QList<StreamEntry>> entries(const QList<QPair<Priority, QByteArray>> &ids);
    // Which of these entry ids still exist in their stream.
    RedisResult<QList<bool>> exist(const QList<QPair<Priority, QByteArray>> &ids);
    // The same for entries of any lane: (stream name, entry id) pairs.
    RedisResult<QList<bool>> existIn(const QList<QPair<QByteArray, QByteArray>> &streamIds);

    // The lease protocol: creates the group on each priority stream of these lanes (once per lane and
    // connection is enough; an existing group is fine).
    RedisResult<bool> ensureLaneGroups(const QStringList &lanes);
    // New entries of these lanes for `consumer`, highest priority first, at most `count`, only of `priorities`
    // (the ones not paused); when none is ready, waits up to blockMs for any (0: no wait).
    RedisResult<QList<StreamEntry>> readLanes(const QByteArray &consumer, const QStringList &lanes, int count, int blockMs,
                                              const QList<Priority> &priorities = {Priority::High, Priority::Medium, Priority::Low});

    // XACK + XDEL for each entry, pipelined.
    RedisResult<bool> ack(const QList<StreamEntry> &entries);

    // Redis WAIT: blocks until `replicas` replicas acknowledged every write of this connection so far,
    // or timeoutMs passed. Returns how many did.
    RedisResult<qint64> waitForReplicas(int replicas, int timeoutMs);


private:
    RedisResult<QList<StreamEntry>> readGroup(const QList<QByteArray> &args);
    // XREADGROUP … BLOCK blockMs STREAMS <streams> > …: new entries of any of them, waiting for the first.
    RedisResult<QList<StreamEntry>> blockingRead(const QByteArray &consumer, int count, int blockMs, const QList<QByteArray> &streams);
    Priority priorityOf(const QByteArray &stream) const;
    QString laneOf(const QByteArray &stream) const;
    static StreamEntry parseEntry(Priority p, const RedisValue &entry);

    RedisConnection &m_conn;
    QByteArray m_prefix;
};

} // namespace taskmill
