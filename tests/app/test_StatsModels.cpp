// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// The dashboard's models fed by successive stats answers: fixed-shape grids change in one span, keyed
// tables diff by key (removes, in-place updates, appends) and stay valid under QAbstractItemModelTester.
#include "models/StatsCountsModel.h"
#include "models/StatsPendingModel.h"
#include "models/StatsQueueModel.h"
#include "models/StatsWorkerModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace taskmill;

namespace {
WorkerInfo worker(const QString &consumer, int running = 0)
{
    WorkerInfo w{consumer, u"host"_s, 100, 4, QDateTime::currentDateTimeUtc(), QDateTime::currentDateTimeUtc(), {}};
    for (int i = 0; i < running; ++i)
        w.running.append({QUuid::createUuid(), u"sleep"_s, u"task %1"_s.arg(i), QDateTime::currentDateTimeUtc()});
    return w;
}

PendingEntry entry(const QString &id, const QString &consumer, qint64 idleMs, Priority p = Priority::High)
{
    return {p, id, consumer, QUuid::createUuid(), idleMs, 1};
}
} // namespace

class TestStatsModels : public QObject
{
    Q_OBJECT

private slots:
    void counts_change_in_one_span_and_only_when_different()
    {
        StatsCountsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 8);
        QCOMPARE(model.columnCount(), 4);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);

        StatsSnapshot s;
        s.setCount(Status::Pending, Priority::High, 5);
        s.setCount(Status::Completed, Priority::Low, 1000);
        model.setSnapshot(s);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.at(0).at(0).value<QModelIndex>().row(), int(Status::Pending));
        QCOMPARE(changed.at(0).at(1).value<QModelIndex>().row(), int(Status::Completed));
        QCOMPARE(model.index(int(Status::Pending), StatsCountsModel::High).data(StatsCountsModel::RawValueRole).toLongLong(), 5);
        QCOMPARE(model.index(int(Status::Completed), StatsCountsModel::Total).data(StatsCountsModel::RawValueRole).toLongLong(), 1000);

        // An estimated status reads as one; exact ones stay plain numbers.
        StatsSnapshot estimated = s;
        estimated.estimated = {Status::Completed};
        StatsCountsModel shown;
        shown.setSnapshot(estimated);
        QVERIFY(shown.index(int(Status::Completed), StatsCountsModel::Total).data().toString().startsWith(u"≈"_s));
        QVERIFY(!shown.index(int(Status::Completed), StatsCountsModel::Total).data(Qt::ToolTipRole).toString().isEmpty());
        QVERIFY(!shown.index(int(Status::Pending), StatsCountsModel::High).data().toString().startsWith(u"≈"_s));

        model.setSnapshot(s); // same numbers: silence
        QCOMPARE(changed.size(), 1);
        s.setCount(Status::Failed, Priority::Medium, 2);
        model.setSnapshot(s);
        QCOMPARE(changed.size(), 2);
        QCOMPARE(changed.at(1).at(0).value<QModelIndex>().row(), int(Status::Failed));
        QCOMPARE(changed.at(1).at(1).value<QModelIndex>().row(), int(Status::Failed));
        QCOMPARE(reset.size(), 0);
    }

    void queues_show_a_dash_while_redis_is_down()
    {
        StatsQueueModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        StatsSnapshot s;
        s.queues[size_t(Priority::High)] = {42, 40, 2};
        model.setSnapshot(s);
        QVERIFY(StatsQueueModel::priorityOfRow(0) == Priority::High);
        QCOMPARE(model.index(0, StatsQueueModel::Length).data(StatsQueueModel::RawValueRole).toLongLong(), 42);
        QCOMPARE(model.index(0, StatsQueueModel::Pending).data(StatsQueueModel::RawValueRole).toLongLong(), 2);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        s.redisUp = false;
        s.queues = {};
        model.setSnapshot(s);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(model.index(0, StatsQueueModel::Length).data().toString(), u"—"_s);
        QVERIFY(!model.index(0, StatsQueueModel::Length).data(StatsQueueModel::RawValueRole).isValid());
    }

    void workers_diff_by_consumer()
    {
        StatsWorkerModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRows({worker(u"a"_s), worker(u"b"_s, 1), worker(u"c"_s), worker(u"d"_s)});
        QCOMPARE(model.rowCount(), 4);
        QPersistentModelIndex d = model.index(3, 0);

        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        // b and c leave together (one span), a is unchanged, d gets busier, e arrives.
        WorkerInfo a = model.rows().at(0);
        WorkerInfo busyD = model.rows().at(3);
        busyD.running = worker(u"d"_s, 3).running;
        model.setRows({busyD, a, worker(u"e"_s)});
        QCOMPARE(removed.size(), 1);
        QCOMPARE(removed.at(0).at(1).toInt(), 1);
        QCOMPARE(removed.at(0).at(2).toInt(), 2);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.at(0).at(0).value<QModelIndex>().row(), 1);
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(reset.size(), 0);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(d.row(), 1); // the persistent index followed its row
        QCOMPARE(model.index(1, StatsWorkerModel::Busy).data().toString(), u"3/4"_s);
        QCOMPARE(model.index(2, StatsWorkerModel::Consumer).data().toString(), u"e"_s);

        model.setRows({});
        QCOMPARE(model.rowCount(), 0);
    }

    void workers_show_their_kind_and_types_and_server_text_stays_plain()
    {
        StatsWorkerModel model;
        WorkerInfo exec = worker(u"exec-1"_s, 1);
        exec.running.first().title = u"<img src=http://127.0.0.1:1/x>"_s;
        WorkerInfo leasing{u"py-1"_s, u"laptop"_s, 0, 8, QDateTime::currentDateTimeUtc(), QDateTime::currentDateTimeUtc(), {},
                           u"external"_s, {u"resize_image"_s, u"<b>ocr</b>"_s}};
        model.setRows({exec, leasing});
        QCOMPARE(model.index(0, StatsWorkerModel::Kind).data().toString(), u"Executor"_s);
        QCOMPARE(model.index(0, StatsWorkerModel::Host).data().toString(), u"host (pid 100)"_s);
        QCOMPARE(model.index(0, StatsWorkerModel::Types).data().toString(), u"built-in handlers"_s);
        QCOMPARE(model.index(1, StatsWorkerModel::Kind).data().toString(), u"Worker"_s);
        QCOMPARE(model.index(1, StatsWorkerModel::Host).data().toString(), u"laptop"_s);
        QCOMPARE(model.index(1, StatsWorkerModel::Types).data().toString(), u"resize_image, <b>ocr</b>"_s);
        // Tooltips are rich text to Qt: the server's strings arrive escaped, never as markup.
        const QString running = model.index(0, StatsWorkerModel::Running).data(Qt::ToolTipRole).toString();
        QVERIFY2(running.contains(u"&lt;img"_s) && !running.contains(u"<img"_s), qPrintable(running));
        const QString types = model.index(1, StatsWorkerModel::Types).data(Qt::ToolTipRole).toString();
        QVERIFY2(types.contains(u"&lt;b&gt;ocr"_s) && !types.contains(u"<b>"_s), qPrintable(types));
    }

    void pending_rows_update_in_place_and_stuck_ones_are_marked()
    {
        StatsPendingModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        PendingReport r;
        r.visibilityTimeoutMs = 30000;
        r.consumers = {{u"dead"_s, 1, 40000, false}, {u"live"_s, 2, 500, true}};
        r.entries = {entry(u"1-0"_s, u"dead"_s, 40000), entry(u"2-0"_s, u"live"_s, 500), entry(u"3-0"_s, u"live"_s, 100, Priority::Low)};
        model.setReport(r);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.stuckCount(), 1);
        QVERIFY(model.index(0, 0).data(StatsPendingModel::StuckRole).toBool());
        QVERIFY(model.index(0, StatsPendingModel::Consumer).data().toString().contains(u"dead"_s));
        QVERIFY(model.index(0, StatsPendingModel::Consumer).data().toString() != u"dead"_s); // says "no heartbeat"
        QCOMPARE(model.index(1, StatsPendingModel::Consumer).data().toString(), u"live"_s);
        QVERIFY(model.index(0, 0).data(Qt::BackgroundRole).isValid());
        QVERIFY(!model.index(1, 0).data(Qt::BackgroundRole).isValid());

        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        // Three seconds later: idle times grew, the live consumer acknowledged 2-0.
        PendingReport later = r;
        later.entries = {entry(u"1-0"_s, u"dead"_s, 43000), entry(u"3-0"_s, u"live"_s, 31000, Priority::Low)};
        later.entries[0].taskId = r.entries[0].taskId;
        later.entries[1].taskId = r.entries[2].taskId;
        model.setReport(later);
        QCOMPARE(removed.size(), 1);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(changed.size(), 1); // both kept rows changed: one span
        QCOMPARE(changed.at(0).at(0).value<QModelIndex>().row(), 0);
        QCOMPARE(changed.at(0).at(1).value<QModelIndex>().row(), 1);
        QCOMPARE(model.stuckCount(), 2);
        QCOMPARE(reset.size(), 0);
        QCOMPARE(model.index(1, StatsPendingModel::Idle).data(StatsPendingModel::RawValueRole).toLongLong(), 31000);
    }

    void durations_read_naturally()
    {
        QCOMPARE(StatsPendingModel::formatDuration(850), u"850 ms"_s);
        QVERIFY(StatsPendingModel::formatDuration(12'400).startsWith(u"12"_s));
        QCOMPARE(StatsPendingModel::formatDuration(185'000), u"3 min 5 s"_s);
        QCOMPARE(StatsPendingModel::formatDuration(7'800'000), u"2 h 10 min"_s);
    }
};

QTEST_MAIN(TestStatsModels)
#include "test_StatsModels.moc"
