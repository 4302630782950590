// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "model/Task.h"
#include "queue/RedisConnection.h"
#include "store/DbParams.h"

#include <QThread>

#include <condition_variable>
#include <mutex>

namespace taskmill {

// Dispatches committed tasks (stream entries, then the PENDING mark) on a thread of its own, so the api's
// writer can commit its next group while the last one is being dispatched: on a busy api the two use two
// cores, and whatever arrived meanwhile is dispatched together (one XADD pipeline, one mark statement).
// After each dispatch it writes the search documents of new tasks (store/SearchIndexRepository).
// Nothing here is acknowledged to a client; a crash before dispatch leaves the tasks NEW, which the
// reconciler dispatches (docs/architecture.md).
class DispatchThread final : public QThread
{
    Q_OBJECT
public:
    DispatchThread(DbParams db, RedisEndpoint redis, QByteArray streamPrefix, QObject *parent = nullptr);
    ~DispatchThread() override;

    // Tasks to put on their streams and mark; and "fast" tasks already on their streams, to mark only.
    void submit(QList<TaskRef> runnable, QList<QUuid> fastIds, QList<QByteArray> fastEntries);
    // Dispatches what was submitted, then returns from run().
    void stop();

    // The most tasks one pass dispatches (one pipeline, one statement); more wait for the next pass.
    static constexpr int PassMax = 5000;

protected:
    void run() override;

private:
    DbParams m_dbParams;
    RedisEndpoint m_redis;
    QByteArray m_prefix;

    std::mutex m_mutex;
    std::condition_variable m_wake;
    QList<TaskRef> m_runnable;
    QList<QUuid> m_fastIds;
    QList<QByteArray> m_fastEntries;
    bool m_stopping = false;
};

} // namespace taskmill
