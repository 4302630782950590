// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "api/TaskWriter.h"

#include "observability/Logging.h"
#include "queue/Dispatcher.h"
#include "store/TaskRepository.h"
#include "store/Transaction.h"

#include <QPromise>
#include <QSqlError>

namespace taskmill {

TaskWriter::TaskWriter(DbParams db, RedisEndpoint redis, QByteArray streamPrefix, int batchMax, QObject *parent)
    : QThread(parent), m_dbParams(std::move(db)), m_redis(std::move(redis)), m_prefix(std::move(streamPrefix)),
      m_batchMax(batchMax)
{
    setObjectName(QStringLiteral("task-writer"));
}

TaskWriter::~TaskWriter()
{
    stop();
    wait();
}

QFuture<std::optional<ApiError>> TaskWriter::submit(QList<Task> tasks)
{
    auto promise = std::make_shared<QPromise<std::optional<ApiError>>>();
    promise->start();
    QFuture<std::optional<ApiError>> future = promise->future();
    {
        std::lock_guard lock(m_mutex);
        if (m_stopping) {
            promise->addResult(ApiError::unavailable(QStringLiteral("server is shutting down")));
            promise->finish();
            return future;
        }
        m_queue.push_back({std::move(tasks), std::move(promise)});
    }
    m_wake.notify_one();
    return future;
}

void TaskWriter::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
}

void TaskWriter::run()
{
    Database database(m_dbParams, QStringLiteral("writer"));
    RedisConnection redis(m_redis, 500);
    Dispatcher dispatcher(redis, m_prefix);

    for (;;) {
        std::vector<Pending> batch;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
            if (m_queue.empty() && m_stopping)
                break;
            int count = 0;
            while (!m_queue.empty() && (batch.empty() || count + m_queue.front().tasks.size() <= m_batchMax)) {
                count += int(m_queue.front().tasks.size());
                batch.push_back(std::move(m_queue.front()));
                m_queue.pop_front();
            }
        }

        QList<Task> all;
        for (const Pending &p : batch)
            all += p.tasks;

        std::optional<ApiError> error;
        auto db = database.connection();
        if (!db) {
            error = db.error();
        } else {
            Transaction tx(*db);
            TaskRepository repo(*db);
            auto inserted = repo.insert(all);
            if (!inserted)
                error = inserted.error();
            else if (!tx.commit())
                error = dbError(db->lastError(), QStringLiteral("commit tasks"));
            if (error && error->code == ErrorCode::Unavailable)
                database.closeThreadConnection();
        }
        for (Pending &p : batch) {
            p.promise->addResult(error);
            p.promise->finish();
        }
        if (error || !db)
            continue;

        QList<QPair<QUuid, taskmill::Priority>> runnable;
        for (const Task &t : all)
            if (t.status == Status::New)
                runnable.append({t.id, t.priority});
        TaskRepository repo(*db);
        dispatcher.dispatch(repo, runnable);
    }
    database.closeThreadConnection();
}

} // namespace taskmill
