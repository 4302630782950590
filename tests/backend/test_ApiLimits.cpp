// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// Limits on what a client can make the api do (docs/security.md, "Limits"), through a real taskmilld:
// query-string values over their caps are refused naming the parameter, and a search that has to read a
// large table row by row is cancelled at api.statement_timeout_ms with a 504 that says how to narrow it,
// instead of keeping a PostgreSQL backend busy after the client gave up. Ordinary requests are untouched.
#include "IntegrationHelpers.h"

using namespace Qt::StringLiterals;
using namespace taskmill;
using namespace taskmill::test;

namespace {
// Enough dead letters with long error texts that a substring search over them (no index can serve
// `error ILIKE '%…%'`) takes many times the statement timeout below on any machine.
constexpr int SlowRows = 200'000;
constexpr int StatementTimeoutMs = 100;
} // namespace

class TestApiLimits : public QObject
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
        auto up = m_backend.start(backendArgs(m_servers, {u"--role"_s, u"api"_s, u"--set"_s,
                                                          u"api.statement_timeout_ms=%1"_s.arg(StatementTimeoutMs),
                                                          u"--set"_s, u"api.max_search_chars=64"_s}));
        QVERIFY2(up, qPrintable(up ? QString() : up.error().message));
        m_http.setBaseUrl(m_backend.baseUrl());
        // Written straight into PostgreSQL: the api is not what is being measured here.
        QVERIFY(m_servers.psql(u"INSERT INTO tasks (id, type, status, error, attempts, dead_lettered_at, completed_at) "
                               "SELECT gen_random_uuid(), 'noop', 'FAILED', md5(i::text) || repeat(md5((i * 7)::text), 40), 3, "
                               "now(), now() FROM generate_series(1, %1) AS i"_s.arg(SlowRows)));
        QVERIFY(m_servers.psql(u"ANALYZE tasks"_s));
    }
    void cleanupTestCase() { QVERIFY(m_backend.terminate()); }

    void long_parameters_are_refused_by_name()
    {
        const auto longSearch = m_http.get(u"/api/v1/tasks?q="_s + QString(65, u'a'));
        QCOMPARE(longSearch.status, 422);
        QCOMPARE(longSearch.obj().value(u"error"_s).toObject().value(u"field"_s).toString(), u"q"_s);
        QCOMPARE(m_http.get(u"/api/v1/tasks?q="_s + QString(64, u'a')).status, 200);
        const auto longType = m_http.get(u"/api/v1/tasks?type="_s + QString(1001, u't'));
        QCOMPARE(longType.status, 422);
        QCOMPARE(longType.obj().value(u"error"_s).toObject().value(u"field"_s).toString(), u"type"_s);
        QCOMPARE(m_http.get(u"/api/v1/dlq?q="_s + QString(65, u'z')).status, 422);
    }

    void deeply_nested_bodies_are_refused_before_parsing()
    {
        QByteArray deep = "{\"type\":\"noop\",\"payload\":{\"a\":";
        for (int i = 0; i < 70; ++i)
            deep += "[";
        for (int i = 0; i < 70; ++i)
            deep += "]";
        deep += "}}";
        const auto r = m_http.post(u"/api/v1/tasks"_s, deep, {{"Content-Type", "application/json"}});
        QCOMPARE(r.status, 400);
        QVERIFY2(r.obj().value(u"error"_s).toObject().value(u"message"_s).toString().contains(u"nested"_s), r.body.constData());
        // Brackets inside strings are text, not nesting.
        const QString text(200, u'[');
        QCOMPARE(m_http.post(u"/api/v1/tasks"_s, QJsonValue(QJsonObject{{u"type"_s, u"noop"_s}, {u"title"_s, text.left(100)}})).status, 201);
    }

    void a_search_over_a_big_table_stops_at_the_statement_timeout()
    {
        // No error text contains "zz-none": every row is read and compared, and the statement is cancelled.
        const auto slow = m_http.get(u"/api/v1/dlq?q=zz-none"_s);
        QCOMPARE(slow.status, 504);
        const QJsonObject error = slow.obj().value(u"error"_s).toObject();
        QCOMPARE(error.value(u"code"_s).toString(), u"timeout"_s);
        QVERIFY2(error.value(u"message"_s).toString().contains(u"narrow"_s), qPrintable(error.value(u"message"_s).toString()));
        // The cancelled statement is not left running on the server.
        QCOMPARE(countRows(m_servers, u"SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND pid <> pg_backend_pid() AND query ILIKE '%error ILIKE%'"_s), 0);
        // The same connection pool serves the next request normally.
        const QString id = createTask(m_http, {{u"type"_s, u"noop"_s}, {u"title"_s, u"after the timeout"_s}});
        QVERIFY(!id.isEmpty());
        QCOMPARE(m_http.get(u"/api/v1/tasks/"_s + id).obj().value(u"title"_s).toString(), u"after the timeout"_s);
    }
};

QTEST_GUILESS_MAIN(TestApiLimits)
#include "test_ApiLimits.moc"
