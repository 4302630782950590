// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// The handler registry (docs/handlers.md) through a real taskmilld on private PostgreSQL and Redis: CRUD under
// /api/v1/handlers and seed 004's /api/v1/executors, optimistic versions, built-ins that cannot be deleted,
// JSON Schema checks of every create (one, batch, dead-letter requeue with an edited payload) with every
// violation listed, handler defaults, delete with unfinished tasks (409 with the count, ?force cancels and
// audits), seed 004's PUT /tasks/{id}/status, and a second api process that sees a change within a second.
#include "IntegrationHelpers.h"

using namespace Qt::StringLiterals;
using namespace taskmill;
using namespace taskmill::test;

namespace {
QJsonObject emailLikeSchema()
{
    return QJsonDocument::fromJson(R"({"type": "object", "required": ["to"],
        "properties": {"to": {"type": "string", "minLength": 3}, "count": {"type": "integer", "maximum": 5}},
        "additionalProperties": false})").object();
}
} // namespace

class TestHandlers : public QObject
{
    Q_OBJECT
    TestServers m_servers;
    BackendProcess m_backend;
    TestHttp m_http;

    TestHttp::Reply registerHandler(const QJsonObject &body) { return m_http.post(u"/api/v1/handlers"_s, body); }

private slots:
    void initTestCase()
    {
        auto started = m_servers.start();
        QVERIFY2(started, qPrintable(started ? QString() : started.error().message));
        // The executor is left out: tasks of external handlers stay queued where the test can count them.
        auto up = m_backend.start(backendArgs(m_servers, {u"--role"_s, u"api,scheduler"_s}));
        QVERIFY2(up, qPrintable(up ? QString() : up.error().message));
        m_http.setBaseUrl(m_backend.baseUrl());
    }
    void cleanupTestCase() { QVERIFY(m_backend.terminate()); }

    void builtins_are_registered_from_the_first_start()
    {
        const auto r = m_http.get(u"/api/v1/handlers"_s);
        QCOMPARE(r.status, 200);
        QStringList names;
        for (const QJsonValue &v : r.obj().value(u"items"_s).toArray()) {
            names << v.toObject().value(u"name"_s).toString();
            QCOMPARE(v.toObject().value(u"kind"_s).toString(), u"builtin"_s);
        }
        for (const QString &builtin : {u"noop"_s, u"sleep"_s, u"fail"_s})
            QVERIFY2(names.contains(builtin), qPrintable(names.join(u',')));
        const auto sleep = m_http.get(u"/api/v1/executors/sleep"_s); // seed 004's alias
        QCOMPARE(sleep.status, 200);
        QCOMPARE(sleep.obj().value(u"schema"_s).toObject().value(u"required"_s).toArray().first().toString(), u"ms"_s);
        QCOMPARE(m_http.del(u"/api/v1/handlers/noop"_s).status, 409);
        QCOMPARE(m_http.put(u"/api/v1/handlers/sleep"_s, QJsonObject{{u"schema"_s, QJsonObject{}}}).status, 422);
    }

    void register_read_edit_with_versions()
    {
        auto created = registerHandler({{u"name"_s, u"mail.welcome"_s}, {u"description"_s, u"welcome mails"_s},
                                        {u"schema"_s, emailLikeSchema()}, {u"default_priority"_s, u"HIGH"_s},
                                        {u"max_attempts"_s, 7}});
        QCOMPARE(created.status, 201);
        QCOMPARE(created.obj().value(u"kind"_s).toString(), u"external"_s);
        QCOMPARE(created.obj().value(u"version"_s).toInt(), 1);
        QCOMPARE(registerHandler({{u"name"_s, u"mail.welcome"_s}}).status, 409);

        // Bad bodies: each names its field.
        const QList<QPair<QJsonObject, QString>> bad = {
            {{{u"name"_s, u"Bad Name"_s}}, u"name"_s},
            {{{u"name"_s, u"x1"_s}, {u"schema"_s, QJsonObject{{u"type"_s, 5}}}}, u"schema"_s},
            {{{u"name"_s, u"x2"_s}, {u"schema"_s, u"not an object"_s}}, u"schema"_s},
            {{{u"name"_s, u"x3"_s}, {u"concurrency"_s, -1}}, u"concurrency"_s},
            {{{u"name"_s, u"x4"_s}, {u"kind"_s, u"builtin"_s}}, u"kind"_s},
            {{{u"name"_s, u"x5"_s}, {u"default_priority"_s, u"URGENT"_s}}, u"default_priority"_s},
            {{{u"name"_s, u"x6"_s}, {u"retry_policy"_s, QJsonObject{{u"strategy"_s, u"sometimes"_s}}}}, u"retry_policy.strategy"_s},
        };
        for (const auto &[body, field] : bad) {
            const auto r = registerHandler(body);
            QCOMPARE(r.status, 422);
            QCOMPARE(r.obj().value(u"error"_s).toObject().value(u"field"_s).toString(), field);
        }

        auto edited = m_http.put(u"/api/v1/handlers/mail.welcome"_s, QJsonObject{{u"version"_s, 1}, {u"concurrency"_s, 2}});
        QCOMPARE(edited.status, 200);
        QCOMPARE(edited.obj().value(u"version"_s).toInt(), 2);
        QCOMPARE(edited.obj().value(u"concurrency"_s).toInt(), 2);
        QCOMPARE(edited.obj().value(u"max_attempts"_s).toInt(), 7); // omitted fields keep their value
        const auto stale = m_http.put(u"/api/v1/handlers/mail.welcome"_s, QJsonObject{{u"version"_s, 1}, {u"enabled"_s, false}});
        QCOMPARE(stale.status, 409);
        QVERIFY(stale.obj().value(u"error"_s).toObject().value(u"message"_s).toString().contains(u"version 2"_s));
        QCOMPARE(m_http.get(u"/api/v1/handlers/mail.welcome"_s).obj().value(u"enabled"_s).toBool(), true);
        QCOMPARE(m_http.put(u"/api/v1/handlers/nope"_s, QJsonObject{{u"version"_s, 1}}).status, 404);
    }

