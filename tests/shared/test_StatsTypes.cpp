// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// Wire types of the monitor routes: round trips, what older or newer servers may send, and malformed
// answers rejected with the offending field named.
#include "wire/StatsTypes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace taskmill;

namespace {
QJsonObject parse(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

StatsSnapshot sampleStats()
{
    StatsSnapshot s;
    s.setCount(Status::Completed, Priority::High, 1200);
    s.setCount(Status::Failed, Priority::Low, 3);
    s.estimated = {Status::Completed}; // past the server's exact count
    s.queues[size_t(Priority::High)] = {10, 7, 3};
    s.pending = {{Priority::High, u"1700000000000-0"_s, u"host-1"_s, {}, 2500, 1}};
    s.workers = {{u"host-1"_s, u"host"_s, 1234, 4, QDateTime::fromMSecsSinceEpoch(1'700'000'000'000, Qt::UTC),
                  QDateTime::fromMSecsSinceEpoch(1'700'000'100'000, Qt::UTC),
                  {{QUuid::createUuid(), u"sleep"_s, u"Resize"_s, QDateTime::fromMSecsSinceEpoch(1'700'000'050'000, Qt::UTC)}}}};
    s.completedLastMinute = 60;
    s.failedLastMinute = 2;
    s.retriedLastMinute = 1;
    s.visibilityTimeoutMs = 30000;
    s.pauses.items = {{PauseScope::Priority, u"LOW"_s, u"user:3"_s, QDateTime::fromMSecsSinceEpoch(1'700'000'200'000, Qt::UTC)},
                      {PauseScope::Type, u"send_email"_s, u"local"_s, QDateTime::fromMSecsSinceEpoch(1'700'000'300'000, Qt::UTC)}};
    return s;
}
} // namespace

class TestStatsTypes : public QObject
{
    Q_OBJECT

private slots:
    void stats_round_trip()
    {
        const StatsSnapshot s = sampleStats();
        const auto back = StatsSnapshot::fromJson(s.toJson());
        QVERIFY2(back, qPrintable(back ? QString() : back.error().message));
        QCOMPARE(*back, s);
        QCOMPARE(back->countOf(Status::Completed), qint64(1200));
        QVERIFY(back->isEstimated(Status::Completed));
        QVERIFY(!back->isEstimated(Status::Failed));
        QCOMPARE(s.toJson().value(u"counts_exact"_s).toBool(true), false);
        QVERIFY(back->pauses.priorityPaused(Priority::Low));
        QVERIFY(!back->pauses.priorityPaused(Priority::High));
        QVERIFY(back->pauses.typePaused(u"send_email"_s));
    }

    void stats_from_an_older_server_without_new_fields()
    {
        // The shape GET /api/v1/stats had before visibility_timeout_ms and task ids: still readable.
        const auto s = StatsSnapshot::fromJson(parse(R"({"counts":{"NEW":{"LOW":0,"MEDIUM":2,"HIGH":0}},
            "last_minute":{"completed":5,"failed":0},"workers":[],"queues":{"HIGH":{"length":1,"waiting":1,"pending":0}},
            "pending":[{"priority":"HIGH","entry":"1-0","consumer":"c","idle_ms":10,"deliveries":1}],"redis":"up",
            "something_new":true})"));
        QVERIFY2(s, qPrintable(s ? QString() : s.error().message));
        QCOMPARE(s->count(Status::New, Priority::Medium), qint64(2));
        QVERIFY(s->estimated.isEmpty()); // no counts_estimated: every count exact
        QCOMPARE(s->countOf(Status::Completed), qint64(0));
        QCOMPARE(s->visibilityTimeoutMs, qint64(0));
        QCOMPARE(s->queue(Priority::High).length, qint64(1));
        QCOMPARE(s->pending.size(), 1);
        QVERIFY(s->pending.first().taskId.isNull());
        QVERIFY(s->pauses.isEmpty()); // no "pauses": nothing is paused
    }

