// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// Executor behaviour with separate processes per role: priority order under a backlog, no starvation,
// graceful shutdown that finishes in-flight work, and hand-back after the grace period.
#include "IntegrationHelpers.h"

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace taskmill::test;

class TestExecutorBehaviour : public QObject
{
    Q_OBJECT
    TestServers m_servers;
    BackendProcess m_api; // api + scheduler, no executor: builds a backlog
    TestHttp m_http;

    // Starts order of tasks created with `tag` in their title, by started_at.
    QStringList priorityStartOrder(const QString &tag)
    {
        QString out;
        m_servers.psql(u"SELECT CASE priority WHEN 2 THEN 'H' WHEN 1 THEN 'M' ELSE 'L' END FROM tasks "
                       "WHERE title LIKE '%1%%' ORDER BY started_at, id"_s.arg(tag), &out);
        return out.split(u'\n', Qt::SkipEmptyParts);
    }
    void enqueue(const QString &tag, const QString &priority, int n)
    {
        QJsonArray items;
        for (int i = 0; i < n; ++i)
            items.append(QJsonObject{{u"title"_s, u"%1 %2"_s.arg(tag, priority)}, {u"priority"_s, priority},
                                     {u"type"_s, u"sleep"_s}, {u"payload"_s, QJsonObject{{u"ms"_s, 5}}}});
        QCOMPARE(m_http.post(u"/api/v1/tasks/batch"_s, QJsonValue(items)).status, 201);
    }
    // The api answers 201 before its XADD: wait until every task of `tag` is on its stream. The dispatcher
    // marks a task PENDING with its entry id only after the XADD returned that id.
    void waitAllDispatched(const QString &tag, int n)
    {
        QTRY_COMPARE_WITH_TIMEOUT(countRows(m_servers, u"SELECT count(*) FROM tasks WHERE title LIKE '%1%%' "
                                                       "AND status = 'PENDING' AND stream_entry IS NOT NULL"_s.arg(tag)), n, 10000);
    }
    void waitAllDone(const QString &tag, int n)
    {
        QTRY_COMPARE_WITH_TIMEOUT(countRows(m_servers, u"SELECT count(*) FROM tasks WHERE title LIKE '%1%%' "
                                                       "AND status = 'COMPLETED'"_s.arg(tag)), n, 60000);
    }

private slots:
    void initTestCase()
    {
        auto started = m_servers.start();
        QVERIFY2(started, qPrintable(started ? QString() : started.error().message));
        auto up = m_api.start(backendArgs(m_servers, {u"--role"_s, u"api,scheduler"_s}));
        QVERIFY2(up, qPrintable(up ? QString() : up.error().message));
        m_http.setBaseUrl(m_api.baseUrl());
    }
    void cleanupTestCase() { QVERIFY(m_api.terminate()); }

    void backlog_runs_high_then_medium_then_low()
    {
        enqueue(u"strict"_s, u"LOW"_s, 20);
        enqueue(u"strict"_s, u"MEDIUM"_s, 20);
        enqueue(u"strict"_s, u"HIGH"_s, 20);
        waitAllDispatched(u"strict"_s, 60); // all dispatched before the executor appears
        BackendProcess executor;
        auto up = executor.start({u"--postgres"_s, m_servers.postgresUrl(), u"--redis"_s, m_servers.redisUrl(),
                                  u"--role"_s, u"executor"_s, u"--workers"_s, u"1"_s,
                                  u"--set"_s, u"executor.fairness_every=1000"_s},
                                 BackendProcess::Readiness::Ready);
        QVERIFY2(up, qPrintable(up ? QString() : up.error().message));
        waitAllDone(u"strict"_s, 60);
        QVERIFY(executor.terminate());
        const QStringList order = priorityStartOrder(u"strict"_s);
        QCOMPARE(order.size(), 60);
        QCOMPARE(order.mid(0, 20), QStringList(20, u"H"_s));
        QCOMPARE(order.mid(20, 20), QStringList(20, u"M"_s));
        QCOMPARE(order.mid(40, 20), QStringList(20, u"L"_s));
    }

    void low_priority_is_not_starved_by_a_high_backlog()
    {
        enqueue(u"fair"_s, u"LOW"_s, 5);
        enqueue(u"fair"_s, u"HIGH"_s, 60);
        waitAllDispatched(u"fair"_s, 65);
        BackendProcess executor;
        auto up = executor.start({u"--postgres"_s, m_servers.postgresUrl(), u"--redis"_s, m_servers.redisUrl(),
                                  u"--role"_s, u"executor"_s, u"--workers"_s, u"1"_s,
                                  u"--set"_s, u"executor.fairness_every=4"_s, u"--set"_s, u"executor.starvation_ms=0"_s},
                                 BackendProcess::Readiness::Ready);
        QVERIFY2(up, qPrintable(up ? QString() : up.error().message));
        waitAllDone(u"fair"_s, 65);
        QVERIFY(executor.terminate());
        const QStringList order = priorityStartOrder(u"fair"_s);
        // With F=4 one round in four starts with LOW, so all five LOW run within the first ~24 starts,
        // long before the 60 HIGH are done.
        const qsizetype lastLow = order.lastIndexOf(u"L"_s);
        QVERIFY2(lastLow < 30, qPrintable(u"last LOW started at position %1"_s.arg(lastLow)));
        QVERIFY(order.mid(0, 3).count(u"H"_s) >= 2); // still mostly HIGH first
    }

