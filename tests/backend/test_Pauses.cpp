// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// Pausing and resuming a priority or a task type (docs/api.md, "Pausing a priority or a type") through a real
// taskmilld (every role, two workers, a fast reconciler) on private PostgreSQL and Redis: queued and already
// dispatched tasks of a paused priority or type stay queued without an attempt while other work runs, and run
// once resumed; the reconciler leaves parked tasks alone; an external worker's lease skips paused work; pauses
// are audited, exported as metrics, shown in the stats, pushed to WebSocket clients and survive a restart; bad
// names are refused naming the field, and only operators and admins may pause.
#include "IntegrationHelpers.h"

#include <QWebSocket>

using namespace Qt::StringLiterals;
using namespace taskmill::test;

namespace {
// Long enough that the workers stay busy for the whole test unless cancelled (they are, by release()).
constexpr int BlockerMs = 120'000;
// The reconciler of this backend: every 100 ms, for tasks untouched for 300 ms, so a test sees many passes.
const QString ReconcileIntervalMs = u"100"_s;
const QString ReconcileAgeMs = u"300"_s;
const QString ExternalType = u"ext.pausable"_s;
} // namespace

class TestPauses : public QObject
{
    Q_OBJECT
    TestServers m_servers;
    BackendProcess m_backend;
    TestHttp m_http;

    QStringList args() const
    {
        return backendArgs(m_servers, {u"--workers"_s, u"2"_s, u"--set"_s, u"scheduler.reconcile_interval_ms="_s + ReconcileIntervalMs,
                                       u"--set"_s, u"scheduler.reconcile_age_ms="_s + ReconcileAgeMs});
    }
    QJsonObject task(const QString &id) { return m_http.get(u"/api/v1/tasks/"_s + id).obj(); }
    QString status(const QString &id) { return task(id).value(u"status"_s).toString(); }
    QStringList create(int n, const QJsonObject &body)
    {
        QStringList ids;
        for (int i = 0; i < n; ++i)
            ids << createTask(m_http, body);
        return ids;
    }
    TestHttp::Reply pauseRequest(const QString &method, const QString &path) { return m_http.send(method.toLatin1(), path); }

