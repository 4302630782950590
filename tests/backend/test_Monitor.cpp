// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// The monitor routes against a real taskmilld: /api/v1/stats/throughput (buckets of finished tasks),
// /api/v1/stats/pending (the Redis Streams pending list per consumer, alive or dead) and the typed
// /api/v1/stats answer (whose queue numbers are the /metrics gauges), each parsed with the shared wire
// types the app uses.
#include "IntegrationHelpers.h"

#include "wire/StatsTypes.h"

using namespace Qt::StringLiterals;
using namespace taskmill;
using namespace taskmill::test;

class TestMonitor : public QObject
{
    Q_OBJECT
    TestServers m_servers;
    BackendProcess m_api; // api only: entries stay in the streams until a test reads or runs them
    BackendProcess m_executor;
    TestHttp m_http;

    PendingReport pendingReport(const QString &query)
    {
        const auto r = m_http.get(u"/api/v1/stats/pending"_s + query);
        if (r.status != 200)
            qWarning() << r.status << r.body;
        auto report = PendingReport::fromJson(r.obj());
        if (!report)
            qWarning() << report.error().message;
        return report ? *report : PendingReport{};
    }

    void expectValidationError(const QString &path, const QString &field)
    {
        const auto r = m_http.get(path);
        QCOMPARE(r.status, 422);
        QCOMPARE(r.obj().value(u"error"_s).toObject().value(u"field"_s).toString(), field);
    }

private slots:
    void initTestCase()
    {
        auto started = m_servers.start();
        QVERIFY2(started, qPrintable(started ? QString() : started.error().message));
        auto up = m_api.start(backendArgs(m_servers, {u"--role"_s, u"api"_s, u"--set"_s,
                                                      u"executor.visibility_timeout_ms=20000"_s}));
        QVERIFY2(up, qPrintable(up ? QString() : up.error().message));
        m_http.setBaseUrl(m_api.baseUrl());
    }
    void cleanupTestCase()
    {
        if (m_executor.isRunning())
            QVERIFY(m_executor.terminate());
        QVERIFY(m_api.terminate());
    }

    // No executor runs, so nothing moves between the two reads. MEDIUM holds more pending entries than the
    // dashboard lists (1,000 per stream), so a count taken from that list would show; HIGH has no consumer
    // group yet.
    void dashboard_queue_numbers_equal_the_metrics_gauges()
    {
        for (int i = 0; i < 2; ++i)
            createTask(m_http, {{u"priority"_s, u"HIGH"_s}, {u"title"_s, u"waiting %1"_s.arg(i)}});
        QTRY_COMPARE_WITH_TIMEOUT(m_servers.redisCli({u"XLEN"_s, u"taskmill:tasks:high"_s}), u"2"_s, 5000);
        m_servers.redisCli({u"EVAL"_s, u"for i = 1, 1100 do redis.call('XADD', KEYS[1], '*', 'id', 'none') end"_s, u"1"_s,
                            u"taskmill:tasks:medium"_s});
        m_servers.redisCli({u"XGROUP"_s, u"CREATE"_s, u"taskmill:tasks:medium"_s, u"taskmill:executors"_s, u"0"_s});
        m_servers.redisCli({u"XREADGROUP"_s, u"GROUP"_s, u"taskmill:executors"_s, u"ghost-depth"_s, u"COUNT"_s, u"1050"_s,
                            u"STREAMS"_s, u"taskmill:tasks:medium"_s, u">"_s});

        const auto r = m_http.get(u"/api/v1/stats"_s);
        QCOMPARE(r.status, 200);
        const auto stats = StatsSnapshot::fromJson(r.obj());
        QVERIFY2(stats, qPrintable(stats ? QString() : stats.error().message));
        QVERIFY(stats->redisUp);
        const auto metrics = m_http.get(u"/metrics"_s);
        QCOMPARE(metrics.status, 200);
        const QHash<QString, double> gauges = metricSamples(metrics.body);
        QCOMPARE(gauges.value(u"taskmill_redis_up"_s, -1), 1.0);

        const QList<std::pair<Priority, QueueDepth>> expected{
            {Priority::High, {2, 2, 0}}, {Priority::Medium, {1100, 50, 1050}}, {Priority::Low, {0, 0, 0}}};
        for (const auto &[priority, depth] : expected) {
            const QString label = u"{priority=\"%1\"}"_s.arg(toString(priority).toLower());
            QCOMPARE(stats->queue(priority), depth);
            QCOMPARE(gauges.value(u"taskmill_queue_depth"_s + label, -1), double(stats->queue(priority).waiting));
            QCOMPARE(gauges.value(u"taskmill_queue_pending_entries"_s + label, -1), double(stats->queue(priority).pending));
        }
        QCOMPARE(stats->pending.size(), 1000); // the listed entries are capped (StatsReader), the counts are not

        // Leave the streams as the next tests expect them: empty, no group.
        m_servers.redisCli({u"DEL"_s, u"taskmill:tasks:high"_s, u"taskmill:tasks:medium"_s});
    }

