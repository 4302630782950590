// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "model/Task.h"
#include "wire/Result.h"

#include <QSqlDatabase>

namespace taskmill {

// The writes of the API on tasks: creation, the dispatch mark, "retry now" and finishing by hand.
// Every method runs on the caller's thread-owned connection; a status change writes its task_history
// row in the same statement or transaction, so no change is ever recorded without its history.
// (Reads: TaskQueryRepository; the executor's claims and results: ExecutionRepository; the scheduler's
// and reconciler's queries: SchedulingRepository.)
class TaskRepository final
{
public:
    explicit TaskRepository(QSqlDatabase db) : m_db(std::move(db)) {}

    // Inserts tasks (status NEW, or POSTPONED with run_at) and their history rows. The caller owns the
    // transaction: the API groups many requests into one commit. An id that exists already is skipped:
    // a "fast" task may have been written by the executor that ran it before the api's batch landed.
    Result<Unit> insert(const QList<Task> &tasks);
    // For a task that was acknowledged before PostgreSQL saw it (durability "fast") and whose row
    // PostgreSQL then refused: stores what can be stored, straight into the dead-letter queue (FAILED,
    // dead_lettered_at, error = `reason`), so the acknowledged task never vanishes. Text that cannot be
    // stored is replaced by U+FFFD; the payload becomes {"unstorable_payload_base64": <the original JSON>}.
    // An id that exists already is skipped. Runs in the caller's transaction, if any.
    Result<Unit> insertQuarantined(const Task &task, const QString &reason);
    // SET LOCAL synchronous_commit for the caller's open transaction: on waits for the WAL flush (and a
    // synchronous standby), off acknowledges before the flush.
    Result<Unit> setSynchronousCommit(bool on);
    // NEW → PENDING for tasks whose stream entry was written, recording the entry id (a PENDING task
    // dispatched again only gets the new entry id). Ignores ids that moved on meanwhile.
    Result<int> markDispatched(const QList<QUuid> &ids, const QList<QByteArray> &entryIds);

    // "Retry now": a CANCELLED (or FAILED, not dead-lettered) task gets one more attempt (status NEW,
    // max_attempts raised if it was used up; the attempt counter keeps counting, so a late result of an
    // old attempt stays fenced off); a POSTPONED or RETRY_WAITING task becomes NEW now. History is
    // written in the same transaction. A dead-lettered task is returned unchanged with deadLettered set:
    // the caller requeues it through DeadLetterRepository (audited). Conflict for any other status.
    struct RetryOutcome
    {
        Task task;
        bool deadLettered = false;
    };
    Result<RetryOutcome> retryNow(const QUuid &id, const QString &who);

    // Moves an unfinished task to a terminal state by hand (cancel, or seed 000's manual complete).
    // NotFound for an unknown id, Conflict when it already finished. `wasRunning` tells the caller to
    // signal the executor that owns it.
    Result<Task> finishByHand(const QUuid &id, Status to, const QString &who, bool *wasRunning);

    // The same for many tasks in one statement and one transaction (a bulk operation's batch): each unfinished
    // one of `ids` moves to `to` with its history row. Answers the tasks it changed; an id it leaves out was
    // unknown or finished already (finishByHand says which).
    struct Finished
    {
        QUuid id;
        Status from = Status::New;
        QString type;
        Priority priority = Priority::Medium;
    };
    Result<QList<Finished>> finishManyByHand(const QList<QUuid> &ids, Status to, const QString &who);

private:
    QSqlDatabase m_db;
};

} // namespace taskmill
