// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "executor/Executor.h"

#include "executor/ControlListener.h"
#include "executor/Fetcher.h"
#include "executor/Recorder.h"
#include "observability/Logging.h"
#include "observability/Metrics.h"
#include "queue/TaskStream.h"
#include "service/TaskDispatch.h"
#include "store/Database.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QHostInfo>

namespace taskmill {

Executor::Executor(const BackendConfig &config, DbParams db, RedisEndpoint redis, HandlerRegistry handlers,
                   Tracer *tracer)
    : m_config(config), m_db(std::move(db)), m_redis(std::move(redis)), m_handlers(std::move(handlers)),
      m_state(config.workers)
{
    m_consumer = (config.consumerName.isEmpty()
                      ? QHostInfo::localHostName() + u'-' + QString::number(QCoreApplication::applicationPid())
                      : config.consumerName)
                     .toUtf8();
    m_pool.setMaxThreadCount(config.workers);
    m_pool.setExpiryTimeout(-1);
    const QByteArray prefix = config.streamPrefix.toUtf8();
    m_fetcher = std::make_unique<Fetcher>(m_state, m_handlers, m_pool, m_config, m_db, m_redis, m_consumer, tracer);
    m_recorder = std::make_unique<Recorder>(m_state, m_db, m_redis, prefix);
    m_control = std::make_unique<ControlListener>(m_state, m_db, m_redis, prefix, m_consumer,
                                                  config.visibilityTimeoutMs);
}

Executor::~Executor()
{
    if (m_started)
        shutdown(0);
}

void Executor::start()
{
    m_started = true;
    m_fetchThread.reset(QThread::create([this] { m_fetcher->run(); }));
    m_recordThread.reset(QThread::create([this] { m_recorder->run(m_drained); }));
    m_controlThread.reset(QThread::create([this] { m_control->run(); }));
    m_fetchThread->setObjectName(QStringLiteral("fetcher"));
    m_recordThread->setObjectName(QStringLiteral("recorder"));
    m_controlThread->setObjectName(QStringLiteral("control"));
    m_fetchThread->start();
    m_recordThread->start();
    m_controlThread->start();
    qCInfo(lcExecutor).noquote() << "executor" << m_consumer << "started with" << m_config.workers << "workers";
}

void Executor::shutdown(int graceMs)
{
    if (!m_started)
        return;
    m_started = false;
    m_state.stopping = true;
    m_fetchThread->wait();

    QDeadlineTimer deadline(graceMs);
    m_state.waitUntilIdle(deadline);
    if (!m_state.idle())
        handBackRemaining();

    m_drained = true;
    m_recordThread->wait();
    m_controlThread->wait();
    m_pool.waitForDone(StuckHandlerWaitMs);
    qCInfo(lcExecutor) << "executor stopped";
}

void Executor::handBackRemaining()
{
    const QList<ExecutorState::Running> running = m_state.running();
    QList<QPair<QUuid, int>> attempts;
    for (const auto &r : running)
        if (r.attempt > 0)
            attempts.append({r.entry.taskId, r.attempt});
    qCInfo(lcExecutor) << "grace period over: handing back" << attempts.size() << "running tasks";
    Database database(m_db, QStringLiteral("handback"));
    auto db = database.connection();
    if (!db) {
        Metrics::countFailure(Metrics::Failure::HandBack);
        qCWarning(lcExecutor) << "cannot hand back: PostgreSQL unavailable; entries stay pending for reclaim";
        return;
    }
    auto back = ExecutionRepository(*db).handBack(attempts, QString::fromUtf8(m_consumer));
    if (!back) {
        Metrics::countFailure(Metrics::Failure::HandBack);
        qCWarning(lcExecutor).noquote() << "hand back failed:" << back.error().message;
        database.closeThreadConnection();
        return;
    }
    // The recorder must not record these any more: cancel the handlers and forget them here.
    for (const QUuid &id : *back)
        m_state.cancel(id);
    RedisConnection redis(m_redis, RedisTimeoutMs, "taskmill-executor");
    TaskDispatch dispatch(redis, m_config.streamPrefix.toUtf8());
    QList<TaskRef> again;
    QList<StreamEntry> old;
    for (const auto &r : running)
        if (back->contains(r.entry.taskId)) {
            again.append({r.entry.taskId, r.entry.priority});
            old.append(r.entry);
        }
    // New entry first, then ack the old one: a crash in between leaves a duplicate, never a gap. Without
    // new entries the old ones stay pending, and another executor's reclaim runs the tasks.
    if (dispatch.dispatch(*db, again) == again.size()) {
        if (auto acked = TaskStream(redis, m_config.streamPrefix.toUtf8()).ack(old); !acked) {
            Metrics::countFailure(Metrics::Failure::Ack);
            qCWarning(lcExecutor).noquote() << "could not acknowledge handed-back entries (a reclaim will):"
                                            << acked.error().message;
        }
    } else {
        Metrics::countFailure(Metrics::Failure::HandBack);
        qCWarning(lcExecutor) << "handed-back tasks got no new entries; their old entries stay pending for a reclaim";
    }
    m_state.forget(*back);
    database.closeThreadConnection();
}

} // namespace taskmill
