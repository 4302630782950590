// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// One client's value can never fail or lose another's task, below the API's validation too: the grouped
// writer (in this process, on real PostgreSQL and Redis) and a real executor fed entries that bypass the
// api. Failures injected with PostgreSQL triggers show that each handled failure is logged, counted in
// /metrics and handled: retried, left pending, or left to the reconciler — never an acknowledged entry
// without its row.
#include "IntegrationHelpers.h"

#include "observability/Metrics.h"
#include "service/TaskWriter.h"
#include "store/Database.h"
#include "store/Migrator.h"
#include "store/Transaction.h"

#include <QFuture>

#include <memory>

using namespace Qt::StringLiterals;
using namespace taskmill;
using namespace taskmill::test;

namespace {

Task makeTask(const QString &title, const QJsonObject &payload = {})
{
    Task t;
    t.id = QUuid::createUuid();
    t.title = title;
    t.payload = payload;
    t.createdAt = QDateTime::currentDateTimeUtc();
    t.updatedAt = t.createdAt;
    t.traceId = newTraceId();
    t.spanId = newSpanId();
    return t;
}

QString idText(const Task &t)
{
    return t.id.toString(QUuid::WithoutBraces);
}

double metric(const QByteArray &body, const QString &sample)
{
    return metricSamples(body).value(sample, 0);
}

QString failures(const char *operation)
{
    return u"taskmill_handled_failures_total{operation=\"%1\"}"_s.arg(QLatin1String(operation));
}

// The document a "fast" entry carries (what TasksHandler puts in Redis).
QString entryDocument(const QString &id, const QString &title, const QString &payloadJson = u"{}"_s)
{
    return u"{\"id\":\"%1\",\"type\":\"noop\",\"title\":\"%2\",\"priority\":\"MEDIUM\",\"status\":\"NEW\","
           "\"payload\":%3,\"max_attempts\":3,\"created_at\":\"%4\"}"_s
        .arg(id, title, payloadJson, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
}

} // namespace

class TestWriteIsolation : public QObject
{
    Q_OBJECT
    std::unique_ptr<TestServers> m_servers;

    int rows(const QString &where) { return countRows(*m_servers, u"SELECT count(*) FROM tasks WHERE "_s + where); }

    // A trigger on tasks that fails every `operation` (INSERT or UPDATE) of a row matching `condition` (over
    // OLD/NEW) with SQLSTATE XX000 — not a value error — while the one-row table `fault` says active.
    // cleanup() drops both.
    bool injectFault(const QString &operation, const QString &condition)
    {
        return m_servers->psql(uR"(
            CREATE TABLE fault (active boolean NOT NULL);
            INSERT INTO fault VALUES (true);
            CREATE FUNCTION inject_fault() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF %2 AND (SELECT active FROM fault) THEN
                    RAISE EXCEPTION 'injected fault' USING ERRCODE = 'XX000';
                END IF;
                RETURN NEW;
            END $$;
            CREATE TRIGGER inject_fault BEFORE %1 ON tasks FOR EACH ROW EXECUTE FUNCTION inject_fault();)"_s
                                   .arg(operation, condition));
    }

    // An executor-only taskmilld with its /metrics on a free port.
    struct Executor
    {
        BackendProcess process;
        std::unique_ptr<TestHttp> metrics;
    };
    std::unique_ptr<Executor> startExecutor(const QStringList &extra = {})
    {
        auto e = std::make_unique<Executor>();
        const quint16 port = freePort();
        const QStringList args{u"--postgres"_s, m_servers->postgresUrl(), u"--redis"_s, m_servers->redisUrl(),
                               u"--role"_s, u"executor"_s, u"--set"_s, u"metrics.listen=127.0.0.1:%1"_s.arg(port)};
        auto up = e->process.start(args + extra, BackendProcess::Readiness::Ready);
        if (!up) {
            qWarning().noquote() << up.error().message;
            return nullptr;
        }
        e->metrics = std::make_unique<TestHttp>(QUrl(u"http://127.0.0.1:%1"_s.arg(port)));
        return e;
    }

private slots:
    void initTestCase()
    {
        m_servers = std::make_unique<TestServers>();
        auto started = m_servers->start();
        QVERIFY2(started, qPrintable(started ? QString() : started.error().message));
        auto params = DbParams::fromUrl(m_servers->postgresUrl());
        QVERIFY(params);
        Database database(*params, u"test"_s);
        auto db = database.connection();
        QVERIFY(db);
        auto migrated = Migrator(*db).migrate();
        QVERIFY2(migrated, qPrintable(migrated ? QString() : migrated.error().message));
        database.closeThreadConnection();
    }
    void cleanupTestCase() { m_servers.reset(); }
    void cleanup()
    {
        QVERIFY(m_servers->psql(u"DROP TABLE IF EXISTS fault CASCADE; DROP FUNCTION IF EXISTS inject_fault() CASCADE"_s));
    }

