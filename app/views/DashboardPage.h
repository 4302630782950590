// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/ApiError.h"

#include <QUuid>
#include <QWidget>

class QLabel;
class QTableView;

namespace taskmill {

class DashboardThroughputChart;
class PauseActions;
class PauseState;
class StatsCountsModel;
class StatsPendingModel;
class StatsPoller;
class StatsQueueModel;
class StatsWorkerModel;

// The Monitor tab: counts by status × priority, queue depth per priority, the throughput chart, executors
// alive with their tasks, and the pending list per consumer (stuck entries highlighted). It owns the
// models and feeds them from the StatsPoller, which it puts in the foreground only while it is visible.
// With pause controls (setPauseControls) the queue table shows which priorities are paused, and Pause /
// Resume Queue — buttons beside the table and its context menu — act on the selected priority.
class DashboardPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DashboardPage)

public:
    DashboardPage(StatsPoller &poller, QWidget *parent = nullptr);

    StatsCountsModel *countsModel() const { return m_counts; }
    StatsQueueModel *queueModel() const { return m_queues; }
    StatsWorkerModel *workerModel() const { return m_workers; }
    StatsPendingModel *pendingModel() const { return m_pending; }
    DashboardThroughputChart *throughputChart() const { return m_chart; } // null until first shown
    QString statusText() const;
    QTableView *queueView() const { return m_queueView; }
    QTableView *workerView() const { return m_workerView; }
    QTableView *pendingView() const { return m_pendingView; }
    void setPauseControls(PauseState &state, PauseActions *actions);

signals:
    // A pending entry was activated (double-click, Enter): its task; or a worker: the first task it runs
    // (the task filter has no worker key, so one task is what the Tasks page can show).
    void taskActivated(const QUuid &id);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void onPendingUpdated();
    void onWorkerActivated(const QModelIndex &index);
    void onPendingActivated(const QModelIndex &index);
    void onPollFailed(const ApiError &error);

    StatsPoller &m_poller;
    StatsCountsModel *m_counts = nullptr;
    StatsQueueModel *m_queues = nullptr;
    QTableView *m_queueView = nullptr;
    QWidget *m_queueButtons = nullptr; // Pause / Resume Queue, once set
    StatsWorkerModel *m_workers = nullptr;
    StatsPendingModel *m_pending = nullptr;
    QTableView *m_workerView = nullptr;
    QTableView *m_pendingView = nullptr;
    QWidget *m_chartBox = nullptr;
    DashboardThroughputChart *m_chart = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_pendingSummary = nullptr;
};

} // namespace taskmill
