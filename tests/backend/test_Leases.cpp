// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// The lease protocol of external workers (docs/workers.md) through a real taskmilld (api + scheduler, and a
// built-in executor that must leave external tasks alone) on private PostgreSQL and Redis: a long-poll that
// answers the moment a task arrives, priority order, complete / fail / retry / dead-letter, heartbeats, an
// expired lease reclaimed as the next attempt with the late worker fenced off (409 lease_lost), release
// without using an attempt, disabled handlers not leased, and bad requests named field by field.
#include "IntegrationHelpers.h"

#include <QHostAddress>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QUrl>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;
using namespace taskmill;
using namespace taskmill::test;

class TestLeases : public QObject
{
    Q_OBJECT
    TestServers m_servers;
    BackendProcess m_backend;
    TestHttp m_http;

    QJsonArray lease(const QStringList &types, int max = 1, int waitMs = 0, int leaseMs = 30000, const QString &worker = u"w1"_s)
    {
        const auto r = m_http.post(u"/api/v1/workers/lease"_s,
                                   QJsonValue(QJsonObject{{u"worker"_s, worker}, {u"types"_s, QJsonArray::fromStringList(types)},
                                                          {u"max"_s, max}, {u"wait_ms"_s, waitMs}, {u"lease_ms"_s, leaseMs}}));
        if (r.status != 200)
            qWarning() << "lease answered" << r.status << r.body;
        return r.obj().value(u"items"_s).toArray();
    }
    TestHttp::Reply on(const QJsonObject &leased, const QString &action, const QJsonObject &body = {})
    {
        return m_http.post(u"/api/v1/leases/%1/%2"_s.arg(leased.value(u"lease"_s).toString(), action), QJsonValue(body));
    }
    // Connections of the api role blocked in XREADGROUP: a worker's long-poll in flight (the executor's own
    // readers carry other client names).
    int blockedApiReads()
    {
        int n = 0;
        for (const QString &line : m_servers.redisCli({u"CLIENT"_s, u"LIST"_s}).split(u'\n'))
            if (line.contains(u" name=taskmill-api "_s) && line.contains(u"cmd=xreadgroup"_s)
                && line.contains(QRegularExpression(u" flags=\\S*b"_s)))
                ++n;
        return n;
    }
    QString status(const QString &id) { return m_http.get(u"/api/v1/tasks/"_s + id).obj().value(u"status"_s).toString(); }

private slots:
    void initTestCase()
    {
        auto started = m_servers.start();
        QVERIFY2(started, qPrintable(started ? QString() : started.error().message));
        // All roles: the built-in executor runs too and must not touch the external handlers' tasks.
        auto up = m_backend.start(backendArgs(m_servers, {u"--set"_s, u"retry.base_ms=50"_s, u"--set"_s, u"retry.max_ms=50"_s,
                                                          u"--set"_s, u"retry.jitter=0"_s}));
        QVERIFY2(up, qPrintable(up ? QString() : up.error().message));
        m_http.setBaseUrl(m_backend.baseUrl());
        for (const QString &name : {u"resize_image"_s, u"ocr"_s, u"paused.ext"_s})
            QCOMPARE(m_http.post(u"/api/v1/handlers"_s, QJsonValue(QJsonObject{{u"name"_s, name}})).status, 201);
    }
    void cleanupTestCase() { QVERIFY(m_backend.terminate()); }

