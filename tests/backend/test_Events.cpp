// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// Task events: complete and gap-free under concurrent writers (api writer, executor claims and results,
// scheduler), catch-up after a disconnect, and 410 for revisions that are no longer kept.
#include "IntegrationHelpers.h"

#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;
using namespace taskmill::test;

class TestEvents : public QObject
{
    Q_OBJECT
    TestServers m_servers;
    BackendProcess m_backend;
    TestHttp m_http;

    QJsonArray allEventsAfter(qint64 since, int pageSize)
    {
        QJsonArray out;
        for (int guard = 0; guard < 10'000; ++guard) {
            const QJsonObject page = m_http.get(u"/api/v1/events?since=%1&limit=%2"_s.arg(since).arg(pageSize)).obj();
            const QJsonArray events = page.value(u"events"_s).toArray();
            for (const auto &e : events)
                out.append(e);
            if (events.isEmpty())
                break;
            since = page.value(u"revision"_s).toInteger();
        }
        return out;
    }

private slots:
    void initTestCase()
    {
        auto started = m_servers.start();
        QVERIFY2(started, qPrintable(started ? QString() : started.error().message));
        auto up = m_backend.start(backendArgs(m_servers, {u"--workers"_s, u"4"_s}));
        QVERIFY2(up, qPrintable(up ? QString() : up.error().message));
        m_http.setBaseUrl(m_backend.baseUrl());
    }
    void cleanupTestCase() { QVERIFY(m_backend.terminate()); }

    void revisions_have_no_gaps_under_concurrent_writers()
    {
        const QUrl base = m_backend.baseUrl();
        // Four clients creating single tasks while batches, executor claims/results and retries commit.
        QList<QFuture<int>> clients;
        for (int c = 0; c < 4; ++c)
            clients.append(QtConcurrent::run([base, c] {
                TestHttp http(base);
                int ok = 0;
                for (int i = 0; i < 60; ++i) {
                    const QJsonObject body{{u"title"_s, u"client %1 task %2"_s.arg(c).arg(i)},
                                           {u"type"_s, i % 5 == 0 ? u"fail"_s : u"noop"_s},
                                           {u"payload"_s, QJsonObject{{u"times"_s, 1}}},
                                           {u"retry_policy"_s, QJsonObject{{u"strategy"_s, u"constant"_s}, {u"base_ms"_s, 20}, {u"max_ms"_s, 20}}}};
                    ok += http.post(u"/api/v1/tasks"_s, QJsonValue(body)).status == 201;
                }
                return ok;
            }));
        for (int b = 0; b < 3; ++b) {
            QJsonArray items;
            for (int i = 0; i < 100; ++i)
                items.append(QJsonObject{{u"title"_s, u"batch %1/%2"_s.arg(b).arg(i)}});
            QCOMPARE(m_http.post(u"/api/v1/tasks/batch"_s, QJsonValue(items)).status, 201);
        }
        for (auto &f : clients)
            QCOMPARE(f.result(), 60);
        QTRY_COMPARE_WITH_TIMEOUT(countRows(m_servers, u"SELECT count(*) FROM tasks WHERE status <> 'COMPLETED'"_s), 0, 30000);
        const int historyRows = countRows(m_servers, u"SELECT count(*) FROM task_history"_s);
        QTRY_COMPARE_WITH_TIMEOUT(m_http.get(u"/api/v1/events?since=0&limit=1"_s).obj().value(u"head"_s).toInt(), historyRows, 10000);

        const QJsonArray events = allEventsAfter(0, 137);
        QCOMPARE(events.size(), historyRows);
        QHash<QString, QStringList> perTask;
        for (qsizetype i = 0; i < events.size(); ++i) {
            const QJsonObject e = events.at(i).toObject();
            QCOMPARE(e.value(u"revision"_s).toInteger(), i + 1); // 1, 2, 3, … with no gap
            perTask[e.value(u"task_id"_s).toString()].append(e.value(u"status"_s).toString());
        }
        QCOMPARE(perTask.size(), 540);
        // Each task's events arrive in the order its history recorded them.
        const QString someId = perTask.keys().first();
        QString history;
        m_servers.psql(u"SELECT string_agg(to_status, ',' ORDER BY id) FROM task_history WHERE task_id = '%1'"_s.arg(someId), &history);
        QCOMPARE(perTask.value(someId).join(u','), history);
        for (const QStringList &statuses : std::as_const(perTask)) {
            QCOMPARE(statuses.first(), u"NEW"_s);
            QCOMPARE(statuses.last(), u"COMPLETED"_s);
        }
        // The list is a snapshot with a revision to resume from.
        QVERIFY(m_http.get(u"/api/v1/tasks?limit=1"_s).obj().value(u"revision"_s).toInteger() >= historyRows);
    }

    void catch_up_after_a_disconnect_sees_only_what_is_new()
    {
        const qint64 seen = m_http.get(u"/api/v1/events?since=0&limit=1"_s).obj().value(u"head"_s).toInteger();
        const QString id = createTask(m_http, {{u"title"_s, u"while away"_s}});
        QCOMPARE(waitForStatus(m_http, id, u"COMPLETED"_s).value(u"status"_s).toString(), u"COMPLETED"_s);
        // created, (dispatched — absent when the executor claims first), started, completed
        auto lastKind = [&] {
            const QJsonArray events = allEventsAfter(seen, 50);
            return events.isEmpty() ? QString() : events.last().toObject().value(u"kind"_s).toString();
        };
        QTRY_COMPARE_WITH_TIMEOUT(lastKind(), u"completed"_s, 5000);
        QStringList kinds;
        for (const auto &e : allEventsAfter(seen, 50)) {
            QCOMPARE(e.toObject().value(u"task_id"_s).toString(), id);
            kinds << e.toObject().value(u"kind"_s).toString();
        }
        QCOMPARE(kinds.first(), u"created"_s);
        QCOMPARE(kinds.last(), u"completed"_s);
        QVERIFY(kinds.contains(u"started"_s));
        QCOMPARE(m_http.get(u"/api/v1/events?since=-1"_s).status, 422);
        QCOMPARE(m_http.get(u"/api/v1/events?limit=0"_s).status, 422);
    }

    void expired_revisions_answer_410()
    {
        TestServers servers;
        QVERIFY(servers.start());
        BackendProcess backend;
        QVERIFY(backend.start(backendArgs(servers, {u"--set"_s, u"events.retain=100"_s})));
        TestHttp http(backend.baseUrl());
        for (int b = 0; b < 3; ++b) {
            QJsonArray items;
            for (int i = 0; i < 200; ++i)
                items.append(QJsonObject{});
            QCOMPARE(http.post(u"/api/v1/tasks/batch"_s, QJsonValue(items)).status, 201);
        }
        QTRY_COMPARE_WITH_TIMEOUT(countRows(servers, u"SELECT count(*) FROM tasks WHERE status <> 'COMPLETED'"_s), 0, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(http.get(u"/api/v1/events?since=0"_s).status == 410, 10000);
        const auto gone = http.get(u"/api/v1/events?since=0"_s);
        QCOMPARE(gone.obj().value(u"error"_s).toObject().value(u"code"_s).toString(), u"gone"_s);
        const qint64 head = http.get(u"/api/v1/tasks?limit=1"_s).obj().value(u"revision"_s).toInteger();
        QCOMPARE(http.get(u"/api/v1/events?since=%1"_s.arg(head)).status, 200); // resume from a snapshot
        QVERIFY(backend.terminate());
    }
};

QTEST_GUILESS_MAIN(TestEvents)
#include "test_Events.moc"
