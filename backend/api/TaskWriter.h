// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/ApiError.h"
#include "model/Task.h"
#include "queue/RedisConnection.h"
#include "store/Database.h"

#include <QFuture>
#include <QThread>

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>

template<typename T>
class QPromise;

namespace taskmill {

class Dispatcher;

// Groups task creation: HTTP requests hand their tasks to this thread, which commits whatever has
// arrived (up to `batchMax` tasks, never splitting one request) in one transaction, answers every
// waiting request, then dispatches the batch to Redis. An idle writer commits a lone request at once,
// so grouping costs a single client no latency. See docs/architecture.md ("Write path").
class TaskWriter final : public QThread
{
    Q_OBJECT
public:
    TaskWriter(DbParams db, RedisEndpoint redis, QByteArray streamPrefix, int batchMax, int waitReplicas = 0,
               QObject *parent = nullptr);
    ~TaskWriter() override;

    // Resolves with nullopt once the tasks are committed, or with the error that rolled them back.
    // `replicated`: resolves only after the commit (which a synchronous standby confirms) and, when
    // redis.wait_replicas is set, after Redis WAIT for the stream entries.
    QFuture<std::optional<ApiError>> submit(QList<Task> tasks, bool replicated = false);
    // Durability "fast": the tasks are already in their streams (entryIds); persist them in the next
    // group and mark them PENDING. Nobody waits: a failure is logged, the executor writes such rows itself.
    void submitDispatched(QList<Task> tasks, QList<QByteArray> entryIds);
    void stop();

protected:
    void run() override;

private:
    struct Pending
    {
        QList<Task> tasks;
        std::shared_ptr<QPromise<std::optional<ApiError>>> promise; // null for submitDispatched
        QList<QByteArray> entryIds;
        bool replicated = false;
    };
    void finishGroup(std::vector<Pending> &batch, QSqlDatabase &db, Dispatcher &dispatcher, RedisConnection &redis);

    DbParams m_dbParams;
    RedisEndpoint m_redis;
    QByteArray m_prefix;
    int m_batchMax;
    int m_waitReplicas;

    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Pending> m_queue;
    bool m_stopping = false;
};

} // namespace taskmill
