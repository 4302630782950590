// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "scheduler/Scheduler.h"

#include "observability/Logging.h"
#include "queue/Dispatcher.h"
#include "store/Database.h"
#include "store/TaskRepository.h"

#include <QElapsedTimer>

namespace taskmill {

Scheduler::Scheduler(const BackendConfig &config, DbParams db, RedisEndpoint redis)
    : m_config(config), m_db(std::move(db)), m_redis(std::move(redis))
{
}

Scheduler::~Scheduler() { stop(); }

void Scheduler::start()
{
    m_thread.reset(QThread::create([this] { run(); }));
    m_thread->setObjectName(QStringLiteral("scheduler"));
    m_thread->start();
}

void Scheduler::stop()
{
    m_stopping = true;
    if (m_thread)
        m_thread->wait();
    m_thread.reset();
}

void Scheduler::run()
{
    Database database(m_db, QStringLiteral("scheduler"));
    RedisConnection redis(m_redis, 1000);
    Dispatcher dispatcher(redis, m_config.streamPrefix.toUtf8());
    QElapsedTimer sinceReconcile;
    sinceReconcile.start();
    while (!m_stopping) {
        QThread::msleep(quint32(m_config.schedulerIntervalMs));
        auto db = database.connection();
        if (!db)
            continue;
        TaskRepository repo(*db);
        // Promote only while Redis takes entries, so due tasks wait as POSTPONED rather than as NEW.
        if (!dispatcher.redisDown()) {
            auto due = repo.promoteDue(1000);
            if (due) {
                QList<QPair<QUuid, Priority>> batch;
                for (const auto &t : *due)
                    batch.append({t.id, t.priority});
                dispatcher.dispatch(repo, batch);
            } else {
                database.closeThreadConnection();
                continue;
            }
        }
        if (sinceReconcile.elapsed() < m_config.reconcileIntervalMs)
            continue;
        sinceReconcile.restart();
        auto stale = repo.undispatched(m_config.reconcileAgeMs, 1000);
        if (!stale) {
            database.closeThreadConnection();
            continue;
        }
        if (stale->isEmpty())
            continue;
        QList<QPair<QUuid, Priority>> batch;
        for (const auto &t : *stale)
            batch.append({t.id, t.priority});
        const int sent = dispatcher.dispatch(repo, batch);
        if (sent > 0)
            qCInfo(lcScheduler) << "reconciler dispatched" << sent << "tasks that had no stream entry";
    }
    database.closeThreadConnection();
}

} // namespace taskmill