    // Values the API would refuse, handed straight to the writer in the same group as valid requests.
    void writer_fails_only_the_request_postgres_refuses()
    {
        auto params = DbParams::fromUrl(m_servers->postgresUrl());
        auto redis = RedisEndpoint::fromUrl(m_servers->redisUrl());
        QVERIFY(params && redis);
        TaskWriter writer(*params, *redis, "taskmill", 1000);
        writer.start();
        const double groupFailuresBefore = metric(Metrics::render(), failures("group_write"));

        QList<Task> valid, poisoned;
        QList<QFuture<std::optional<ApiError>>> validFutures, poisonedFutures;
        for (int i = 0; i < 300; ++i) {
            if (i % 30 == 7) {
                Task bad = i % 60 == 7 ? makeTask(u"nul \u0000 title"_s)
                                       : makeTask(u"surrogate"_s, QJsonObject{{u"k"_s, QString(QChar(0xd800))}});
                poisoned << bad;
                poisonedFutures << writer.submit({bad});
            } else {
                Task good = makeTask(u"valid %1"_s.arg(i), QJsonObject{{u"i"_s, i}});
                valid << good;
                validFutures << writer.submit({good});
            }
        }
        for (qsizetype i = 0; i < validFutures.size(); ++i) {
            const std::optional<ApiError> e = validFutures[i].result();
            QVERIFY2(!e, qPrintable(e ? e->message : QString()));
        }
        for (auto &f : poisonedFutures) {
            const std::optional<ApiError> e = f.result();
            QVERIFY(e);
            QVERIFY2(e->code == ErrorCode::Validation, qPrintable(e->message)); // the value's fault: a 422
        }
        QStringList ids;
        for (const Task &t : valid)
            ids << idText(t);
        QCOMPARE(rows(u"id IN ('%1')"_s.arg(ids.join(u"','"_s))), int(valid.size()));
        ids.clear();
        for (const Task &t : poisoned)
            ids << idText(t);
        QCOMPARE(rows(u"id IN ('%1')"_s.arg(ids.join(u"','"_s))), 0);
        // Submitted faster than one commit, the requests shared groups, and the poisoned groups were split.
        QVERIFY(metric(Metrics::render(), failures("group_write")) > groupFailuresBefore);
        writer.stop();
        writer.wait();
    }

    // "fast" tasks were acknowledged before PostgreSQL saw them: the one PostgreSQL refuses is kept in the
    // dead-letter queue with the reason; its neighbours are stored normally.
    void writer_dead_letters_an_acknowledged_fast_task_postgres_refuses()
    {
        auto params = DbParams::fromUrl(m_servers->postgresUrl());
        auto redis = RedisEndpoint::fromUrl(m_servers->redisUrl());
        TaskWriter writer(*params, *redis, "writer-test", 1000);
        writer.start();
        const Task good = makeTask(u"fast neighbour"_s);
        const Task bad = makeTask(u"fast \u0000 poison"_s, QJsonObject{{u"k"_s, u"v"_s}});
        writer.submitDispatched({good, bad}, {"1-1", "1-2"});
        const Task alone = makeTask(u"fast alone"_s);
        writer.submitDispatched({alone}, {"1-3"});
        QTRY_COMPARE_WITH_TIMEOUT(rows(u"id = '%1' AND status = 'FAILED' AND dead_lettered_at IS NOT NULL "
                                       "AND error LIKE 'could not be stored as sent%'"_s.arg(idText(bad))),
                                  1, 10000);
        QCOMPARE(rows(u"id IN ('%1', '%2')"_s.arg(idText(good), idText(alone))), 2);
        // What could be stored was: the title with U+FFFD, the original payload kept in base64.
        QString out;
        QVERIFY(m_servers->psql(u"SELECT title, payload->>'unstorable_payload_base64' FROM tasks WHERE id = '%1'"_s.arg(idText(bad)), &out));
        QCOMPARE(out, u"fast \uFFFD poison|"_s + QString::fromLatin1(QByteArray(R"({"k":"v"})").toBase64()));
        QCOMPARE(countRows(*m_servers, u"SELECT count(*) FROM task_history WHERE task_id = '%1' AND to_status = 'FAILED'"_s.arg(idText(bad))), 1);
        writer.stop();
        writer.wait();
    }

