// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "service/DispatchThread.h"

#include "observability/Logging.h"
#include "observability/Metrics.h"
#include "service/TaskDispatch.h"
#include "store/Database.h"
#include "store/SearchIndexRepository.h"

namespace taskmill {

namespace {
// Redis commands of the dispatcher: past this, Redis counts as down and dispatch backs off.
constexpr int RedisTimeoutMs = 500;
} // namespace

DispatchThread::DispatchThread(DbParams db, RedisEndpoint redis, QByteArray streamPrefix, QObject *parent)
    : QThread(parent), m_dbParams(std::move(db)), m_redis(std::move(redis)), m_prefix(std::move(streamPrefix))
{
    setObjectName(QStringLiteral("dispatcher"));
}

DispatchThread::~DispatchThread()
{
    stop();
    wait();
}

void DispatchThread::submit(QList<TaskRef> runnable, QList<QUuid> fastIds, QList<QByteArray> fastEntries)
{
    if (runnable.isEmpty() && fastIds.isEmpty())
        return;
    {
        std::lock_guard lock(m_mutex);
        m_runnable += std::move(runnable);
        m_fastIds += std::move(fastIds);
        m_fastEntries += std::move(fastEntries);
    }
    m_wake.notify_one();
}

void DispatchThread::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
}

void DispatchThread::run()
{
    // The marks do not wait for WAL flushes: a mark lost in a crash is redone, and it must not hold up
    // the next dispatch behind an fsync.
    Database database(m_dbParams, QStringLiteral("dispatcher"), CommitWait::NoFlush);
    RedisConnection redis(m_redis, RedisTimeoutMs);
    TaskDispatch dispatch(redis, m_prefix);
    bool indexBacklog = false; // the last index pass was full: more documents wait
    for (;;) {
        QList<TaskRef> runnable;
        QList<QUuid> fastIds;
        QList<QByteArray> fastEntries;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [&] { return m_stopping || indexBacklog || !m_runnable.isEmpty() || !m_fastIds.isEmpty(); });
            if (m_stopping && m_runnable.isEmpty() && m_fastIds.isEmpty())
                break;
            runnable = m_runnable.mid(0, PassMax);
            m_runnable.remove(0, runnable.size());
            fastIds = m_fastIds.mid(0, PassMax);
            fastEntries = m_fastEntries.mid(0, PassMax);
            m_fastIds.remove(0, fastIds.size());
            m_fastEntries.remove(0, fastEntries.size());
        }
        auto db = database.connection();
        if (!db) {
            // Nothing is lost: the tasks stay NEW and the reconciler dispatches them once PostgreSQL is back.
            Metrics::countFailure(Metrics::Failure::MarkDispatched);
            qCWarning(lcService).noquote() << "dispatch of" << runnable.size() + fastIds.size()
                                           << "tasks left to the reconciler:" << db.error().message;
            continue;
        }
        dispatch.markDispatched(*db, fastIds, fastEntries);
        dispatch.dispatch(*db, runnable);
        // Then the search documents of what was created (migration 0005), after the dispatch so that they
        // never delay a task's start.
        auto indexed = SearchIndexRepository(*db).indexPending(SearchIndexRepository::PassMax);
        if (!indexed)
            qCWarning(lcService).noquote() << "search index pass failed (retried with the next one):"
                                           << indexed.error().message;
        indexBacklog = indexed && *indexed == SearchIndexRepository::PassMax;
    }
    database.closeThreadConnection();
}

} // namespace taskmill
