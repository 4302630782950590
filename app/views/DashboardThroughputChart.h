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

    // The count axis has CountIntervals steps up to axisTop(peak): the smallest of 10, 20, 50, 100, 200, 500…
    // that holds the peak, so every step is a whole number (2, 4, 10, 20…) and the scale does not jump with
    // every small change.
    static constexpr int CountIntervals = 5;
    static qint64 axisTop(qint64 peak);

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
