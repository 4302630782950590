// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "views/TaskTimeline.h"

#include "models/TimeFormat.h"

#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>

namespace taskmill {

namespace {
constexpr int Margin = 8;          // px around the drawing
constexpr int BarHeight = 18;      // px of an attempt bar
constexpr int WaitThickness = 2;   // px of the line for a wait
constexpr int MarkerRadius = 4;    // px of the created / finished markers
constexpr int MinSegmentWidth = 2; // px: a very short attempt still shows and has a tooltip
constexpr int MinWidth = 160;      // px: fits the details panel's 400 px default with room to spare

QColor outcomeColor(TimelineSegment::Outcome outcome)
{
    switch (outcome) {
    case TimelineSegment::Outcome::Completed: return QColor(0x2e, 0x9e, 0x4f);
    case TimelineSegment::Outcome::Failed: return QColor(0xd0, 0x36, 0x36);
    case TimelineSegment::Outcome::Retry: return QColor(0xe8, 0x8a, 0x1a);
    case TimelineSegment::Outcome::Cancelled: return QColor(0x8a, 0x8a, 0x8a);
    case TimelineSegment::Outcome::Running: return QColor(0x2f, 0x7f, 0xd8);
    case TimelineSegment::Outcome::Interrupted: return QColor(0xc0, 0x9a, 0x30);
    case TimelineSegment::Outcome::None: break;
    }
    return QColor(0xa0, 0xa0, 0xa0);
}

TimelineSegment::Outcome outcomeOf(Status status)
{
    switch (status) {
    case Status::Completed: return TimelineSegment::Outcome::Completed;
    case Status::Failed: return TimelineSegment::Outcome::Failed;
    case Status::RetryWaiting: return TimelineSegment::Outcome::Retry;
    case Status::Cancelled: return TimelineSegment::Outcome::Cancelled;
    default: return TimelineSegment::Outcome::Interrupted; // requeued: lease lost, paused, postponed
    }
}

QString outcomeName(TimelineSegment::Outcome outcome)
{
    switch (outcome) {
    case TimelineSegment::Outcome::Completed: return TaskTimeline::tr("completed", "attempt outcome");
    case TimelineSegment::Outcome::Failed: return TaskTimeline::tr("failed", "attempt outcome");
    case TimelineSegment::Outcome::Retry: return TaskTimeline::tr("failed, will retry", "attempt outcome");
    case TimelineSegment::Outcome::Cancelled: return TaskTimeline::tr("cancelled", "attempt outcome");
    case TimelineSegment::Outcome::Running: return TaskTimeline::tr("running", "attempt outcome");
    case TimelineSegment::Outcome::Interrupted: return TaskTimeline::tr("interrupted", "attempt outcome");
    case TimelineSegment::Outcome::None: break;
    }
    return {};
}
} // namespace

TaskTimeline::TaskTimeline(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

TimelineData TaskTimeline::buildTimeline(const QList<TaskHistoryEntry> &history, const QDateTime &now)
{
    QList<TaskHistoryEntry> entries = history;
    // The id breaks ties: transitions within one millisecond keep the order they were recorded in.
    std::stable_sort(entries.begin(), entries.end(), [](const auto &a, const auto &b) {
        return a.at != b.at ? a.at < b.at : a.id < b.id;
    });
    TimelineData data;
    if (entries.isEmpty())
        return data;
    data.created = entries.constFirst().at;
    std::optional<TimelineSegment> attempt;
    QDateTime waitStart = data.created;
    for (const TaskHistoryEntry &e : std::as_const(entries)) {
        if (attempt && e.toStatus != Status::InProgress) {
            attempt->end = e.at;
            attempt->outcome = outcomeOf(e.toStatus);
            attempt->message = e.message;
            data.segments << *attempt;
            attempt.reset();
            waitStart = e.at;
        }
        if (e.toStatus == Status::InProgress && !attempt) {
            if (waitStart.isValid() && waitStart < e.at)
                data.segments << TimelineSegment{TimelineSegment::Kind::Waiting, TimelineSegment::Outcome::None,
                                                 waitStart, e.at, {}, 0, {}};
            attempt = TimelineSegment{TimelineSegment::Kind::Attempt, TimelineSegment::Outcome::Running,
                                      e.at, {}, e.worker, e.attempt, {}};
            waitStart = {};
        }
        if (isTerminal(e.toStatus)) {
            data.finished = e.at;
            // A task cancelled before it ran: its wait ends at the cancellation.
            if (waitStart.isValid() && waitStart < e.at)
                data.segments << TimelineSegment{TimelineSegment::Kind::Waiting, TimelineSegment::Outcome::None,
                                                 waitStart, e.at, {}, 0, e.message};
            waitStart = {};
        }
    }
    if (attempt) {
        attempt->end = std::max(now, attempt->start);
        data.segments << *attempt;
    } else if (!data.finished.isValid() && waitStart.isValid() && waitStart < now) {
        data.segments << TimelineSegment{TimelineSegment::Kind::Waiting, TimelineSegment::Outcome::None,
                                         waitStart, now, {}, 0, {}};
    }
    return data;
}

QString TaskTimeline::segmentText(const TimelineSegment &s)
{
    QStringList lines;
    if (s.kind == TimelineSegment::Kind::Attempt)
        lines << tr("Attempt %1: %2").arg(s.attempt).arg(outcomeName(s.outcome));
    else
        lines << tr("Waiting", "timeline segment");
    lines << tr("Start: %1").arg(formatTime(s.start, TimePrecision::Milliseconds))
          << tr("End: %1").arg(formatTime(s.end, TimePrecision::Milliseconds))
          << tr("Duration: %1").arg(formatDuration(s.start.msecsTo(s.end)));
    if (!s.worker.isEmpty())
        lines << tr("Worker: %1").arg(s.worker);
    if (!s.message.isEmpty())
        lines << tr("Message: %1").arg(s.message);
    return lines.join(u'\n');
}

QString TaskTimeline::segmentToolTip(const TimelineSegment &s)
{
    // QToolTip guesses rich text from the content: escaping and an explicit rich-text wrapper make server
    // text (an error message with markup) show as typed and never load a resource.
    return QStringLiteral("<p style='white-space:pre-wrap'>%1</p>").arg(segmentText(s).toHtmlEscaped());
}

void TaskTimeline::setHistory(const QList<TaskHistoryEntry> &history)
{
    m_timeline = buildTimeline(history, QDateTime::currentDateTimeUtc());
    update();
}

QSize TaskTimeline::sizeHint() const
{
    return {MinWidth * 2, minimumSizeHint().height()};
}

QSize TaskTimeline::minimumSizeHint() const
{
    return {MinWidth, 2 * Margin + BarHeight + fontMetrics().height() + Margin / 2};
}

QRect TaskTimeline::barArea() const
{
    return QRect(Margin, Margin, qMax(1, width() - 2 * Margin), BarHeight);
}

int TaskTimeline::xOf(const QDateTime &t) const
{
    const QRect area = barArea();
    const qint64 span = qMax<qint64>(1, m_timeline.created.msecsTo(m_timeline.end()));
    return area.left() + int(double(m_timeline.created.msecsTo(t)) * area.width() / double(span));
}

int TaskTimeline::segmentAt(const QPoint &pos) const
{
    if (!barArea().adjusted(0, -MarkerRadius, 0, MarkerRadius).contains(pos))
        return -1;
    // Attempts first: a thin attempt drawn at its minimum width wins over the wait it sits in.
    for (TimelineSegment::Kind kind : {TimelineSegment::Kind::Attempt, TimelineSegment::Kind::Waiting}) {
        for (int i = 0; i < m_timeline.segments.size(); ++i) {
            const TimelineSegment &s = m_timeline.segments.at(i);
            const int left = xOf(s.start);
            if (s.kind == kind && pos.x() >= left && pos.x() <= qMax(xOf(s.end), left + MinSegmentWidth))
                return i;
        }
    }
    return -1;
}

bool TaskTimeline::event(QEvent *e)
{
    if (e->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(e);
        const int index = segmentAt(help->pos());
        if (index >= 0)
            QToolTip::showText(help->globalPos(), segmentToolTip(m_timeline.segments.at(index)), this);
        else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(e);
}

void TaskTimeline::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QRect area = barArea();
    const QPalette pal = palette();
    if (!m_timeline.created.isValid()) {
        painter.setPen(pal.color(QPalette::PlaceholderText));
        painter.drawText(rect(), Qt::AlignCenter, tr("No history yet"));
        return;
    }
    const int mid = area.center().y();
    for (const TimelineSegment &s : std::as_const(m_timeline.segments)) {
        const int left = xOf(s.start);
        const int width = qMax(MinSegmentWidth, xOf(s.end) - left);
        if (s.kind == TimelineSegment::Kind::Waiting) {
            painter.fillRect(QRect(left, mid - WaitThickness / 2, width, WaitThickness), pal.color(QPalette::Mid));
        } else {
            painter.fillRect(QRect(left, area.top(), width, area.height()), outcomeColor(s.outcome));
        }
    }
    painter.setPen(Qt::NoPen);
    painter.setBrush(pal.color(QPalette::Text));
    painter.drawEllipse(QPoint(xOf(m_timeline.created), mid), MarkerRadius, MarkerRadius);
    if (m_timeline.finished.isValid()) {
        const int x = xOf(m_timeline.finished);
        painter.drawRect(QRect(x - MarkerRadius / 2, area.top() - MarkerRadius, MarkerRadius, area.height() + 2 * MarkerRadius));
    }

    // Labels are drawn with drawText (never rich text): created time left, total or "running" right.
    painter.setPen(pal.color(QPalette::Text));
    const QRect labels(area.left(), area.bottom() + Margin / 2, area.width(), fontMetrics().height());
    // Each label gets half the width, elided, so a narrow panel never overlaps them.
    const int half = labels.width() / 2 - Margin / 2;
    const QFontMetrics metrics = fontMetrics();
    const QString created = tr("Created %1").arg(formatTime(m_timeline.created));
    painter.drawText(labels, Qt::AlignLeft | Qt::AlignVCenter, metrics.elidedText(created, Qt::ElideRight, half));
    const QString total = formatDuration(m_timeline.created.msecsTo(m_timeline.end()));
    const QString right = m_timeline.finished.isValid() ? tr("Finished after %1").arg(total) : tr("Open for %1").arg(total);
    painter.drawText(labels, Qt::AlignRight | Qt::AlignVCenter, metrics.elidedText(right, Qt::ElideRight, half));
}

} // namespace taskmill