    // Two long sleeps take both workers: what is created next is dispatched (PENDING, in its stream) but not read.
    QStringList occupyWorkers()
    {
        const QStringList blockers = create(2, {{u"type"_s, u"sleep"_s}, {u"priority"_s, u"HIGH"_s},
                                                {u"payload"_s, QJsonObject{{u"ms"_s, BlockerMs}}}});
        const bool running = QTest::qWaitFor([&] {
            return std::all_of(blockers.cbegin(), blockers.cend(), [&](const QString &id) { return status(id) == u"IN_PROGRESS"; });
        }, 10'000);
        if (!running)
            qWarning() << "the blockers did not start";
        return blockers;
    }
    void release(const QStringList &blockers)
    {
        for (const QString &id : blockers)
            QCOMPARE(m_http.del(u"/api/v1/tasks/"_s + id).status, 200);
    }
    bool allIn(const QStringList &ids, const QString &wanted, int timeoutMs = 10'000)
    {
        return QTest::qWaitFor([&] {
            return std::all_of(ids.cbegin(), ids.cend(), [&](const QString &id) { return status(id) == wanted; });
        }, timeoutMs);
    }
    // The executor had free workers and read the unpaused streams since now: a fresh noop completes, twice (the
    // second created after the first ran, so at least one whole fetch round passed with the held tasks ready).
    void executorRanMeanwhile(const QString &priority)
    {
        for (int round = 0; round < 2; ++round) {
            const QString probe = createTask(m_http, {{u"type"_s, u"noop"_s}, {u"priority"_s, priority}});
            QCOMPARE(waitForStatus(m_http, probe, u"COMPLETED"_s).value(u"status"_s).toString(), u"COMPLETED"_s);
        }
    }
    // Queued, no attempt counted, never started.
    void verifyHeld(const QStringList &ids)
    {
        for (const QString &id : ids) {
            const QJsonObject t = task(id);
            const QString s = t.value(u"status"_s).toString();
            QVERIFY2(s == u"PENDING" || s == u"NEW", qPrintable(id + u' ' + s));
            QCOMPARE(t.value(u"attempts"_s).toInt(), 0);
            for (const QJsonValue &h : m_http.get(u"/api/v1/tasks/%1/history"_s.arg(id)).obj().value(u"items"_s).toArray())
                QVERIFY2(h.toObject().value(u"to_status"_s).toString() != u"IN_PROGRESS", qPrintable(id));
        }
    }
    QString idList(const QStringList &ids) const { return u"'"_s + ids.join(u"','"_s) + u"'"_s; }
    QString sql(const QString &query)
    {
        QString out;
        m_servers.psql(query, &out);
        return out.trimmed();
    }

private slots:
    void initTestCase()
    {
        auto started = m_servers.start();
        QVERIFY2(started, qPrintable(started ? QString() : started.error().message));
        auto up = m_backend.start(args());
        QVERIFY2(up, qPrintable(up ? QString() : up.error().message));
        m_http.setBaseUrl(m_backend.baseUrl());
        QCOMPARE(m_http.post(u"/api/v1/handlers"_s, QJsonValue(QJsonObject{{u"name"_s, ExternalType}})).status, 201);
    }
    void cleanupTestCase() { QVERIFY(m_backend.terminate()); }

    void a_paused_priority_holds_queued_and_dispatched_tasks_while_others_run()
    {
        const QStringList blockers = occupyWorkers();
        const QStringList low = create(3, {{u"type"_s, u"noop"_s}, {u"priority"_s, u"LOW"_s}});
        QVERIFY(allIn(low, u"PENDING"_s)); // in the LOW stream before the pause
        const auto paused = pauseRequest(u"PUT"_s, u"/api/v1/queues/low/pause"_s);
        QCOMPARE(paused.status, 200);
        QCOMPARE(paused.obj().value(u"name"_s).toString(), u"LOW"_s);
        QCOMPARE(paused.obj().value(u"scope"_s).toString(), u"priority"_s);
        QCOMPARE(paused.obj().value(u"paused"_s).toBool(), true);
        QCOMPARE(paused.obj().value(u"paused_by"_s).toString(), u"local"_s);
        const QStringList later = create(2, {{u"type"_s, u"noop"_s}, {u"priority"_s, u"LOW"_s}});
        release(blockers);
        executorRanMeanwhile(u"MEDIUM"_s);
        verifyHeld(low + later);

        // Shown where the queues are: the pause list, the stats, the metrics; and audited.
        const QJsonArray items = m_http.get(u"/api/v1/pauses"_s).obj().value(u"items"_s).toArray();
        QCOMPARE(items.size(), 1);
        QCOMPARE(items.at(0).toObject().value(u"name"_s).toString(), u"LOW"_s);
        QCOMPARE(items.at(0).toObject().value(u"paused_at"_s).toString(), paused.obj().value(u"paused_at"_s).toString());
        QCOMPARE(m_http.get(u"/api/v1/stats"_s).obj().value(u"pauses"_s).toArray(), items);
        const auto metrics = metricSamples(m_http.get(u"/metrics"_s).body);
        QCOMPARE(metrics.value(u"taskmill_paused{scope=\"priority\",name=\"low\"}"_s), 1.0);
        QCOMPARE(sql(u"SELECT count(*) FROM audit_log WHERE action = 'pause' AND details->>'name' = 'LOW'"_s), u"1"_s);

        const auto resumed = pauseRequest(u"DELETE"_s, u"/api/v1/queues/LOW/pause"_s);
        QCOMPARE(resumed.status, 200);
        QCOMPARE(resumed.obj().value(u"paused"_s).toBool(), false);
        QVERIFY(allIn(low + later, u"COMPLETED"_s));
        for (const QString &id : low + later)
            QCOMPARE(task(id).value(u"attempts"_s).toInt(), 1);
        QCOMPARE(sql(u"SELECT count(*) FROM audit_log WHERE action = 'resume' AND details->>'name' = 'LOW'"_s), u"1"_s);
        QVERIFY(!metricSamples(m_http.get(u"/metrics"_s).body).contains(u"taskmill_paused{scope=\"priority\",name=\"low\"}"_s));
    }

    void a_paused_type_is_parked_left_alone_by_the_reconciler_and_runs_once_resumed()
    {
        const QStringList blockers = occupyWorkers();
        const QJsonObject sleepBody{{u"type"_s, u"sleep"_s}, {u"priority"_s, u"MEDIUM"_s}, {u"payload"_s, QJsonObject{{u"ms"_s, 1}}}};
        const QStringList dispatched = create(2, sleepBody);
        QVERIFY(allIn(dispatched, u"PENDING"_s));
        QCOMPARE(pauseRequest(u"PUT"_s, u"/api/v1/types/sleep/pause"_s).status, 200);
        const QStringList later = create(2, sleepBody);
        QVERIFY(allIn(later, u"PENDING"_s)); // dispatched while paused, read only once the workers are free
        release(blockers);
        executorRanMeanwhile(u"MEDIUM"_s);
        const QStringList held = dispatched + later;
        verifyHeld(held);
        // Read from the MEDIUM stream (which is not paused), refused by the claim and parked: no entry left.
        QTRY_COMPARE_WITH_TIMEOUT(sql(u"SELECT count(*) FROM tasks WHERE id IN (%1) AND stream_entry IS NULL"_s.arg(idList(held))),
                                  QString::number(held.size()), 10'000);

        // The reconciler must not dispatch them again and again. Once they are older than its age, a task whose
        // entry is lost (inserted here as PENDING with an entry that never existed) is one it does dispatch: when
        // that one has run, passes went by in which the parked ones were candidates by age alone.
        const QString before = sql(u"SELECT string_agg(coalesce(dispatched_at::text, '-'), ',' ORDER BY id) || '/' || "
                                   "(SELECT count(*) FROM task_history WHERE task_id IN (%1)) FROM tasks WHERE id IN (%1)"_s.arg(idList(held)));
        QTRY_COMPARE_WITH_TIMEOUT(sql(u"SELECT count(*) FROM tasks WHERE id IN (%1) AND updated_at < now() - interval '%2 milliseconds'"_s
                                          .arg(idList(held), ReconcileAgeMs)), QString::number(held.size()), 10'000);
        for (int round = 0; round < 3; ++round) {
            const QString lost = QUuid::createUuid().toString(QUuid::WithoutBraces);
            QVERIFY(m_servers.psql(u"INSERT INTO tasks (id, type, status, priority, updated_at, stream_entry) VALUES "
                                   "('%1', 'noop', 'PENDING', 1, now() - interval '1 hour', '1-1')"_s.arg(lost)));
            QCOMPARE(waitForStatus(m_http, lost, u"COMPLETED"_s).value(u"status"_s).toString(), u"COMPLETED"_s);
        }
        QCOMPARE(sql(u"SELECT string_agg(coalesce(dispatched_at::text, '-'), ',' ORDER BY id) || '/' || "
                     "(SELECT count(*) FROM task_history WHERE task_id IN (%1)) FROM tasks WHERE id IN (%1)"_s.arg(idList(held))),
                 before);
        verifyHeld(held);

        const auto resumed = pauseRequest(u"DELETE"_s, u"/api/v1/types/sleep/pause"_s);
        QCOMPARE(resumed.status, 200);
        QCOMPARE(resumed.obj().value(u"dispatched"_s).toInt(), held.size());
        QVERIFY(allIn(held, u"COMPLETED"_s));
        for (const QString &id : held)
            QCOMPARE(task(id).value(u"attempts"_s).toInt(), 1);
    }

    void an_external_workers_lease_skips_paused_work()
    {
        const auto lease = [this](int waitMs) {
            const auto r = m_http.post(u"/api/v1/workers/lease"_s,
                                       QJsonValue(QJsonObject{{u"worker"_s, u"pw"_s}, {u"types"_s, QJsonArray{ExternalType}},
                                                              {u"max"_s, 5}, {u"wait_ms"_s, waitMs}}));
            if (r.status != 200)
                qWarning() << "lease answered" << r.status << r.body;
            QStringList ids;
            for (const QJsonValue &v : r.obj().value(u"items"_s).toArray())
                ids << v.toObject().value(u"lease"_s).toString();
            return ids;
        };
        const QString high = createTask(m_http, {{u"type"_s, ExternalType}, {u"priority"_s, u"HIGH"_s}});
        const QString low = createTask(m_http, {{u"type"_s, ExternalType}, {u"priority"_s, u"LOW"_s}});
        QVERIFY(allIn({high, low}, u"PENDING"_s));

        QCOMPARE(pauseRequest(u"PUT"_s, u"/api/v1/queues/HIGH/pause"_s).status, 200);
        QStringList leases = lease(0);
        QCOMPARE(leases.size(), 1);
        QVERIFY(leases.first().startsWith(low));
        QCOMPARE(m_http.post(u"/api/v1/leases/%1/complete"_s.arg(leases.first()), QJsonValue(QJsonObject{})).status, 200);

        QCOMPARE(pauseRequest(u"PUT"_s, u"/api/v1/types/%1/pause"_s.arg(ExternalType)).status, 200);
        QCOMPARE(pauseRequest(u"DELETE"_s, u"/api/v1/queues/HIGH/pause"_s).status, 200);
        QVERIFY(lease(0).isEmpty());
        QVERIFY(lease(600).isEmpty()); // a whole long-poll, and still nothing
        verifyHeld({high});

        QCOMPARE(pauseRequest(u"DELETE"_s, u"/api/v1/types/%1/pause"_s.arg(ExternalType)).status, 200);
        leases = lease(5000);
        QCOMPARE(leases.size(), 1);
        QVERIFY(leases.first().startsWith(high));
        QCOMPARE(m_http.post(u"/api/v1/leases/%1/complete"_s.arg(leases.first()), QJsonValue(QJsonObject{})).status, 200);
        QCOMPARE(task(high).value(u"attempts"_s).toInt(), 1);
    }

    void websocket_clients_hear_of_every_change()
    {
        QUrl url = m_backend.baseUrl();
        url.setScheme(u"ws"_s);
        url.setPath(u"/api/v1/ws"_s);
        QWebSocket ws;
        QList<QJsonObject> messages;
        connect(&ws, &QWebSocket::textMessageReceived, this,
                [&messages](const QString &t) { messages.append(QJsonDocument::fromJson(t.toUtf8()).object()); });
        ws.open(url);
        QTRY_COMPARE_WITH_TIMEOUT(ws.state(), QAbstractSocket::ConnectedState, 5000);
        ws.sendTextMessage(u"{\"type\":\"subscribe\",\"priorities\":[\"HIGH\"]}"_s);
        QTRY_VERIFY_WITH_TIMEOUT(!messages.isEmpty(), 5000);
        QCOMPARE(messages.first().value(u"type"_s).toString(), u"subscribed"_s);
        const auto pausesMessages = [&messages] {
            QList<QJsonArray> out;
            for (const QJsonObject &m : std::as_const(messages))
                if (m.value(u"type"_s).toString() == u"pauses")
                    out.append(m.value(u"items"_s).toArray());
            return out;
        };
        QCOMPARE(pauseRequest(u"PUT"_s, u"/api/v1/queues/MEDIUM/pause"_s).status, 200);
        QTRY_COMPARE_WITH_TIMEOUT(pausesMessages().size(), 1, 5000);
        QCOMPARE(pausesMessages().first(), m_http.get(u"/api/v1/pauses"_s).obj().value(u"items"_s).toArray());
        QCOMPARE(pausesMessages().first().at(0).toObject().value(u"name"_s).toString(), u"MEDIUM"_s);
        // A new subscription starts with the pauses in force.
        messages.clear();
        ws.sendTextMessage(u"{\"type\":\"subscribe\"}"_s);
        QTRY_COMPARE_WITH_TIMEOUT(pausesMessages().size(), 1, 5000);
        QCOMPARE(pauseRequest(u"DELETE"_s, u"/api/v1/queues/MEDIUM/pause"_s).status, 200);
        QTRY_COMPARE_WITH_TIMEOUT(pausesMessages().size(), 2, 5000);
        QVERIFY(pausesMessages().last().isEmpty());
        ws.close();
    }

    void repeated_pauses_and_resumes_change_nothing_and_bad_names_name_the_field()
    {
        const QString audited = u"SELECT count(*) FROM audit_log WHERE action IN ('pause', 'resume') AND details->>'name' = 'HIGH'"_s;
        const int before = sql(audited).toInt();
        const auto first = pauseRequest(u"PUT"_s, u"/api/v1/queues/High/pause"_s);
        QCOMPARE(first.status, 200);
        const auto again = pauseRequest(u"PUT"_s, u"/api/v1/queues/HIGH/pause"_s);
        QCOMPARE(again.status, 200);
        QCOMPARE(again.obj().value(u"paused_at"_s), first.obj().value(u"paused_at"_s));
        QCOMPARE(pauseRequest(u"DELETE"_s, u"/api/v1/queues/HIGH/pause"_s).status, 200);
        const auto twice = pauseRequest(u"DELETE"_s, u"/api/v1/queues/HIGH/pause"_s);
        QCOMPARE(twice.status, 200);
        QCOMPARE(twice.obj().value(u"paused"_s).toBool(true), false);
        QCOMPARE(sql(audited).toInt(), before + 2); // the changes only: one pause, one resume
        QCOMPARE(m_http.get(u"/api/v1/pauses"_s).obj().value(u"items"_s).toArray().size(), 0);
        // A handler deleted while paused must stay resumable: resuming needs no registered handler.
        QCOMPARE(pauseRequest(u"DELETE"_s, u"/api/v1/types/no.such.handler/pause"_s).status, 200);

        const QList<std::tuple<QString, QString, QString>> bad{
            {u"PUT"_s, u"/api/v1/queues/URGENT/pause"_s, u"priority"_s},
            {u"DELETE"_s, u"/api/v1/queues/0/pause"_s, u"priority"_s},
            {u"PUT"_s, u"/api/v1/types/no.such.handler/pause"_s, u"type"_s},
            {u"PUT"_s, u"/api/v1/types/bad%20name/pause"_s, u"type"_s},
            {u"DELETE"_s, u"/api/v1/types/%1/pause"_s.arg(QString(65, u'x')), u"type"_s},
        };
        for (const auto &[method, path, field] : bad) {
            const auto r = pauseRequest(method, path);
            QVERIFY2(r.status == 422, qPrintable(method + u' ' + path + u": "_s + QString::number(r.status)));
            QCOMPARE(r.obj().value(u"error"_s).toObject().value(u"field"_s).toString(), field);
        }
        QCOMPARE(m_http.get(u"/api/v1/pauses"_s).obj().value(u"items"_s).toArray().size(), 0);
    }

    void only_operators_and_admins_may_pause()
    {
        // A second api on the same database that serves no one without credentials.
        const QStringList db{u"--postgres"_s, m_servers.postgresUrl(), u"--redis"_s, m_servers.redisUrl()};
        const auto added = BackendProcess::addUser(db, u"admin@example.org"_s, u"admin"_s, u"correct horse battery"_s);
        QVERIFY2(added, qPrintable(added ? QString() : added.error().message));
        BackendProcess secured;
        auto up = secured.start(backendArgs(m_servers, {u"--role"_s, u"api"_s, u"--set"_s, u"auth.local_anonymous=false"_s}));
        QVERIFY2(up, qPrintable(up ? QString() : up.error().message));
        TestHttp http;
        http.setBaseUrl(secured.baseUrl());
        const auto login = [&http](const QString &email, const QString &password) {
            return http.post(u"/api/v1/auth/login"_s, QJsonValue(QJsonObject{{u"email"_s, email}, {u"password"_s, password}}))
                .obj().value(u"token"_s).toString().toLatin1();
        };
        const auto bearer = [](const QByteArray &token) { return TestHttp::Headers{{"Authorization", "Bearer " + token}}; };
        const QByteArray admin = login(u"admin@example.org"_s, u"correct horse battery"_s);
        QVERIFY(!admin.isEmpty());
        QHash<QString, QByteArray> tokens{{u"admin"_s, admin}};
        for (const QString &role : {u"user"_s, u"viewer"_s, u"operator"_s}) {
            const QString email = role + u"@example.org"_s;
            const QString password = u"password of "_s + role;
            QCOMPARE(http.post(u"/api/v1/users"_s, QJsonValue(QJsonObject{{u"email"_s, email}, {u"password"_s, password}, {u"role"_s, role}}),
                               bearer(admin)).status, 201);
            tokens.insert(role, login(email, password));
            QVERIFY(!tokens.value(role).isEmpty());
        }
        const auto as = [&](const QString &role, const QByteArray &method, const QString &path) {
            return http.send(method, path, {}, bearer(tokens.value(role))).status;
        };
        QCOMPARE(as(u"viewer"_s, "PUT", u"/api/v1/queues/LOW/pause"_s), 403);
        QCOMPARE(as(u"viewer"_s, "PUT", u"/api/v1/types/sleep/pause"_s), 403);
        QCOMPARE(as(u"user"_s, "PUT", u"/api/v1/queues/LOW/pause"_s), 403);
        QCOMPARE(as(u"viewer"_s, "GET", u"/api/v1/pauses"_s), 200);
        QCOMPARE(as(u"user"_s, "GET", u"/api/v1/pauses"_s), 403);
        QCOMPARE(http.get(u"/api/v1/pauses"_s).status, 401);
        QCOMPARE(as(u"operator"_s, "PUT", u"/api/v1/queues/LOW/pause"_s), 200);
        const QJsonArray items = http.get(u"/api/v1/pauses"_s, bearer(admin)).obj().value(u"items"_s).toArray();
        QCOMPARE(items.size(), 1);
        QCOMPARE(items.at(0).toObject().value(u"paused_by"_s).toString(), u"user:%1"_s.arg(sql(u"SELECT id FROM users WHERE email = 'operator@example.org'"_s)));
        QCOMPARE(as(u"viewer"_s, "DELETE", u"/api/v1/queues/LOW/pause"_s), 403);
        QCOMPARE(as(u"admin"_s, "DELETE", u"/api/v1/queues/LOW/pause"_s), 200);
        QVERIFY(secured.terminate());
    }

    void a_pause_survives_a_restart()
    {
        QCOMPARE(pauseRequest(u"PUT"_s, u"/api/v1/queues/LOW/pause"_s).status, 200);
        QVERIFY(m_backend.terminate());
        auto up = m_backend.start(args());
        QVERIFY2(up, qPrintable(up ? QString() : up.error().message));
        m_http.setBaseUrl(m_backend.baseUrl());
        const QJsonArray items = m_http.get(u"/api/v1/pauses"_s).obj().value(u"items"_s).toArray();
        QCOMPARE(items.size(), 1);
        QCOMPARE(items.at(0).toObject().value(u"name"_s).toString(), u"LOW"_s);
        const QString held = createTask(m_http, {{u"type"_s, u"noop"_s}, {u"priority"_s, u"LOW"_s}});
        executorRanMeanwhile(u"HIGH"_s);
        verifyHeld({held});
        QCOMPARE(pauseRequest(u"DELETE"_s, u"/api/v1/queues/LOW/pause"_s).status, 200);
        QCOMPARE(waitForStatus(m_http, held, u"COMPLETED"_s).value(u"status"_s).toString(), u"COMPLETED"_s);
    }
};

QTEST_GUILESS_MAIN(TestPauses)
#include "test_Pauses.moc"
