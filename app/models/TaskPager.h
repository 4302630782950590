// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "models/PagerCursor.h"
#include "models/PollingFallback.h"
#include "wire/ApiError.h"
#include "wire/TaskFilter.h"
#include "model/TaskEvent.h"

#include <QList>
#include <QObject>
#include <QTimer>
#include <QUuid>

namespace taskmill {

class BackendClient;
class TaskModel;

// Keeps a TaskModel showing one server page of GET /api/v1/tasks: the current filter and sort, and keyset
// paging (first/next/previous via the server's opaque next_cursor, PageSize rows). A new filter or sort
// goes back to the first page. The page is a snapshot at a revision; events
// from the client's EventStream after it update shown rows in place (docs/events.md). A `created` event
// that may belong on the first page, or an update that takes a row out of the filter, re-fetches the page
// (debounced). On every (re)subscription the pager catches up from its revision with /api/v1/events and
// reloads the page on 410 or `resync`. While the stream is down the page is polled every refresh interval.
// A refresh is skipped while the previous one is in flight; answers for an outdated query are dropped.
class TaskPager final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TaskPager)

public:
    static constexpr int PageSize = 100;
    static constexpr int DefaultRefreshMs = 10'000; // fallback while the event stream is down: 10 s stale at most, cheap
    static constexpr int PageRefreshDelayMs = 250;  // coalesces an event burst's re-fetches; still feels immediate

    TaskPager(BackendClient &client, TaskModel &model, QObject *parent = nullptr);

    // The request the next refresh sends (filter, limit, after).
    TaskListQuery currentQuery() const;
    TaskFilter filter() const { return m_filter; }
    TaskSort sort() const { return m_sort; }
    SortOrder sortOrder() const { return m_order; }
    int pageNumber() const { return m_cursor.pageNumber(); } // 1-based
    qint64 total() const { return m_total; }
    bool hasNextPage() const { return m_cursor.hasNextPage(); }
    bool isTotalExact() const { return m_totalExact; } // false: the server estimated `total`
    bool hasPreviousPage() const { return m_cursor.hasPreviousPage(); }
    qint64 revision() const { return m_revision; } // of the last applied snapshot or event; -1 unknown
    bool isPolling() const { return m_polling.isPolling(); } // started, and the event stream is down

    void setRefreshInterval(int ms) { m_polling.setInterval(ms); }
    void start(); // loads now, then follows events (or polls every refresh interval while they are down)
    void stop();

    void setFilter(const TaskFilter &filter); // back to the first page
    void setSort(taskmill::TaskSort sort, taskmill::SortOrder order); // back to the first page
    void firstPage();
    void nextPage();
    void previousPage();
    void refresh();

    // Applies live or caught-up events (revision order); public for the event stream and tests.
    void applyEvents(const QList<taskmill::TaskEvent> &events, qint64 revision);

signals:
    void pageLoaded();
    void sortChanged(taskmill::TaskSort sort, taskmill::SortOrder order);
    void loadFailed(const taskmill::ApiError &error);
    // Tasks shown on the page that events changed (after the model was updated).
    void tasksChanged(const QList<taskmill::Task> &tasks);
    void eventsApplied(const QList<taskmill::TaskEvent> &events);

private:
    void load();
    void onPollingIntervalElapsed();
    void onStreamConnectedChanged(bool connected);
    void onStreamEventsReceived(const QList<taskmill::TaskEvent> &events, qint64 revision);
    void catchUp();
    void refetchTask(const QUuid &id);

    BackendClient &m_client;
    TaskModel &m_model;
    PollingFallback m_polling;
    QTimer m_pageRefreshTimer;
    bool m_started = false;
    TaskFilter m_filter;
    TaskSort m_sort = TaskSort::Created;
    SortOrder m_order = SortOrder::Descending;
    PagerCursor m_cursor; // a new filter or sort moves it to the first page, so answers for the old one are stale
    qint64 m_total = 0;
    bool m_totalExact = true;
    int m_inFlight = 0;
    qint64 m_revision = -1;
    bool m_catchingUp = false;
    QList<TaskEvent> m_buffered; // live events that arrived during a catch-up
};

} // namespace taskmill