    void a_long_poll_answers_when_a_task_arrives_and_complete_records_the_result()
    {
        auto poll = QtConcurrent::run([this] {
            TestHttp http;
            http.setBaseUrl(m_backend.baseUrl());
            return http.post(u"/api/v1/workers/lease"_s, QJsonValue(QJsonObject{{u"worker"_s, u"poller"_s},
                             {u"types"_s, QJsonArray{u"resize_image"_s}}, {u"wait_ms"_s, 20000}}));
        });
        const QString id = createTask(m_http, {{u"type"_s, u"resize_image"_s}, {u"payload"_s, QJsonObject{{u"path"_s, u"a.png"_s}}}});
        QElapsedTimer answered;
        answered.start();
        const auto reply = poll.result();
        QCOMPARE(reply.status, 200);
        QVERIFY2(answered.elapsed() < 10000, "the poll answered only at its end, not when the task arrived");
        const QJsonArray items = reply.obj().value(u"items"_s).toArray();
        QCOMPARE(items.size(), 1);
        const QJsonObject leased = items.first().toObject();
        QCOMPARE(leased.value(u"id"_s).toString(), id);
        QCOMPARE(leased.value(u"attempt"_s).toInt(), 1);
        QCOMPARE(leased.value(u"payload"_s).toObject().value(u"path"_s).toString(), u"a.png"_s);
        const QJsonObject running = m_http.get(u"/api/v1/tasks/"_s + id).obj();
        QCOMPARE(running.value(u"status"_s).toString(), u"IN_PROGRESS"_s);
        QCOMPARE(running.value(u"worker"_s).toString(), u"poller"_s);

        QCOMPARE(on(leased, u"heartbeat"_s, {{u"progress"_s, 40}, {u"message"_s, u"resizing"_s}}).status, 200);
        const QJsonObject progressed = m_http.get(u"/api/v1/tasks/"_s + id).obj();
        QCOMPARE(progressed.value(u"progress"_s).toInt(), 40);
        QCOMPARE(progressed.value(u"progress_message"_s).toString(), u"resizing"_s);
        QVERIFY(!progressed.value(u"lease_expires_at"_s).isNull());
        // The worker shows in the Monitor beside the executors, with its types and its running task.
        bool listed = false;
        for (const QJsonValue &v : m_http.get(u"/api/v1/stats"_s).obj().value(u"workers"_s).toArray()) {
            const QJsonObject w = v.toObject();
            if (w.value(u"consumer"_s).toString() != u"poller"_s)
                continue;
            listed = true;
            QCOMPARE(w.value(u"kind"_s).toString(), u"external"_s);
            QCOMPARE(w.value(u"types"_s).toArray(), QJsonArray{u"resize_image"_s});
            QCOMPARE(w.value(u"running"_s).toArray().size(), 1);
        }
        QVERIFY(listed);
        const auto done = on(leased, u"complete"_s, {{u"result"_s, QJsonObject{{u"thumb"_s, u"a.thumb.png"_s}}}});
        QCOMPARE(done.status, 200);
        QCOMPARE(done.obj().value(u"status"_s).toString(), u"COMPLETED"_s);
        const QJsonObject t = m_http.get(u"/api/v1/tasks/"_s + id).obj();
        QCOMPARE(t.value(u"result"_s).toObject().value(u"thumb"_s).toString(), u"a.thumb.png"_s);
        QCOMPARE(on(leased, u"complete"_s).status, 409); // the same lease twice: already recorded
        QCOMPARE(on(leased, u"complete"_s).obj().value(u"error"_s).toObject().value(u"code"_s).toString(), u"lease_lost"_s);
    }

