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

// Dispatches committed tasks on a thread of its own, so the api's writer can commit its next group while the
// last one is being dispatched: stream entries at once (whatever arrived meanwhile in one XADD pipeline),
// then, at most DeferMs later and many at a time, the PENDING marks and the search documents of new tasks
// (store/SearchIndexRepository).
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
    // How long PENDING marks and search documents may wait to be written together: long enough to gather
    // a busy api's creates into one statement, short against the reconciler's age (3 s) and a person
    // searching for what they just created.
    static constexpr int DeferMs = 20;

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
