// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// TaskTimeline: segments computed from a history list, plain-text tooltips, offscreen painting.
#include "views/TaskTimeline.h"

#include <QTest>

using namespace taskmill;

namespace {
const QDateTime T0(QDate(2026, 1, 1), QTime(10, 0), Qt::UTC);

TaskHistoryEntry entry(qint64 id, std::optional<Status> from, Status to, int secs, const QString &worker = {},
                       int attempt = 0, const QString &message = {})
{
    TaskHistoryEntry e;
    e.id = id;
    e.fromStatus = from;
    e.toStatus = to;
    e.at = T0.addSecs(secs);
    e.worker = worker;
    e.attempt = attempt;
    e.message = message;
    return e;
}
} // namespace

class TestTaskTimeline final : public QObject
{
    Q_OBJECT

private slots:
    void retried_then_completed_task_has_attempts_and_waits()
    {
        const QString w = QStringLiteral("worker-1");
        // Given out of order: the builder sorts by time.
        const QList<TaskHistoryEntry> history = {
            entry(5, Status::InProgress, Status::Completed, 100, w, 2),
            entry(1, std::nullopt, Status::Pending, 0),
            entry(2, Status::Pending, Status::InProgress, 10, w, 1),
            entry(3, Status::InProgress, Status::RetryWaiting, 30, w, 1, QStringLiteral("boom")),
            entry(4, Status::RetryWaiting, Status::InProgress, 60, w, 2),
        };
        const TimelineData data = TaskTimeline::buildTimeline(history, T0.addSecs(1000));
        QCOMPARE(data.created, T0);
        QCOMPARE(data.finished, T0.addSecs(100));
        QCOMPARE(data.segments.size(), 4);
        using K = TimelineSegment::Kind;
        using O = TimelineSegment::Outcome;
        QCOMPARE(data.segments.at(0).kind, K::Waiting);
        QCOMPARE(data.segments.at(0).end, T0.addSecs(10));
        QCOMPARE(data.segments.at(1).kind, K::Attempt);
        QCOMPARE(data.segments.at(1).outcome, O::Retry);
        QCOMPARE(data.segments.at(1).start, T0.addSecs(10));
        QCOMPARE(data.segments.at(1).end, T0.addSecs(30));
        QCOMPARE(data.segments.at(1).message, QStringLiteral("boom"));
        QCOMPARE(data.segments.at(1).attempt, 1);
        QCOMPARE(data.segments.at(2).kind, K::Waiting);
        QCOMPARE(data.segments.at(2).start, T0.addSecs(30));
        QCOMPARE(data.segments.at(2).end, T0.addSecs(60));
        QCOMPARE(data.segments.at(3).outcome, O::Completed);
        QCOMPARE(data.segments.at(3).worker, w);
        QCOMPARE(data.end(), T0.addSecs(100));
    }

    void running_attempt_is_open_until_now_and_cancelled_wait_ends_at_cancel()
    {
        const TimelineData running = TaskTimeline::buildTimeline(
            {entry(1, std::nullopt, Status::Pending, 0), entry(2, Status::Pending, Status::InProgress, 5)}, T0.addSecs(50));
        QVERIFY(!running.finished.isValid());
        QCOMPARE(running.segments.size(), 2);
        QCOMPARE(running.segments.at(1).outcome, TimelineSegment::Outcome::Running);
        QCOMPARE(running.segments.at(1).end, T0.addSecs(50));

        const TimelineData cancelled = TaskTimeline::buildTimeline(
            {entry(1, std::nullopt, Status::Pending, 0), entry(2, Status::Pending, Status::Cancelled, 7)}, T0.addSecs(50));
        QCOMPARE(cancelled.finished, T0.addSecs(7));
        QCOMPARE(cancelled.segments.size(), 1);
        QCOMPARE(cancelled.segments.at(0).kind, TimelineSegment::Kind::Waiting);
        QCOMPARE(cancelled.segments.at(0).end, T0.addSecs(7));

        QVERIFY(!TaskTimeline::buildTimeline({}, T0).created.isValid());
    }

    void failed_attempt_tooltip_shows_markup_as_plain_text()
    {
        const QString markup = QStringLiteral("<img src=http://127.0.0.1:1/x> & <b>bold</b>");
        const TimelineData data = TaskTimeline::buildTimeline(
            {entry(1, std::nullopt, Status::Pending, 0), entry(2, Status::Pending, Status::InProgress, 1, QStringLiteral("w"), 1),
             entry(3, Status::InProgress, Status::Failed, 3, QStringLiteral("w"), 1, markup)},
            T0.addSecs(9));
        QCOMPARE(data.segments.constLast().outcome, TimelineSegment::Outcome::Failed);
        const QString text = TaskTimeline::segmentText(data.segments.constLast());
        QVERIFY(text.contains(markup));
        QVERIFY(text.contains(QStringLiteral("w")));
        const QString tip = TaskTimeline::segmentToolTip(data.segments.constLast());
        QVERIFY(!tip.contains(QStringLiteral("<img")));
        QVERIFY(!tip.contains(QStringLiteral("<b>")));
        QVERIFY(tip.contains(QStringLiteral("&lt;img src=http://127.0.0.1:1/x&gt; &amp; &lt;b&gt;")));
    }

    void widget_paints_and_finds_segments_at_a_narrow_width()
    {
        TaskTimeline timeline;
        timeline.resize(380, timeline.sizeHint().height());
        timeline.setHistory({entry(1, std::nullopt, Status::Pending, 0), entry(2, Status::Pending, Status::InProgress, 50),
                             entry(3, Status::InProgress, Status::Completed, 100)});
        QCOMPARE(timeline.timeline().segments.size(), 2);
        const QPixmap shot = timeline.grab();
        QVERIFY(!shot.isNull());
        const int y = timeline.minimumSizeHint().height() / 2 - 4;
        QCOMPARE(timeline.segmentAt(QPoint(60, y)), 0);
        QCOMPARE(timeline.segmentAt(QPoint(300, y)), 1);
        QCOMPARE(timeline.segmentAt(QPoint(300, 1000)), -1);
        QVERIFY(timeline.minimumSizeHint().width() <= 400);
    }
};

QTEST_MAIN(TestTaskTimeline)
#include "test_TaskTimeline.moc"