    // An entry that bypassed the api entirely (another producer, an old client) with a poisoned task:
    // the executor stores it in the dead-letter queue before it acknowledges the entry.
    void executor_dead_letters_a_poisoned_fast_entry_before_acking_it()
    {
        const QString good = QUuid::createUuid().toString(QUuid::WithoutBraces);
        const QString bad = QUuid::createUuid().toString(QUuid::WithoutBraces);
        m_servers->redisCli({u"XADD"_s, u"taskmill:tasks:medium"_s, u"*"_s, u"id"_s, bad, u"task"_s,
                             entryDocument(bad, u"poisoned entry"_s, uR"({"k":"\ud800"})"_s)});
        m_servers->redisCli({u"XADD"_s, u"taskmill:tasks:medium"_s, u"*"_s, u"id"_s, good, u"task"_s,
                             entryDocument(good, u"good entry"_s)});
        auto exec = startExecutor();
        QVERIFY(exec);
        QTRY_COMPARE_WITH_TIMEOUT(rows(u"id = '%1' AND status = 'COMPLETED'"_s.arg(good)), 1, 15000);
        QTRY_COMPARE_WITH_TIMEOUT(rows(u"id = '%1' AND status = 'FAILED' AND dead_lettered_at IS NOT NULL "
                                       "AND error LIKE 'could not be stored as sent%'"_s.arg(bad)),
                                  1, 15000);
        // Both entries acknowledged (and deleted) only now that both rows exist.
        QTRY_COMPARE_WITH_TIMEOUT(m_servers->redisCli({u"XLEN"_s, u"taskmill:tasks:medium"_s}), u"0"_s, 10000);
        QVERIFY(metric(exec->metrics->get(u"/metrics"_s).body, failures("quarantined")) >= 1);
        QVERIFY(exec->process.terminate());
    }

    // PostgreSQL refuses the row for another reason (here an injected error, as a full disk or a failing
    // trigger would): the entry stays pending and unacknowledged, the failure is counted, and once the
    // fault is gone the task is written and runs.
    void executor_keeps_an_entry_pending_while_its_row_cannot_be_written()
    {
        QVERIFY(injectFault(u"INSERT"_s, u"NEW.title = 'blocked row'"_s));
        const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        m_servers->redisCli({u"XADD"_s, u"taskmill:tasks:low"_s, u"*"_s, u"id"_s, id, u"task"_s, entryDocument(id, u"blocked row"_s)});
        // A short visibility timeout: the entry left pending is reclaimed (and tried again) within seconds.
        auto exec = startExecutor({u"--set"_s, u"executor.visibility_timeout_ms=1500"_s});
        QVERIFY(exec);
        QTRY_VERIFY_WITH_TIMEOUT(metric(exec->metrics->get(u"/metrics"_s).body, failures("materialize_fast")) >= 2, 15000);
        // Still pending in the group (delivered, not acknowledged), and no row.
        QVERIFY(m_servers->redisCli({u"XPENDING"_s, u"taskmill:tasks:low"_s, u"taskmill:executors"_s}).startsWith(u"1\n"_s));
        QCOMPARE(rows(u"id = '%1'"_s.arg(id)), 0);
        QVERIFY(m_servers->psql(u"UPDATE fault SET active = false"_s));
        QTRY_COMPARE_WITH_TIMEOUT(rows(u"id = '%1' AND status = 'COMPLETED'"_s.arg(id)), 1, 15000);
        QTRY_COMPARE_WITH_TIMEOUT(m_servers->redisCli({u"XLEN"_s, u"taskmill:tasks:low"_s}), u"0"_s, 10000);
        QVERIFY(exec->process.terminate());
    }

