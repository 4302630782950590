// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// Idempotent creates (docs/api.md, "Idempotent creates"): a real taskmilld (all roles) on private PostgreSQL
// and Redis. A create sent again with its Idempotency-Key is answered with what the first one made and stores
// nothing; requests with one key sent at once on separate connections make one task; the key is stored in the
// tasks' transaction (a create that fails after the key leaves no key behind), belongs to its caller, is refused
// with another request or a malformed value (422 naming the header), and expires with retention.
#include "IntegrationHelpers.h"

#include <QRegularExpression>
#include <QTcpSocket>

#include <memory>
#include <vector>

using namespace Qt::StringLiterals;
using namespace taskmill;
using namespace taskmill::test;

class TestIdempotency : public QObject
{
    Q_OBJECT
    TestServers m_servers;
    BackendProcess m_backend;
    TestHttp m_http;

    static TestHttp::Headers key(const QByteArray &value) { return {{"Idempotency-Key", value}}; }
    int rows(const QString &sql) { return countRows(m_servers, sql); }
    int titled(const QString &title) { return rows(u"SELECT count(*) FROM tasks WHERE title = '%1'"_s.arg(title)); }
    int keys(const QString &key) { return rows(u"SELECT count(*) FROM idempotency_keys WHERE key = '%1'"_s.arg(key)); }
    static QString fieldOf(const TestHttp::Reply &r) { return r.obj().value(u"error"_s).toObject().value(u"field"_s).toString(); }

private slots:
    void initTestCase()
    {
        auto started = m_servers.start();
        QVERIFY2(started, qPrintable(started ? QString() : started.error().message));
        auto up = m_backend.start(backendArgs(m_servers, {u"--set"_s, u"retention.idempotency_keys=1h"_s, u"--set"_s,
                                                          u"retention.interval_ms=100"_s}));
        QVERIFY2(up, qPrintable(up ? QString() : up.error().message));
        m_http.setBaseUrl(m_backend.baseUrl());
    }
    void cleanupTestCase() { QVERIFY(m_backend.terminate()); }

    void a_repeat_is_answered_with_the_task_the_first_request_made()
    {
        // Durability "fast" answers before PostgreSQL has a task; with a key it is written first all the same.
        const QJsonObject body{{u"title"_s, u"once"_s}, {u"durability"_s, u"fast"_s}};
        const auto first = m_http.post(u"/api/v1/tasks"_s, QJsonValue(body), key("order-1001"));
        QCOMPARE(first.status, 201);
        QVERIFY(first.header("Idempotent-Replayed").isEmpty());
        const QString id = first.obj().value(u"id"_s).toString();
        QCOMPARE(titled(u"once"_s), 1); // stored before the answer
        waitForStatus(m_http, id, u"COMPLETED"_s);

        const auto again = m_http.post(u"/api/v1/tasks"_s, QJsonValue(body), key("order-1001"));
        QCOMPARE(again.status, 200);
        QCOMPARE(again.header("Idempotent-Replayed"), QByteArray("true"));
        QCOMPARE(again.obj().value(u"id"_s).toString(), id);
        QCOMPARE(again.obj().value(u"status"_s).toString(), u"COMPLETED"_s); // the task as it is now
        QCOMPARE(titled(u"once"_s), 1);

        // Key order and spacing do not make another request; without a key every request is a new task.
        const auto reordered = m_http.post(u"/api/v1/tasks"_s, QByteArray(R"({ "durability": "fast",  "title": "once" })"),
                                           {{"Content-Type", "application/json"}, {"Idempotency-Key", "order-1001"}});
        QCOMPARE(reordered.status, 200);
        QCOMPARE(reordered.obj().value(u"id"_s).toString(), id);
        createTask(m_http, {{u"title"_s, u"twice"_s}});
        createTask(m_http, {{u"title"_s, u"twice"_s}});
        QCOMPARE(titled(u"twice"_s), 2);
        // Seed 000's route answers a repeat as it answered the first: {id}.
        const auto seed = m_http.post(u"/tasks"_s, QJsonValue(QJsonObject{{u"title"_s, u"seed once"_s}}), key("seed-1"));
        QCOMPARE(seed.status, 201);
        const auto seedAgain = m_http.post(u"/tasks"_s, QJsonValue(QJsonObject{{u"title"_s, u"seed once"_s}}), key("seed-1"));
        QCOMPARE(seedAgain.status, 200);
        QCOMPARE(seedAgain.obj().value(u"id"_s).toString(), seed.obj().value(u"id"_s).toString());
        QCOMPARE(titled(u"seed once"_s), 1);
    }