    void pending_lists_a_dead_consumers_entries_with_their_tasks()
    {
        QStringList ids;
        for (int i = 0; i < 3; ++i)
            ids << createTask(m_http, {{u"priority"_s, u"LOW"_s}, {u"title"_s, u"held %1"_s.arg(i)}});
        QTRY_COMPARE_WITH_TIMEOUT(m_servers.redisCli({u"XLEN"_s, u"taskmill:tasks:low"_s}), u"3"_s, 5000);
        m_servers.redisCli({u"XGROUP"_s, u"CREATE"_s, u"taskmill:tasks:low"_s, u"taskmill:executors"_s, u"0"_s, u"MKSTREAM"_s});
        // A consumer that reads and then dies: its entries stay pending with a growing idle time.
        m_servers.redisCli({u"XREADGROUP"_s, u"GROUP"_s, u"taskmill:executors"_s, u"ghost-1"_s, u"COUNT"_s, u"10"_s,
                            u"STREAMS"_s, u"taskmill:tasks:low"_s, u">"_s});
        // The idle-time checks below need Redis itself to count all three idle for 30 ms or more
        // (redis-cli prints each XPENDING … IDLE entry as four lines).
        const auto idleFor30Ms = [&] {
            return m_servers.redisCli({u"XPENDING"_s, u"taskmill:tasks:low"_s, u"taskmill:executors"_s, u"IDLE"_s, u"30"_s,
                                       u"-"_s, u"+"_s, u"10"_s}).split(u'\n', Qt::SkipEmptyParts).size() / 4;
        };
        QTRY_COMPARE_WITH_TIMEOUT(idleFor30Ms(), 3, 5000);

        const PendingReport all = pendingReport({});
        QCOMPARE(all.visibilityTimeoutMs, qint64(20000));
        QCOMPARE(all.total, qint64(3));
        QCOMPARE(all.truncated, false);
        QCOMPARE(all.consumers.size(), 1);
        QCOMPARE(all.consumers.first().consumer, u"ghost-1"_s);
        QCOMPARE(all.consumers.first().pending, qint64(3));
        QCOMPARE(all.consumers.first().alive, false);
        QVERIFY(all.consumers.first().maxIdleMs >= 30);
        QCOMPARE(all.entries.size(), 3);
        QStringList listed;
        for (const PendingEntry &e : all.entries) {
            QVERIFY(e.priority == Priority::Low);
            QCOMPARE(e.consumer, u"ghost-1"_s);
            QCOMPARE(e.deliveries, qint64(1));
            QVERIFY(e.idleMs >= 30);
            QVERIFY(!all.isStuck(e));
            listed << e.taskId.toString(QUuid::WithoutBraces);
        }
        for (qsizetype i = 1; i < all.entries.size(); ++i)
            QVERIFY(all.entries.at(i - 1).idleMs >= all.entries.at(i).idleMs); // longest idle first
        listed.sort();
        ids.sort();
        QCOMPARE(listed, ids);

        const PendingReport one = pendingReport(u"?limit=1"_s);
        QCOMPARE(one.entries.size(), 1);
        QCOMPARE(one.truncated, true);
        QCOMPARE(one.total, qint64(3)); // totals ignore the filters
        QCOMPARE(pendingReport(u"?min_idle_ms=600000"_s).entries.size(), 0);
        QCOMPARE(pendingReport(u"?consumer=someone-else"_s).entries.size(), 0);
        QCOMPARE(pendingReport(u"?consumer=ghost-1"_s).entries.size(), 3);

        expectValidationError(u"/api/v1/stats/pending?limit=0"_s, u"limit"_s);
        expectValidationError(u"/api/v1/stats/pending?limit=abc"_s, u"limit"_s);
        expectValidationError(u"/api/v1/stats/pending?min_idle_ms=-1"_s, u"min_idle_ms"_s);

        // Acknowledged and deleted entries leave the list.
        for (const PendingEntry &e : all.entries) {
            m_servers.redisCli({u"XACK"_s, u"taskmill:tasks:low"_s, u"taskmill:executors"_s, e.entry});
            m_servers.redisCli({u"XDEL"_s, u"taskmill:tasks:low"_s, e.entry});
        }
        QCOMPARE(pendingReport({}).total, qint64(0));
    }

