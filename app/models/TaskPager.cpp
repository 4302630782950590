// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "models/TaskPager.h"

#include "client/BackendClient.h"
#include "client/EventStream.h"
#include "models/TaskModel.h"

namespace taskmill {

namespace {
constexpr int CatchUpLimit = 1000; // events per catch-up request; a longer gap takes several, each a bounded answer
} // namespace

TaskPager::TaskPager(BackendClient &client, TaskModel &model, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_model(model)
    , m_polling(client.eventStream(), DefaultRefreshMs)
{
    connect(&m_polling, &PollingFallback::intervalElapsed, this, &TaskPager::onPollingIntervalElapsed);
    m_pageRefreshTimer.setSingleShot(true);
    m_pageRefreshTimer.setInterval(PageRefreshDelayMs);
    connect(&m_pageRefreshTimer, &QTimer::timeout, this, &TaskPager::refresh);

    EventStream &stream = m_client.eventStream();
    connect(&stream, &EventStream::connectedChanged, this, &TaskPager::onStreamConnectedChanged);
    connect(&stream, &EventStream::eventsReceived, this, &TaskPager::onStreamEventsReceived);
    connect(&stream, &EventStream::resyncRequired, this, &TaskPager::refresh);
}

TaskListQuery TaskPager::currentQuery() const
{
    TaskListQuery query;
    query.filter = m_filter;
    query.sort = m_sort;
    query.order = m_order;
    query.limit = PageSize;
    query.cursor = m_cursor.current().cursor;
    query.after = m_cursor.current().after;
    return query;
}

void TaskPager::start()
{
    m_started = true;
    m_polling.setEnabled(true);
    load();
}

void TaskPager::stop()
{
    m_started = false;
    m_polling.setEnabled(false);
    m_pageRefreshTimer.stop();
}

void TaskPager::setFilter(const TaskFilter &filter)
{
    if (filter == m_filter)
        return;
    m_filter = filter;
    firstPage();
}

void TaskPager::setSort(TaskSort sort, SortOrder order)
{
    if (sort == m_sort && order == m_order)
        return;
    m_sort = sort;
    m_order = order;
    emit sortChanged(sort, order);
    firstPage();
}

void TaskPager::firstPage()
{
    m_cursor.toFirst();
    // Before start() (settings being restored) only the query changes; start() loads it.
    if (m_started)
        load();
}

void TaskPager::nextPage()
{
    if (m_cursor.toNext())
        load();
}

void TaskPager::previousPage()
{
    if (m_cursor.toPrevious())
        load();
}

void TaskPager::refresh()
{
    m_pageRefreshTimer.stop();
    load();
}

void TaskPager::onPollingIntervalElapsed()
{
    // A slow backend must not pile up requests: the next tick retries. Refused credentials stay refused
    // until the user changes them, and the client's reconnect reloads the page then.
    if (m_inFlight == 0 && m_client.connectionState() != BackendClient::ConnectionState::AuthenticationFailed)
        load();
}

void TaskPager::load()
{
    const PagerCursor::Ticket ticket = m_cursor.issue();
    ++m_inFlight;
    m_client.listTasks(currentQuery()).then(this, [this, ticket](Result<TaskPage> result) {
        --m_inFlight;
        if (m_cursor.isStale(ticket))
            return;
        if (!result) {
            emit loadFailed(result.error());
            return;
        }
        m_cursor.markApplied(ticket);
        // A page that emptied under us (tasks deleted) falls back to the first page.
        if (result->items.isEmpty() && hasPreviousPage()) {
            firstPage();
            return;
        }
        m_total = result->total;
        m_totalExact = result->totalExact;
        // A server without cursors pages by id; that is only right for the default order.
        m_cursor.setNext({result->nextCursor, result->nextCursor.isEmpty() ? result->nextAfter : QUuid()});
        m_model.applyPage(result->items);
        if (result->revision >= 0)
            m_revision = result->revision;
        // Events between this snapshot and the socket's position show up as a gap at the next live
        // batch, which catches up then; catching up here could loop on a 410 (reload, 410, reload…).
        emit pageLoaded();
    });
}

void TaskPager::onStreamConnectedChanged(bool connected)
{
    if (!connected)
        return;
    if (m_revision < 0)
        refresh(); // no snapshot revision to catch up from
    else
        catchUp();
}

void TaskPager::onStreamEventsReceived(const QList<TaskEvent> &events, qint64 revision)
{
    if (m_catchingUp) {
        m_buffered.append(events);
        return;
    }
    if (!events.isEmpty() && m_revision >= 0 && events.constFirst().revision > m_revision + 1) {
        // A gap (missed batch): fetch what is missing; these events come again with it.
        catchUp();
        return;
    }
    applyEvents(events, revision);
}

void TaskPager::catchUp()
{
    if (m_catchingUp || m_revision < 0)
        return;
    m_catchingUp = true;
    m_client.events(m_revision, CatchUpLimit).then(this, [this](Result<EventsPage> result) {
        if (!result) {
            m_catchingUp = false;
            m_buffered.clear();
            // Gone: the revision expired; anything else: the snapshot is the safe way back.
            refresh();
            return;
        }
        applyEvents(result->events, result->revision);
        if (!result->events.isEmpty() && result->revision < result->head) {
            m_catchingUp = false;
            catchUp();
            return;
        }
        m_catchingUp = false;
        const QList<TaskEvent> buffered = std::exchange(m_buffered, {});
        applyEvents(buffered, buffered.isEmpty() ? m_revision : buffered.constLast().revision);
    });
}

void TaskPager::applyEvents(const QList<TaskEvent> &events, qint64 revision)
{
    QList<TaskEvent> fresh;
    for (const TaskEvent &event : events)
        if (event.revision > m_revision)
            fresh.append(event);
    m_revision = qMax(m_revision, revision);
    if (fresh.isEmpty())
        return;

    bool pageStale = false;
    for (const TaskEvent &event : std::as_const(fresh)) {
        // In the default order (newest first) a new task can only appear on the first page; in any other
        // order it may belong anywhere, so the shown page is re-fetched.
        const bool newestFirst = m_sort == TaskSort::Created && m_order == SortOrder::Descending;
        if (event.kind == TaskEvent::Kind::Created && (!newestFirst || !hasPreviousPage())
            && m_model.rowOf(event.taskId) < 0)
            pageStale = true;
        // The event lacks the result: fetch the whole task for the rows (and details) that show it.
        if (event.kind == TaskEvent::Kind::Completed && m_model.rowOf(event.taskId) >= 0)
            refetchTask(event.taskId);
    }
    const QList<Task> changed = m_model.applyEvents(fresh);
    for (const Task &task : changed)
        if (!m_filter.matches(task))
            pageStale = true; // the row leaves this filter; the page re-fetch removes it and fills the gap
    // Events move status and times: in those sorts a changed row may now belong elsewhere. The re-fetch
    // is debounced, and rows staying on the page keep their selection (TaskModel::applyPage).
    if (!changed.isEmpty() && m_sort != TaskSort::Created && m_sort != TaskSort::Priority)
        pageStale = true;
    if (pageStale)
        m_pageRefreshTimer.start();
    if (!changed.isEmpty())
        emit tasksChanged(changed);
    emit eventsApplied(fresh);
}

void TaskPager::refetchTask(const QUuid &id)
{
    m_client.getTask(id).then(this, [this](Result<Task> result) {
        if (!result)
            return; // purged meanwhile, or unreachable: the next page load settles it
        const QList<Task> changed = m_model.updateTasks({*result});
        if (!changed.isEmpty())
            emit tasksChanged(changed);
    });
}

} // namespace taskmill
