// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "model/Task.h"
#include "wire/Result.h"

#include <QSqlDatabase>

#include <optional>

namespace taskmill {

// SQL of the scheduler role: delayed tasks and retries coming due, and the reconciler's search for tasks
// whose dispatch never happened or whose executor died. SKIP LOCKED and attempt/worker fencing make
// several schedulers safe side by side.
class SchedulingRepository final
{
public:
    explicit SchedulingRepository(QSqlDatabase db) : m_db(std::move(db)) {}

    // NEW tasks last dispatched more than `olderThanMs` ago (or never): the reconciler's input.
    Result<QList<TaskRef>> undispatched(int olderThanMs, int limit);

    // POSTPONED and RETRY_WAITING tasks whose run_at has come → NEW (history written), ready to dispatch.
    Result<QList<TaskRef>> promoteDue(int limit);
    // Milliseconds until the next delayed task or retry is due (0 if one is due now), or nullopt.
    Result<std::optional<qint64>> msUntilNextDue();

    // The reconciler's candidates: PENDING tasks untouched for olderThanMs (is their entry still in a
    // stream?), and IN_PROGRESS tasks whose worker has not sent a heartbeat for deadAfterMs.
    struct Active
    {
        QUuid id;
        Priority priority;
        Status status;
        QByteArray entry;
        int attempt;
        QString worker;
        // Its entry is in the built-in stream or in the type's lane (TaskRef::lane): which one depends on the
        // handler when it was dispatched, so both are looked at.
        QString type;
    };
    Result<QList<Active>> staleActive(int olderThanMs, int deadAfterMs, int limit);
    // IN_PROGRESS → PENDING for attempts of dead workers (fenced by attempt and worker); an attempt that
    // was the task's last goes to the dead-letter queue instead. Returns the ids released.
    Result<QList<QUuid>> releaseOrphans(const QList<Active> &orphans);

private:
    QSqlDatabase m_db;
};

} // namespace taskmill
