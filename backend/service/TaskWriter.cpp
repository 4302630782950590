// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "service/TaskWriter.h"

#include "observability/Logging.h"
#include "observability/Metrics.h"
#include "queue/TaskStream.h"
#include "service/DispatchThread.h"
#include "service/TaskDispatch.h"
#include "store/TaskRepository.h"
#include "store/Transaction.h"

#include <QPromise>

namespace taskmill {

namespace {
// The writer's Redis connection: a command that takes longer than this counts as Redis being down
// (dispatch then backs off and the reconciler takes over), so a hung Redis cannot stall task creation.
constexpr int RedisTimeoutMs = 500;
} // namespace

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

QFuture<std::optional<ApiError>> TaskWriter::submit(QList<Task> tasks, Durability level)
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
        m_queue.push_back({std::move(tasks), std::move(promise), {}, level == Durability::Replicated});
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
    RedisConnection redis(m_redis, RedisTimeoutMs, "taskmill-api-writer");
    TaskDispatch dispatch(redis, m_prefix); // only for replicated groups, which WAIT for their own entries
    DispatchThread dispatcher(m_dbParams, m_redis, m_prefix);
    dispatcher.start();

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
                    // Acknowledged already: the entries are in Redis, and the executor that takes them
                    // writes their rows (Fetcher::materializeFast).
                    Metrics::countFailure(Metrics::Failure::GroupWrite);
                    qCWarning(lcService).noquote() << "fast tasks not persisted by the api:" << db.error().message;
                }
            continue;
        }
        finishGroup(batch, *db, dispatcher, dispatch, redis);
    }
    database.closeThreadConnection();
    dispatcher.stop(); // dispatches what it has, then ends
    dispatcher.wait();
}

std::optional<ApiError> TaskWriter::write(QSqlDatabase &db, const QList<Task> &tasks, bool replicated, bool allFast)
{
    TaskRepository repo(db);
    // The insert is one statement (rows and history), so on its own it commits atomically: one round
    // trip, where BEGIN … COMMIT would take three.
    if (!replicated && !allFast) {
        auto inserted = repo.insert(tasks);
        return inserted ? std::nullopt : std::optional<ApiError>(inserted.error());
    }
    // Otherwise the durability level picks synchronous_commit for this transaction: "replicated" must wait
    // for the synchronous standby whatever the server default; a group of only "fast" tasks is
    // acknowledged already, so it need not wait for the local flush either.
    Transaction tx(db);
    if (auto set = repo.setSynchronousCommit(replicated); !set)
        return set.error();
    if (auto inserted = repo.insert(tasks); !inserted)
        return inserted.error();
    if (!tx.commit())
        return dbError(db.lastError(), QStringLiteral("commit tasks"));
    return std::nullopt;
}

std::vector<std::optional<ApiError>> TaskWriter::writeOneByOne(std::vector<Pending> &batch, QSqlDatabase &db)
{
    std::vector<std::optional<ApiError>> outcomes;
    outcomes.reserve(batch.size());
    for (const Pending &p : batch) {
        std::optional<ApiError> error = write(db, p.tasks, p.replicated, p.fast());
        if (error && error->code != ErrorCode::Unavailable) {
            qCInfo(lcService).noquote() << "a request of" << p.tasks.size() << "tasks was refused:" << error->message;
            if (p.fast())
                quarantine(db, p, *error);
        }
        outcomes.push_back(std::move(error));
    }
    return outcomes;
}

void TaskWriter::quarantine(QSqlDatabase &db, const Pending &p, const ApiError &why)
{
    // Task by task: within one request, only the task PostgreSQL refuses goes to the dead-letter queue.
    for (const Task &t : p.tasks) {
        if (!write(db, {t}, false, true))
            continue;
        const QString reason = QStringLiteral("could not be stored as sent (acknowledged with durability fast): %1")
                                   .arg(why.message);
        auto stored = TaskRepository(db).insertQuarantined(t, reason); // one statement: commits on its own
        if (stored) {
            Metrics::countFailure(Metrics::Failure::Quarantined);
            qCWarning(lcService).noquote() << "task" << t.id.toString(QUuid::WithoutBraces)
                                           << "went to the dead-letter queue:" << reason;
        } else {
            // Its entry is still in Redis: the executor that takes it tries the same.
            qCWarning(lcService).noquote() << "could not quarantine task" << t.id.toString(QUuid::WithoutBraces) << ':'
                                           << stored.error().message;
        }
    }
}

