// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// Handlers' `concurrency` (docs/handlers.md): the most tasks of a type IN_PROGRESS at once across every
// executor process and leasing worker. Two executor processes with four workers each run a limited built-in
// type; the tasks' own start and end times (stamped by the claim and the result's commit) must never overlap
// more than the limit, yet reach it. Lifting the limit lets what waits in the type's lane run at once. A
// limited external type gives a worker only what the limit leaves, and the next task as soon as one ends.
#include "IntegrationHelpers.h"

using namespace Qt::StringLiterals;
using namespace taskmill;
using namespace taskmill::test;

class TestConcurrency : public QObject
{
    Q_OBJECT
    TestServers m_servers;
    BackendProcess m_api; // api + scheduler
    BackendProcess m_exec1, m_exec2;
    TestHttp m_http;

    QStringList executorArgs(const QString &consumer)
    {
        return {u"--postgres"_s, m_servers.postgresUrl(), u"--redis"_s, m_servers.redisUrl(), u"--role"_s, u"executor"_s,
                u"--workers"_s, u"4"_s, u"--set"_s, u"executor.consumer="_s + consumer, u"--set"_s, u"handlers.refresh_ms=100"_s};
    }
    bool setLimit(const QString &handler, int concurrency)
    {
        const auto r = m_http.put(u"/api/v1/handlers/"_s + handler, QJsonValue(QJsonObject{{u"concurrency"_s, concurrency}}));
        if (r.status != 200)
            qWarning() << "PUT handler answered" << r.status << r.body;
        return r.status == 200;
    }
    // The most of these tasks whose [started_at, completed_at) intervals overlap at any instant.
    int maxOverlap(const QStringList &ids)
    {
        const QString set = u"('"_s + ids.join(u"','"_s) + u"')"_s;
        return countRows(m_servers, u"SELECT coalesce(max(c), 0) FROM (SELECT (SELECT count(*) FROM tasks u WHERE u.id IN %1 "
                                    "AND u.started_at <= t.started_at AND u.completed_at > t.started_at) AS c "
                                    "FROM tasks t WHERE t.id IN %1) x"_s.arg(set));
    }
    QStringList createSleeps(int n, int ms)
    {
        QStringList ids;
        for (int i = 0; i < n; ++i)
            ids << createTask(m_http, {{u"type"_s, u"sleep"_s}, {u"payload"_s, QJsonObject{{u"ms"_s, ms}}}});
        return ids;
    }
    QJsonArray lease(const QString &worker, const QString &type, int max, int waitMs)
    {
        const auto r = m_http.post(u"/api/v1/workers/lease"_s,
                                   QJsonValue(QJsonObject{{u"worker"_s, worker}, {u"types"_s, QJsonArray{type}}, {u"max"_s, max},
                                                          {u"wait_ms"_s, waitMs}, {u"lease_ms"_s, 30000}}));
        if (r.status != 200)
            qWarning() << "lease answered" << r.status << r.body;
        return r.obj().value(u"items"_s).toArray();
    }

private slots:
    void initTestCase()
    {
        auto started = m_servers.start();
        QVERIFY2(started, qPrintable(started ? QString() : started.error().message));
        auto up = m_api.start(backendArgs(m_servers, {u"--role"_s, u"api,scheduler"_s}));
        QVERIFY2(up, qPrintable(up ? QString() : up.error().message));
        m_http.setBaseUrl(m_api.baseUrl());
        QVERIFY(m_exec1.start(executorArgs(u"limits-1"_s), BackendProcess::Readiness::Ready));
        QVERIFY(m_exec2.start(executorArgs(u"limits-2"_s), BackendProcess::Readiness::Ready));
    }
    void cleanupTestCase()
    {
        QVERIFY(m_exec1.terminate());
        QVERIFY(m_exec2.terminate());
        QVERIFY(m_api.terminate());
    }

    void two_executors_never_run_more_than_the_limit()
    {
        QVERIFY(setLimit(u"sleep"_s, 2));
        const QStringList ids = createSleeps(8, 300);
        for (const QString &id : ids)
            QCOMPARE(waitForStatus(m_http, id, u"COMPLETED"_s, 30000).value(u"status"_s).toString(), u"COMPLETED"_s);
        // Eight workers were free: without the limit all eight would have run at once.
        QCOMPARE(maxOverlap(ids), 2);
        // Each ran once: a task held back by the limit waits, it does not use up attempts.
        QCOMPARE(countRows(m_servers, u"SELECT count(*) FROM tasks WHERE id IN ('%1') AND attempts <> 1"_s.arg(ids.join(u"','"_s))), 0);
    }

