// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/BulkTypes.h"
#include "wire/Result.h"

#include <QSqlDatabase>

namespace taskmill {

// SQL of bulk operations by filter (migration 0012): the record that any api process reads, the snapshot of task
// ids an operation works through, and its one audit row (written when it ends, with the final counts). The
// per-task changes themselves go through TaskActions, as the single-task routes make them.
class BulkOperationRepository final
{
public:
    explicit BulkOperationRepository(QSqlDatabase db) : m_db(std::move(db)) {}

    // How many tasks `action` would take now: those matching `filter` (owner scope included) in a status the
    // action applies to, counted up to `cap` + 1.
    Result<qint64> count(BulkAction action, const TaskFilter &filter, qint64 cap);

    struct NewOperation
    {
        QUuid id;
        BulkAction action = BulkAction::Cancel;
        TaskFilter filter;      // owner scope included
        QJsonObject filterJson; // as recorded and reported (without the owner scope)
        qint64 expected = 0;
        QString owner;          // the principal's actor
        QString actor;          // request::actor, for the audit log
    };
    // One transaction: refuses with TooManyRequests when `owner` runs `maxRunning` operations already (an advisory
    // lock per owner makes the check exact across api processes), takes the snapshot (at most BulkRequest::MaxTasks
    // ids, else Validation naming "filter"), refuses with bulkCountChanged() when the total is not accepted for
    // `expected`, and stores the record as running. Nothing stays behind when it refuses.
    Result<BulkOperation> begin(const NewOperation &op, int maxRunning, int retryAfterS);

    // The next `limit` snapshot ids after `after` (null: from the start), in id order, and whether each is a
    // dead letter now (a task deleted meanwhile is not one).
    struct Item
    {
        QUuid id;
        bool deadLettered = false;
    };
    Result<QList<Item>> nextBatch(const QUuid &id, const QUuid &after, int limit);
    // Adds a batch's outcome and refreshes the heartbeat; answers the state stored now (Stopping after a DELETE
    // through any api process; a final state when the operation was declared interrupted meanwhile). Always a
    // flushed commit: it makes the batch's unflushed task changes durable with it (see setFlushEachCommit).
    Result<BulkState> addProgress(const QUuid &id, qint64 done, qint64 failed, const QList<BulkFailure> &failures);
    // Whether each commit on this connection waits for its WAL flush (the session's synchronous_commit). A run
    // turns it off for its per-task changes: WAL is flushed in order, so the batch's flushed progress commit
    // makes them durable together — one fsync a batch instead of one a task. A crash before that loses at
    // most the batch, which its recorded progress never counted.
    Result<Unit> setFlushEachCommit(bool on);
    // Running or stopping → `state` (final), with the audit row, and drops the snapshot. False when it was final
    // already (declared interrupted meanwhile: that wrote the audit row).
    Result<bool> finish(const QUuid &id, BulkState state, const QString &message);

    // Running → stopping (a stopping or final operation is left as it is); answers the record, NotFound when there
    // is none, or none of `owner`'s when `owner` is set.
    Result<BulkOperation> requestStop(const QUuid &id, const QString &owner);
    Result<BulkOperation> get(const QUuid &id, const QString &owner);
    // Every unfinished operation whose heartbeat is older than `staleS` becomes interrupted (its api process ended
    // or hangs), audited, snapshot dropped. Returns how many.
    Result<int> interruptStale(int staleS);

private:
    QSqlDatabase m_db;
};

} // namespace taskmill
