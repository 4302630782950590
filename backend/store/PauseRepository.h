// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "model/Task.h"
#include "wire/PauseTypes.h"
#include "wire/Result.h"

#include <QSqlDatabase>

namespace taskmill {

// SQL of paused priorities and types (migration 0011, docs/api.md "Pausing a priority or a type").
//
// A pause is enforced where work starts: the claim (ExecutionRepository::claim) refuses a task that
// heldByPause() matches, in the same statement that would start it, so no executor or worker can start paused
// work whatever its cached view of the pauses. An entry of such a task that was read anyway is *parked*: its
// row keeps its status and attempts, forgets its stream entry (stream_entry NULL) and the entry is
// acknowledged, so the task waits in PostgreSQL alone. The reconciler leaves held tasks alone (no re-dispatch
// loop); a resume puts the parked ones back on their streams (parked()).
class PauseRepository final
{
public:
    explicit PauseRepository(QSqlDatabase db) : m_db(std::move(db)) {}

    // Every pause, by scope and name.
    Result<PauseSet> list();

    // Pauses `name` in `scope` (a priority's wire name or a task type) on behalf of `pausedBy` unless it is
    // paused already; either way answers the pause in force (a repeated pause keeps the first one's author and
    // time). Only a new pause writes its audit row (action "pause", actor `auditActor`), in the same transaction.
    struct Outcome
    {
        Pause pause;
        bool changed = false;
    };
    Result<Outcome> pause(PauseScope scope, const QString &name, const QString &pausedBy, const QString &auditActor);
    // Lifts the pause; false when there was none (nothing written). Audited as "resume" when there was.
    Result<bool> resume(PauseScope scope, const QString &name, const QString &auditActor);

    // Of `ids`, the tasks a pause holds, parked (see above): NEW and PENDING ones, and with `reclaimed` also
    // IN_PROGRESS ones (entries taken over from a dead executor), which go back to PENDING with a history row
    // so their lost attempt's result stays fenced off. Returns the ids parked; their entries may be acknowledged.
    Result<QList<QUuid>> park(const QList<QUuid> &ids, bool reclaimed);
    // Queued tasks of this scope in no stream (parked, or never dispatched) that no other pause holds: what a
    // resume dispatches, at most `limit`.
    Result<QList<TaskRef>> parked(PauseScope scope, const QString &name, int limit);

    // SQL condition: a pause holds the task row `alias` (by its priority or its type). For the claim and the
    // reconciler; task_pauses is a handful of rows, so this costs two primary-key probes at most.
    static QString heldByPause(const QString &alias);

private:
    QSqlDatabase m_db;
};

} // namespace taskmill