    void priorities_come_first_and_types_are_kept_apart()
    {
        const QString low = createTask(m_http, {{u"type"_s, u"ocr"_s}, {u"priority"_s, u"LOW"_s}});
        const QString high = createTask(m_http, {{u"type"_s, u"ocr"_s}, {u"priority"_s, u"HIGH"_s}});
        const QString other = createTask(m_http, {{u"type"_s, u"resize_image"_s}, {u"priority"_s, u"HIGH"_s}});
        // `other` PENDING before any lease, so that PENDING after them means no ocr worker took it (PENDING
        // marks are written in groups by the DispatchThread: `low` marked says nothing about `other`).
        QTRY_COMPARE_WITH_TIMEOUT(status(low), u"PENDING"_s, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(status(other), u"PENDING"_s, 5000);
        const QJsonArray first = lease({u"ocr"_s}, 1);
        QCOMPARE(first.size(), 1);
        QCOMPARE(first.at(0).toObject().value(u"id"_s).toString(), high);
        const QJsonArray second = lease({u"ocr"_s}, 5);
        QCOMPARE(second.size(), 1);
        QCOMPARE(second.at(0).toObject().value(u"id"_s).toString(), low);
        QCOMPARE(status(other), u"PENDING"_s); // an ocr worker never sees resize_image tasks
        QCOMPARE(on(first.at(0).toObject(), u"complete"_s).status, 200);
        QCOMPARE(on(second.at(0).toObject(), u"complete"_s).status, 200);
        const QJsonArray third = lease({u"resize_image"_s});
        QCOMPARE(third.size(), 1);
        QCOMPARE(on(third.at(0).toObject(), u"complete"_s).status, 200);
    }

    void fail_retries_by_the_policy_or_dead_letters_at_once()
    {
        const QString flaky = createTask(m_http, {{u"type"_s, u"ocr"_s}, {u"max_attempts"_s, 3}});
        QJsonArray l = lease({u"ocr"_s}, 1, 5000);
        QCOMPARE(l.size(), 1);
        const auto failed = on(l.at(0).toObject(), u"fail"_s, {{u"error"_s, u"scanner busy"_s}, {u"retry"_s, true}});
        QCOMPARE(failed.status, 200);
        QCOMPARE(failed.obj().value(u"status"_s).toString(), u"RETRY_WAITING"_s);
        l = lease({u"ocr"_s}, 1, 10000); // due again after the 50 ms backoff, dispatched by the scheduler
        QCOMPARE(l.size(), 1);
        QCOMPARE(l.at(0).toObject().value(u"id"_s).toString(), flaky);
        QCOMPARE(l.at(0).toObject().value(u"attempt"_s).toInt(), 2);
        QCOMPARE(on(l.at(0).toObject(), u"complete"_s).status, 200);

        const QString doomed = createTask(m_http, {{u"type"_s, u"ocr"_s}, {u"max_attempts"_s, 5}});
        l = lease({u"ocr"_s}, 1, 5000);
        QCOMPARE(l.size(), 1);
        const auto dead = on(l.at(0).toObject(), u"fail"_s, {{u"error"_s, u"corrupt scan"_s}, {u"retry"_s, false}});
        QCOMPARE(dead.status, 200);
        QCOMPARE(dead.obj().value(u"status"_s).toString(), u"FAILED"_s);
        QCOMPARE(dead.obj().value(u"dead_lettered"_s).toBool(), true);
        const QJsonObject t = m_http.get(u"/api/v1/tasks/"_s + doomed).obj();
        QCOMPARE(t.value(u"error"_s).toString(), u"corrupt scan"_s);
        QCOMPARE(t.value(u"attempts"_s).toInt(), 1);
    }

    void an_expired_lease_is_reclaimed_and_the_late_worker_fenced_off()
    {
        const QString id = createTask(m_http, {{u"type"_s, u"ocr"_s}, {u"max_attempts"_s, 3}});
        const QJsonArray l = lease({u"ocr"_s}, 1, 5000, 1000, u"sleepy"_s);
        QCOMPARE(l.size(), 1);
        QElapsedTimer since;
        since.start();
        // No heartbeat: within lease_ms + 1 s the attempt counts as failed and the task is offered again.
        const QJsonArray again = lease({u"ocr"_s}, 1, 10000, 30000, u"awake"_s);
        QCOMPARE(again.size(), 1);
        QCOMPARE(again.at(0).toObject().value(u"id"_s).toString(), id);
        QCOMPARE(again.at(0).toObject().value(u"attempt"_s).toInt(), 2);
        QVERIFY2(since.elapsed() < 1000 + 1000 + 1000, qPrintable(u"reclaimed after %1 ms"_s.arg(since.elapsed())));
        const auto late = on(l.at(0).toObject(), u"complete"_s, {{u"result"_s, u"stale"_s}});
        QCOMPARE(late.status, 409);
        QCOMPARE(late.obj().value(u"error"_s).toObject().value(u"code"_s).toString(), u"lease_lost"_s);
        QCOMPARE(on(l.at(0).toObject(), u"heartbeat"_s).status, 409);
        QCOMPARE(on(again.at(0).toObject(), u"complete"_s, {{u"result"_s, u"fresh"_s}}).status, 200);
        const QJsonObject t = m_http.get(u"/api/v1/tasks/"_s + id).obj();
        QCOMPARE(t.value(u"result"_s).toString(), u"fresh"_s);
        QCOMPARE(t.value(u"attempts"_s).toInt(), 2);
    }

    void heartbeats_keep_a_lease_and_release_gives_it_back_without_an_attempt()
    {
        const QString id = createTask(m_http, {{u"type"_s, u"ocr"_s}});
        const QJsonArray l = lease({u"ocr"_s}, 1, 5000, 1000, u"hb-worker"_s);
        QCOMPARE(l.size(), 1);
        const auto seen = [this] {
            QString at;
            return m_servers.psql(u"SELECT extract(epoch FROM heartbeat_at) FROM workers WHERE consumer = 'hb-worker'"_s, &at)
                ? at.trimmed().toDouble() : -1.0;
        };
        const double leasedAt = seen();
        QVERIFY(leasedAt > 0);
        // Heartbeats every 300 ms for 2.5 lease times: the lease outlives its first end.
        QElapsedTimer held;
        held.start();
        while (held.elapsed() < 2500) {
            QCOMPARE(on(l.at(0).toObject(), u"heartbeat"_s).status, 200);
            QTest::qWait(300);
        }
        QCOMPARE(status(id), u"IN_PROGRESS"_s);
        // The heartbeats also kept the worker's row fresh (they once failed to: a NULL host broke the upsert).
        QVERIFY2(seen() > leasedAt + 1.5, qPrintable(u"heartbeat_at stayed at the lease's time"_s));
        const auto released = on(l.at(0).toObject(), u"release"_s);
        QCOMPARE(released.status, 200);
        QCOMPARE(released.obj().value(u"status"_s).toString(), u"PENDING"_s);
        const QJsonArray again = lease({u"ocr"_s}, 1, 5000);
        QCOMPARE(again.size(), 1);
        QCOMPARE(again.at(0).toObject().value(u"id"_s).toString(), id);
        QCOMPARE(again.at(0).toObject().value(u"attempt"_s).toInt(), 1); // the released attempt did not count
        QCOMPARE(on(again.at(0).toObject(), u"complete"_s).status, 200);
    }

    void a_worker_that_hangs_up_mid_poll_is_never_given_a_task()
    {
        // A long-poll sent on a raw socket that then closes: the server must notice and lease nothing to it.
        QCOMPARE(blockedApiReads(), 0);
        QTcpSocket raw;
        raw.connectToHost(QHostAddress::LocalHost, quint16(QUrl(m_backend.baseUrl()).port()));
        QVERIFY(raw.waitForConnected(5000));
        const QByteArray body = R"({"worker": "hangs-up", "types": ["resize_image"], "wait_ms": 20000})";
        raw.write("POST /api/v1/workers/lease HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                  "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
        QVERIFY(raw.waitForBytesWritten(5000));
        // The poll is in flight once an api connection blocks in XREADGROUP. It reads in slices with a look at
        // pauses and limits between them, so it is not blocked at every look: once seen is enough.
        bool polling = false;
        QTRY_VERIFY_WITH_TIMEOUT(polling = polling || blockedApiReads() > 0, 15000);
        raw.disconnectFromHost();
        raw.close();
        const QString id = createTask(m_http, {{u"type"_s, u"resize_image"_s}});
        const QJsonArray l = lease({u"resize_image"_s}, 1, 10000, 30000, u"stays"_s);
        QCOMPARE(l.size(), 1);
        QCOMPARE(l.at(0).toObject().value(u"id"_s).toString(), id);
        QCOMPARE(l.at(0).toObject().value(u"attempt"_s).toInt(), 1);
        QCOMPARE(on(l.at(0).toObject(), u"complete"_s).status, 200);
    }

    void disabled_handlers_are_not_leased_and_bad_requests_name_the_field()
    {
        QCOMPARE(m_http.put(u"/api/v1/handlers/paused.ext"_s, QJsonValue(QJsonObject{{u"enabled"_s, false}})).status, 200);
        const QString id = createTask(m_http, {{u"type"_s, u"paused.ext"_s}});
        QCOMPARE(lease({u"paused.ext"_s}, 1, 300).size(), 0);
        QCOMPARE(status(id), u"PENDING"_s);
        QCOMPARE(m_http.put(u"/api/v1/handlers/paused.ext"_s, QJsonValue(QJsonObject{{u"enabled"_s, true}})).status, 200);
        const QJsonArray l = lease({u"paused.ext"_s}, 1, 5000);
        QCOMPARE(l.size(), 1);
        QCOMPARE(on(l.at(0).toObject(), u"complete"_s).status, 200);

        const QList<QPair<QJsonObject, QString>> bad = {
            {{{u"types"_s, QJsonArray{u"ocr"_s}}}, u"worker"_s},
            {{{u"worker"_s, u"w"_s}, {u"types"_s, QJsonArray{}}}, u"types"_s},
            {{{u"worker"_s, u"w"_s}, {u"types"_s, QJsonArray{u"noop"_s}}}, u"types"_s}, // built-in: not leasable
            {{{u"worker"_s, u"w"_s}, {u"types"_s, QJsonArray{u"ocr"_s}}, {u"max"_s, 0}}, u"max"_s},
            {{{u"worker"_s, u"w"_s}, {u"types"_s, QJsonArray{u"ocr"_s}}, {u"wait_ms"_s, 600000}}, u"wait_ms"_s},
            {{{u"worker"_s, u"w"_s}, {u"types"_s, QJsonArray{u"ocr"_s}}, {u"lease_ms"_s, 10}}, u"lease_ms"_s},
        };
        for (const auto &[body, field] : bad) {
            const auto r = m_http.post(u"/api/v1/workers/lease"_s, QJsonValue(body));
            QCOMPARE(r.status, 422);
            QCOMPARE(r.obj().value(u"error"_s).toObject().value(u"field"_s).toString(), field);
        }
        QCOMPARE(m_http.post(u"/api/v1/leases/not-a-lease/complete"_s, QJsonValue(QJsonObject{})).status, 404);
    }
};

QTEST_GUILESS_MAIN(TestLeases)
#include "test_Leases.moc"
