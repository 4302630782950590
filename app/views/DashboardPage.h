// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/ApiError.h"

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
    void setPauseControls(PauseState &state, PauseActions *actions);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void onPendingUpdated();
    void onPollFailed(const ApiError &error);

    StatsPoller &m_poller;
    StatsCountsModel *m_counts = nullptr;
    StatsQueueModel *m_queues = nullptr;
    QTableView *m_queueView = nullptr;
    QWidget *m_queueButtons = nullptr; // Pause / Resume Queue, once set
    StatsWorkerModel *m_workers = nullptr;
    StatsPendingModel *m_pending = nullptr;
    QWidget *m_chartBox = nullptr;
    DashboardThroughputChart *m_chart = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_pendingSummary = nullptr;
};

} // namespace taskmill
