// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/StatsTypes.h"

#include <QWidget>

class QChart;
class QChartView;
class QDateTimeAxis;
class QLineSeries;
class QValueAxis;

namespace taskmill {

// Tasks completed and failed per bucket over the last minutes (GET /api/v1/stats/throughput), as two
// line series. setHistory() replaces the points in one call per series, so a refresh is one repaint.
class DashboardThroughputChart final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DashboardThroughputChart)

public:
    explicit DashboardThroughputChart(QWidget *parent = nullptr);

    void setHistory(const ThroughputHistory &history);
    QLineSeries *completedSeries() const { return m_completed; }
    QLineSeries *failedSeries() const { return m_failed; }

private:
    QChart *m_chart = nullptr;
    QChartView *m_view = nullptr;
    QLineSeries *m_completed = nullptr;
    QLineSeries *m_failed = nullptr;
    QDateTimeAxis *m_timeAxis = nullptr;
    QValueAxis *m_countAxis = nullptr;
};

} // namespace taskmill