    void a_batch_repeat_answers_its_ids_in_order()
    {
        QJsonArray items;
        for (int i = 0; i < 5; ++i)
            items.append(QJsonObject{{u"title"_s, u"batch item %1"_s.arg(i)}});
        const auto first = m_http.post(u"/api/v1/tasks/batch"_s, QJsonValue(items), key("import-7"));
        QCOMPARE(first.status, 201);
        const auto again = m_http.post(u"/api/v1/tasks/batch"_s, QJsonValue(items), key("import-7"));
        QCOMPARE(again.status, 200);
        QCOMPARE(again.header("Idempotent-Replayed"), QByteArray("true"));
        QCOMPARE(again.obj().value(u"ids"_s).toArray(), first.obj().value(u"ids"_s).toArray());
        QCOMPARE(again.obj().value(u"count"_s).toInt(), 5);
        QCOMPARE(rows(u"SELECT count(*) FROM tasks WHERE title LIKE 'batch item %'"_s), 5);
    }

    void the_same_key_with_another_request_is_refused_naming_the_header()
    {
        QCOMPARE(m_http.post(u"/api/v1/tasks"_s, QJsonValue(QJsonObject{{u"title"_s, u"first body"_s}}), key("reused")).status, 201);
        const auto otherBody = m_http.post(u"/api/v1/tasks"_s, QJsonValue(QJsonObject{{u"title"_s, u"second body"_s}}), key("reused"));
        QCOMPARE(otherBody.status, 422);
        QCOMPARE(fieldOf(otherBody), u"Idempotency-Key"_s);
        const auto otherRoute = m_http.post(u"/api/v1/tasks/batch"_s, QJsonValue(QJsonArray{QJsonObject{{u"title"_s, u"first body"_s}}}),
                                            key("reused"));
        QCOMPARE(otherRoute.status, 422);
        QCOMPARE(fieldOf(otherRoute), u"Idempotency-Key"_s);
        QCOMPARE(titled(u"second body"_s), 0);
        QCOMPARE(titled(u"first body"_s), 1);
    }

    void malformed_keys_are_refused_naming_the_header()
    {
        for (const QByteArray &bad : {QByteArray("has space"), QByteArray("caf\xc3\xa9"), QByteArray(256, 'k'), QByteArray("tab\there")}) {
            const auto r = m_http.post(u"/api/v1/tasks"_s, QJsonValue(QJsonObject{{u"title"_s, u"bad key"_s}}), key(bad));
            QVERIFY2(r.status == 422, qPrintable(u"%1 answered %2"_s.arg(QString::fromLatin1(bad.toPercentEncoding())).arg(r.status)));
            QCOMPARE(fieldOf(r), u"Idempotency-Key"_s);
        }
        QCOMPARE(titled(u"bad key"_s), 0);
        QCOMPARE(m_http.post(u"/api/v1/tasks"_s, QJsonValue(QJsonObject{{u"title"_s, u"long key"_s}}), key(QByteArray(255, 'k'))).status, 201);
    }

    void requests_with_one_key_at_once_make_one_task()
    {
        // Each on its own connection, all written before any answer is read: the server handles them together.
        constexpr int Clients = 24;
        const QUrl base(m_backend.baseUrl());
        const QByteArray body = R"({"title": "raced", "type": "sleep", "payload": {"ms": 200}})";
        std::vector<std::unique_ptr<QTcpSocket>> sockets;
        for (int i = 0; i < Clients; ++i) {
            auto s = std::make_unique<QTcpSocket>();
            s->connectToHost(base.host(), quint16(base.port()));
            QVERIFY(s->waitForConnected(5000));
            sockets.push_back(std::move(s));
        }
        for (auto &s : sockets)
            s->write("POST /api/v1/tasks HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                     "Idempotency-Key: raced-1\r\nConnection: close\r\nContent-Length: " + QByteArray::number(body.size())
                     + "\r\n\r\n" + body);
        for (auto &s : sockets) // out of each socket's buffer now: there is no event loop to send them meanwhile
            QVERIFY(s->waitForBytesWritten(5000));
        QSet<QString> ids;
        int created = 0, replayed = 0;
        // An answer is complete with its Content-Length's bytes (the connection may stay open after it).
        const auto complete = [](const QByteArray &answer) {
            const qsizetype split = answer.indexOf("\r\n\r\n");
            if (split < 0)
                return false;
            const QRegularExpressionMatch length =
                QRegularExpression(u"(?i)content-length: *(\\d+)"_s).match(QString::fromLatin1(answer.left(split)));
            return length.hasMatch() && answer.size() - split - 4 >= length.captured(1).toInt();
        };
        for (auto &s : sockets) {
            QByteArray answer;
            while (!complete(answer) && (s->bytesAvailable() > 0 || s->waitForReadyRead(10000)))
                answer += s->readAll();
            const qsizetype split = answer.indexOf("\r\n\r\n");
            QVERIFY2(split > 0, qPrintable(u"no answer (%1): %2"_s.arg(s->errorString(), QString::fromUtf8(answer))));
            created += answer.startsWith("HTTP/1.1 201") ? 1 : 0;
            replayed += answer.startsWith("HTTP/1.1 200") ? 1 : 0;
            ids.insert(QJsonDocument::fromJson(answer.mid(split + 4)).object().value(u"id"_s).toString());
        }
        QCOMPARE(created, 1);
        QCOMPARE(replayed, Clients - 1);
        QCOMPARE(ids.size(), 1);
        QCOMPARE(titled(u"raced"_s), 1);
    }

