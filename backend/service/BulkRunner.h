// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "service/TaskActions.h"
#include "store/BulkOperationRepository.h"
#include "store/Database.h"
#include "wire/BulkTypes.h"

#include <QFuture>
#include <QHash>
#include <QPromise>
#include <QThreadPool>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>

namespace taskmill {

// Runs this api process's bulk operations by filter (docs/api.md, "Bulk operations by filter"), each on a thread
// of its own pool with its own PostgreSQL connection, never on the HTTP thread or the request pool.
// An operation walks the snapshot its start took (store/BulkOperationRepository), BatchSize ids at a time, and
// changes each task through TaskActions exactly as the single-task routes do (one transaction per task, the same
// history rows, events, fencing and cancel signal); dead letters of a batch are requeued together through the
// dead-letter requeue (audited there, like POST /api/v1/dlq/requeue with ids). After each batch it records the
// counts, refreshes its heartbeat and reads the stored state, so a stop asked through another api process is seen
// within one batch; one asked through this process is seen before the next task. Thread-safe.
class BulkRunner final
{
    Q_DISABLE_COPY_MOVE(BulkRunner)
public:
    // Called on a runner thread with that thread's connection.
    using ActionsFor = std::function<TaskActions(QSqlDatabase &db)>;
    BulkRunner(const Database &db, ActionsFor actions);
    ~BulkRunner();

    struct Start
    {
        BulkAction action = BulkAction::Cancel;
        TaskFilter filter;      // with the caller's owner scope
        QJsonObject filterJson; // as the caller sent it, recorded and reported
        qint64 expected = 0;
        QString owner;          // the principal's actor
        QString actor;          // request::actor: history messages, the audit log
    };
    // Takes the snapshot and records the operation (BulkOperationRepository::begin); the future finishes with that
    // record, or with why it was refused, as soon as that is committed, while the work goes on. TooManyRequests at
    // once when this process runs Slots operations already or is shutting down.
    QFuture<Result<BulkOperation>> start(Start request);
    // A stop asked through this process: its runner stops before its next task. Unknown ids are ignored (the
    // operation runs elsewhere, or has ended).
    void requestStop(const QUuid &id);
    // Shutdown: every operation stops before its next task and is recorded as interrupted; returns when all have.
    void stop();

    // Operations one api process runs at once (each holds a thread and a PostgreSQL connection).
    static constexpr int Slots = 4;
    // Unfinished operations one caller (principal) may have, over all api processes.
    static constexpr int MaxRunningPerCaller = 2;
    // Snapshot ids read, changed and recorded per step: a stop through another api process and the progress a
    // client polls lag by at most this many tasks (about a quarter of a second at ~1 ms per task).
    static constexpr int BatchSize = 200;
    // An unfinished operation whose heartbeat (refreshed every batch) is older than this is declared interrupted
    // by the next start, read or api start-up: its process died or hangs.
    static constexpr int StaleAfterS = 60;
    // StaleAfterS, or TASKMILL_TEST_BULK_STALE_S when set, so a test sees a crashed process's operation declared
    // interrupted without waiting a minute.
    static int staleAfterS();
    // What a 429 tells the client to wait before trying again.
    static constexpr int RetryAfterS = 5;

private:
    enum class Halt { None, Stop, Shutdown };
    struct Job
    {
        QUuid id;
        Start request;
        std::atomic<Halt> halt{Halt::None};
        int listedFailures = 0;
    };
    struct Outcome
    {
        BulkState state = BulkState::Completed;
        QString message;
    };
    struct Tally
    {
        qint64 done = 0;
        qint64 failed = 0;
        QList<BulkFailure> failures;
        std::optional<ApiError> storeFailure; // PostgreSQL failed: the operation ends as failed
    };
    using Promise = std::shared_ptr<QPromise<Result<BulkOperation>>>;

    void run(const std::shared_ptr<Job> &job, const Promise &promise);
    Outcome work(QSqlDatabase &db, Job &job);
    // Handles `items` until done or halted; returns the id of the last one handled (null: none).
    QUuid handleBatch(TaskActions &actions, Job &job, const QList<BulkOperationRepository::Item> &items, Tally &tally);
    void count(Job &job, Tally &tally, const QUuid &id, const std::optional<ApiError> &error);
    void release(const QUuid &id);

    const Database &m_db;
    ActionsFor m_actions;
    QThreadPool m_pool;
    std::mutex m_mutex; // guards m_jobs and m_shutdown
    QHash<QUuid, std::shared_ptr<Job>> m_jobs;
    bool m_shutdown = false;
};

} // namespace taskmill
