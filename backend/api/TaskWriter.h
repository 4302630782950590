// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "api/ApiError.h"
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

// Groups task creation: HTTP requests hand their tasks to this thread, which commits whatever has
// arrived (up to `batchMax` tasks, never splitting one request) in one transaction, answers every
// waiting request, then dispatches the batch to Redis. An idle writer commits a lone request at once,
// so grouping costs a single client no latency. See docs/architecture.md ("Write path").
class TaskWriter final : public QThread
{
    Q_OBJECT
public:
    TaskWriter(DbParams db, RedisEndpoint redis, QByteArray streamPrefix, int batchMax, QObject *parent = nullptr);
    ~TaskWriter() override;

    // Resolves with nullopt once the tasks are committed, or with the error that rolled them back.
    QFuture<std::optional<ApiError>> submit(QList<Task> tasks);
    void stop();

protected:
    void run() override;

private:
    struct Pending
    {
        QList<Task> tasks;
        std::shared_ptr<QPromise<std::optional<ApiError>>> promise;
    };

    DbParams m_dbParams;
    RedisEndpoint m_redis;
    QByteArray m_prefix;
    int m_batchMax;

    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Pending> m_queue;
    bool m_stopping = false;
};

} // namespace taskmill
