// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "service/DispatchThread.h"

#include "observability/Logging.h"
#include "observability/Metrics.h"
#include "service/TaskDispatch.h"
#include "store/Database.h"
#include "store/SearchIndexRepository.h"

#include <QElapsedTimer>

#include <chrono>

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
    // Entries go out at once (a task's start waits for them); the PENDING marks and the search index pass
    // wait up to DeferMs and then cover everything since, one statement each — under one-by-one load that
    // is dozens of tasks per statement instead of one, and a mark that finds its task already claimed is
    // work saved.
    QList<QUuid> markIds;
    QList<QByteArray> markEntries;
    QElapsedTimer deferredSince;
    bool indexBacklog = false; // the last index pass was full: more documents wait
    for (;;) {
        QList<TaskRef> runnable;
        QList<QUuid> fastIds;
        QList<QByteArray> fastEntries;
        bool stopping = false;
        {
            std::unique_lock lock(m_mutex);
            const auto ready = [&] { return m_stopping || !m_runnable.isEmpty() || !m_fastIds.isEmpty(); };
            if (deferredSince.isValid() || indexBacklog)
                m_wake.wait_for(lock, std::chrono::milliseconds(std::max<qint64>(0, DeferMs - deferredSince.elapsed())), ready);
            else
                m_wake.wait(lock, ready);
            stopping = m_stopping;
            runnable = m_runnable.mid(0, PassMax);
            m_runnable.remove(0, runnable.size());
            fastIds = m_fastIds.mid(0, PassMax);
            fastEntries = m_fastEntries.mid(0, PassMax);
            m_fastIds.remove(0, fastIds.size());
            m_fastEntries.remove(0, fastEntries.size());
        }
        if (!runnable.isEmpty()) {
            if (auto added = dispatch.addEntries(runnable)) {
                for (qsizetype i = 0; i < runnable.size() && i < added->size(); ++i) {
                    markIds.append(runnable.at(i).id);
                    markEntries.append(added->at(i));
                }
            }
        }
        markIds += fastIds;
        markEntries += fastEntries;
        if (!markIds.isEmpty() && !deferredSince.isValid())
            deferredSince.start();
        const bool due = deferredSince.isValid() && (deferredSince.elapsed() >= DeferMs || markIds.size() >= PassMax);
        if (!due && !indexBacklog && !stopping)
            continue;
        auto db = database.connection();
        if (!db) {
            // Nothing is lost: the tasks stay NEW (with their entries, which the claim accepts) and the
            // reconciler dispatches any without one once PostgreSQL is back.
            Metrics::countFailure(Metrics::Failure::MarkDispatched);
            qCWarning(lcService).noquote() << "PENDING marks of" << markIds.size() << "tasks dropped:" << db.error().message;
        } else {
            dispatch.markDispatched(*db, markIds, markEntries);
            // Then the search documents of what was created (migration 0005).
            auto indexed = SearchIndexRepository(*db).indexPending(SearchIndexRepository::PassMax);
            if (!indexed)
                qCWarning(lcService).noquote() << "search index pass failed (retried with the next one):"
                                               << indexed.error().message;
            indexBacklog = indexed && *indexed == SearchIndexRepository::PassMax;
        }
        markIds.clear();
        markEntries.clear();
        deferredSince.invalidate();
        if (stopping) {
            std::lock_guard lock(m_mutex);
            if (m_runnable.isEmpty() && m_fastIds.isEmpty())
                break;
        }
    }
    database.closeThreadConnection();
}

} // namespace taskmill