    void a_create_that_fails_leaves_its_key_free()
    {
        // PostgreSQL refuses the row after the key was recorded in the same transaction (a trigger stands in for
        // any late failure): the request fails whole, the key with it, and the request sent again succeeds.
        QVERIFY(m_servers.psql(u"CREATE FUNCTION refuse_doomed() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                               "IF NEW.title = 'doomed' THEN RAISE EXCEPTION 'refused by the test' USING ERRCODE = '22023'; END IF; "
                               "RETURN NEW; END $$; CREATE TRIGGER refuse_doomed BEFORE INSERT ON tasks FOR EACH ROW "
                               "EXECUTE FUNCTION refuse_doomed()"_s));
        const QJsonObject body{{u"title"_s, u"doomed"_s}};
        const auto refused = m_http.post(u"/api/v1/tasks"_s, QJsonValue(body), key("late-failure"));
        QVERIFY2(refused.status >= 400 && refused.status < 500, refused.body.constData());
        QCOMPARE(keys(u"late-failure"_s), 0);
        QVERIFY(m_servers.psql(u"DROP TRIGGER refuse_doomed ON tasks; DROP FUNCTION refuse_doomed()"_s));
        const auto sent = m_http.post(u"/api/v1/tasks"_s, QJsonValue(body), key("late-failure"));
        QCOMPARE(sent.status, 201);
        QCOMPARE(titled(u"doomed"_s), 1);
        QCOMPARE(keys(u"late-failure"_s), 1);
    }

    void keys_belong_to_their_caller()
    {
        // The local principal (anonymous loopback) and an API token are two callers: one key, two tasks.
        const auto token = m_http.post(u"/api/v1/tokens"_s, QJsonValue(QJsonObject{{u"name"_s, u"producer"_s}, {u"role"_s, u"operator"_s}}));
        QCOMPARE(token.status, 201);
        const QByteArray bearer = "Bearer " + token.obj().value(u"token"_s).toString().toUtf8();
        const QJsonObject body{{u"title"_s, u"two callers"_s}};
        const auto mine = m_http.post(u"/api/v1/tasks"_s, QJsonValue(body), key("shared-key"));
        const auto theirs = m_http.post(u"/api/v1/tasks"_s, QJsonValue(body), {{"Idempotency-Key", "shared-key"}, {"Authorization", bearer}});
        QCOMPARE(mine.status, 201);
        QCOMPARE(theirs.status, 201);
        QVERIFY(mine.obj().value(u"id"_s) != theirs.obj().value(u"id"_s));
        const auto theirsAgain = m_http.post(u"/api/v1/tasks"_s, QJsonValue(body), {{"Idempotency-Key", "shared-key"}, {"Authorization", bearer}});
        QCOMPARE(theirsAgain.status, 200);
        QCOMPARE(theirsAgain.obj().value(u"id"_s), theirs.obj().value(u"id"_s));
        QCOMPARE(titled(u"two callers"_s), 2);
    }

    void old_keys_expire_and_the_key_creates_anew()
    {
        const QJsonObject body{{u"title"_s, u"expiring"_s}};
        const auto first = m_http.post(u"/api/v1/tasks"_s, QJsonValue(body), key("expiring-key"));
        QCOMPARE(first.status, 201);
        QVERIFY(m_servers.psql(u"UPDATE idempotency_keys SET created_at = now() - interval '2 hours' WHERE key = 'expiring-key'"_s));
        QTRY_COMPARE_WITH_TIMEOUT(keys(u"expiring-key"_s), 0, 10000); // the scheduler's retention pass
        const auto second = m_http.post(u"/api/v1/tasks"_s, QJsonValue(body), key("expiring-key"));
        QCOMPARE(second.status, 201);
        QVERIFY(second.obj().value(u"id"_s) != first.obj().value(u"id"_s));
        QCOMPARE(titled(u"expiring"_s), 2);
        // Keys younger than the period stay.
        QCOMPARE(keys(u"order-1001"_s), 1);
    }
};

QTEST_GUILESS_MAIN(TestIdempotency)
#include "test_Idempotency.moc"
