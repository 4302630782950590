// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "model/Task.h"

#include <QDateTime>
#include <QList>
#include <QWidget>

namespace taskmill {

// One stretch of a task's life on the timeline: an attempt (IN_PROGRESS until the next status) or the wait
// before, between or after attempts.
struct TimelineSegment
{
    enum class Kind { Waiting, Attempt };
    // How an attempt ended; Running while it has not.
    enum class Outcome { None, Running, Completed, Failed, Retry, Cancelled, Interrupted };

    Kind kind = Kind::Waiting;
    Outcome outcome = Outcome::None;
    QDateTime start;
    QDateTime end;
    QString worker;
    int attempt = 0;
    QString message; // the history entry that ended the segment (an error for a failed attempt)

    bool operator==(const TimelineSegment &) const = default;
};

// created → segments → finished (invalid while the task is not terminal). Segments are in time order and
// adjacent; a task still waiting or running gets an open last segment ending at `now`.
struct TimelineData
{
    QDateTime created;
    QDateTime finished;
    QList<TimelineSegment> segments;

    QDateTime end() const { return finished.isValid() ? finished : (segments.isEmpty() ? created : segments.constLast().end); }
};

// The task's history drawn to scale in one row: attempts as bars coloured by outcome, waits as a thin line,
// start and finish markers, and a tooltip per segment. Labels and tooltips show server text as plain text.
class TaskTimeline final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TaskTimeline)

public:
    explicit TaskTimeline(QWidget *parent = nullptr);

    // Pure: the segments of `history` (any order), open segments ending at `now`.
    static TimelineData buildTimeline(const QList<taskmill::TaskHistoryEntry> &history, const QDateTime &now);
    static QString segmentText(const TimelineSegment &segment);    // tooltip lines, plain text
    static QString segmentToolTip(const TimelineSegment &segment); // the same, escaped for QToolTip's rich text

    void setHistory(const QList<taskmill::TaskHistoryEntry> &history);
    const TimelineData &timeline() const { return m_timeline; }
    int segmentAt(const QPoint &pos) const; // index into timeline().segments, or -1

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    bool event(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;

private:
    QRect barArea() const;
    int xOf(const QDateTime &t) const;

    TimelineData m_timeline;
};

} // namespace taskmill
