// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// Chaos: 20,000 tasks of mixed priorities (some fail a few times, some fail for good, some sleep) drain
// through three executor processes that are kill -9'd and restarted over and over, while Redis and then
// PostgreSQL are restarted once. Afterwards every task must be finished or dead-lettered, none lost, none
// completed twice, and every task's attempt count must match its history.
#include "IntegrationHelpers.h"

#include <QRandomGenerator>

#include <array>

using namespace Qt::StringLiterals;
using namespace taskmill::test;

namespace {
constexpr int TaskCount = 20'000;
constexpr int Executors = 3;
} // namespace

class TestChaos : public QObject
{
    Q_OBJECT
    TestServers m_servers{TestServersOptions{false, true, {}}}; // Redis with AOF: a restart keeps the streams
    BackendProcess m_api;
    TestHttp m_http;
    std::array<BackendProcess, Executors> m_executors;
    int m_generation = 0;
    int m_expectedDeadLetters = 0;

    QStringList executorArgs(int slot)
    {
        // A new consumer name per start exercises XAUTOCLAIM; reusing one (every third start) exercises
        // "resume own pending entries".
        const int gen = ++m_generation;
        const QString consumer = gen % 3 == 0 ? u"chaos-%1"_s.arg(slot) : u"chaos-%1-%2"_s.arg(slot).arg(gen);
        return {u"--postgres"_s, m_servers.postgresUrl(), u"--redis"_s, m_servers.redisUrl(), u"--role"_s, u"executor"_s,
                u"--workers"_s, u"8"_s, u"--set"_s, u"executor.visibility_timeout_ms=2000"_s,
                u"--set"_s, u"executor.consumer="_s + consumer};
    }
    int sql(const QString &q) { return countRows(m_servers, q); }

    void enqueue(int from, int to)
    {
        auto *rng = QRandomGenerator::global();
        for (int start = from; start < to; start += 1000) {
            QJsonArray items;
            for (int i = start; i < std::min(to, start + 1000); ++i) {
                static const QStringList priorities{u"LOW"_s, u"MEDIUM"_s, u"HIGH"_s};
                QJsonObject t{{u"title"_s, u"chaos %1"_s.arg(i)}, {u"priority"_s, priorities.at(rng->bounded(3))},
                              {u"retry_policy"_s, QJsonObject{{u"strategy"_s, u"constant"_s}, {u"base_ms"_s, 100}, {u"max_ms"_s, 100}}}};
                const int kind = rng->bounded(100);
                if (kind < 10) { // flaky: fails 1–2 times, then succeeds within its 4 attempts
                    t.insert(u"type"_s, u"fail"_s);
                    t.insert(u"max_attempts"_s, 4);
                    t.insert(u"payload"_s, QJsonObject{{u"times"_s, 1 + rng->bounded(2)}});
                } else if (kind < 15) { // fails for good: two attempts, then the DLQ
                    t.insert(u"type"_s, u"fail"_s);
                    t.insert(u"max_attempts"_s, 2);
                    t.insert(u"payload"_s, QJsonObject{{u"message"_s, u"permanent chaos failure"_s}});
                    ++m_expectedDeadLetters;
                } else if (kind < 30) {
                    t.insert(u"type"_s, u"sleep"_s);
                    t.insert(u"max_attempts"_s, 20); // kills may eat attempts; enough to finish
                    t.insert(u"payload"_s, QJsonObject{{u"ms"_s, 5 + rng->bounded(45)}});
                } else {
                    t.insert(u"max_attempts"_s, 20);
                }
                items.append(t);
            }
            const auto r = m_http.post(u"/api/v1/tasks/batch"_s, QJsonValue(items));
            QCOMPARE(r.status, 201);
        }
    }

private slots:
    void initTestCase()
    {
        auto started = m_servers.start();
        QVERIFY2(started, qPrintable(started ? QString() : started.error().message));
        auto up = m_api.start(backendArgs(m_servers, {u"--role"_s, u"api,scheduler"_s,
                                                      u"--set"_s, u"scheduler.reconcile_age_ms=1000"_s,
                                                      u"--set"_s, u"executor.visibility_timeout_ms=2000"_s}));
        QVERIFY2(up, qPrintable(up ? QString() : up.error().message));
        m_http.setBaseUrl(m_api.baseUrl());
        m_http.setTimeout(60000);
    }
    void cleanupTestCase()
    {
        for (auto &e : m_executors)
            e.kill();
        QVERIFY(m_api.terminate(20000));
    }

