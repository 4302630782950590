// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// Wire types of bulk operations by filter: the filter object reads as the list query does (and names the key it
// refuses), requests and operations round-trip, the 409 carries the real count, and the accepted margin.
#include "wire/BulkTypes.h"

#include <QJsonArray>
#include <QTest>

using namespace taskmill;
using namespace Qt::StringLiterals;

class TestBulkTypes : public QObject
{
    Q_OBJECT

private slots:
    void filter_object_reads_like_the_list_query()
    {
        const QJsonObject o{{u"status"_s, QJsonArray{u"FAILED"_s, u"cancelled"_s}},
                            {u"priority"_s, u"HIGH,low"_s},
                            {u"type"_s, u"email.send"_s},
                            {u"q"_s, u"50% off, & more"_s},
                            {u"created_from"_s, u"2026-01-02T03:04:05.678Z"_s}};
        const auto f = taskFilterFromJson(o, 256, 1000);
        QVERIFY2(f, qPrintable(f ? QString() : f.error().message));
        QCOMPARE(f->statuses, (QSet<Status>{Status::Failed, Status::Cancelled}));
        QCOMPARE(f->priorities, (QSet<Priority>{Priority::High, Priority::Low}));
        QCOMPARE(f->types, QStringList{u"email.send"_s});
        QCOMPARE(f->text, u"50% off, & more"_s); // commas, % and & stay text, not separators or escapes
        QCOMPARE(f->createdFrom, QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5, 678), Qt::UTC));
        QVERIFY(f->owner.isEmpty()); // never from a body
        // Written back as the list query's strings, and read back the same.
        const QJsonObject written = taskFilterToJson(*f);
        QCOMPARE(written.value(u"status"_s).toString(), u"CANCELLED,FAILED"_s);
        QCOMPARE(*taskFilterFromJson(written, 256, 1000), *f);
        QCOMPARE(taskFilterToJson(TaskFilter{}), QJsonObject{});
    }

    void filter_object_refusals_name_the_key_data()
    {
        QTest::addColumn<QJsonObject>("filter");
        QTest::addColumn<QString>("field");
        QTest::newRow("unknown key") << QJsonObject{{u"stauts"_s, u"NEW"_s}} << u"filter.stauts"_s;
        QTest::newRow("paging is no filter") << QJsonObject{{u"limit"_s, u"5"_s}} << u"filter.limit"_s;
        QTest::newRow("unknown status") << QJsonObject{{u"status"_s, u"DONE"_s}} << u"filter.status"_s;
        QTest::newRow("number") << QJsonObject{{u"type"_s, 3}} << u"filter.type"_s;
        QTest::newRow("array of numbers") << QJsonObject{{u"type"_s, QJsonArray{1}}} << u"filter.type"_s;
        QTest::newRow("array for q") << QJsonObject{{u"q"_s, QJsonArray{u"a"_s}}} << u"filter.q"_s;
        QTest::newRow("bad id") << QJsonObject{{u"id"_s, u"123"_s}} << u"filter.id"_s;
        QTest::newRow("bad time") << QJsonObject{{u"created_to"_s, u"tomorrow"_s}} << u"filter.created_to"_s;
        QTest::newRow("long q") << QJsonObject{{u"q"_s, QString(11, u'x')}} << u"filter.q"_s;
        QTest::newRow("long type") << QJsonObject{{u"type"_s, QString(21, u'x')}} << u"filter.type"_s;
        QTest::newRow("control character") << QJsonObject{{u"q"_s, u"a\u0001b"_s}} << u"filter.q"_s;
    }
    void filter_object_refusals_name_the_key()
    {
        QFETCH(QJsonObject, filter);
        QFETCH(QString, field);
        const auto f = taskFilterFromJson(filter, 10, 20);
        QVERIFY(!f);
        QVERIFY(f.error().code == ErrorCode::Validation);
        QCOMPARE(f.error().field, field);
    }

    void request_needs_a_filter_and_a_count_unless_a_dry_run()
    {
        BulkRequest r;
        r.filter.types = {u"a"_s};
        r.expected = 1234;
        const auto back = BulkRequest::fromJson(r.toJson());
        QVERIFY(back);
        QCOMPARE(back->filter, r.filter);
        QCOMPARE(back->expected, 1234);
        QVERIFY(!back->dryRun);
        r.dryRun = true;
        QCOMPARE(r.toJson().value(u"dry_run"_s).toBool(), true);
        QVERIFY(!r.toJson().contains(u"expected"_s));
        QVERIFY(BulkRequest::fromJson(r.toJson())->dryRun);

        QCOMPARE(BulkRequest::fromJson({{u"expected"_s, 1}}).error().field, u"filter"_s);
        QCOMPARE(BulkRequest::fromJson({{u"filter"_s, QJsonObject{}}}).error().field, u"expected"_s);
        for (const QJsonValue &bad : {QJsonValue(-1), QJsonValue(2.5), QJsonValue(u"3"_s), QJsonValue(double(BulkRequest::MaxTasks + 1))})
            QCOMPARE(BulkRequest::fromJson({{u"filter"_s, QJsonObject{}}, {u"expected"_s, bad}}).error().field, u"expected"_s);
        QCOMPARE(BulkRequest::fromJson({{u"filter"_s, QJsonObject{}}, {u"dry_run"_s, 1}}).error().field, u"dry_run"_s);
    }

    void actions_apply_to_what_their_single_routes_accept()
    {
        QCOMPARE(bulkActionStatuses(BulkAction::Cancel),
                 (QSet<Status>{Status::New, Status::Pending, Status::Postponed, Status::RetryWaiting, Status::InProgress}));
        QCOMPARE(bulkActionStatuses(BulkAction::Retry),
                 (QSet<Status>{Status::Failed, Status::Cancelled, Status::Postponed, Status::RetryWaiting}));
        QVERIFY(bulkActionFromString(u"retry"_s) == BulkAction::Retry);
        QVERIFY(!bulkActionFromString(u"purge"_s));
    }

    void a_count_above_the_margin_is_refused_with_the_real_one()
    {
        QVERIFY(BulkRequest::totalAccepted(1234, 1234));
        QVERIFY(BulkRequest::totalAccepted(1234, 10)); // fewer: they moved on by themselves
        QVERIFY(BulkRequest::totalAccepted(1234, 1246)); // 1 %, rounded down
        QVERIFY(!BulkRequest::totalAccepted(1234, 1247));
        QVERIFY(!BulkRequest::totalAccepted(99, 100)); // exact below 100
        QVERIFY(!BulkRequest::totalAccepted(0, 1));

        const ApiError e = bulkCountChanged(1234, 1300);
        QVERIFY(e.code == ErrorCode::Conflict);
        QCOMPARE(e.field, u"expected"_s);
        // As a client reads it from the wire.
        const ApiError received = ApiError::fromJson(e.toJson(), 409);
        QCOMPARE(bulkCountChangedTotal(received).value_or(-1), 1300);
        QVERIFY(!bulkCountChangedTotal(ApiError::conflict(u"task is COMPLETED"_s)));
    }

    void operation_round_trips()
    {
        BulkOperation op;
        op.id = QUuid::createUuid();
        op.action = BulkAction::Retry;
        op.state = BulkState::Stopped;
        op.filter.statuses = {Status::Failed};
        op.filter.types = {u"email.send"_s};
        op.expected = 10;
        op.total = 10;
        op.done = 4;
        op.failed = 1;
        op.failures = {{QUuid::createUuid(), ApiError::conflict(u"task x is COMPLETED"_s)}};
        op.createdBy = u"user:3"_s;
        op.createdAt = QDateTime(QDate(2026, 3, 1), QTime(12, 0), Qt::UTC);
        op.finishedAt = op.createdAt.addSecs(5);
        op.message = u"why"_s;
        const auto back = BulkOperation::fromJson(op.toJson());
        QVERIFY2(back, qPrintable(back ? QString() : back.error().message));
        QCOMPARE(back->id, op.id);
        QVERIFY(back->action == op.action);
        QVERIFY(back->state == op.state);
        QCOMPARE(back->filter, op.filter);
        QCOMPARE(back->remaining(), 5);
        QVERIFY(back->failures == op.failures);
        QVERIFY(back->failures.first().error.code == ErrorCode::Conflict);
        QCOMPARE(back->createdBy, op.createdBy);
        QCOMPARE(back->finishedAt, op.finishedAt);
        QCOMPARE(back->message, op.message);
        QVERIFY(isFinal(back->state));
        QVERIFY(!isFinal(BulkState::Stopping));

        QJsonObject running = op.toJson();
        running.insert(u"finished_at"_s, QJsonValue());
        running.insert(u"state"_s, u"running"_s);
        QVERIFY(!BulkOperation::fromJson(running)->finishedAt.isValid());
        running.insert(u"state"_s, u"paused"_s);
        QCOMPARE(BulkOperation::fromJson(running).error().field, u"state"_s);
        running.insert(u"state"_s, u"running"_s);
        running.insert(u"done"_s, u"4"_s);
        QCOMPARE(BulkOperation::fromJson(running).error().field, u"done"_s);
    }
};

QTEST_GUILESS_MAIN(TestBulkTypes)
#include "test_BulkTypes.moc"
