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

void DispatchThread::submitMarks(QList<QUuid> ids, QList<QByteArray> entryIds)
{
    {
        std::lock_guard lock(m_mutex);
        m_markIds += std::move(ids);
        m_markEntries += std::move(entryIds);
        m_work = true;
    }
    // Even with nothing to mark, a create leaves a search document to write.
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
    // the next pass behind an fsync.
    Database database(m_dbParams, QStringLiteral("dispatcher"), CommitWait::NoFlush);
    RedisConnection redis(m_redis, RedisTimeoutMs, "taskmill-api-dispatch");
    TaskDispatch dispatch(redis, m_prefix);
    // Waiting up to DeferMs gathers a busy api's creates: under one-by-one load that is dozens of tasks per
    // statement instead of one, and a mark that finds its task already claimed is work saved.
    QElapsedTimer deferredSince;
    bool indexBacklog = false; // the last index pass was full: more documents wait
    for (;;) {
        QList<QUuid> markIds;
        QList<QByteArray> markEntries;
        bool stopping = false;
        {
            std::unique_lock lock(m_mutex);
            if (!deferredSince.isValid() && !indexBacklog)
                m_wake.wait(lock, [this] { return m_stopping || m_work; });
            m_work = false;
            if (!deferredSince.isValid())
                deferredSince.start();
            const qint64 left = DeferMs - deferredSince.elapsed();
            if (left > 0 && !m_stopping && !indexBacklog && m_markIds.size() < PassMax)
                m_wake.wait_for(lock, std::chrono::milliseconds(left), [&] { return m_stopping || m_markIds.size() >= PassMax; });
            stopping = m_stopping;
            markIds = m_markIds.mid(0, PassMax);
            markEntries = m_markEntries.mid(0, PassMax);
            m_markIds.remove(0, markIds.size());
            m_markEntries.remove(0, markEntries.size());
        }
        deferredSince.invalidate();
        if (auto db = database.connection()) {
            dispatch.markDispatched(*db, markIds, markEntries);
            auto indexed = SearchIndexRepository(*db).indexPending(SearchIndexRepository::PassMax);
            if (!indexed)
                qCWarning(lcService).noquote() << "search index pass failed (retried with the next one):"
                                               << indexed.error().message;
            indexBacklog = indexed && *indexed == SearchIndexRepository::PassMax;
        } else {
            // Nothing is lost: the tasks are NEW with their entries (the claim accepts NEW); their documents
            // stay queued for the next pass or the scheduler's.
            Metrics::countFailure(Metrics::Failure::MarkDispatched);
            qCWarning(lcService).noquote() << "PENDING marks of" << markIds.size() << "tasks dropped:" << db.error().message;
        }
        if (stopping) {
            std::lock_guard lock(m_mutex);
            if (m_markIds.isEmpty())
                break;
        }
    }
    database.closeThreadConnection();
}

} // namespace taskmill