    void nothing_is_lost_or_done_twice_under_kills_and_restarts()
    {
        enqueue(0, TaskCount / 2);
        for (int i = 0; i < Executors; ++i)
            QVERIFY(m_executors[size_t(i)].start(executorArgs(i), BackendProcess::Readiness::Ready));
        enqueue(TaskCount / 2, TaskCount);

        QElapsedTimer clock;
        clock.start();
        bool redisRestarted = false, postgresRestarted = false;
        int kills = 0;
        auto *rng = QRandomGenerator::global();
        const QString unfinished = u"SELECT count(*) FROM tasks WHERE status NOT IN ('COMPLETED','FAILED','CANCELLED')"_s;
        // Faults are paced by randomised pauses: load shaping, not synchronisation. What must be back before the
        // next step is waited for: a restarted executor until it is ready, a restarted server until the api's
        // /health sees it again.
        const auto serversUp = [this] {
            const QJsonObject health = m_http.get(u"/health"_s).obj();
            return health.value(u"postgres"_s).toString() == u"up" && health.value(u"redis"_s).toString() == u"up";
        };
        while (clock.elapsed() < 240'000) {
            QTest::qWait(700 + int(rng->bounded(800)));
            const int slot = int(rng->bounded(Executors));
            m_executors[size_t(slot)].kill();
            ++kills;
            QVERIFY(m_executors[size_t(slot)].start(executorArgs(slot), BackendProcess::Readiness::Ready, 60000));
            if (!redisRestarted && clock.elapsed() > 4000) {
                m_servers.redis().stop();
                QTest::qWait(500); // the outage's length (load shaping)
                QVERIFY(m_servers.redis().start());
                QTRY_VERIFY_WITH_TIMEOUT(serversUp(), 30'000);
                redisRestarted = true;
                qInfo("chaos: Redis restarted at %lld ms", clock.elapsed());
            } else if (redisRestarted && !postgresRestarted && clock.elapsed() > 9000) {
                m_servers.postgres().stop();
                QTest::qWait(500); // the outage's length (load shaping)
                QVERIFY(m_servers.postgres().start());
                QTRY_VERIFY_WITH_TIMEOUT(serversUp(), 30'000);
                postgresRestarted = true;
                qInfo("chaos: PostgreSQL restarted at %lld ms", clock.elapsed());
            }
            if (postgresRestarted && clock.elapsed() > 20'000 && sql(unfinished) == 0)
                break;
        }
        // Calm: let the survivors finish what is left.
        QTRY_COMPARE_WITH_TIMEOUT(sql(unfinished), 0, 120'000);

        const int total = sql(u"SELECT count(*) FROM tasks"_s);
        const int completed = sql(u"SELECT count(*) FROM tasks WHERE status = 'COMPLETED'"_s);
        const int deadLettered = sql(u"SELECT count(*) FROM tasks WHERE status = 'FAILED' AND dead_lettered_at IS NOT NULL"_s);
        const int failedOutsideDlq = sql(u"SELECT count(*) FROM tasks WHERE status = 'FAILED' AND dead_lettered_at IS NULL"_s);
        const int completedTwice = sql(u"SELECT count(*) FROM (SELECT task_id FROM task_history WHERE to_status = 'COMPLETED' "
                                       "GROUP BY task_id HAVING count(*) > 1) d"_s);
        const int attemptsMismatch = sql(u"SELECT count(*) FROM tasks t WHERE t.attempts <> (SELECT count(*) FROM task_history h "
                                         "WHERE h.task_id = t.id AND h.to_status = 'IN_PROGRESS')"_s);
        const int retried = sql(u"SELECT count(DISTINCT task_id) FROM task_history WHERE to_status = 'RETRY_WAITING'"_s);
        const int reclaimed = sql(u"SELECT count(*) FROM tasks WHERE attempts > 1 AND type <> 'fail'"_s);
        qInfo("chaos: %d tasks, %d completed, %d dead-lettered (expected %d), %d retried, %d re-run after a kill; "
              "%d executor kills in %lld s",
              total, completed, deadLettered, m_expectedDeadLetters, retried, reclaimed, kills, clock.elapsed() / 1000);

        QCOMPARE(total, TaskCount);
        QCOMPARE(completed + deadLettered, TaskCount);
        QCOMPARE(failedOutsideDlq, 0);
        QCOMPARE(completedTwice, 0);
        QCOMPARE(attemptsMismatch, 0);
        // Only the tasks built to fail for good may be in the DLQ; a kill may also exhaust a flaky task's
        // attempts, so the DLQ holds at least the permanent ones and only failing tasks.
        QVERIFY(deadLettered >= m_expectedDeadLetters);
        QCOMPARE(sql(u"SELECT count(*) FROM tasks WHERE dead_lettered_at IS NOT NULL AND type <> 'fail'"_s), 0);
        QVERIFY(kills >= 5);
        QVERIFY(redisRestarted && postgresRestarted);
    }
};

QTEST_GUILESS_MAIN(TestChaos)
#include "test_Chaos.moc"