    // A claim PostgreSQL refuses is retried with backoff and counted; the entry stays ours meanwhile.
    void failed_claim_is_retried_and_counted()
    {
        QVERIFY(injectFault(u"UPDATE"_s, u"NEW.status = 'IN_PROGRESS' AND NEW.title = 'claim me'"_s));
        // A durable task: its row exists before its entry, so the first step the executor takes is the claim.
        const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        QVERIFY(m_servers->psql(u"INSERT INTO tasks (id, title, status) VALUES ('%1', 'claim me', 'NEW')"_s.arg(id)));
        m_servers->redisCli({u"XADD"_s, u"taskmill:tasks:high"_s, u"*"_s, u"id"_s, id});
        auto exec = startExecutor();
        QVERIFY(exec);
        QTRY_VERIFY_WITH_TIMEOUT(metric(exec->metrics->get(u"/metrics"_s).body, failures("claim")) >= 2, 15000);
        QCOMPARE(rows(u"id = '%1' AND status IN ('NEW', 'PENDING')"_s.arg(id)), 1);
        QVERIFY(m_servers->psql(u"UPDATE fault SET active = false"_s));
        QTRY_COMPARE_WITH_TIMEOUT(rows(u"id = '%1' AND status = 'COMPLETED'"_s.arg(id)), 1, 15000);
        QVERIFY(exec->process.terminate());
    }

    // The api's PENDING mark fails after the entry was written: counted, and the task still runs (the
    // claim accepts NEW).
    void failed_pending_mark_is_counted_and_the_task_still_runs()
    {
        QVERIFY(injectFault(u"UPDATE"_s, u"OLD.status = 'NEW' AND NEW.status = 'PENDING'"_s));
        BackendProcess api;
        auto up = api.start(backendArgs(*m_servers, {u"--role"_s, u"api"_s}));
        QVERIFY2(up, qPrintable(up ? QString() : up.error().message));
        TestHttp http(api.baseUrl());
        const QString id = createTask(http, QJsonObject{{u"title"_s, u"unmarked"_s}});
        QVERIFY(!id.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(metric(http.get(u"/metrics"_s).body, failures("mark_dispatched")) >= 1, 10000);
        QCOMPARE(rows(u"id = '%1' AND status = 'NEW' AND stream_entry IS NULL"_s.arg(id)), 1);
        QVERIFY(api.log().contains(u"could not mark"_s));
        auto exec = startExecutor();
        QVERIFY(exec);
        QCOMPARE(waitForStatus(http, id, u"COMPLETED"_s).value(u"status"_s).toString(), u"COMPLETED"_s);
        QVERIFY(exec->process.terminate());
        QVERIFY(api.terminate());
    }

    // A session PostgreSQL ends while it is idle (a restart, pg_terminate_backend) is replaced before use; one that
    // a transaction of this thread holds is never replaced underneath it: its statements fail and it cannot commit,
    // so no half of it lands outside the transaction.
    void a_closed_connection_is_reopened_only_outside_a_transaction()
    {
        auto params = DbParams::fromUrl(m_servers->postgresUrl());
        QVERIFY(params);
        Database database(*params, u"reopen"_s);
        const auto backendPid = [](QSqlDatabase &db) {
            QSqlQuery q(db);
            return q.exec(u"SELECT pg_backend_pid()"_s) && q.next() ? q.value(0).toInt() : -1;
        };
        const auto terminate = [this](int pid) {
            return m_servers->psql(u"SELECT pg_terminate_backend(%1)"_s.arg(pid))
                && QTest::qWaitFor([&] { return countRows(*m_servers, u"SELECT count(*) FROM pg_stat_activity WHERE pid = %1"_s.arg(pid)) == 0; }, 10000);
        };
        auto db = database.connection();
        QVERIFY(db);
        const int first = backendPid(*db);
        QVERIFY(first > 0);
        QVERIFY(terminate(first));
        auto again = database.connection();
        QVERIFY(again);
        const int second = backendPid(*again);
        QVERIFY2(second > 0 && second != first, qPrintable(u"%1 then %2"_s.arg(first).arg(second)));

        {
            auto held = database.connection();
            QVERIFY(held);
            Transaction tx(*held);
            QVERIFY(tx.isActive());
            QSqlQuery write(*held);
            QVERIFY(write.exec(u"CREATE TEMP TABLE half (n int); INSERT INTO half VALUES (1)"_s));
            QVERIFY(terminate(second));
            auto nested = database.connection(); // a helper asking for the connection inside the transaction
            QVERIFY(nested);
            QSqlQuery more(*nested);
            QVERIFY2(!more.exec(u"SELECT 1"_s), "the transaction's connection was swapped underneath it");
            QVERIFY(!tx.commit());
        }
        auto after = database.connection();
        QVERIFY(after);
        QVERIFY(backendPid(*after) > 0);
        database.closeThreadConnection();
    }
};

QTEST_GUILESS_MAIN(TestWriteIsolation)
#include "test_WriteIsolation.moc"
