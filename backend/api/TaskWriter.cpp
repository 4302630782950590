// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "api/TaskWriter.h"

#include "observability/Logging.h"
#include "observability/Metrics.h"
#include "queue/Dispatcher.h"
#include "store/TaskRepository.h"
#include "store/Transaction.h"

#include <QPromise>
#include <QSqlError>
#include <QSqlQuery>

namespace taskmill {

TaskWriter::TaskWriter(DbParams db, RedisEndpoint redis, QByteArray streamPrefix, int batchMax, int waitReplicas,
                       QObject *parent)
    : QThread(parent), m_dbParams(std::move(db)), m_redis(std::move(redis)), m_prefix(std::move(streamPrefix)),
      m_batchMax(batchMax), m_waitReplicas(waitReplicas)
{
    setObjectName(QStringLiteral("task-writer"));
}

TaskWriter::~TaskWriter()
{
    stop();
    wait();
}

void TaskWriter::submitDispatched(QList<Task> tasks, QList<QByteArray> entryIds)
{
    {
        std::lock_guard lock(m_mutex);
        m_queue.push_back({std::move(tasks), nullptr, std::move(entryIds), false});
    }
    m_wake.notify_one();
}

QFuture<std::optional<ApiError>> TaskWriter::submit(QList<Task> tasks, bool replicated)
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
        m_queue.push_back({std::move(tasks), std::move(promise), {}, replicated});
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

        auto db = database.connection();
        if (!db) {
            for (Pending &p : batch)
                if (p.promise) {
                    p.promise->addResult(db.error());
                    p.promise->finish();
                } else {
                    qCWarning(lcApi).noquote() << "fast tasks not persisted yet:" << db.error().message;
                }
            continue;
        }
        finishGroup(batch, *db, dispatcher, redis);
    }
    database.closeThreadConnection();
}

void TaskWriter::finishGroup(std::vector<Pending> &batch, QSqlDatabase &db, Dispatcher &dispatcher, RedisConnection &redis)
{
    QList<Task> all;
    for (const Pending &p : batch)
        all += p.tasks;
    // The durability level picks synchronous_commit for this transaction: "replicated" must wait for the
    // synchronous standby whatever the server default; a group of only "fast" tasks is already
    // acknowledged, so it need not wait for the local flush either.
    bool anyReplicated = false, allFast = true;
    for (const Pending &p : batch) {
        anyReplicated = anyReplicated || p.replicated;
        allFast = allFast && !p.promise;
    }
    std::optional<ApiError> error;
    {
        Transaction tx(db);
        TaskRepository repo(db);
        if (anyReplicated || allFast) {
            QSqlQuery set(db);
            if (!set.exec(anyReplicated ? QStringLiteral("SET LOCAL synchronous_commit = on")
                                        : QStringLiteral("SET LOCAL synchronous_commit = off")))
                error = dbError(set.lastError(), QStringLiteral("set synchronous_commit"));
        }
        auto inserted = error ? Result<Unit>(*error) : repo.insert(all);
        if (!inserted)
            error = inserted.error();
        else if (!tx.commit())
            error = dbError(db.lastError(), QStringLiteral("commit tasks"));
    }
    if (error && error->code == ErrorCode::Unavailable) {
        forgetPreparedQueries(db.connectionName());
        db.close(); // reopened on the next group
    }
    auto resolve = [&](bool replicated) {
        for (Pending &p : batch) {
            if (p.replicated != replicated)
                continue;
            if (p.promise) {
                p.promise->addResult(error);
                p.promise->finish();
            } else if (error) {
                // The executor writes these rows from their entries if it gets there first.
                qCWarning(lcApi).noquote() << "persisting" << p.tasks.size() << "fast tasks failed:" << error->message;
            }
        }
    };
    resolve(false);
    if (error) {
        resolve(true);
        return;
    }
    for (const Task &t : all)
        Metrics::countTask(Metrics::TaskEvent::Created, t.type, t.priority);

    TaskRepository repo(db);
    QList<QPair<QUuid, taskmill::Priority>> runnable;
    QList<QUuid> fastIds;
    QList<QByteArray> fastEntries;
    for (const Pending &p : batch) {
        for (qsizetype i = 0; i < p.tasks.size(); ++i) {
            const Task &t = p.tasks.at(i);
            if (i < p.entryIds.size()) {
                fastIds.append(t.id);
                fastEntries.append(p.entryIds.at(i));
            } else if (t.status == Status::New) {
                runnable.append({t.id, t.priority});
            }
        }
    }
    if (!fastIds.isEmpty())
        repo.markDispatched(fastIds, fastEntries);
    dispatcher.dispatch(repo, runnable);
    if (anyReplicated && m_waitReplicas > 0) {
        // PostgreSQL (with its synchronous standby) already holds the tasks; WAIT only makes the stream
        // entries survive a Redis failover too. A shortfall is logged: the reconciler rebuilds entries.
        auto acked = redis.command({"WAIT", QByteArray::number(m_waitReplicas), "1000"});
        if (!acked || acked->integer < m_waitReplicas)
            qCWarning(lcApi) << "Redis WAIT: fewer than" << m_waitReplicas << "replicas acknowledged the entries";
    }
    resolve(true);
}

} // namespace taskmill
