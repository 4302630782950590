// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// Retention (docs/operations.md): a real taskmilld (all roles) on private PostgreSQL and Redis removes
// finished tasks once they finished longer ago than their status's period, with their history and search
// documents, and leaves everything else alone: tasks still inside the period, unfinished tasks however old,
// and statuses whose period is 0 (kept forever). Finishing times are moved into the past with SQL, so the
// test waits on the scheduler's pass, never on the clock.
#include "IntegrationHelpers.h"

using namespace Qt::StringLiterals;
using namespace taskmill;
using namespace taskmill::test;

class TestRetention : public QObject
{
    Q_OBJECT
    TestServers m_servers;
    BackendProcess m_backend;
    TestHttp m_http;

    int rows(const QString &sql) { return countRows(m_servers, sql); }
    static QString idList(const QStringList &ids) { return u"'"_s + ids.join(u"','"_s) + u"'"_s; }
    bool finishedAgo(const QStringList &ids, const QString &interval)
    {
        return m_servers.psql(u"UPDATE tasks SET completed_at = now() - interval '%1' WHERE id IN (%2)"_s
                                  .arg(interval, idList(ids)));
    }
    int present(const QStringList &ids) { return rows(u"SELECT count(*) FROM tasks WHERE id IN (%1)"_s.arg(idList(ids))); }

private slots:
    void initTestCase()
    {
        auto started = m_servers.start();
        QVERIFY2(started, qPrintable(started ? QString() : started.error().message));
        auto up = m_backend.start(backendArgs(m_servers, {u"--set"_s, u"retention.completed=1h"_s, u"--set"_s,
                                                          u"retention.failed=2h"_s, u"--set"_s, u"retention.cancelled=0"_s,
                                                          u"--set"_s, u"retention.interval_ms=100"_s, u"--set"_s,
                                                          u"retention.batch=2"_s}));
        QVERIFY2(up, qPrintable(up ? QString() : up.error().message));
        m_http.setBaseUrl(m_backend.baseUrl());
    }
    void cleanupTestCase() { QVERIFY(m_backend.terminate()); }

    void ended_bulk_operations_leave_after_the_completed_period()
    {
        const auto insert = [this](const QString &id, const QString &state, const QString &finishedAgo) {
            return m_servers.psql(u"INSERT INTO bulk_operations (id, action, state, filter, expected, owner, actor, finished_at) "
                                  "VALUES ('%1', 'cancel', '%2', '{}', 0, 'test', 'test', %3)"_s
                                      .arg(id, state, finishedAgo.isEmpty() ? u"NULL"_s : u"now() - interval '%1'"_s.arg(finishedAgo)));
        };
        const QString old = QUuid::createUuid().toString(QUuid::WithoutBraces);
        const QString recent = QUuid::createUuid().toString(QUuid::WithoutBraces);
        const QString running = QUuid::createUuid().toString(QUuid::WithoutBraces);
        // The operation and its task row go in one transaction: the retention pass runs every 100 ms and may
        // remove the ended operation before a second statement could reference it.
        QVERIFY(m_servers.psql(u"WITH op AS (INSERT INTO bulk_operations (id, action, state, filter, expected, owner, "
                               "actor, finished_at) VALUES ('%1', 'cancel', 'completed', '{}', 0, 'test', 'test', "
                               "now() - interval '2 hours') RETURNING id) "
                               "INSERT INTO bulk_operation_tasks SELECT id, gen_random_uuid() FROM op"_s.arg(old)));
        QVERIFY(insert(recent, u"stopped"_s, u"10 minutes"_s));
        QVERIFY(insert(running, u"running"_s, QString()));
        QTRY_COMPARE_WITH_TIMEOUT(rows(u"SELECT count(*) FROM bulk_operations WHERE id = '%1'"_s.arg(old)), 0, 10000);
        QCOMPARE(rows(u"SELECT count(*) FROM bulk_operation_tasks WHERE operation_id = '%1'"_s.arg(old)), 0);
        QCOMPARE(rows(u"SELECT count(*) FROM bulk_operations WHERE id IN ('%1', '%2')"_s.arg(recent, running)), 2);
    }