    void malformed_stats_name_the_field_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("field");
        const QByteArray ok = QJsonDocument(sampleStats().toJson()).toJson(QJsonDocument::Compact);
        auto with = [&ok](const QString &key, const QJsonValue &value) {
            QJsonObject o = QJsonDocument::fromJson(ok).object();
            o.insert(key, value);
            return QJsonDocument(o).toJson(QJsonDocument::Compact);
        };
        QTest::newRow("counts not an object") << with(u"counts"_s, 3) << u"counts"_s;
        QTest::newRow("count negative") << with(u"counts"_s, QJsonObject{{u"FAILED"_s, QJsonObject{{u"LOW"_s, -1}}}})
                                        << u"counts.FAILED.LOW"_s;
        QTest::newRow("count a string") << with(u"counts"_s, QJsonObject{{u"NEW"_s, QJsonObject{{u"HIGH"_s, u"7"_s}}}})
                                        << u"counts.NEW.HIGH"_s;
        QTest::newRow("count fractional") << with(u"counts"_s, QJsonObject{{u"NEW"_s, QJsonObject{{u"HIGH"_s, 1.5}}}})
                                          << u"counts.NEW.HIGH"_s;
        QTest::newRow("redis unknown") << with(u"redis"_s, u"maybe"_s) << u"redis"_s;
        QTest::newRow("queue depth missing") << with(u"queues"_s, QJsonObject{{u"LOW"_s, QJsonObject{{u"length"_s, 1}}}})
                                             << u"queues.LOW.waiting"_s;
        QTest::newRow("pending not array") << with(u"pending"_s, QJsonObject{}) << u"pending"_s;
        QTest::newRow("pending element") << with(u"pending"_s, QJsonArray{1}) << u"pending[0]"_s;
        QTest::newRow("pending priority") << with(u"pending"_s, QJsonArray{QJsonObject{{u"priority"_s, u"URGENT"_s}}})
                                          << u"pending[0].priority"_s;
        QJsonObject worker = sampleStats().workers.first().toJson();
        worker.insert(u"pid"_s, u"1234"_s);
        QTest::newRow("worker pid") << with(u"workers"_s, QJsonArray{worker}) << u"workers[0].pid"_s;
        worker = sampleStats().workers.first().toJson();
        worker.insert(u"heartbeat_at"_s, u"yesterday"_s);
        QTest::newRow("worker heartbeat") << with(u"workers"_s, QJsonArray{worker}) << u"workers[0].heartbeat_at"_s;
        worker = sampleStats().workers.first().toJson();
        worker.insert(u"running"_s, QJsonArray{QJsonObject{{u"id"_s, u"nope"_s}}});
        QTest::newRow("running id") << with(u"workers"_s, QJsonArray{worker}) << u"workers[0].running[0].id"_s;
        QTest::newRow("last_minute missing") << with(u"last_minute"_s, QJsonValue()) << u"last_minute"_s;
        QTest::newRow("pauses not array") << with(u"pauses"_s, QJsonObject{}) << u"pauses"_s;
        QTest::newRow("pause priority") << with(u"pauses"_s, QJsonArray{QJsonObject{{u"scope"_s, u"priority"_s}, {u"name"_s, u"URGENT"_s},
                                                                                   {u"paused_by"_s, u"x"_s},
                                                                                   {u"paused_at"_s, u"2026-12-05T10:00:00Z"_s}}})
                                        << u"pauses[0].name"_s;
    }
    void malformed_stats_name_the_field()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, field);
        const auto s = StatsSnapshot::fromJson(parse(json));
        QVERIFY(!s);
        QVERIFY(s.error().code == ErrorCode::BadRequest);
        QCOMPARE(s.error().field, field);
    }

    void throughput_round_trip_and_malformed()
    {
        ThroughputHistory h;
        h.stepSeconds = 10;
        h.from = QDateTime::fromSecsSinceEpoch(1'700'000'000, Qt::UTC);
        h.to = h.from.addSecs(20);
        h.buckets = {{h.from, 5, 1, 0}, {h.from.addSecs(10), 0, 0, 2}};
        const auto back = ThroughputHistory::fromJson(h.toJson());
        QVERIFY(back);
        QCOMPARE(*back, h);

        QJsonObject bad = h.toJson();
        bad.insert(u"step"_s, 0);
        QCOMPARE(ThroughputHistory::fromJson(bad).error().field, u"step"_s);
        bad = h.toJson();
        bad.insert(u"buckets"_s, QJsonArray{QJsonObject{{u"start"_s, u"x"_s}, {u"completed"_s, 1}, {u"failed"_s, 0}}});
        QCOMPARE(ThroughputHistory::fromJson(bad).error().field, u"buckets[0].start"_s);
        QVERIFY(!ThroughputHistory::fromJson(QJsonObject{}));
    }

    void pending_report_round_trip_and_stuck()
    {
        PendingReport r;
        r.visibilityTimeoutMs = 30000;
        r.total = 12;
        r.truncated = true;
        r.consumers = {{u"a"_s, 10, 45000, false}, {u"b"_s, 2, 100, true}};
        r.entries = {{Priority::Low, u"1-0"_s, u"a"_s, QUuid::createUuid(), 45000, 3},
                     {Priority::High, u"2-0"_s, u"b"_s, {}, 100, 1}};
        const auto back = PendingReport::fromJson(r.toJson());
        QVERIFY(back);
        QCOMPARE(*back, r);
        QVERIFY(r.isStuck(r.entries.at(0)));
        QVERIFY(!r.isStuck(r.entries.at(1)));
        PendingReport unknownTimeout = r;
        unknownTimeout.visibilityTimeoutMs = 0;
        QVERIFY(!unknownTimeout.isStuck(r.entries.at(0)));

        QJsonObject bad = r.toJson();
        bad.insert(u"truncated"_s, u"yes"_s);
        QCOMPARE(PendingReport::fromJson(bad).error().field, u"truncated"_s);
        bad = r.toJson();
        bad.insert(u"consumers"_s, QJsonArray{QJsonObject{{u"consumer"_s, u"a"_s}, {u"pending"_s, 1}}});
        QCOMPARE(PendingReport::fromJson(bad).error().field, u"consumers[0].alive"_s);
    }
};

QTEST_GUILESS_MAIN(TestStatsTypes)
#include "test_StatsTypes.moc"