    // With the default starvation_ms (1 s), a HIGH backlog that drains faster than that runs strictly before
    // any LOW; one that lasts longer lets LOW in (one fairness slot per fairness_every rounds).
    void short_high_burst_runs_strictly_first_and_long_one_lets_low_in()
    {
        enqueue(u"burst"_s, u"LOW"_s, 5);
        enqueue(u"burst"_s, u"HIGH"_s, 60);
        waitAllDispatched(u"burst"_s, 65);
        {
            BackendProcess executor;
            auto up = executor.start({u"--postgres"_s, m_servers.postgresUrl(), u"--redis"_s, m_servers.redisUrl(),
                                      u"--role"_s, u"executor"_s, u"--workers"_s, u"1"_s},
                                     BackendProcess::Readiness::Ready);
            QVERIFY2(up, qPrintable(up ? QString() : up.error().message));
            waitAllDone(u"burst"_s, 65);
            QVERIFY(executor.terminate());
        }
        const QStringList burst = priorityStartOrder(u"burst"_s);
        QCOMPARE(burst.mid(0, 60).count(u"H"_s), 60);

        // 40 HIGH tasks of 50 ms each at one worker: a 2 s backlog, twice starvation_ms of 1 s.
        for (int i = 0; i < 40; ++i)
            createTask(m_http, QJsonObject{{u"title"_s, u"long"_s}, {u"priority"_s, u"HIGH"_s}, {u"type"_s, u"sleep"_s},
                                           {u"payload"_s, QJsonObject{{u"ms"_s, 50}}}});
        enqueue(u"long"_s, u"LOW"_s, 3);
        waitAllDispatched(u"long"_s, 43);
        BackendProcess executor;
        auto up = executor.start({u"--postgres"_s, m_servers.postgresUrl(), u"--redis"_s, m_servers.redisUrl(),
                                  u"--role"_s, u"executor"_s, u"--workers"_s, u"1"_s},
                                 BackendProcess::Readiness::Ready);
        QVERIFY2(up, qPrintable(up ? QString() : up.error().message));
        waitAllDone(u"long"_s, 43);
        QVERIFY(executor.terminate());
        const QStringList order = priorityStartOrder(u"long"_s);
        const qsizetype firstLow = order.indexOf(u"L"_s);
        // Not before about one second of HIGH (20 tasks of 50 ms), and long before the HIGH backlog is done.
        QVERIFY2(firstLow >= 15 && firstLow < 40, qPrintable(u"first LOW started at position %1"_s.arg(firstLow)));
    }

    void sigterm_lets_running_handlers_finish()
    {
        BackendProcess executor;
        auto up = executor.start({u"--postgres"_s, m_servers.postgresUrl(), u"--redis"_s, m_servers.redisUrl(),
                                  u"--role"_s, u"executor"_s, u"--workers"_s, u"2"_s},
                                 BackendProcess::Readiness::Ready);
        QVERIFY2(up, qPrintable(up ? QString() : up.error().message));
        QStringList ids;
        for (int i = 0; i < 2; ++i)
            ids << createTask(m_http, {{u"type"_s, u"sleep"_s}, {u"payload"_s, QJsonObject{{u"ms"_s, 1500}}}});
        for (const QString &id : ids)
            QCOMPARE(waitForStatus(m_http, id, u"IN_PROGRESS"_s).value(u"status"_s).toString(), u"IN_PROGRESS"_s);
        QVERIFY2(executor.terminate(15000), "taskmilld did not exit 0 on SIGTERM");
        for (const QString &id : ids)
            QCOMPARE(m_http.get(u"/api/v1/tasks/"_s + id).obj().value(u"status"_s).toString(), u"COMPLETED"_s);
    }

    void sigterm_hands_back_what_outlives_the_grace_period()
    {
        BackendProcess executor;
        const QStringList args{u"--postgres"_s, m_servers.postgresUrl(), u"--redis"_s, m_servers.redisUrl(),
                               u"--role"_s, u"executor"_s, u"--workers"_s, u"1"_s, u"--set"_s, u"shutdown.grace_ms=300"_s};
        auto up = executor.start(args, BackendProcess::Readiness::Ready);
        QVERIFY2(up, qPrintable(up ? QString() : up.error().message));
        const QString id = createTask(m_http, {{u"type"_s, u"sleep"_s}, {u"payload"_s, QJsonObject{{u"ms"_s, 60000}}}});
        QCOMPARE(waitForStatus(m_http, id, u"IN_PROGRESS"_s).value(u"status"_s).toString(), u"IN_PROGRESS"_s);
        QElapsedTimer t;
        t.start();
        QVERIFY2(executor.terminate(15000), "taskmilld did not exit 0 on SIGTERM");
        QVERIFY2(t.elapsed() < 5000, "shutdown waited for the 60 s handler");
        const QJsonObject back = m_http.get(u"/api/v1/tasks/"_s + id).obj();
        QCOMPARE(back.value(u"status"_s).toString(), u"PENDING"_s); // not FAILED: a shutdown is not the task's fault
        QVERIFY(back.value(u"error"_s).isNull());

        // A new executor picks it up again.
        auto again = executor.start(args, BackendProcess::Readiness::Ready);
        QVERIFY2(again, qPrintable(again ? QString() : again.error().message));
        const QJsonObject rerun = waitForStatus(m_http, id, u"IN_PROGRESS"_s);
        QCOMPARE(rerun.value(u"status"_s).toString(), u"IN_PROGRESS"_s);
        QCOMPARE(rerun.value(u"attempts"_s).toInt(), 2);
        QCOMPARE(m_http.del(u"/api/v1/tasks/"_s + id).status, 200);
        QVERIFY(executor.terminate(15000));
    }
};

QTEST_GUILESS_MAIN(TestExecutorBehaviour)
#include "test_ExecutorBehaviour.moc"
