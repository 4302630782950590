// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include <QUuid>
#include "queue/RedisConnection.h"
#include "store/DbParams.h"

#include <QThread>

#include <condition_variable>
#include <mutex>

namespace taskmill {

// The api's after-work of a create, on a thread of its own so the writer commits its next group meanwhile:
// the PENDING marks of tasks the writer put on their streams, and the search documents of new tasks
// (store/SearchIndexRepository), gathered for up to DeferMs and written many at a time.
// Nothing here is acknowledged to a client; a crash before dispatch leaves the tasks NEW, which the
// reconciler dispatches (docs/architecture.md).
class DispatchThread final : public QThread
{
    Q_OBJECT
public:
    DispatchThread(DbParams db, RedisEndpoint redis, QByteArray streamPrefix, QObject *parent = nullptr);
    ~DispatchThread() override;

    // Tasks now on their streams (entry ids, in order), to mark PENDING.
    void submitMarks(QList<QUuid> ids, QList<QByteArray> entryIds);
    // Dispatches what was submitted, then returns from run().
    void stop();

    // The most tasks one pass marks (one statement); more wait for the next pass.
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
    QList<QUuid> m_markIds;
    QList<QByteArray> m_markEntries;
    bool m_work = false; // a group was committed since the last pass: marks or search documents to write
    bool m_stopping = false;
};

} // namespace taskmill
