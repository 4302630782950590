// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// Bulk operations by filter (docs/api.md, "Bulk operations by filter") through a real taskmilld (api and notifier, no
// executor, so tasks stay queued until the test changes them) on private PostgreSQL and Redis: exact counts, other
// tasks untouched, the single-task routes' history and events, dead letters requeued, progress seen mid-way on 5,000
// tasks, a stop that leaves the rest alone, the per-caller limit, bad input named, a changed count refused with the
// real one, roles, and operations of an ended process declared interrupted.
#include "IntegrationHelpers.h"

using namespace Qt::StringLiterals;
using namespace taskmill::test;

namespace {
// External handlers: no built-in executor runs their tasks, and no worker leases them here.
const QStringList Types{u"bulk.mail"_s, u"bulk.image"_s, u"bulk.fail"_s, u"bulk.other"_s, u"bulk.big"_s,
                        u"bulk.huge"_s, u"bulk.count"_s, u"bulk.mine"_s, u"bulk.crash"_s};
// Enough that a run takes several batches (BulkRunner::BatchSize is 200), so progress and a stop are seen mid-way.
constexpr int LargeSet = 5'000;
constexpr int WaitMs = 60'000;
} // namespace

class TestBulkOperations : public QObject
{
    Q_OBJECT
    TestServers m_servers;
    BackendProcess m_backend;
    TestHttp m_http;

