// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "model/Durability.h"
#include "model/Task.h"
#include "queue/RedisConnection.h"
#include "store/Database.h"
#include "wire/ApiError.h"

#include <QFuture>
#include <QThread>

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

template<typename T>
class QPromise;

namespace taskmill {

class TaskDispatch;

// Groups task creation: HTTP requests hand their tasks to this thread, which commits whatever has
// arrived (up to `batchMax` tasks, never splitting one request) in one statement, answers every waiting
// request, and hands the batch to a DispatchThread (stream entries, PENDING mark) while it commits the
// next group. An idle writer commits a lone request at once, so grouping costs a single client no
// latency. See docs/architecture.md ("Why writes are grouped").
//
// One request never fails another: when a group's statement fails for any reason but a lost server,
// each request of the group is written again in its own transaction, so only the request whose values
// PostgreSQL refuses gets the error. A "fast" task (already acknowledged) that PostgreSQL refuses is
// stored in the dead-letter queue with the reason (TaskRepository::insertQuarantined), never dropped.
class TaskWriter final : public QThread
{
    Q_OBJECT
public:
    TaskWriter(DbParams db, RedisEndpoint redis, QByteArray streamPrefix, int batchMax, int waitReplicas = 0,
               QObject *parent = nullptr);
    ~TaskWriter() override;

    // Resolves with nullopt once the tasks are committed, or with the error that rolled them back.
    // Durability::Replicated resolves only after the commit (which a synchronous standby confirms) and,
    // when redis.wait_replicas is set, after Redis WAIT for the stream entries.
    QFuture<std::optional<ApiError>> submit(QList<Task> tasks, Durability level = Durability::Durable);
    // Durability "fast": the tasks are already in their streams (entryIds); persist them in the next
    // group and mark them PENDING. Nobody waits: the client was answered when Redis took the entries.
    void submitDispatched(QList<Task> tasks, QList<QByteArray> entryIds);
    void stop();

    // The stream lane of a type (TaskRef::lane): an external handler's type, else empty. Set before start();
    // called on the writer thread.
    using LaneOf = std::function<QString(const QString &type)>;
    void setLaneOf(LaneOf laneOf) { m_laneOf = std::move(laneOf); }

    // How long a replicated group waits for Redis replicas (WAIT) before it logs a shortfall and answers.
    static constexpr int RedisWaitTimeoutMs = 1000;

protected:
    void run() override;

private:
    struct Pending
    {
        QList<Task> tasks;
        std::shared_ptr<QPromise<std::optional<ApiError>>> promise; // null for submitDispatched
        QList<QByteArray> entryIds;
        bool replicated = false;

        bool fast() const { return !promise; }
    };
    // One transaction for `tasks`; nullopt when committed.
    std::optional<ApiError> write(QSqlDatabase &db, const QList<Task> &tasks, bool replicated, bool allFast);
    void finishGroup(std::vector<Pending> &batch, QSqlDatabase &db, class DispatchThread &dispatcher,
                     TaskDispatch &dispatch, RedisConnection &redis);
    // The group failed as a whole: every request again on its own; returns one outcome per request.
    std::vector<std::optional<ApiError>> writeOneByOne(std::vector<Pending> &batch, QSqlDatabase &db);
    // Fast tasks PostgreSQL refused: into the dead-letter queue with the reason.
    void quarantine(QSqlDatabase &db, const Pending &p, const ApiError &why);

    DbParams m_dbParams;
    RedisEndpoint m_redis;
    QByteArray m_prefix;
    int m_batchMax;
    int m_waitReplicas;
    LaneOf m_laneOf;

    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Pending> m_queue;
    bool m_stopping = false;
};

} // namespace taskmill
