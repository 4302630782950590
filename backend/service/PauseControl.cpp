// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "service/PauseControl.h"

#include "observability/Logging.h"
#include "service/TaskDispatch.h"
#include "store/PauseRepository.h"

namespace taskmill {

Result<Pause> PauseControl::pause(PauseScope scope, const QString &name, const QString &pausedBy, const QString &auditActor)
{
    auto done = PauseRepository(m_db).pause(scope, name, pausedBy, auditActor);
    if (!done)
        return done.error();
    if (done->changed)
        qCInfo(lcService).noquote() << "paused" << toString(scope) << name << "by" << pausedBy;
    return done->pause;
}

Result<PauseControl::Resumed> PauseControl::resume(PauseScope scope, const QString &name, const QString &auditActor)
{
    PauseRepository repo(m_db);
    auto lifted = repo.resume(scope, name, auditActor);
    if (!lifted)
        return lifted.error();
    Resumed out{*lifted, 0};
    // Read once, dispatched in chunks: each dispatched task gets an entry and so leaves the parked set, but a
    // query per chunk would walk the queued rows from their start every time.
    auto parked = repo.parked(scope, name, ResumeDispatchMax);
    if (!parked)
        return parked.error();
    for (qsizetype at = 0; at < parked->size(); at += DispatchChunk) {
        const QList<TaskRef> chunk = parked->mid(at, DispatchChunk);
        const int sent = m_dispatch.dispatch(m_db, chunk);
        out.dispatched += sent;
        if (sent < chunk.size()) {
            qCWarning(lcService).noquote() << "resume of" << toString(scope) << name << "could not dispatch"
                                           << parked->size() - at << "parked tasks (Redis away?); the reconciler will";
            break;
        }
    }
    if (*lifted)
        qCInfo(lcService).noquote() << "resumed" << toString(scope) << name << "and dispatched" << out.dispatched
                                    << "tasks held meanwhile" << (parked->size() == ResumeDispatchMax ? "(more follow through the reconciler)" : "");
    return out;
}

} // namespace taskmill
