// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "models/TaskPager.h"

#include "client/BackendClient.h"
#include "models/TaskModel.h"

namespace taskmill {

TaskPager::TaskPager(BackendClient &client, TaskModel &model, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_model(model)
{
    m_refreshTimer.setInterval(DefaultRefreshMs);
    connect(&m_refreshTimer, &QTimer::timeout, this, &TaskPager::onRefreshTimerTimeout);
}

TaskListQuery TaskPager::currentQuery() const
{
    TaskListQuery query;
    query.filter = m_filter;
    query.limit = PageSize;
    query.after = m_cursors.constLast();
    return query;
}

void TaskPager::start()
{
    m_refreshTimer.start();
    load();
}

void TaskPager::stop()
{
    m_refreshTimer.stop();
}

void TaskPager::setFilter(const TaskFilter &filter)
{
    if (filter == m_filter)
        return;
    m_filter = filter;
    firstPage();
}

void TaskPager::firstPage()
{
    m_cursors = {QUuid()};
    ++m_generation;
    load();
}

void TaskPager::nextPage()
{
    if (!hasNextPage())
        return;
    m_cursors.append(m_nextAfter);
    ++m_generation;
    load();
}

void TaskPager::previousPage()
{
    if (!hasPreviousPage())
        return;
    m_cursors.removeLast();
    ++m_generation;
    load();
}

void TaskPager::refresh()
{
    load();
}

void TaskPager::onRefreshTimerTimeout()
{
    // A slow backend must not pile up requests: the next tick retries.
    if (m_inFlight == 0)
        load();
}

void TaskPager::load()
{
    const quint64 generation = m_generation;
    ++m_inFlight;
    m_client.listTasks(currentQuery()).then(this, [this, generation](Result<TaskPage> result) {
        --m_inFlight;
        if (generation != m_generation)
            return;
        if (!result) {
            emit loadFailed(result.error());
            return;
        }
        // A page that emptied under us (tasks deleted) falls back to the first page.
        if (result->items.isEmpty() && hasPreviousPage()) {
            firstPage();
            return;
        }
        m_total = result->total;
        m_nextAfter = result->nextAfter;
        m_model.applyPage(result->items);
        emit pageLoaded();
    });
}

} // namespace taskmill
