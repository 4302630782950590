// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "views/DashboardThroughputChart.h"

#include "models/TimeFormat.h"

#include <QChart>
#include <QChartView>
#include <QDateTimeAxis>
#include <QLineSeries>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <limits>

namespace taskmill {

DashboardThroughputChart::DashboardThroughputChart(QWidget *parent)
    : QWidget(parent)
{
    m_chart = new QChart();
    m_chart->setTitle(tr("Finished tasks per %1 s, last %2 minutes").arg(ThroughputHistory::DefaultStepSeconds).arg(ThroughputHistory::DefaultMinutes));
    m_chart->legend()->setAlignment(Qt::AlignRight); // beside the plot: its height goes to the axis labels
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_completed = new QLineSeries(m_chart);
    m_completed->setName(tr("Completed", "chart series"));
    m_completed->setColor(QColor(46, 139, 87));
    m_failed = new QLineSeries(m_chart);
    m_failed->setName(tr("Failed", "chart series"));
    m_failed->setColor(QColor(200, 40, 40));
    m_chart->addSeries(m_completed);
    m_chart->addSeries(m_failed);

    m_timeAxis = new QDateTimeAxis(m_chart);
    m_timeAxis->setFormat(clockFormat(TimePrecision::Minutes)); // the locale's clock, as everywhere else (2:05 PM / 14:05)
    m_timeAxis->setTickCount(6);
    m_countAxis = new QValueAxis(m_chart);
    m_countAxis->setLabelFormat(QStringLiteral("%d"));
    m_countAxis->setTickCount(CountIntervals + 1);
    m_countAxis->setMin(0);
    m_chart->addAxis(m_timeAxis, Qt::AlignBottom);
    m_chart->addAxis(m_countAxis, Qt::AlignLeft);
    for (QLineSeries *s : {m_completed, m_failed}) {
        s->attachAxis(m_timeAxis);
        s->attachAxis(m_countAxis);
    }
    const QDateTime now = QDateTime::currentDateTime();
    m_timeAxis->setRange(now.addSecs(-ThroughputHistory::DefaultMinutes * 60), now);
    m_countAxis->setRange(0, 10);

    m_view = new QChartView(m_chart, this); // takes ownership of the chart
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setMinimumHeight(180);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
}

void DashboardThroughputChart::setHistory(const ThroughputHistory &history)
{
    QList<QPointF> completed;
    QList<QPointF> failed;
    completed.reserve(history.buckets.size());
    failed.reserve(history.buckets.size());
    qint64 peak = 0;
    for (const ThroughputBucket &b : history.buckets) {
        // A point at the bucket's middle, so the still-filling last bucket sits left of "now".
        const double x = double(b.start.toMSecsSinceEpoch() + history.stepSeconds * 500LL);
        completed.append({x, double(b.completed)});
        failed.append({x, double(b.failed)});
        peak = std::max({peak, b.completed, b.failed});
    }
    m_completed->replace(completed);
    m_failed->replace(failed);
    if (history.from.isValid() && history.to.isValid())
        m_timeAxis->setRange(history.from.toLocalTime(), history.to.toLocalTime());
    m_countAxis->setRange(0, double(axisTop(peak)));
}

qint64 DashboardThroughputChart::axisTop(qint64 peak)
{
    constexpr qint64 Mantissas[] = {1, 2, 5};
    for (qint64 scale = 10;; scale *= 10)
        for (qint64 m : Mantissas)
            if (m * scale >= peak || m * scale > std::numeric_limits<qint64>::max() / 100)
                return m * scale;
}

} // namespace taskmill
