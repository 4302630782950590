// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// Outages: tasks created while Redis is down are durable and dispatched once it is back; PostgreSQL
// down gives clean 503s, never a crash or a half-written task.
#include "IntegrationHelpers.h"

using namespace Qt::StringLiterals;
using namespace taskmill::test;

class TestResilience : public QObject
{
    Q_OBJECT
    TestServers m_servers;
    BackendProcess m_backend;
    TestHttp m_http;

private slots:
    void initTestCase()
    {
        auto started = m_servers.start();
        QVERIFY2(started, qPrintable(started ? QString() : started.error().message));
        // A short reconcile age keeps the test quick; the default is 3 s.
        auto up = m_backend.start(backendArgs(m_servers, {u"--set"_s, u"scheduler.reconcile_age_ms=300"_s,
                                                          u"--set"_s, u"scheduler.reconcile_interval_ms=200"_s}));
        QVERIFY2(up, qPrintable(up ? QString() : up.error().message));
        m_http.setBaseUrl(m_backend.baseUrl());
    }
    void cleanupTestCase() { QVERIFY(m_backend.terminate()); }

    void tasks_created_while_redis_is_down_run_after_it_returns()
    {
        const qsizetype logMark = m_backend.log().size();
        m_servers.redis().stop();
        QStringList ids;
        for (int i = 0; i < 5; ++i) {
            const auto r = m_http.post(u"/api/v1/tasks"_s, QJsonValue(QJsonObject{{u"title"_s, u"during outage %1"_s.arg(i)}}));
            QCOMPARE(r.status, 201); // durable in PostgreSQL: accepted without Redis
            ids << r.obj().value(u"id"_s).toString();
        }
        const auto health = m_http.get(u"/health"_s);
        QCOMPARE(health.status, 503);
        QCOMPARE(health.obj().value(u"redis"_s).toString(), u"down"_s);
        QCOMPARE(health.obj().value(u"postgres"_s).toString(), u"up"_s);
        // Both dispatchers met the outage: the api writer's (right after the commit) and the scheduler's, whose
        // reconciler only tries tasks older than reconcile_age_ms. Each warns once per outage.
        QTRY_VERIFY2_WITH_TIMEOUT(m_backend.log().mid(logMark).count(u"dispatch to Redis failed"_s) >= 2,
                                  qPrintable(m_backend.log().mid(logMark).right(3000)), 10000);
        for (const QString &id : ids)
            QCOMPARE(m_http.get(u"/api/v1/tasks/"_s + id).obj().value(u"status"_s).toString(), u"NEW"_s);

        auto restarted = m_servers.redis().start();
        QVERIFY2(restarted, qPrintable(restarted ? QString() : restarted.error().message));
        for (const QString &id : ids)
            QCOMPARE(waitForStatus(m_http, id, u"COMPLETED"_s, 15000).value(u"status"_s).toString(), u"COMPLETED"_s);
        QCOMPARE(m_http.get(u"/health"_s).status, 200);
        QVERIFY(m_backend.isRunning());
    }

    void postgres_down_answers_503_and_recovers()
    {
        m_servers.postgres().stop();
        const auto create = m_http.post(u"/api/v1/tasks"_s, QJsonValue(QJsonObject{{u"title"_s, u"no db"_s}}));
        QCOMPARE(create.status, 503);
        QCOMPARE(create.obj().value(u"error"_s).toObject().value(u"code"_s).toString(), u"unavailable"_s);
        QCOMPARE(m_http.get(u"/api/v1/tasks"_s).status, 503);
        const auto health = m_http.get(u"/health"_s);
        QCOMPARE(health.status, 503);
        QCOMPARE(health.obj().value(u"postgres"_s).toString(), u"down"_s);

        auto restarted = m_servers.postgres().start();
        QVERIFY2(restarted, qPrintable(restarted ? QString() : restarted.error().message));
        QCOMPARE(countRows(m_servers, u"SELECT count(*) FROM tasks WHERE title = 'no db'"_s), 0);
        QTRY_COMPARE_WITH_TIMEOUT(m_http.get(u"/health"_s).status, 200, 10000);
        const QString id = createTask(m_http, {{u"title"_s, u"after recovery"_s}});
        QCOMPARE(waitForStatus(m_http, id, u"COMPLETED"_s, 15000).value(u"status"_s).toString(), u"COMPLETED"_s);
        QVERIFY(m_backend.isRunning());
    }

    // A restart while the api is idle leaves every connection it holds closed by the server. Each is seen closed
    // and opened afresh before its first statement, so no request pays for the restart with a 503 (a create that
    // answered 503 there could not be told apart from one that failed, and a retry duplicated it).
    void a_postgres_restart_costs_no_request_a_503()
    {
        // Every kind of request first, so the api holds connections on each thread that serves them.
        const QString before = createTask(m_http, {{u"title"_s, u"before the restart"_s}});
        QCOMPARE(waitForStatus(m_http, before, u"COMPLETED"_s, 15000).value(u"status"_s).toString(), u"COMPLETED"_s);
        QCOMPARE(m_http.get(u"/api/v1/tasks?limit=5"_s).status, 200);
        QCOMPARE(m_http.get(u"/api/v1/tasks/counts"_s).status, 200);

        m_servers.postgres().stop();
        auto restarted = m_servers.postgres().start();
        QVERIFY2(restarted, qPrintable(restarted ? QString() : restarted.error().message));

        for (int round = 0; round < 3; ++round) {
            const auto made = m_http.post(u"/api/v1/tasks"_s, QJsonValue(QJsonObject{{u"title"_s, u"after %1"_s.arg(round)}}));
            QVERIFY2(made.status == 201, made.body.constData());
            QCOMPARE(m_http.get(u"/api/v1/tasks/"_s + made.obj().value(u"id"_s).toString()).status, 200);
            QCOMPARE(m_http.get(u"/api/v1/tasks?limit=5"_s).status, 200);
            QCOMPARE(m_http.get(u"/api/v1/tasks/counts"_s).status, 200);
            QCOMPARE(m_http.get(u"/api/v1/handlers"_s).status, 200);
        }
        QCOMPARE(countRows(m_servers, u"SELECT count(*) FROM tasks WHERE title LIKE 'after _'"_s), 3); // each once
        QVERIFY(m_http.get(u"/metrics"_s).body.contains("taskmill_db_errors_total{kind=\"reconnect\"}"));
    }
};

QTEST_GUILESS_MAIN(TestResilience)
#include "test_Resilience.moc"
