// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/Result.h"
#include "model/RetryPolicy.h"
#include "model/Task.h"

#include <QHash>
#include <QJsonValue>
#include <QSqlDatabase>

namespace taskmill {

// The outcome of one attempt, as the executor decided it (executor/AttemptOutcome) and records it.
struct AttemptResult
{
    QUuid id;
    int attempt = 0;       // fencing token: only the owner of this attempt may record it
    Status status = Status::Completed; // Completed, Failed (final), Cancelled or RetryWaiting
    QJsonValue result;
    QString error;
    QDateTime runAt;          // RetryWaiting: when the next attempt is due
    bool deadLetter = false;  // Failed: the task goes to the dead-letter queue
};

// SQL for the executor: claims and completions, grouped per batch (one statement each).
class ExecutionRepository final
{
public:
    explicit ExecutionRepository(QSqlDatabase db) : m_db(std::move(db)) {}

    // NEW/PENDING → IN_PROGRESS with attempts+1 and worker = `worker`. Ids that are not claimable
    // (cancelled, finished, unknown) are simply absent from the answer: their stream entries are stale.
    // With `reclaim` (entries taken over from a dead consumer) IN_PROGRESS tasks are claimable too; the new
    // attempt number fences the old one. A reclaimed task that already used its last attempt is
    // dead-lettered instead.
    // `entryIds` (one per id, in order) are the stream entries the ids came from; the claim records them.
    // Only tasks whose type is in `types` are claimed (the handlers this executor has and the registry
    // enables); waitingForOtherHandlers() tells the others apart from stale entries.
    // `leaseMs` > 0: an external worker's lease, ending that long from now (docs/workers.md).
    Result<QList<Task>> claim(const QList<QUuid> &ids, const QList<QByteArray> &entryIds, const QString &worker,
                              const QStringList &types, bool reclaim = false, int leaseMs = 0);
    // The claim under handlers' concurrency limits (docs/handlers.md): `limits` maps each type of `types` whose
    // handler has a `concurrency` to it. Tasks of those types are claimed only while fewer than their limit are
    // IN_PROGRESS anywhere: one transaction takes a per-type advisory lock (in name order, so claimers cannot
    // deadlock), counts the running ones and claims what fits, in the order given. The rest come back in
    // `overLimit` with their type, untouched, for the caller to offer again. With no limits: claim().
    struct Claimed
    {
        QList<Task> tasks;
        QList<QPair<QUuid, QString>> overLimit;
    };
    Result<Claimed> claimWithin(const QList<QUuid> &ids, const QList<QByteArray> &entryIds, const QString &worker,
                                const QStringList &types, const QHash<QString, int> &limits, bool reclaim = false,
                                int leaseMs = 0);
    // IN_PROGRESS tasks per type, for these types (absent: none running). What a limited type has left.
    Result<QHash<QString, int>> runningByType(const QStringList &types);
    // Of `ids`, the unfinished tasks whose type is not in `types`: their entries must stay pending (for an
    // external worker, or until their handler is enabled), not be acknowledged as stale.
    Result<QList<QUuid>> waitingForOtherHandlers(const QList<QUuid> &ids, const QStringList &types);

    // Records outcomes where the task is still IN_PROGRESS at that attempt; returns the ids recorded.
    // A cancelled task or a newer attempt makes the row not match, so a late result never overwrites.
    Result<QList<QUuid>> finish(const QList<AttemptResult> &results);

    // IN_PROGRESS → PENDING for attempts a stopping executor gives back unfinished.
    Result<QList<QUuid>> handBack(const QList<QPair<QUuid, int>> &attempts, const QString &worker);

    // Ids among `ids` that are no longer IN_PROGRESS (cancelled or finished by hand): running handlers
    // of those should stop. The control path's safety net when a pub/sub message was missed.
    Result<QList<QUuid>> notRunning(const QList<QUuid> &ids);

    // The executor's liveness row in `workers` (upsert); `stopped` marks a clean exit.
    Result<Unit> heartbeat(const QString &consumer, const QString &host, qint64 pid, int threads, int running,
                           bool stopped = false);

private:
    QSqlDatabase m_db;
};

} // namespace taskmill