    void creates_are_checked_against_the_schema_and_take_the_defaults()
    {
        const auto ok = m_http.post(u"/api/v1/tasks"_s, QJsonObject{{u"type"_s, u"mail.welcome"_s},
                                                                    {u"payload"_s, QJsonObject{{u"to"_s, u"ann@example.org"_s}}}});
        QCOMPARE(ok.status, 201);
        QCOMPARE(ok.obj().value(u"priority"_s).toString(), u"HIGH"_s); // the handler's default_priority
        QCOMPARE(ok.obj().value(u"max_attempts"_s).toInt(), 7);

        const auto bad = m_http.post(u"/api/v1/tasks"_s, QJsonObject{{u"type"_s, u"mail.welcome"_s},
                                                                     {u"payload"_s, QJsonObject{{u"count"_s, 9}, {u"cc"_s, 1}}}});
        QCOMPARE(bad.status, 422);
        const QJsonObject e = bad.obj().value(u"error"_s).toObject();
        QCOMPARE(e.value(u"code"_s).toString(), u"validation_failed"_s);
        QCOMPARE(e.value(u"field"_s).toString(), u"payload"_s);
        QStringList paths;
        for (const QJsonValue &d : e.value(u"details"_s).toArray())
            paths << d.toObject().value(u"path"_s).toString() + u' ' + d.toObject().value(u"message"_s).toString();
        QCOMPARE(paths.size(), 3); // to missing, count too large, cc not allowed: every violation listed
        QVERIFY2(paths.join(u'|').contains(u"/count "_s), qPrintable(paths.join(u'|')));
        QVERIFY2(paths.join(u'|').contains(u"Missing required property 'to'"_s), qPrintable(paths.join(u'|')));

        const auto unknown = m_http.post(u"/api/v1/tasks"_s, QJsonObject{{u"type"_s, u"never.registered"_s}});
        QCOMPARE(unknown.status, 422);
        QCOMPARE(unknown.obj().value(u"error"_s).toObject().value(u"field"_s).toString(), u"type"_s);
        QVERIFY(unknown.obj().value(u"error"_s).toObject().value(u"message"_s).toString().contains(u"POST /api/v1/handlers"_s));
        // Seed 000's route without a type: noop, accepted as before.
        QCOMPARE(m_http.post(u"/tasks"_s, QJsonObject{{u"description"_s, u"seed"_s}}).status, 201);
    }

    void a_batch_names_each_bad_item_and_writes_nothing()
    {
        const int before = countRows(m_servers, u"SELECT count(*) FROM tasks WHERE title = 'batch-check'"_s);
        QJsonArray items;
        for (int i = 0; i < 5; ++i) {
            QJsonObject payload{{u"to"_s, u"someone@example.org"_s}};
            if (i == 1 || i == 3)
                payload = QJsonObject{{u"to"_s, 12}};
            items.append(QJsonObject{{u"type"_s, u"mail.welcome"_s}, {u"title"_s, u"batch-check"_s}, {u"payload"_s, payload}});
        }
        const auto r = m_http.post(u"/api/v1/tasks/batch"_s, items);
        QCOMPARE(r.status, 422);
        const QJsonObject e = r.obj().value(u"error"_s).toObject();
        QCOMPARE(e.value(u"field"_s).toString(), u"[1].payload"_s);
        QList<int> indexes;
        for (const QJsonValue &d : e.value(u"details"_s).toArray())
            indexes << d.toObject().value(u"index"_s).toInt();
        QCOMPARE(indexes, (QList<int>{1, 3}));
        QCOMPARE(countRows(m_servers, u"SELECT count(*) FROM tasks WHERE title = 'batch-check'"_s), before);
    }