void TaskWriter::finishGroup(std::vector<Pending> &batch, QSqlDatabase &db, DispatchThread &dispatcher,
                             TaskDispatch &dispatch, RedisConnection &redis)
{
    QList<Task> all;
    bool anyReplicated = false, allFast = true;
    for (const Pending &p : batch) {
        all += p.tasks;
        anyReplicated = anyReplicated || p.replicated;
        allFast = allFast && p.fast();
    }
    std::vector<std::optional<ApiError>> outcomes(batch.size());
    if (std::optional<ApiError> error = write(db, all, anyReplicated, allFast)) {
        if (error->code == ErrorCode::Unavailable) {
            forgetPreparedQueries(db.connectionName());
            db.close(); // reopened on the next group
            std::fill(outcomes.begin(), outcomes.end(), error);
        } else if (batch.size() == 1) {
            outcomes.front() = error;
            if (batch.front().fast())
                quarantine(db, batch.front(), *error);
        } else {
            Metrics::countFailure(Metrics::Failure::GroupWrite);
            qCInfo(lcService).noquote() << "a group of" << batch.size()
                                        << "requests failed; writing each on its own:" << error->message;
            outcomes = writeOneByOne(batch, db);
        }
    }

    auto resolve = [&](bool replicated) {
        for (size_t i = 0; i < batch.size(); ++i) {
            Pending &p = batch[i];
            if (p.replicated != replicated || !p.promise)
                continue;
            p.promise->addResult(outcomes[i]);
            p.promise->finish();
        }
    };

    QList<TaskRef> runnable;
    QList<QUuid> markIds;
    QList<QByteArray> markEntries;
    for (size_t i = 0; i < batch.size(); ++i) {
        const Pending &p = batch[i];
        if (outcomes[i]) {
            if (p.fast() && outcomes[i]->code == ErrorCode::Unavailable)
                qCWarning(lcService).noquote() << p.tasks.size() << "fast tasks not persisted by the api (their executor "
                                                                     "writes them):" << outcomes[i]->message;
            continue;
        }
        for (qsizetype t = 0; t < p.tasks.size(); ++t) {
            const Task &task = p.tasks.at(t);
            Metrics::countTask(Metrics::TaskEvent::Created, task.type, task.priority);
            if (t < p.entryIds.size()) {
                markIds.append(task.id);
                markEntries.append(p.entryIds.at(t));
            } else if (task.status == Status::New) {
                runnable.append({task.id, task.priority, m_laneOf ? m_laneOf(task.type) : QString()});
            }
        }
    }
    // The entries go out before the answer: a 201 means the task is on its stream (while Redis is up), so
    // an executor started right after sees it, in priority order with everything created before it. One
    // pipelined round trip; the PENDING marks follow on the dispatch thread. A Redis outage leaves the
    // tasks NEW for the reconciler (Dispatcher logged and counted it) and answers nobody later.
    if (!runnable.isEmpty()) {
        if (auto added = dispatch.addEntries(runnable)) {
            for (qsizetype t = 0; t < runnable.size() && t < added->size(); ++t) {
                markIds.append(runnable.at(t).id);
                markEntries.append(added->at(t));
            }
        }
    }
    resolve(false);
    if (anyReplicated && m_waitReplicas > 0) {
        // Redis WAIT covers the writes of this connection so far: these entries included. PostgreSQL (with its
        // synchronous standby) already holds the tasks; WAIT only makes the stream entries survive a Redis
        // failover too. A shortfall is logged: the reconciler rebuilds entries.
        auto acked = TaskStream(redis, m_prefix).waitForReplicas(m_waitReplicas, RedisWaitTimeoutMs);
        if (!acked || *acked < m_waitReplicas)
            qCWarning(lcService) << "Redis WAIT: fewer than" << m_waitReplicas << "replicas acknowledged the entries";
    }
    dispatcher.submitMarks(std::move(markIds), std::move(markEntries));
    resolve(true);
}

} // namespace taskmill
