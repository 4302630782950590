// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// When the tray speaks, without a tray: dead letters coalesced into one message, queue thresholds with
// hysteresis, preferences turning either off.
#include "models/TrayNotifier.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace taskmill;

namespace {
constexpr int CoalesceMs = 100; // the three batches below surely arrive within it, and the test stays quick

TaskEvent deadLettered()
{
    TaskEvent e;
    e.kind = TaskEvent::Kind::DeadLettered;
    e.taskId = QUuid::createUuid();
    return e;
}

StatsSnapshot depth(qint64 high, qint64 low = 0)
{
    StatsSnapshot s;
    s.queues[size_t(Priority::High)] = {high, high, 0};
    s.queues[size_t(Priority::Low)] = {low, low, 0};
    return s;
}

AppSettings::MonitorPreferences thresholds(int high, int low = 0)
{
    AppSettings::MonitorPreferences p;
    p.queueThresholds[size_t(Priority::High)] = high;
    p.queueThresholds[size_t(Priority::Low)] = low;
    return p;
}
} // namespace

class TestTrayNotifier : public QObject
{
    Q_OBJECT

private slots:
    void dead_letters_are_coalesced_into_one_message()
    {
        TrayNotifier notifier;
        notifier.setCoalesceMs(CoalesceMs);
        QSignalSpy spy(&notifier, &TrayNotifier::notificationRequested);
        TaskEvent completed;
        completed.kind = TaskEvent::Kind::Completed;
        notifier.onEvents({deadLettered(), completed});
        notifier.onEvents({deadLettered()});
        notifier.onEvents({deadLettered(), completed});
        QCOMPARE(spy.size(), 0); // still collecting
        QTRY_COMPARE(spy.size(), 1);
        QCOMPARE(spy.at(0).at(0).value<TrayNotifier::Kind>(), TrayNotifier::Kind::DeadLetters);
        QVERIFY2(spy.at(0).at(2).toString().contains(u"3"_s), qPrintable(spy.at(0).at(2).toString()));
        // flush() is what the coalesce timer calls: driven by hand, it shows nothing is left to announce.
        notifier.flush();
        QCOMPARE(spy.size(), 1); // nothing more without new dead letters

        notifier.onEvents({deadLettered()});
        notifier.flush();
        QCOMPARE(spy.size(), 2);
        QVERIFY(spy.at(1).at(2).toString().contains(u"1"_s));
        notifier.onEvents({completed});
        notifier.flush();
        QCOMPARE(spy.size(), 2);
    }

    void dead_letter_notifications_can_be_turned_off()
    {
        TrayNotifier notifier;
        AppSettings::MonitorPreferences p;
        p.notifyDeadLetters = false;
        notifier.setPreferences(p);
        QSignalSpy spy(&notifier, &TrayNotifier::notificationRequested);
        notifier.onEvents({deadLettered(), deadLettered()});
        notifier.flush();
        QCOMPARE(spy.size(), 0);
        QVERIFY(!notifier.wantsStats());
    }

    void queue_threshold_notifies_once_until_the_depth_falls_well_below()
    {
        TrayNotifier notifier;
        notifier.setPreferences(thresholds(1000));
        QVERIFY(notifier.wantsStats());
        QSignalSpy spy(&notifier, &TrayNotifier::notificationRequested);
        notifier.onStats(depth(999));
        QCOMPARE(spy.size(), 0);
        notifier.onStats(depth(1000));
        QCOMPARE(spy.size(), 1);
        QCOMPARE(spy.at(0).at(0).value<TrayNotifier::Kind>(), TrayNotifier::Kind::QueueDepth);
        QVERIFY(notifier.isAboveThreshold(Priority::High));
        // Hovering around the threshold stays quiet: the hysteresis band is 20 %.
        for (qint64 d : {990, 1010, 850, 1200, 800})
            notifier.onStats(depth(d));
        QCOMPARE(spy.size(), 1);
        notifier.onStats(depth(799)); // below 80 %: re-armed, but no message for going down
        QVERIFY(!notifier.isAboveThreshold(Priority::High));
        QCOMPARE(spy.size(), 1);
        notifier.onStats(depth(1500));
        QCOMPARE(spy.size(), 2);
    }

    void thresholds_are_per_priority_and_redis_outages_change_nothing()
    {
        TrayNotifier notifier;
        notifier.setPreferences(thresholds(0, 10));
        QSignalSpy spy(&notifier, &TrayNotifier::notificationRequested);
        notifier.onStats(depth(1'000'000, 5)); // HIGH has no threshold
        QCOMPARE(spy.size(), 0);
        notifier.onStats(depth(0, 12));
        QCOMPARE(spy.size(), 1);
        StatsSnapshot down;
        down.redisUp = false;
        notifier.onStats(down);
        QVERIFY(notifier.isAboveThreshold(Priority::Low)); // zeros from a dead Redis do not re-arm
        notifier.onStats(depth(0, 12));
        QCOMPARE(spy.size(), 1);

        // A threshold of 1 re-arms at 0.
        notifier.setPreferences(thresholds(1));
        notifier.onStats(depth(1));
        notifier.onStats(depth(0));
        notifier.onStats(depth(2));
        QCOMPARE(spy.size(), 3);
    }
};

QTEST_GUILESS_MAIN(TestTrayNotifier)
#include "test_TrayNotifier.moc"
