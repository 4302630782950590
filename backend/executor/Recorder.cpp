// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "executor/Recorder.h"

#include "executor/Executor.h"
#include "observability/Logging.h"
#include "observability/Metrics.h"

#include <QThread>

namespace taskmill {

Recorder::Recorder(ExecutorState &state, DbParams db, RedisEndpoint redis, QByteArray streamPrefix)
    : m_state(state), m_db(std::move(db), QStringLiteral("recorder")), m_redis(std::move(redis)),
      m_prefix(std::move(streamPrefix))
{
}

void Recorder::run(const std::atomic<bool> &drained)
{
    RedisConnection redis(m_redis, Executor::RedisTimeoutMs, "taskmill-executor-record");
    TaskStream stream(redis, m_prefix);
    std::vector<Completion> batch;
    for (;;) {
        if (batch.empty())
            batch = m_state.takeCompletions(CompletionWaitMs, BatchMax);
        if (batch.empty()) {
            if (drained)
                break;
            continue;
        }
        if (record(batch, stream)) {
            m_state.release(batch);
            batch.clear();
        } else if (drained) {
            // Shutting down and PostgreSQL is away: the entries stay pending for a reclaim.
            qCWarning(lcExecutor) << "leaving" << batch.size() << "unrecorded results for reclaim";
            break;
        } else {
            QThread::msleep(RetryPauseMs);
        }
    }
    m_db.closeThreadConnection();
}

bool Recorder::record(std::vector<Completion> &batch, TaskStream &stream)
{
    QList<AttemptResult> results;
    for (const Completion &c : batch)
        if (c.result)
            results.append(*c.result);
    if (!results.isEmpty()) {
        auto db = m_db.connection();
        if (!db) {
            Metrics::countFailure(Metrics::Failure::RecordResult);
            qCWarning(lcExecutor).noquote() << "recording results waits for PostgreSQL:" << db.error().message;
            return false;
        }
        auto recorded = ExecutionRepository(*db).finish(results);
        if (!recorded) {
            Metrics::countFailure(Metrics::Failure::RecordResult);
            qCWarning(lcExecutor).noquote() << "recording results failed:" << recorded.error().message;
            m_db.closeThreadConnection();
            return false;
        }
        if (recorded->size() != results.size())
            qCDebug(lcExecutor) << results.size() - recorded->size()
                                << "results were not recorded: task cancelled, finished by hand or fenced";
    }
    QList<StreamEntry> entries;
    for (const Completion &c : batch)
        entries.append(c.entry);
    // An ack that fails leaves entries pending although their tasks are recorded; a later reclaim
    // finds them finished and only acknowledges them, so this is not retried here.
    if (auto acked = stream.ack(entries); !acked) {
        Metrics::countFailure(Metrics::Failure::Ack);
        qCWarning(lcExecutor).noquote() << "acknowledging entries failed:" << acked.error().message;
    }
    return true;
}

} // namespace taskmill
