// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/Result.h"
#include "wire/TaskFilter.h"
#include "wire/TaskQueryTypes.h"
#include "wire/WireTypes.h"
#include "model/Task.h"

#include <QSqlDatabase>

namespace taskmill {

// SQL for the task lifecycle as seen by the API and scheduler. Every method runs on the caller's
// thread-owned connection; methods that change rows write a task_history row in the same statement
// or transaction, so a status change is never recorded without its history.
class TaskRepository final
{
public:
    explicit TaskRepository(QSqlDatabase db) : m_db(std::move(db)) {}

    // Inserts tasks (status NEW, or POSTPONED with run_at) and their history rows. The caller owns the
    // transaction: the API groups many requests into one commit. An id that exists already is skipped:
    // a "fast" task may have been written by the executor that ran it before the api's batch landed.
    Result<Unit> insert(const QList<Task> &tasks);
    // NEW → PENDING for tasks whose stream entry was written, recording the entry id (a PENDING task
    // dispatched again only gets the new entry id). Ignores ids that moved on meanwhile.
    Result<int> markDispatched(const QList<QUuid> &ids, const QList<QByteArray> &entryIds);

    // One page in the query's sort (keyset by cursor or after, or skip), plus the total and next_cursor.
    // totalBudgetMs > 0: the total is counted within that time, else estimated (page.totalExact false).
    Result<TaskPage> list(const TaskListQuery &query, int totalBudgetMs = 0);
    // Per-status counts under every filter key but status, per-priority counts under every key but
    // priority: one grouped scan, exact when it finishes within budgetMs, else the planner's estimate per
    // toggle (TaskCounts::exact false). docs/api.md, "counts".
    Result<TaskCounts> counts(const TaskFilter &filter, int budgetMs);
    // Distinct task types, sorted (a loose index scan: one probe per type).
    Result<QStringList> types(int limit);

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

    Result<Task> get(const QUuid &id);
    Result<QList<TaskHistoryEntry>> history(const QUuid &id);

    // Moves an unfinished task to a terminal state by hand (cancel, or seed 000's manual complete).
    // NotFound for an unknown id, Conflict when it already finished. `wasRunning` tells the caller to
    // signal the executor that owns it.
    Result<Task> finishByHand(const QUuid &id, Status to, const QString &who, bool *wasRunning);

    // NEW/PENDING tasks last dispatched more than `olderThanMs` ago (or never): the reconciler's input.
    struct Undispatched
    {
        QUuid id;
        Priority priority;
    };
    Result<QList<Undispatched>> undispatched(int olderThanMs, int limit);

    // POSTPONED tasks whose run_at has come → NEW (history written), ready to dispatch. SKIP LOCKED
    // lets several schedulers run side by side without moving one task twice.
    Result<QList<Undispatched>> promoteDue(int limit);
    // True when a synchronous standby is named and connected in sync, so a commit with
    // synchronous_commit = on waits for it. Needs a superuser or the pg_monitor role to see
    // pg_stat_replication.
    Result<bool> hasSynchronousStandby();
    // Milliseconds until the next delayed task or retry is due (0 if one is due now), or nullopt.
    Result<std::optional<qint64>> msUntilNextDue();

    // The reconciler's candidates: PENDING tasks untouched for olderThanMs (is their entry still in a
    // stream?), and IN_PROGRESS tasks whose worker has not sent a heartbeat for deadAfterMs.
    struct Active
    {
        QUuid id;
        Priority priority;
        Status status;
        QByteArray entry;
        int attempt;
        QString worker;
    };
    Result<QList<Active>> staleActive(int olderThanMs, int deadAfterMs, int limit);
    // IN_PROGRESS → PENDING for attempts of dead workers (fenced by attempt and worker).
    Result<QList<QUuid>> releaseOrphans(const QList<Active> &orphans);

private:
    QSqlDatabase m_db;
};

} // namespace taskmill
