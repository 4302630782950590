// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "api/ApiError.h"
#include "api/TaskFilter.h"

#include <QList>
#include <QObject>
#include <QTimer>
#include <QUuid>

namespace taskmill {

class BackendClient;
class TaskModel;

// Keeps a TaskModel showing one server page of GET /api/v1/tasks: the current filter, keyset paging
// (first/next/previous via `after` cursors, PageSize rows) and a periodic re-fetch of the current page.
// A refresh is skipped while the previous one is in flight; answers for an outdated query are dropped.
class TaskPager final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TaskPager)

public:
    static constexpr int PageSize = 100;
    static constexpr int DefaultRefreshMs = 1'000;

    TaskPager(BackendClient &client, TaskModel &model, QObject *parent = nullptr);

    // The request the next refresh sends (filter, limit, after).
    TaskListQuery currentQuery() const;
    TaskFilter filter() const { return m_filter; }
    int pageNumber() const { return int(m_cursors.size()); } // 1-based
    qint64 total() const { return m_total; }
    bool hasNextPage() const { return !m_nextAfter.isNull(); }
    bool hasPreviousPage() const { return m_cursors.size() > 1; }

    void setRefreshInterval(int ms) { m_refreshTimer.setInterval(ms); }
    void start(); // loads now, then every refresh interval
    void stop();

    void setFilter(const TaskFilter &filter); // back to the first page
    void firstPage();
    void nextPage();
    void previousPage();
    void refresh();

signals:
    void pageLoaded();
    void loadFailed(const taskmill::ApiError &error);

private:
    void load();
    void onRefreshTimerTimeout();

    BackendClient &m_client;
    TaskModel &m_model;
    QTimer m_refreshTimer;
    TaskFilter m_filter;
    QList<QUuid> m_cursors{QUuid()}; // `after` of every page up to the current one; null for the first
    QUuid m_nextAfter;
    qint64 m_total = 0;
    quint64 m_generation = 0; // bumped whenever the query changes
    int m_inFlight = 0;
};

} // namespace taskmill
