// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// The events log: bounded to its capacity with one removal and one insertion span per batch, filtered by
// category and text, and fed notices on connection and health transitions only.
#include "FakeNetworkAccessManager.h"

#include "client/BackendClient.h"
#include "models/EventLogFilterModel.h"
#include "models/EventLogModel.h"
#include "models/EventLogRecorder.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace taskmill;
using namespace taskmill::test;

namespace {
TaskEvent makeEvent(qint64 revision, TaskEvent::Kind kind, const QString &title = {}, const QString &message = {})
{
    TaskEvent e;
    e.revision = revision;
    e.kind = kind;
    e.taskId = QUuid::createUuid();
    e.title = title.isEmpty() ? u"task %1"_s.arg(revision) : title;
    e.type = u"sleep"_s;
    e.at = QDateTime::currentDateTimeUtc();
    e.message = message;
    return e;
}

QList<TaskEvent> events(qint64 from, int n, TaskEvent::Kind kind = TaskEvent::Kind::Completed)
{
    QList<TaskEvent> out;
    for (int i = 0; i < n; ++i)
        out.append(makeEvent(from + i, kind));
    return out;
}
} // namespace

class TestEventLogModel : public QObject
{
    Q_OBJECT

private slots:
    void stays_bounded_with_one_span_per_side()
    {
        EventLogModel log;
        log.setCapacity(100);
        QAbstractItemModelTester tester(&log, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy inserted(&log, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&log, &QAbstractItemModel::rowsRemoved);
        QSignalSpy reset(&log, &QAbstractItemModel::modelReset);

        log.appendEvents(events(1, 60));
        QCOMPARE(log.rowCount(), 60);
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(removed.size(), 0);

        log.appendEvents(events(61, 70)); // 130 > 100: the 30 oldest go in one span
        QCOMPARE(log.rowCount(), 100);
        QCOMPARE(removed.size(), 1);
        QCOMPARE(removed.at(0).at(1).toInt(), 0);
        QCOMPARE(removed.at(0).at(2).toInt(), 29);
        QCOMPARE(inserted.size(), 2);
        QCOMPARE(inserted.at(1).at(1).toInt(), 30);
        QCOMPARE(inserted.at(1).at(2).toInt(), 99);
        QCOMPARE(log.entryAt(0).title, u"task 31"_s);
        QCOMPARE(log.entryAt(99).title, u"task 130"_s);

        log.appendEvents(events(131, 250)); // larger than the log: only the newest 100 are kept
        QCOMPARE(log.rowCount(), 100);
        QCOMPARE(log.entryAt(0).title, u"task 281"_s);
        QCOMPARE(log.entryAt(99).title, u"task 380"_s);
        QCOMPARE(reset.size(), 0);

        log.setCapacity(10);
        QCOMPARE(log.rowCount(), 10);
        QCOMPARE(log.entryAt(0).title, u"task 371"_s);
        log.clear();
        QCOMPARE(log.rowCount(), 0);
    }

    void default_capacity_is_two_thousand()
    {
        EventLogModel log;
        for (int b = 0; b < 5; ++b)
            log.appendEvents(events(b * 500 + 1, 500));
        QCOMPARE(log.rowCount(), EventLogModel::DefaultCapacity);
        QCOMPARE(log.entryAt(0).title, u"task 501"_s);
    }

    void filters_by_category_and_text()
    {
        EventLogModel log;
        EventLogFilterModel filter;
        filter.setSourceModel(&log);
        QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
        log.appendEvents({makeEvent(1, TaskEvent::Kind::Created, u"Resize avatars"_s),
                          makeEvent(2, TaskEvent::Kind::AttemptFailed, u"Send mail"_s, u"SMTP timeout"_s),
                          makeEvent(3, TaskEvent::Kind::DeadLettered, u"Send mail"_s, u"SMTP refused"_s),
                          makeEvent(4, TaskEvent::Kind::Completed, u"Resize avatars"_s)});
        log.appendNotice(EventLogEntry::Severity::Error, u"Connection to the backend lost"_s);
        QCOMPARE(filter.rowCount(), 5);

        filter.setFilter({EventLogFilter::Category::Problems, {}, {}});
        QCOMPARE(filter.rowCount(), 3);
        filter.setFilter({EventLogFilter::Category::Notices, {}, {}});
        QCOMPARE(filter.rowCount(), 1);
        filter.setFilter({EventLogFilter::Category::TaskKind, TaskEvent::Kind::DeadLettered, {}});
        QCOMPARE(filter.rowCount(), 1);
        QCOMPARE(filter.index(0, EventLogModel::Message).data().toString(), u"SMTP refused"_s);
        filter.setFilter({EventLogFilter::Category::All, {}, u"smtp"_s});
        QCOMPARE(filter.rowCount(), 2);
        filter.setFilter({EventLogFilter::Category::All, {}, u"AVATARS"_s});
        QCOMPARE(filter.rowCount(), 2);
        const QString id = log.entryAt(0).taskId.toString(QUuid::WithoutBraces).mid(9, 9);
        filter.setFilter({EventLogFilter::Category::All, {}, id});
        QCOMPARE(filter.rowCount(), 1);

        // New rows pass through the active filter as they arrive.
        filter.setFilter({EventLogFilter::Category::Problems, {}, {}});
        QSignalSpy inserted(&filter, &QAbstractItemModel::rowsInserted);
        log.appendEvents({makeEvent(5, TaskEvent::Kind::Completed), makeEvent(6, TaskEvent::Kind::Failed)});
        QCOMPARE(filter.rowCount(), 4);
        QCOMPARE(inserted.size(), 1);
    }

    void recorder_logs_transitions_once()
    {
        FakeNetworkAccessManager network;
        ConnectionProfile profile;
        profile.baseUrl = QUrl(u"http://127.0.0.1:1"_s);
        BackendClient client(network, profile);
        EventLogModel log;
        EventLogRecorder recorder(client, log);
        using State = BackendClient::ConnectionState;

        recorder.onConnectionStateChanged(State::Connecting);
        recorder.onConnectionStateChanged(State::Connected);
        QCOMPARE(log.rowCount(), 1); // "Connected to …"
        recorder.onConnectionStateChanged(State::Disconnected);
        recorder.onConnectionStateChanged(State::Disconnected);
        QCOMPARE(log.rowCount(), 2);
        QCOMPARE(log.entryAt(1).severity, EventLogEntry::Severity::Error);
        recorder.onConnectionStateChanged(State::Connected);
        QCOMPARE(log.rowCount(), 3);
        QCOMPARE(log.entryAt(2).severity, EventLogEntry::Severity::Info);

        HealthInfo ok{u"ok"_s, true, true, u"0.1.0"_s, 1};
        recorder.onHealthUpdated(ok);
        QCOMPARE(log.rowCount(), 3); // healthy from the start: nothing to say
        HealthInfo degraded{u"degraded"_s, true, false, u"0.1.0"_s, 1};
        recorder.onHealthUpdated(degraded);
        recorder.onHealthUpdated(degraded);
        QCOMPARE(log.rowCount(), 4);
        QCOMPARE(log.entryAt(3).severity, EventLogEntry::Severity::Warning);
        QVERIFY(log.entryAt(3).message.contains(u"Redis"_s));
        recorder.onHealthUpdated(ok);
        QCOMPARE(log.rowCount(), 5);
        recorder.onLocalBackendFailed(u"postgres exited"_s);
        QCOMPARE(log.rowCount(), 6);
        QVERIFY(log.entryAt(5).message.contains(u"postgres exited"_s));
        QVERIFY(!log.entryAt(5).kind.has_value());
    }
};

QTEST_MAIN(TestEventLogModel)
#include "test_EventLogModel.moc"
