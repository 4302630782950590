// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/PauseTypes.h"

#include <QElapsedTimer>
#include <QSqlDatabase>

namespace taskmill {

// One reader's view of the pauses (store/PauseRepository), re-read from PostgreSQL at most every RefreshMs:
// which streams an executor's fetcher and a leasing worker's poll leave unread. It only saves work: the claim
// reads task_pauses itself, so a stale view never starts paused work. It can make a reader take an entry that
// is then parked (just after a pause), or wait up to RefreshMs before it reads a resumed priority again.
// Not thread-safe: one per reading thread, refreshed with that thread's connection.
class PauseGate final
{
public:
    // How stale a reader's view may be: with the executor's blocking read (Fetcher::IdleBlockMs) the bound on
    // a resumed priority's first start (docs/api.md promises about a second).
    static constexpr int RefreshMs = 500;

    // Reads the pauses when RefreshMs passed since the last read, or at once after invalidate(). A failure
    // keeps the last view (logged): PostgreSQL away means no claim succeeds either.
    void refresh(QSqlDatabase &db);
    // The next refresh() reads: a claim just refused work because of a pause this view did not show.
    void invalidate() { m_sinceRead.invalidate(); }

    const PauseSet &pauses() const { return m_pauses; }
    bool priorityPaused(Priority p) const { return m_pauses.priorityPaused(p); }
    bool typePaused(const QString &type) const { return m_pauses.typePaused(type); }
    QList<Priority> runnablePriorities() const { return m_pauses.runnablePriorities(); }

private:
    PauseSet m_pauses;
    QElapsedTimer m_sinceRead;
    bool m_read = false; // a first read is no change worth a log line
};

} // namespace taskmill