    void a_running_task_shows_as_pending_of_a_live_consumer()
    {
        auto up = m_executor.start({u"--postgres"_s, m_servers.postgresUrl(), u"--redis"_s, m_servers.redisUrl(),
                                    u"--role"_s, u"executor"_s, u"--workers"_s, u"2"_s, u"--set"_s,
                                    u"executor.consumer=exec-live"_s, u"--set"_s, u"shutdown.grace_ms=200"_s},
                                   BackendProcess::Readiness::Ready);
        QVERIFY2(up, qPrintable(up ? QString() : up.error().message));
        const QString id = createTask(m_http, {{u"type"_s, u"sleep"_s}, {u"payload"_s, QJsonObject{{u"ms"_s, 3000}}},
                                               {u"priority"_s, u"HIGH"_s}, {u"title"_s, u"long one"_s}});
        QCOMPARE(waitForStatus(m_http, id, u"IN_PROGRESS"_s).value(u"status"_s).toString(), u"IN_PROGRESS"_s);

        const PendingReport report = pendingReport({});
        const auto live = std::find_if(report.consumers.cbegin(), report.consumers.cend(),
                                       [](const ConsumerPending &c) { return c.consumer == u"exec-live"; });
        QVERIFY(live != report.consumers.cend());
        QVERIFY(live->alive);
        QCOMPARE(live->pending, qint64(1));
        QCOMPARE(report.entries.size(), 1);
        QCOMPARE(report.entries.first().taskId.toString(QUuid::WithoutBraces), id);
        QVERIFY(report.entries.first().priority == Priority::High);

        const auto r = m_http.get(u"/api/v1/stats"_s);
        QCOMPARE(r.status, 200);
        const auto stats = StatsSnapshot::fromJson(r.obj());
        QVERIFY2(stats, qPrintable(stats ? QString() : stats.error().message));
        QCOMPARE(stats->visibilityTimeoutMs, qint64(20000));
        QVERIFY(stats->redisUp);
        QCOMPARE(stats->count(Status::InProgress, Priority::High), qint64(1));
        QCOMPARE(stats->queue(Priority::High).pending, qint64(1));
        QCOMPARE(stats->workers.size(), 1);
        QCOMPARE(stats->workers.first().consumer, u"exec-live"_s);
        QCOMPARE(stats->workers.first().running.size(), 1);
        QCOMPARE(stats->workers.first().running.first().id.toString(QUuid::WithoutBraces), id);
        QVERIFY(stats->workers.first().running.first().startedAt.isValid());
        QCOMPARE(stats->pending.size(), 1);
        QCOMPARE(waitForStatus(m_http, id, u"COMPLETED"_s).value(u"status"_s).toString(), u"COMPLETED"_s);
    }

