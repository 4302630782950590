// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "models/TaskFacets.h"

#include "client/BackendClient.h"

namespace taskmill {

TaskFacets::TaskFacets(BackendClient &client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
    m_throttle.setSingleShot(true);
    m_throttle.setInterval(EventThrottleMs);
    connect(&m_throttle, &QTimer::timeout, this, &TaskFacets::loadCounts);
}

void TaskFacets::setFilter(const TaskFilter &filter)
{
    m_filter = filter;
    ++m_generation;
    m_throttle.stop();
    loadCounts();
}

void TaskFacets::refresh()
{
    m_throttle.stop();
    loadCounts();
    loadTypes();
}

void TaskFacets::onEventsApplied(const QList<TaskEvent> &events)
{
    bool newType = false;
    for (const TaskEvent &e : events)
        newType = newType || (e.kind == TaskEvent::Kind::Created && !e.type.isEmpty() && !m_types.contains(e.type));
    if (newType)
        loadTypes();
    // Throttle, not debounce: under a steady stream the numbers still move once a second.
    if (!events.isEmpty() && !m_throttle.isActive())
        m_throttle.start();
}

void TaskFacets::loadCounts()
{
    if (!m_countsAllowed)
        return;
    if (m_inFlight) {
        m_again = true;
        return;
    }
    m_inFlight = true;
    const quint64 generation = m_generation;
    m_client.taskCounts(m_filter).then(this, [this, generation](Result<TaskCounts> result) {
        m_inFlight = false;
        if (generation == m_generation) {
            if (result)
                emit countsLoaded(*result);
            else
                emit loadFailed(result.error());
        }
        if (std::exchange(m_again, false) || generation != m_generation)
            loadCounts();
    });
}

void TaskFacets::loadTypes()
{
    m_client.taskTypes().then(this, [this](Result<QStringList> result) {
        if (!result)
            return; // the type list is a convenience: the previous one stays
        m_types = QSet<QString>(result->cbegin(), result->cend());
        emit typesLoaded(*result);
    });
}

} // namespace taskmill
