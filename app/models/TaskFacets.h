// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/ApiError.h"
#include "wire/TaskFilter.h"
#include "wire/TaskQueryTypes.h"
#include "model/TaskEvent.h"

#include <QObject>
#include <QSet>
#include <QTimer>

namespace taskmill {

class BackendClient;

// The filter bar's live numbers: counts per status and priority for the current filter
// (GET /api/v1/tasks/counts) and the task types (GET /api/v1/tasks/types). A filter change asks at once;
// events ask at most once per EventThrottleMs (a burst of 5,000 updates a second costs one request a
// second). Answers for an outdated filter are dropped; one request is in flight at a time.
class TaskFacets final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TaskFacets)

public:
    static constexpr int EventThrottleMs = 1000;

    explicit TaskFacets(BackendClient &client, QObject *parent = nullptr);

    void setFilter(const TaskFilter &filter); // counts for it now
    void refresh();                           // counts and types now
    // Throttled recount; a task of a type not seen yet also refreshes the types.
    void onEventsApplied(const QList<taskmill::TaskEvent> &events);

    const TaskFilter &filter() const { return m_filter; }
    // Off for callers whose role may not read counts (a `user` account): none are asked for.
    void setCountsAllowed(bool allowed) { m_countsAllowed = allowed; }

signals:
    void countsLoaded(const taskmill::TaskCounts &counts);
    void typesLoaded(const QStringList &types);
    void loadFailed(const taskmill::ApiError &error);

private:
    void loadCounts();
    void loadTypes();

    BackendClient &m_client;
    TaskFilter m_filter;
    QTimer m_throttle;
    quint64 m_generation = 0;
    bool m_inFlight = false;
    bool m_countsAllowed = true;
    bool m_again = false; // asked while in flight: ask once more when the answer arrives
    QSet<QString> m_types;
};

} // namespace taskmill