    void a_dead_letter_requeue_checks_the_edited_payload()
    {
        const QString id = createTask(m_http, {{u"type"_s, u"mail.welcome"_s}, {u"payload"_s, QJsonObject{{u"to"_s, u"bob@example.org"_s}}}});
        // Dead-lettered by SQL: no executor runs in this test.
        QVERIFY(m_servers.psql(u"UPDATE tasks SET status = 'FAILED', dead_lettered_at = now(), completed_at = now(), "
                               "error = 'smtp down' WHERE id = '%1'"_s.arg(id)));
        const auto bad = m_http.post(u"/api/v1/dlq/%1/requeue"_s.arg(id), QJsonObject{{u"payload"_s, QJsonObject{{u"to"_s, 1}}}});
        QCOMPARE(bad.status, 422);
        QCOMPARE(bad.obj().value(u"error"_s).toObject().value(u"code"_s).toString(), u"validation_failed"_s);
        QCOMPARE(m_http.get(u"/api/v1/tasks/"_s + id).obj().value(u"status"_s).toString(), u"FAILED"_s);
        const auto good = m_http.post(u"/api/v1/dlq/%1/requeue"_s.arg(id), QJsonObject{{u"payload"_s, QJsonObject{{u"to"_s, u"bob@example.com"_s}}}});
        QCOMPARE(good.status, 200);
    }

    void delete_counts_unfinished_tasks_and_force_cancels_them()
    {
        QCOMPARE(registerHandler({{u"name"_s, u"report.render"_s}}).status, 201);
        QStringList ids;
        for (int i = 0; i < 3; ++i)
            ids << createTask(m_http, {{u"type"_s, u"report.render"_s}});
        const auto refused = m_http.del(u"/api/v1/handlers/report.render"_s);
        QCOMPARE(refused.status, 409);
        QVERIFY2(refused.obj().value(u"error"_s).toObject().value(u"message"_s).toString().contains(u"3 unfinished"_s),
                 qPrintable(refused.obj().value(u"error"_s).toObject().value(u"message"_s).toString()));
        const auto forced = m_http.del(u"/api/v1/executors/report.render?force=true"_s, {{"X-Taskmill-Actor", "ops"}});
        QCOMPARE(forced.status, 200);
        QCOMPARE(forced.obj().value(u"cancelled"_s).toInt(), 3);
        for (const QString &id : std::as_const(ids)) {
            const QJsonObject t = m_http.get(u"/api/v1/tasks/"_s + id).obj();
            QCOMPARE(t.value(u"status"_s).toString(), u"CANCELLED"_s);
            QCOMPARE(t.value(u"error"_s).toString(), u"handler deleted"_s);
        }
        QCOMPARE(countRows(m_servers, u"SELECT count(*) FROM audit_log WHERE action = 'handler.delete' AND "
                                      "cardinality(task_ids) = 3 AND actor LIKE 'ops@%'"_s), 1);
        QCOMPARE(m_http.get(u"/api/v1/handlers/report.render"_s).status, 404);
        QCOMPARE(m_http.post(u"/api/v1/tasks"_s, QJsonObject{{u"type"_s, u"report.render"_s}}).status, 422);
    }

    void seed_004_sets_a_status_by_hand_where_it_makes_sense()
    {
        const QString id = createTask(m_http, {{u"type"_s, u"mail.welcome"_s}, {u"payload"_s, QJsonObject{{u"to"_s, u"cy@example.org"_s}}}});
        QCOMPARE(m_http.put(u"/api/v1/tasks/%1/status"_s.arg(id), QJsonObject{{u"status"_s, u"IN_PROGRESS"_s}}).status, 409);
        QCOMPARE(m_http.put(u"/api/v1/tasks/%1/status"_s.arg(id), QJsonObject{{u"status"_s, u"DONE"_s}}).status, 422);
        const auto done = m_http.put(u"/api/v1/tasks/%1/status"_s.arg(id), QJsonObject{{u"status"_s, u"COMPLETED"_s}});
        QCOMPARE(done.status, 200);
        QCOMPARE(done.obj().value(u"status"_s).toString(), u"COMPLETED"_s);
        QCOMPARE(m_http.put(u"/api/v1/tasks/%1/status"_s.arg(id), QJsonObject{{u"status"_s, u"CANCELLED"_s}}).status, 409);
    }

    void another_api_process_sees_a_change_within_a_second()
    {
        BackendProcess second;
        auto up = second.start(backendArgs(m_servers, {u"--role"_s, u"api"_s}));
        QVERIFY2(up, qPrintable(up ? QString() : up.error().message));
        TestHttp other;
        other.setBaseUrl(second.baseUrl());
        QCOMPARE(other.post(u"/api/v1/tasks"_s, QJsonObject{{u"type"_s, u"late.comer"_s}}).status, 422);
        QCOMPARE(registerHandler({{u"name"_s, u"late.comer"_s}}).status, 201); // through the first process
        QTRY_COMPARE_WITH_TIMEOUT(other.post(u"/api/v1/tasks"_s, QJsonObject{{u"type"_s, u"late.comer"_s}}).status, 201, 5000);
        QVERIFY(second.terminate());
    }
};

QTEST_GUILESS_MAIN(TestHandlers)
#include "test_Handlers.moc"