    void throughput_counts_finished_tasks_per_aligned_bucket()
    {
        QVERIFY(m_executor.isRunning());
        const int completedBefore = countRows(m_servers, u"SELECT count(*) FROM tasks WHERE status = 'COMPLETED'"_s);
        for (int i = 0; i < 5; ++i)
            createTask(m_http, {{u"title"_s, u"quick %1"_s.arg(i)}});
        for (int i = 0; i < 2; ++i)
            createTask(m_http, {{u"type"_s, u"fail"_s}, {u"max_attempts"_s, 1}});
        const QString later = createTask(m_http, {{u"run_at"_s, QDateTime::currentDateTimeUtc().addDays(1).toString(Qt::ISODate)}});
        QCOMPARE(m_http.del(u"/api/v1/tasks/"_s + later).status, 200);
        QTRY_COMPARE_WITH_TIMEOUT(countRows(m_servers, u"SELECT count(*) FROM tasks WHERE status IN ('COMPLETED', 'FAILED')"_s),
                                  completedBefore + 7, 10000);

        const auto r = m_http.get(u"/api/v1/stats/throughput?minutes=15&step=10"_s);
        QCOMPARE(r.status, 200);
        const auto history = ThroughputHistory::fromJson(r.obj());
        QVERIFY2(history, qPrintable(history ? QString() : history.error().message));
        QCOMPARE(history->stepSeconds, 10);
        QCOMPARE(history->buckets.size(), 90);
        QCOMPARE(history->from, history->buckets.first().start);
        QCOMPARE(history->to, history->buckets.last().start.addSecs(10));
        QVERIFY(history->to >= QDateTime::currentDateTimeUtc().addSecs(-5));
        qint64 completed = 0, failed = 0, cancelled = 0;
        for (qsizetype i = 0; i < history->buckets.size(); ++i) {
            const ThroughputBucket &b = history->buckets.at(i);
            QCOMPARE(b.start.toSecsSinceEpoch() % 10, 0);
            if (i > 0)
                QCOMPARE(history->buckets.at(i - 1).start.secsTo(b.start), 10);
            completed += b.completed;
            failed += b.failed;
            cancelled += b.cancelled;
        }
        QCOMPARE(completed, qint64(completedBefore + 5));
        QCOMPARE(failed, qint64(2));
        QCOMPARE(cancelled, qint64(1));

        // Defaults are 15 minutes in 10 s steps; a coarse step gives few buckets.
        QCOMPARE(ThroughputHistory::fromJson(m_http.get(u"/api/v1/stats/throughput"_s).obj())->buckets.size(), 90);
        QCOMPARE(ThroughputHistory::fromJson(m_http.get(u"/api/v1/stats/throughput?minutes=60&step=3600"_s).obj())->buckets.size(), 1);
        expectValidationError(u"/api/v1/stats/throughput?minutes=0"_s, u"minutes"_s);
        expectValidationError(u"/api/v1/stats/throughput?minutes=1441"_s, u"minutes"_s);
        expectValidationError(u"/api/v1/stats/throughput?step=x"_s, u"step"_s);
        expectValidationError(u"/api/v1/stats/throughput?minutes=1440&step=1"_s, u"step"_s);

        // The window is found through an index on completed_at (tasks_completed_idx, migration 0004), not
        // by scanning the whole table.
        QString plan;
        QVERIFY(m_servers.psql(u"SET enable_seqscan = off; EXPLAIN SELECT count(*) FROM tasks "
                               "WHERE completed_at >= now() - interval '15 minutes'"_s, &plan));
        QVERIFY2(plan.contains(u"tasks_completed_idx"_s) && !plan.contains(u"Seq Scan"_s), qPrintable(plan));
    }

    // Last: it leaves thousands of PENDING tasks behind. A status past the 5,000 tasks the server counts on
    // every poll is the planner's estimate, named in counts_estimated; a small one stays exact.
    void a_big_status_is_estimated_and_named_so()
    {
        for (int batch = 0; batch < 6; ++batch) {
            QJsonArray items;
            for (int i = 0; i < 1000; ++i)
                items.append(QJsonObject{{u"title"_s, u"backlog %1-%2"_s.arg(batch).arg(i)}, {u"priority"_s, u"LOW"_s}});
            QCOMPARE(m_http.post(u"/api/v1/tasks/batch"_s, QJsonValue(items)).status, 201);
        }
        QTRY_VERIFY_WITH_TIMEOUT(countRows(m_servers, u"SELECT count(*) FROM tasks WHERE status = 'PENDING'"_s) > 5000, 20000);
        // Before the statistics know of the burst the planner guesses from the empty table: the page sees its
        // estimate fall below the 5,001 rows its capped count has just seen and refreshes the statistics (at
        // most once a minute), so it shows the burst's size, not the cap.
        const int backlog = countRows(m_servers, u"SELECT count(*) FROM tasks WHERE status = 'PENDING'"_s);
        const auto early = StatsSnapshot::fromJson(m_http.get(u"/api/v1/stats"_s).obj());
        QVERIFY2(early, qPrintable(early ? QString() : early.error().message));
        QVERIFY2(early->countOf(Status::Pending) > backlog * 9 / 10,
                 qPrintable(u"%1 shown for %2"_s.arg(early->countOf(Status::Pending)).arg(backlog)));
        const auto r = m_http.get(u"/api/v1/stats"_s);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.obj().value(u"counts_exact"_s).toBool(true), false);
        const auto stats = StatsSnapshot::fromJson(r.obj());
        QVERIFY2(stats, qPrintable(stats ? QString() : stats.error().message));
        QVERIFY(stats->isEstimated(Status::Pending));
        QVERIFY(!stats->isEstimated(Status::Failed));
        QVERIFY(stats->countOf(Status::Pending) > 5000); // the planner's figure after ANALYZE
    }
};

QTEST_GUILESS_MAIN(TestMonitor)
#include "test_Monitor.moc"
