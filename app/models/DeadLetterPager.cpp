// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "models/DeadLetterPager.h"

#include "client/BackendClient.h"
#include "client/EventStream.h"
#include "models/DeadLetterGroupModel.h"
#include "models/DeadLetterModel.h"

#include <utility>

namespace taskmill {

DeadLetterPager::DeadLetterPager(BackendClient &client, DeadLetterGroupModel &groups, DeadLetterModel &tasks,
                                 QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_groups(groups)
    , m_tasks(tasks)
{
    m_throttle.setSingleShot(true);
    m_throttle.setInterval(ThrottleMs);
    connect(&m_throttle, &QTimer::timeout, this, &DeadLetterPager::onThrottleTimeout);
    m_poll.setInterval(PollMs);
    connect(&m_poll, &QTimer::timeout, this, &DeadLetterPager::requestRefresh);

    EventStream &stream = m_client.eventStream();
    connect(&stream, &EventStream::eventsReceived, this,
            [this](const QList<TaskEvent> &events, qint64) { onEventsReceived(events); });
    connect(&stream, &EventStream::connectedChanged, this, &DeadLetterPager::onStreamConnectedChanged);
    // Whatever a resync hides may include dead letters.
    connect(&stream, &EventStream::resyncRequired, this, &DeadLetterPager::requestRefresh);
}

DeadLetterFilter DeadLetterPager::filter() const
{
    DeadLetterFilter f;
    if (m_group)
        f.error = *m_group;
    return f;
}

void DeadLetterPager::setActive(bool active)
{
    if (m_active == active)
        return;
    m_active = active;
    updatePolling();
    if (!active) {
        m_throttle.stop();
        m_refreshPending = false;
        return;
    }
    if (m_stale)
        requestRefresh();
}

void DeadLetterPager::setGroup(const std::optional<QString> &group)
{
    if (group == m_group)
        return;
    m_group = group;
    firstPage();
}

void DeadLetterPager::firstPage()
{
    m_cursors = {QUuid()};
    ++m_generation;
    loadPage();
}

void DeadLetterPager::nextPage()
{
    if (!hasNextPage())
        return;
    m_cursors.append(m_nextAfter);
    ++m_generation;
    loadPage();
}

void DeadLetterPager::previousPage()
{
    if (!hasPreviousPage())
        return;
    m_cursors.removeLast();
    ++m_generation;
    loadPage();
}

void DeadLetterPager::refresh()
{
    m_stale = false;
    loadGroups();
    loadPage();
}

void DeadLetterPager::requestRefresh()
{
    if (!m_active) {
        m_stale = true;
        return;
    }
    // Leading edge at once, then at most one more per interval: a burst of thousands of dead letters
    // costs two or three fetches, and the last change is never left unshown.
    if (m_throttle.isActive()) {
        m_refreshPending = true;
        return;
    }
    refresh();
    m_throttle.start();
}

void DeadLetterPager::onThrottleTimeout()
{
    if (!std::exchange(m_refreshPending, false))
        return;
    refresh();
    m_throttle.start();
}

void DeadLetterPager::onEventsReceived(const QList<TaskEvent> &events)
{
    for (const TaskEvent &event : events) {
        if (event.kind == TaskEvent::Kind::DeadLettered || event.kind == TaskEvent::Kind::Requeued) {
            requestRefresh();
            return;
        }
    }
}

void DeadLetterPager::onStreamConnectedChanged(bool connected)
{
    updatePolling();
    if (connected)
        requestRefresh(); // events may have been missed while the stream was down
}

void DeadLetterPager::updatePolling()
{
    if (m_active && !m_client.eventStream().isConnected())
        m_poll.start();
    else
        m_poll.stop();
}

void DeadLetterPager::loadGroups()
{
    if (m_groupsInFlight) {
        m_groupsAgain = true;
        return;
    }
    m_groupsInFlight = true;
    m_client.deadLetterGroups({}, GroupLimit).then(this, [this](Result<QList<DeadLetterGroup>> result) {
        m_groupsInFlight = false;
        if (result) {
            m_groups.applyRows(*result);
            emit groupsLoaded();
        } else {
            emit loadFailed(result.error());
        }
        if (std::exchange(m_groupsAgain, false))
            loadGroups();
    });
}

void DeadLetterPager::loadPage()
{
    if (m_pageInFlight > 0 && m_pageRequestGeneration == m_generation) {
        m_pageAgain = true;
        return;
    }
    const quint64 generation = m_generation;
    ++m_pageInFlight;
    m_pageRequestGeneration = generation;
    m_client.listDeadLetters(filter(), PageSize, m_cursors.constLast())
        .then(this, [this, generation](Result<TaskPage> result) {
            --m_pageInFlight;
            if (generation != m_generation)
                return; // a newer query is in flight and settles the page
            if (!result) {
                emit loadFailed(result.error());
            } else if (result->items.isEmpty() && hasPreviousPage()) {
                // This page emptied (requeued or purged): start over rather than show nothing.
                m_pageAgain = false;
                firstPage();
                return;
            } else {
                m_total = result->total;
                m_nextAfter = result->nextAfter;
                m_tasks.applyRows(result->items);
                emit pageLoaded();
            }
            if (std::exchange(m_pageAgain, false))
                loadPage();
        });
}

} // namespace taskmill
