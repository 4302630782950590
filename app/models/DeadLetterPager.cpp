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
    , m_polling(client.eventStream(), PollMs)
{
    m_throttle.setSingleShot(true);
    m_throttle.setInterval(ThrottleMs);
    connect(&m_throttle, &QTimer::timeout, this, &DeadLetterPager::onThrottleTimeout);
    connect(&m_polling, &PollingFallback::intervalElapsed, this, &DeadLetterPager::requestRefresh);

    EventStream &stream = m_client.eventStream();
    connect(&stream, &EventStream::eventsReceived, this,
            [this](const QList<TaskEvent> &events, qint64) { onEventsReceived(events); });
    connect(&stream, &EventStream::connectedChanged, this, &DeadLetterPager::onStreamConnectedChanged);
    // Whatever a resync hides may include dead letters.
    connect(&stream, &EventStream::resyncRequired, this, &DeadLetterPager::requestRefresh);
}

DeadLetterFilter DeadLetterPager::filter() const
{
    DeadLetterFilter f = m_search;
    if (m_group)
        f.error = *m_group;
    return f;
}

void DeadLetterPager::setSearch(const DeadLetterFilter &search)
{
    DeadLetterFilter s = search;
    s.error.clear(); // the group names the error
    if (s == m_search)
        return;
    m_search = s;
    m_cursor.toFirst();
    if (m_active) {
        loadGroups();
        loadPage();
    } else {
        m_stale = true;
    }
}

void DeadLetterPager::setOrder(const DeadLetterOrder &order)
{
    if (order == m_order)
        return;
    m_order = order;
    m_cursor.toFirst();
    if (m_active)
        loadPage();
    else
        m_stale = true;
}

void DeadLetterPager::setActive(bool active)
{
    if (m_active == active)
        return;
    m_active = active;
    m_polling.setEnabled(active);
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
    m_cursor.toFirst();
    loadPage();
}

void DeadLetterPager::nextPage()
{
    if (m_cursor.toNext())
        loadPage();
}

void DeadLetterPager::previousPage()
{
    if (m_cursor.toPrevious())
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
    if (connected)
        requestRefresh(); // events may have been missed while the stream was down
}

void DeadLetterPager::loadGroups()
{
    if (m_groupsInFlight) {
        m_groupsAgain = true;
        return;
    }
    m_groupsInFlight = true;
    m_client.deadLetterGroups(m_search, GroupLimit).then(this, [this](Result<QList<DeadLetterGroup>> result) {
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
    if (m_pageInFlight > 0 && m_cursor.isCurrentQuery(m_pageTicket)) {
        m_pageAgain = true;
        return;
    }
    const PagerCursor::Ticket ticket = m_cursor.issue();
    ++m_pageInFlight;
    m_pageTicket = ticket;
    m_client.listDeadLetters(filter(), PageSize, m_cursor.current().after, m_order)
        .then(this, [this, ticket](Result<TaskPage> result) {
            --m_pageInFlight;
            if (m_cursor.isStale(ticket))
                return; // a newer query is in flight and settles the page
            if (!result) {
                emit loadFailed(result.error());
            } else if (result->items.isEmpty() && hasPreviousPage()) {
                // This page emptied (requeued or purged): start over rather than show nothing.
                m_pageAgain = false;
                firstPage();
                return;
            } else {
                m_cursor.markApplied(ticket);
                m_total = result->total;
                m_cursor.setNext({QString(), result->nextAfter}); // this endpoint pages by id only
                m_tasks.applyRows(result->items);
                emit pageLoaded();
            }
            if (std::exchange(m_pageAgain, false))
                loadPage();
        });
}

} // namespace taskmill