    QStringList args() const { return backendArgs(m_servers, {u"--role"_s, u"api,notifier"_s}); }
    QString sql(const QString &query)
    {
        QString out;
        m_servers.psql(query, &out);
        return out.trimmed();
    }
    QStringList create(const QString &type, int n, const TestHttp::Headers &headers = {})
    {
        QJsonArray items;
        for (int i = 0; i < n; ++i)
            items.append(QJsonObject{{u"type"_s, type}, {u"title"_s, u"%1 #%2"_s.arg(type).arg(i)}});
        const auto r = m_http.post(u"/api/v1/tasks/batch"_s, QJsonValue(items), headers);
        if (r.status != 201)
            qWarning() << "batch create failed" << r.status << r.body.left(300);
        QStringList ids;
        for (const QJsonValue &v : r.obj().value(u"ids"_s).toArray())
            ids << v.toString();
        return ids;
    }
    TestHttp::Reply start(const QString &action, const QJsonObject &filter, qint64 expected, const TestHttp::Headers &h = {})
    {
        return m_http.post(u"/api/v1/tasks/bulk/"_s + action, QJsonValue(QJsonObject{{u"filter"_s, filter}, {u"expected"_s, expected}}), h);
    }
    qint64 dryRun(const QString &action, const QJsonObject &filter, const TestHttp::Headers &h = {})
    {
        const auto r = m_http.post(u"/api/v1/tasks/bulk/"_s + action, QJsonValue(QJsonObject{{u"filter"_s, filter}, {u"dry_run"_s, true}}), h);
        if (r.status != 200)
            qWarning() << "dry run failed" << r.status << r.body.left(300);
        return r.obj().value(u"total"_s).toInteger(-1);
    }
    QJsonObject operation(const QString &id) { return m_http.get(u"/api/v1/tasks/bulk/"_s + id).obj(); }
    // Polls the operation until `done` says so; returns the last answer.
    QJsonObject waitFor(const QString &id, const std::function<bool(const QJsonObject &)> &done, int timeoutMs = WaitMs)
    {
        QJsonObject last;
        if (!QTest::qWaitFor([&] { return done(last = operation(id)); }, timeoutMs))
            qWarning() << "gave up waiting on bulk operation" << id << last;
        return last;
    }
    QJsonObject waitForState(const QString &id, const QString &state)
    {
        return waitFor(id, [&](const QJsonObject &o) { return o.value(u"state"_s).toString() == state; });
    }
    int countOf(const QString &type, const QString &statusList)
    {
        return sql(u"SELECT count(*) FROM tasks WHERE type = '%1' AND status IN (%2)"_s.arg(type, statusList)).toInt();
    }
    // The events of `ids` after revision `since`, by task id (the notifier publishes within a moment).
    QHash<QString, QJsonObject> eventsOf(const QStringList &ids, qint64 since, const QString &kind)
    {
        QHash<QString, QJsonObject> found;
        const bool all = QTest::qWaitFor([&] {
            for (;;) {
                const QJsonObject page = m_http.get(u"/api/v1/events?since=%1&limit=1000"_s.arg(since)).obj();
                const QJsonArray events = page.value(u"events"_s).toArray();
                for (const QJsonValue &v : events)
                    if (ids.contains(v[u"task_id"_s].toString()) && v[u"kind"_s].toString() == kind)
                        found.insert(v[u"task_id"_s].toString(), v.toObject());
                if (events.isEmpty())
                    break;
                since = page.value(u"revision"_s).toInteger();
            }
            return found.size() == ids.size();
        }, 10'000);
        if (!all)
            qWarning() << "events seen for" << found.size() << "of" << ids.size() << "tasks";
        return found;
    }
    TestHttp::Headers tokenFor(const QString &role)
    {
        const auto r = m_http.post(u"/api/v1/tokens"_s, QJsonValue(QJsonObject{{u"name"_s, QString(u"bulk "_s + role)}, {u"role"_s, role}}));
        return {{"Authorization", QByteArray("Bearer " + r.obj().value(u"token"_s).toString().toLatin1())}};
    }

private slots:
    void initTestCase()
    {
        auto started = m_servers.start();
        QVERIFY2(started, qPrintable(started ? QString() : started.error().message));
        auto up = m_backend.start(args());
        QVERIFY2(up, qPrintable(up ? QString() : up.error().message));
        m_http.setBaseUrl(m_backend.baseUrl());
        for (const QString &type : Types)
            QCOMPARE(m_http.post(u"/api/v1/handlers"_s, QJsonValue(QJsonObject{{u"name"_s, type}})).status, 201);
    }
    void cleanupTestCase() { QVERIFY(m_backend.terminate()); }

    void cancel_all_of_one_type_leaves_the_others_alone_and_writes_what_the_single_route_writes()
    {
        const QStringList mail = create(u"bulk.mail"_s, 40);
        const QStringList image = create(u"bulk.image"_s, 25);
        QCOMPARE(mail.size(), 40);
        const qint64 since = m_http.get(u"/api/v1/events?since=0&limit=1"_s).obj().value(u"head"_s).toInteger();
        // One by the single-task route, for comparison; the operation then takes the other 39.
        QCOMPARE(m_http.del(u"/api/v1/tasks/"_s + mail.first()).status, 200);
        const QJsonObject filter{{u"type"_s, u"bulk.mail"_s}};
        QCOMPARE(dryRun(u"cancel"_s, filter), 39);

        const auto started = start(u"cancel"_s, filter, 39);
        QCOMPARE(started.status, 202);
        const QString id = started.obj().value(u"id"_s).toString();
        QCOMPARE(started.obj().value(u"total"_s).toInt(), 39);
        QCOMPARE(started.obj().value(u"action"_s).toString(), u"cancel"_s);
        QCOMPARE(started.obj().value(u"filter"_s).toObject(), filter);
        const QJsonObject ended = waitForState(id, u"completed"_s);
        QCOMPARE(ended.value(u"state"_s).toString(), u"completed"_s);
        QCOMPARE(ended.value(u"done"_s).toInt(), 39);
        QCOMPARE(ended.value(u"failed"_s).toInt(), 0);
        QVERIFY(!ended.value(u"finished_at"_s).toString().isEmpty());

        QCOMPARE(countOf(u"bulk.mail"_s, u"'CANCELLED'"_s), 40);
        QCOMPARE(countOf(u"bulk.image"_s, u"'NEW','PENDING'"_s), 25);
        // Every cancelled task has the single route's history row, and the same event.
        QCOMPARE(sql(u"SELECT count(DISTINCT message) || ':' || count(*) FROM task_history h JOIN tasks t ON t.id = h.task_id "
                     "WHERE t.type = 'bulk.mail' AND h.to_status = 'CANCELLED'"_s), u"1:40"_s);
        const QHash<QString, QJsonObject> events = eventsOf(mail, since, u"cancelled"_s);
        QCOMPARE(events.size(), mail.size());
        for (const QString &taskId : mail.mid(1)) {
            for (const QString &key : {u"kind"_s, u"status"_s, u"message"_s, u"type"_s, u"attempt"_s, u"priority"_s})
                QCOMPARE(events.value(taskId).value(key), events.value(mail.first()).value(key));
            // Queued either way: NEW, or PENDING once its dispatch landed.
            const QString from = events.value(taskId).value(u"from_status"_s).toString();
            QVERIFY2(from == u"NEW" || from == u"PENDING", qPrintable(from));
        }
        // One audit row for the operation, with its filter and counts; the snapshot is gone.
        QCOMPARE(sql(u"SELECT details->>'total' || ':' || (details->>'done') || ':' || (details->'filter'->>'type') FROM audit_log "
                     "WHERE action = 'bulk.cancel' AND details->>'operation' = '%1'"_s.arg(id)), u"39:39:bulk.mail"_s);
        QCOMPARE(sql(u"SELECT count(*) FROM bulk_operation_tasks WHERE operation_id = '%1'"_s.arg(id)), u"0"_s);
        // Nothing left to cancel: a new operation takes no task and completes at once.
        QCOMPARE(dryRun(u"cancel"_s, filter), 0);
    }

    void retry_all_failed_of_one_type_requeues_only_those()
    {
        const QStringList failing = create(u"bulk.fail"_s, 30);
        const QStringList other = create(u"bulk.other"_s, 10);
        // As the executor leaves a task whose last attempt failed: FAILED in the dead-letter queue.
        QVERIFY(m_servers.psql(u"UPDATE tasks SET status = 'FAILED', attempts = 1, error = 'boom', completed_at = now(), "
                               "dead_lettered_at = now() WHERE type IN ('bulk.fail', 'bulk.other')"_s));
        const QJsonObject filter{{u"status"_s, u"FAILED"_s}, {u"type"_s, QJsonArray{u"bulk.fail"_s}}};
        QCOMPARE(dryRun(u"retry"_s, filter), 30);
        const auto started = start(u"retry"_s, filter, 30);
        QCOMPARE(started.status, 202);
        const QJsonObject ended = waitForState(started.obj().value(u"id"_s).toString(), u"completed"_s);
        QCOMPARE(ended.value(u"done"_s).toInt(), 30);
        QCOMPARE(ended.value(u"failed"_s).toInt(), 0);
        // Through the dead-letter requeue: back to NEW with fresh attempts, out of the queue, audited there too.
        QCOMPARE(sql(u"SELECT count(*) FROM tasks WHERE type = 'bulk.fail' AND status IN ('NEW', 'PENDING') AND attempts = 0 "
                     "AND dead_lettered_at IS NULL"_s), u"30"_s);
        QCOMPARE(countOf(u"bulk.other"_s, u"'FAILED'"_s), 10);
        QCOMPARE(sql(u"SELECT sum(cardinality(task_ids)) FROM audit_log WHERE action = 'requeue' AND task_ids && ARRAY[%1]::uuid[]"_s
                         .arg(u"'"_s + failing.join(u"','"_s) + u"'"_s)), u"30"_s);
        QCOMPARE(sql(u"SELECT count(*) FROM audit_log WHERE action = 'bulk.retry'"_s), u"1"_s);
        QCOMPARE(sql(u"SELECT count(*) FROM task_history h JOIN tasks t ON t.id = h.task_id WHERE t.type = 'bulk.fail' "
                     "AND h.from_status = 'FAILED' AND h.to_status = 'NEW'"_s), u"30"_s);
        Q_UNUSED(other);
    }

    void progress_shows_mid_way_the_caller_limit_holds_and_a_stop_leaves_the_rest()
    {
        QCOMPARE(create(u"bulk.big"_s, LargeSet).size(), LargeSet);
        QCOMPARE(create(u"bulk.huge"_s, LargeSet).size(), LargeSet);
        const auto first = start(u"cancel"_s, {{u"type"_s, u"bulk.big"_s}}, LargeSet);
        QCOMPARE(first.status, 202);
        const auto second = start(u"cancel"_s, {{u"type"_s, u"bulk.huge"_s}}, LargeSet);
        QCOMPARE(second.status, 202);
        // Two unfinished operations are the most one caller may have.
        const auto third = start(u"cancel"_s, {{u"type"_s, u"bulk.image"_s}}, 25);
        QCOMPARE(third.status, 429);
        QVERIFY(!third.header("Retry-After").isEmpty());

        const QString big = first.obj().value(u"id"_s).toString();
        const QJsonObject midway = waitFor(big, [](const QJsonObject &o) {
            return o.value(u"done"_s).toInt() > 0 || o.value(u"state"_s).toString() != u"running";
        });
        QVERIFY2(midway.value(u"done"_s).toInt() > 0 && midway.value(u"done"_s).toInt() < LargeSet,
                 QJsonDocument(midway).toJson().constData());
        QCOMPARE(midway.value(u"state"_s).toString(), u"running"_s);

        const QString huge = second.obj().value(u"id"_s).toString();
        const auto stopped = m_http.del(u"/api/v1/tasks/bulk/"_s + huge);
        QCOMPARE(stopped.status, 200);
        const QString state = stopped.obj().value(u"state"_s).toString();
        QVERIFY2(state == u"stopping" || state == u"stopped", qPrintable(state));
        const QJsonObject end = waitForState(huge, u"stopped"_s);
        QCOMPARE(end.value(u"state"_s).toString(), u"stopped"_s);
        const int done = end.value(u"done"_s).toInt();
        QVERIFY2(done < LargeSet, qPrintable(QString::number(done)));
        // What it changed stays changed; the rest is untouched.
        QCOMPARE(countOf(u"bulk.huge"_s, u"'CANCELLED'"_s), done);
        QCOMPARE(countOf(u"bulk.huge"_s, u"'NEW','PENDING'"_s), LargeSet - done);
        // Stopping again changes nothing.
        QCOMPARE(m_http.del(u"/api/v1/tasks/bulk/"_s + huge).obj().value(u"done"_s).toInt(), done);

        const QJsonObject bigEnd = waitForState(big, u"completed"_s);
        QCOMPARE(bigEnd.value(u"done"_s).toInt(), LargeSet);
        QCOMPARE(countOf(u"bulk.big"_s, u"'CANCELLED'"_s), LargeSet);
        QCOMPARE(start(u"cancel"_s, {{u"type"_s, u"bulk.image"_s}}, 25).status, 202); // a slot is free again
    }

    void bad_input_is_refused_naming_the_field_data()
    {
        QTest::addColumn<QJsonObject>("body");
        QTest::addColumn<QString>("field");
        QTest::newRow("no filter") << QJsonObject{{u"expected"_s, 1}} << u"filter"_s;
        QTest::newRow("filter not an object") << QJsonObject{{u"filter"_s, u"status=NEW"_s}, {u"expected"_s, 1}} << u"filter"_s;
        QTest::newRow("unknown status") << QJsonObject{{u"filter"_s, QJsonObject{{u"status"_s, u"DONE"_s}}}, {u"expected"_s, 1}} << u"filter.status"_s;
        QTest::newRow("misspelt key") << QJsonObject{{u"filter"_s, QJsonObject{{u"stauts"_s, u"NEW"_s}}}, {u"expected"_s, 1}} << u"filter.stauts"_s;
        QTest::newRow("type a number") << QJsonObject{{u"filter"_s, QJsonObject{{u"type"_s, 5}}}, {u"expected"_s, 1}} << u"filter.type"_s;
        QTest::newRow("bad id") << QJsonObject{{u"filter"_s, QJsonObject{{u"id"_s, u"nope"_s}}}, {u"expected"_s, 1}} << u"filter.id"_s;
        QTest::newRow("bad time") << QJsonObject{{u"filter"_s, QJsonObject{{u"created_from"_s, u"yesterday"_s}}}, {u"expected"_s, 1}}
                                  << u"filter.created_from"_s;
        QTest::newRow("long search") << QJsonObject{{u"filter"_s, QJsonObject{{u"q"_s, QString(300, u'x')}}}, {u"expected"_s, 1}} << u"filter.q"_s;
        QTest::newRow("no expected") << QJsonObject{{u"filter"_s, QJsonObject{}}} << u"expected"_s;
        QTest::newRow("negative expected") << QJsonObject{{u"filter"_s, QJsonObject{}}, {u"expected"_s, -1}} << u"expected"_s;
        QTest::newRow("fractional expected") << QJsonObject{{u"filter"_s, QJsonObject{}}, {u"expected"_s, 1.5}} << u"expected"_s;
        QTest::newRow("dry_run a string") << QJsonObject{{u"filter"_s, QJsonObject{}}, {u"dry_run"_s, u"yes"_s}} << u"dry_run"_s;
    }
    void bad_input_is_refused_naming_the_field()
    {
        QFETCH(QJsonObject, body);
        QFETCH(QString, field);
        const QString before = sql(u"SELECT count(*) FROM bulk_operations"_s);
        for (const QString &action : {u"cancel"_s, u"retry"_s}) {
            const auto r = m_http.post(u"/api/v1/tasks/bulk/"_s + action, QJsonValue(body));
            QCOMPARE(r.status, 422);
            QCOMPARE(r.obj().value(u"error"_s).toObject().value(u"field"_s).toString(), field);
        }
        QCOMPARE(sql(u"SELECT count(*) FROM bulk_operations"_s), before);
        QCOMPARE(m_http.post(u"/api/v1/tasks/bulk/cancel"_s, QByteArray("[]")).status, 400);
    }

    void a_changed_count_is_refused_with_the_real_one()
    {
        QCOMPARE(create(u"bulk.count"_s, 10).size(), 10);
        const QString before = sql(u"SELECT count(*) FROM bulk_operations"_s);
        const auto r = start(u"cancel"_s, {{u"type"_s, u"bulk.count"_s}}, 5);
        QCOMPARE(r.status, 409);
        const QJsonObject error = r.obj().value(u"error"_s).toObject();
        QCOMPARE(error.value(u"field"_s).toString(), u"expected"_s);
        QCOMPARE(error.value(u"details"_s).toArray().at(0).toObject().value(u"total"_s).toInt(), 10);
        QCOMPARE(sql(u"SELECT count(*) FROM bulk_operations"_s), before); // nothing recorded, nothing changed
        QCOMPARE(countOf(u"bulk.count"_s, u"'NEW','PENDING'"_s), 10);
        // Fewer than confirmed starts (those moved on by themselves); so does the real count.
        QCOMPARE(m_http.del(u"/api/v1/tasks/"_s + sql(u"SELECT id FROM tasks WHERE type = 'bulk.count' LIMIT 1"_s)).status, 200);
        const auto fewer = start(u"cancel"_s, {{u"type"_s, u"bulk.count"_s}}, 10);
        QCOMPARE(fewer.status, 202);
        QCOMPARE(fewer.obj().value(u"total"_s).toInt(), 9);
        QCOMPARE(waitForState(fewer.obj().value(u"id"_s).toString(), u"completed"_s).value(u"done"_s).toInt(), 9);
    }

    void roles_decide_who_may_start_read_and_stop()
    {
        const auto viewer = tokenFor(u"viewer"_s);
        const auto user = tokenFor(u"user"_s);
        const auto operatorToken = tokenFor(u"operator"_s);
        const QStringList mine = create(u"bulk.mine"_s, 3, user);
        QCOMPARE(mine.size(), 3);
        QCOMPARE(create(u"bulk.mine"_s, 4).size(), 4); // the local admin's
        const QJsonObject filter{{u"type"_s, u"bulk.mine"_s}};
        QCOMPARE(start(u"cancel"_s, filter, 7, viewer).status, 403);
        QCOMPARE(start(u"retry"_s, filter, 0, viewer).status, 403);
        QCOMPARE(start(u"retry"_s, filter, 0, user).status, 403);
        // A user acts on its own tasks only.
        QCOMPARE(dryRun(u"cancel"_s, filter, user), 3);
        QCOMPARE(dryRun(u"cancel"_s, filter, operatorToken), 7);
        const auto own = start(u"cancel"_s, filter, 3, user);
        QCOMPARE(own.status, 202);
        const QString id = own.obj().value(u"id"_s).toString();
        QCOMPARE(waitForState(id, u"completed"_s).value(u"done"_s).toInt(), 3);
        QCOMPARE(countOf(u"bulk.mine"_s, u"'NEW','PENDING'"_s), 4);
        QCOMPARE(m_http.get(u"/api/v1/tasks/bulk/"_s + id, viewer).status, 200); // viewers read everything
        QCOMPARE(m_http.del(u"/api/v1/tasks/bulk/"_s + id, viewer).status, 403);
        // Someone else's operation does not exist for a user.
        const auto others = start(u"cancel"_s, filter, 4);
        QCOMPARE(others.status, 202);
        QCOMPARE(m_http.get(u"/api/v1/tasks/bulk/"_s + others.obj().value(u"id"_s).toString(), user).status, 404);
        QCOMPARE(m_http.del(u"/api/v1/tasks/bulk/"_s + others.obj().value(u"id"_s).toString(), user).status, 404);
        QCOMPARE(m_http.get(u"/api/v1/tasks/bulk/00000000-0000-4000-8000-000000000000"_s).status, 404);
        QCOMPARE(m_http.get(u"/api/v1/tasks/bulk/not-an-id"_s).status, 404);
    }

    // Last: restarts the backend.
    void operations_of_an_ended_process_are_interrupted()
    {
        QCOMPARE(create(u"bulk.crash"_s, LargeSet).size(), LargeSet);
        const QJsonObject filter{{u"type"_s, u"bulk.crash"_s}};
        // A shutdown stops it before its next task and says so.
        auto r = start(u"cancel"_s, filter, LargeSet);
        QCOMPARE(r.status, 202);
        QString id = r.obj().value(u"id"_s).toString();
        waitFor(id, [](const QJsonObject &o) { return o.value(u"done"_s).toInt() > 0; });
        QVERIFY(m_backend.terminate());
        QCOMPARE(sql(u"SELECT state FROM bulk_operations WHERE id = '%1'"_s.arg(id)), u"interrupted"_s);
        QCOMPARE(sql(u"SELECT count(*) FROM audit_log WHERE action = 'bulk.cancel' AND details->>'operation' = '%1'"_s.arg(id)), u"1"_s);

        // A crash leaves it running until its heartbeat is stale; then the next start-up or read says so.
        auto up = m_backend.start(args());
        QVERIFY2(up, qPrintable(up ? QString() : up.error().message));
        m_http.setBaseUrl(m_backend.baseUrl());
        const qint64 left = dryRun(u"cancel"_s, filter);
        QVERIFY(left > 0 && left < LargeSet);
        r = start(u"cancel"_s, filter, left);
        QCOMPARE(r.status, 202);
        id = r.obj().value(u"id"_s).toString();
        waitFor(id, [](const QJsonObject &o) { return o.value(u"done"_s).toInt() > 0; });
        m_backend.kill();
        QCOMPARE(sql(u"SELECT state FROM bulk_operations WHERE id = '%1'"_s.arg(id)), u"running"_s);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"TASKMILL_TEST_BULK_STALE_S"_s, u"2"_s);
        m_backend.setEnvironment(env);
        up = m_backend.start(args());
        QVERIFY2(up, qPrintable(up ? QString() : up.error().message));
        m_http.setBaseUrl(m_backend.baseUrl());
        const QJsonObject ended = waitForState(id, u"interrupted"_s);
        QCOMPARE(ended.value(u"state"_s).toString(), u"interrupted"_s);
        QVERIFY(ended.value(u"done"_s).toInt() < left);
        QVERIFY(!ended.value(u"message"_s).toString().isEmpty());
        QCOMPARE(sql(u"SELECT count(*) FROM bulk_operation_tasks WHERE operation_id = '%1'"_s.arg(id)), u"0"_s);
    }
};

QTEST_GUILESS_MAIN(TestBulkOperations)
#include "test_BulkOperations.moc"