    void expired_tasks_leave_with_their_history_and_search_documents()
    {
        QStringList completed, failed, cancelled;
        for (int i = 0; i < 7; ++i)
            completed << createTask(m_http, {{u"title"_s, u"retained %1"_s.arg(i)}});
        for (int i = 0; i < 2; ++i)
            failed << createTask(m_http, {{u"type"_s, u"fail"_s}, {u"max_attempts"_s, 1}});
        const QString runAt = QDateTime::currentDateTimeUtc().addSecs(3600).toString(Qt::ISODate);
        for (int i = 0; i < 2; ++i) {
            cancelled << createTask(m_http, {{u"run_at"_s, runAt}});
            QCOMPARE(m_http.del(u"/api/v1/tasks/"_s + cancelled.last()).status, 200);
        }
        const QString postponed = createTask(m_http, {{u"run_at"_s, runAt}, {u"title"_s, u"waits"_s}});
        for (const QString &id : std::as_const(completed))
            QCOMPARE(waitForStatus(m_http, id, u"COMPLETED"_s).value(u"status"_s).toString(), u"COMPLETED"_s);
        for (const QString &id : std::as_const(failed))
            QCOMPARE(waitForStatus(m_http, id, u"FAILED"_s).value(u"status"_s).toString(), u"FAILED"_s);
        QVERIFY(searchIndexed(m_servers));
        const QStringList expired = completed.mid(0, 5); // more than one batch of 2: several statements
        QVERIFY(rows(u"SELECT count(*) FROM task_history WHERE task_id IN (%1)"_s.arg(idList(expired))) > 0);

        // 90 minutes ago: past COMPLETED's hour, inside FAILED's two hours; CANCELLED is kept forever.
        QVERIFY(finishedAgo(expired + failed.mid(0, 1) + cancelled, u"90 minutes"_s));
        QVERIFY(m_servers.psql(u"UPDATE tasks SET created_at = now() - interval '30 days' WHERE id = '%1'"_s.arg(postponed)));
        QTRY_COMPARE_WITH_TIMEOUT(present(expired), 0, 10000);
        QCOMPARE(rows(u"SELECT count(*) FROM task_history WHERE task_id IN (%1)"_s.arg(idList(expired))), 0);
        QCOMPARE(rows(u"SELECT count(*) FROM task_search WHERE task_id IN (%1)"_s.arg(idList(expired))), 0);
        QCOMPARE(m_http.get(u"/api/v1/tasks/"_s + expired.first()).status, 404);
        QCOMPARE(present(completed.mid(5)), 2);   // finished just now
        QCOMPARE(present(failed), 2);             // 90 minutes is inside FAILED's period
        QCOMPARE(present(cancelled), 2);          // retention.cancelled=0
        QCOMPARE(present({postponed}), 1);        // unfinished, however old
        QCOMPARE(rows(u"SELECT count(*) FROM task_history WHERE task_id = '%1'"_s.arg(completed.last())) > 0, true);

        // Past FAILED's period too: the dead letter goes, its twin that failed just now stays.
        QVERIFY(finishedAgo(failed.mid(0, 1), u"3 hours"_s));
        QTRY_COMPARE_WITH_TIMEOUT(present(failed.mid(0, 1)), 0, 10000);
        QCOMPARE(present(failed.mid(1)), 1);

        const auto metrics = metricSamples(m_http.get(u"/metrics"_s).body);
        QCOMPARE(metrics.value(u"taskmill_tasks_expired_total{status=\"completed\"}"_s), 5.0);
        QCOMPARE(metrics.value(u"taskmill_tasks_expired_total{status=\"failed\"}"_s), 1.0);
        QVERIFY(!metrics.contains(u"taskmill_tasks_expired_total{status=\"cancelled\"}"_s));
    }
};

QTEST_GUILESS_MAIN(TestRetention)
#include "test_Retention.moc"
