// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/PauseTypes.h"
#include "wire/Result.h"

#include <QSqlDatabase>

namespace taskmill {

class TaskDispatch;

// Pausing and resuming a priority or a task type (docs/api.md, "Pausing a priority or a type"): the row in
// task_pauses with its audit entry (store/PauseRepository), and on resume the tasks parked meanwhile put back
// on their streams at once. A resume's dispatch that fails (Redis away) or stops at ResumeDispatchMax leaves
// the rest to the reconciler: they are queued, no longer paused and in no stream, which is what it looks for.
class PauseControl final
{
public:
    PauseControl(QSqlDatabase db, TaskDispatch &dispatch) : m_db(std::move(db)), m_dispatch(dispatch) {}

    // Idempotent: pausing what is paused answers the pause in force.
    Result<Pause> pause(PauseScope scope, const QString &name, const QString &pausedBy, const QString &auditActor);

    struct Resumed
    {
        bool wasPaused = false;
        int dispatched = 0; // parked tasks put back on their streams by this call
    };
    // Idempotent: resuming what is not paused changes nothing (and still dispatches tasks parked in that scope).
    Result<Resumed> resume(PauseScope scope, const QString &name, const QString &auditActor);

    // A resume dispatches this many parked tasks at most itself, DispatchChunk per statement and pipeline
    // (about 20 ms each); the reconciler dispatches any beyond, 1,000 per pass.
    static constexpr int ResumeDispatchMax = 100'000;
    static constexpr int DispatchChunk = 1000;

private:
    QSqlDatabase m_db;
    TaskDispatch &m_dispatch;
};

} // namespace taskmill