    void lifting_the_limit_lets_the_waiting_tasks_run_at_once()
    {
        QVERIFY(setLimit(u"sleep"_s, 1));
        const QStringList ids = createSleeps(4, 2500);
        QCOMPARE(waitForStatus(m_http, ids.first(), u"IN_PROGRESS"_s).value(u"status"_s).toString(), u"IN_PROGRESS"_s);
        QVERIFY(setLimit(u"sleep"_s, 0));
        for (const QString &id : ids)
            QCOMPARE(waitForStatus(m_http, id, u"COMPLETED"_s, 30000).value(u"status"_s).toString(), u"COMPLETED"_s);
        // Judged from the lift as the server recorded it (the handler row's updated_at), not from when this
        // process got round to sending it: the tasks that had not started by then must all run together. Under
        // the limit only one runs at a time and each takes 2.5 s, so at least two are still waiting unless the
        // lift came more than 5 s after the first start.
        QString waitingText;
        QVERIFY(m_servers.psql(u"SELECT string_agg(id::text, ',') FROM tasks WHERE id IN ('%1') AND started_at >= "
                               "(SELECT updated_at FROM handlers WHERE name = 'sleep')"_s.arg(ids.join(u"','"_s)), &waitingText));
        const QStringList waiting = waitingText.trimmed().split(u',', Qt::SkipEmptyParts);
        const int overlap = waiting.isEmpty() ? 0 : maxOverlap(waiting);
        if (waiting.size() < 2 || overlap < waiting.size()) {
            QString runs;
            m_servers.psql(u"SELECT id, worker, started_at, completed_at, (SELECT updated_at FROM handlers WHERE name = 'sleep') "
                           "AS lifted FROM tasks WHERE id IN ('%1') ORDER BY started_at"_s.arg(ids.join(u"','"_s)), &runs);
            qWarning().noquote() << "runs:\n" << runs;
        }
        QVERIFY2(waiting.size() >= 2, qPrintable(u"only %1 task(s) still waiting when the limit was lifted"_s.arg(waiting.size())));
        QVERIFY2(overlap == waiting.size(),
                 qPrintable(u"the %1 tasks waiting at the lift should run together; at most %2 did"_s.arg(waiting.size()).arg(overlap)));
    }

    void a_leasing_worker_gets_only_what_the_limit_leaves()
    {
        const auto reg = m_http.post(u"/api/v1/handlers"_s, QJsonValue(QJsonObject{{u"name"_s, u"limited.ext"_s},
                                                                                   {u"kind"_s, u"external"_s},
                                                                                   {u"concurrency"_s, 2}}));
        QCOMPARE(reg.status, 201);
        QStringList ids;
        for (int i = 0; i < 4; ++i)
            ids << createTask(m_http, {{u"type"_s, u"limited.ext"_s}});
        const QJsonArray first = lease(u"w1"_s, u"limited.ext"_s, 4, 2000);
        QCOMPARE(first.size(), 2);
        // At the limit: another worker's poll holds and ends empty.
        QCOMPARE(lease(u"w2"_s, u"limited.ext"_s, 4, 700).size(), 0);
        // One ends: a waiting poll gets exactly one.
        const QString lease1 = first.at(0).toObject().value(u"lease"_s).toString();
        QCOMPARE(m_http.post(u"/api/v1/leases/%1/complete"_s.arg(lease1), QJsonValue(QJsonObject{})).status, 200);
        const QJsonArray next = lease(u"w2"_s, u"limited.ext"_s, 4, 5000);
        QCOMPARE(next.size(), 1);
        QCOMPARE(countRows(m_servers, u"SELECT count(*) FROM tasks WHERE type = 'limited.ext' AND status = 'IN_PROGRESS'"_s), 2);
        QCOMPARE(countRows(m_servers, u"SELECT count(*) FROM tasks WHERE type = 'limited.ext' AND status = 'PENDING'"_s), 1);
        // The registry counts who serves each handler: the two leasing workers, the two executor processes.
        const auto workersOf = [this](const QString &name) {
            return m_http.get(u"/api/v1/handlers/"_s + name).obj().value(u"counts"_s).toObject().value(u"workers"_s).toInt(-1);
        };
        QCOMPARE(workersOf(u"limited.ext"_s), 2);
        QCOMPARE(workersOf(u"sleep"_s), 2);
    }
};

QTEST_GUILESS_MAIN(TestConcurrency)
#include "test_Concurrency.moc"
