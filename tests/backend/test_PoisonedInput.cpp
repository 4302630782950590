// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// Strings PostgreSQL cannot store (U+0000, unpaired UTF-16 surrogates) and values it rejects (timestamps out
// of its range), sent to every route a real taskmilld registers: each answer is a 4xx naming the field,
// never a 5xx; and hundreds of valid creates racing poisoned ones all succeed and all exist afterwards.
#include "IntegrationHelpers.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QSet>
#include <QTimer>

#include <memory>
#include <vector>

using namespace Qt::StringLiterals;
using namespace taskmill;
using namespace taskmill::test;

namespace {

// Every query parameter any route reads (docs/api.md); each gets each poisoned value.
const QStringList QueryKeys = {u"status"_s, u"priority"_s, u"type"_s,    u"id"_s,          u"q"_s,
                               u"created_from"_s, u"created_to"_s, u"cursor"_s, u"after"_s, u"skip"_s,
                               u"limit"_s, u"sort"_s, u"order"_s, u"since"_s, u"minutes"_s, u"step"_s,
                               u"min_idle_ms"_s, u"consumer"_s, u"error"_s, u"from"_s, u"to"_s};
// Percent-encoded, as a client would send them: NUL alone, NUL inside text, and bytes that are no UTF-8.
const QStringList QueryPoison = {u"%00"_s, u"a%00b"_s, u"HIGH%00"_s, u"%ED%A0%80"_s};

// JSON bodies with the poison in every place a body can hold a string.
QList<QByteArray> poisonedBodies()
{
    QByteArray deep;
    for (int i = 0; i < 1000; ++i)
        deep += "{\"a\":";
    deep += "\"\\u0000\"" + QByteArray(1000, '}');
    return {
        R"({"title":"a\u0000b"})",
        R"({"description":"\u0000"})",
        R"({"type":"noop\u0000"})",
        R"({"priority":"HIGH\u0000"})",
        R"({"run_at":"2030-01-01T00:00:00Z\u0000"})",
        R"({"payload":{"k":"\ud800"}})",
        R"({"payload":{"k\u0000":"v"}})",
        R"({"payload":{"list":[1,"\udfff x"]}})",
        R"({"payload":{"nested":{"deeper":{"k":"\udbff"}}}})",
        R"({"retry_policy":{"strategy":"fixed\u0000"}})",
        R"([{"title":"fine"},{"title":"\u0000"}])",
        R"({"ids":["\u0000"]})",
        R"({"ids":["00000000-0000-0000-0000-00000000000\u0000"]})",
        R"({"filter":{"error":"\u0000"}})",
        R"({"filter":{"types":["x\u0000"]}})",
        R"({"filter":{"q":"\ud800"}})",
        R"({"all":true,"filter":{"error":"boom\u0000"}})",
        R"({"error":"\u0000"})",
        "{\"payload\":" + deep + "}",
    };
}

QString idWithin(const QJsonObject &reply)
{
    return reply.value(u"id"_s).toString();
}

} // namespace

class TestPoisonedInput : public QObject
{
    Q_OBJECT
    std::unique_ptr<TestServers> m_servers;
    BackendProcess m_backend;
    TestHttp m_http;

    // Sends `count` create requests at once over `clients` connections pools, answers in request order.
    struct Sent
    {
        QByteArray path;
        QByteArray body;
        bool valid = false;
        bool batch = false;
        int status = 0;
        QJsonDocument reply;
    };
    void sendAll(std::vector<Sent> &requests, int clients)
    {
        std::vector<std::unique_ptr<QNetworkAccessManager>> managers;
        for (int i = 0; i < clients; ++i)
            managers.push_back(std::make_unique<QNetworkAccessManager>());
        int pending = int(requests.size());
        QEventLoop loop;
        for (size_t i = 0; i < requests.size(); ++i) {
            QNetworkRequest rq(m_backend.baseUrl().resolved(QUrl(QString::fromLatin1(requests[i].path))));
            rq.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
            QNetworkReply *reply = managers[i % managers.size()]->post(rq, requests[i].body);
            connect(reply, &QNetworkReply::finished, &loop, [&, reply, i] {
                requests[i].status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                requests[i].reply = QJsonDocument::fromJson(reply->readAll());
                reply->deleteLater();
                if (--pending == 0)
                    loop.quit();
            });
        }
        QTimer::singleShot(120'000, &loop, &QEventLoop::quit); // a hang is a failure below, not a stuck test
        if (pending > 0)
            loop.exec();
        QCOMPARE(pending, 0);
    }

private slots:
    void initTestCase()
    {
        m_servers = std::make_unique<TestServers>();
        auto started = m_servers->start();
        QVERIFY2(started, qPrintable(started ? QString() : started.error().message));
        auto up = m_backend.start(backendArgs(*m_servers, {u"--workers"_s, u"8"_s}));
        QVERIFY2(up, qPrintable(up ? QString() : up.error().message));
        m_http.setBaseUrl(m_backend.baseUrl());
    }
    void cleanupTestCase()
    {
        QVERIFY(m_backend.terminate());
        m_servers.reset();
    }

    void create_names_the_field_that_cannot_be_stored_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("field");
        QTest::newRow("title") << QByteArray(R"({"title":"a\u0000b"})") << u"title"_s;
        QTest::newRow("description") << QByteArray(R"({"description":"\u0000"})") << u"description"_s;
        QTest::newRow("payload value") << QByteArray(R"({"payload":{"to":"\ud800"}})") << u"payload.to"_s;
        QTest::newRow("payload key") << QByteArray(R"({"payload":{"k\u0000":1}})") << u"payload.k\\u0000"_s;
        QTest::newRow("payload array") << QByteArray(R"({"payload":{"a":[0,"\udc00"]}})") << u"payload.a[1]"_s;
    }
    void create_names_the_field_that_cannot_be_stored()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, field);
        const auto r = m_http.post(u"/api/v1/tasks"_s, body);
        QCOMPARE(r.status, 422);
        const QJsonObject error = r.obj().value(u"error"_s).toObject();
        QCOMPARE(error.value(u"code"_s).toString(), u"validation"_s);
        QCOMPARE(error.value(u"field"_s).toString(), field);
        // The batch names the element.
        const auto batch = m_http.post(u"/api/v1/tasks/batch"_s, "[{\"title\":\"ok\"}," + body + "]");
        QCOMPARE(batch.status, 422);
        QCOMPARE(batch.obj().value(u"error"_s).toObject().value(u"field"_s).toString(), u"[1]."_s + field);
    }

    void every_route_answers_poison_without_a_5xx()
    {
        const auto routes = m_http.get(u"/api/v1/routes"_s);
        QCOMPARE(routes.status, 200);
        const QString someId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        int requests = 0;
        QStringList failures;
        auto check = [&](const TestHttp::Reply &r, const QString &what) {
            ++requests;
            if (r.status == 0 || r.status >= 500)
                failures << u"%1 → %2 %3"_s.arg(what).arg(r.status).arg(QString::fromUtf8(r.body.left(200)));
        };
        for (const QJsonValue &v : routes.obj().value(u"routes"_s).toArray()) {
            const QString method = v[u"method"_s].toString();
            const QString pattern = v[u"path"_s].toString();
            if (pattern == u"/api/v1/ws")
                continue; // a WebSocket upgrade: covered by the hub's own tests
            for (const QString &arg : {someId, u"%00"_s}) {
                const QString path = QString(pattern).replace(u"<arg>"_s, arg);
                for (const QString &key : QueryKeys)
                    for (const QString &poison : QueryPoison) {
                        const QString target = path + u'?' + key + u'=' + poison;
                        check(m_http.send(method.toLatin1(), target), method + u' ' + target);
                    }
                if (method == u"GET" || method == u"DELETE")
                    continue;
                for (const QByteArray &body : poisonedBodies())
                    check(m_http.send(method.toLatin1(), path, body),
                          method + u' ' + path + u' ' + QString::fromUtf8(body.left(80)));
                check(m_http.send(method.toLatin1(), path, "{\"title\":\"fine\"}", {{"X-Taskmill-Actor", QByteArray("op\0x", 4)}}),
                      method + u' ' + path + u" with a NUL in X-Taskmill-Actor"_s);
            }
        }
        QVERIFY2(failures.isEmpty(), qPrintable(u"%1 of %2 requests answered 5xx or nothing:\n"_s.arg(failures.size()).arg(requests)
                                                + failures.mid(0, 20).join(u'\n')));
        QVERIFY(requests > 1000);
        QCOMPARE(m_http.get(u"/health"_s).status, 200);
    }

    void cursor_with_a_timestamp_postgres_rejects_is_422_data()
    {
        QTest::addColumn<QString>("key");
        QTest::newRow("offset +99:99") << u"2026-01-01 00:00:00+99:99"_s;
        QTest::newRow("year 0") << u"0000-01-01 00:00:00+00"_s;
        QTest::newRow("month 13") << u"2026-13-01 00:00:00+00"_s;
        QTest::newRow("hour 25") << u"2026-01-01 25:00:00+00"_s;
    }
    void cursor_with_a_timestamp_postgres_rejects_is_422()
    {
        QFETCH(QString, key);
        const QJsonObject cursor{{u"s"_s, u"created"_s}, {u"o"_s, u"desc"_s}, {u"k"_s, key},
                                 {u"i"_s, QUuid::createUuid().toString(QUuid::WithoutBraces)}};
        const QByteArray encoded = QJsonDocument(cursor).toJson(QJsonDocument::Compact).toBase64(
            QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
        const auto r = m_http.get(u"/api/v1/tasks?cursor="_s + QString::fromLatin1(encoded));
        QCOMPARE(r.status, 422);
        QCOMPARE(r.obj().value(u"error"_s).toObject().value(u"field"_s).toString(), u"cursor"_s);
    }

    // Hundreds of valid creates (durable and fast, single and batch) racing poisoned ones over many
    // connections, so the api groups them together: every valid one is acknowledged and exists, every
    // poisoned one is refused with a 422 naming its field.
    void poisoned_creates_never_fail_or_lose_valid_ones()
    {
        const QList<QByteArray> poison = {R"({"title":"x\u0000"})", R"({"payload":{"v":"\ud800"}})",
                                          R"({"durability":"fast","payload":{"k\u0000":1}})",
                                          R"({"durability":"fast","description":"\udfff"})"};
        QRandomGenerator rng(20261205);
        for (int round = 0; round < 3; ++round) {
            std::vector<Sent> requests;
            for (int i = 0; i < 480; ++i) {
                const bool valid = rng.bounded(100) < 70;
                const bool fast = rng.bounded(2) == 0;
                const bool batch = valid && rng.bounded(10) == 0;
                Sent s;
                s.valid = valid;
                s.batch = batch;
                if (!valid) {
                    s.path = rng.bounded(5) == 0 ? "/api/v1/tasks/batch" : "/api/v1/tasks";
                    const QByteArray one = poison.at(rng.bounded(poison.size()));
                    s.body = s.path.endsWith("batch") ? "[{\"title\":\"neighbour\"}," + one + "]" : one;
                } else {
                    const QJsonObject task{{u"title"_s, u"valid %1/%2"_s.arg(round).arg(i)},
                                           {u"durability"_s, fast ? u"fast"_s : u"durable"_s},
                                           {u"payload"_s, QJsonObject{{u"n"_s, i}, {u"text"_s, u"Ёжик ü 😀"_s}}}};
                    if (batch) {
                        s.path = "/api/v1/tasks/batch";
                        s.body = QJsonDocument(QJsonArray{task, task, task}).toJson(QJsonDocument::Compact);
                    } else {
                        s.path = "/api/v1/tasks";
                        s.body = QJsonDocument(task).toJson(QJsonDocument::Compact);
                    }
                }
                requests.push_back(std::move(s));
            }
            sendAll(requests, 8);

            QStringList acknowledged;
            for (const Sent &s : requests) {
                if (!s.valid) {
                    QVERIFY2(s.status == 422, qPrintable(u"poisoned request answered %1: %2"_s.arg(s.status).arg(QString::fromUtf8(s.body))));
                    QVERIFY(!s.reply.object().value(u"error"_s).toObject().value(u"field"_s).toString().isEmpty());
                    continue;
                }
                QVERIFY2(s.status == 201, qPrintable(u"valid request answered %1: %2"_s.arg(s.status).arg(QString::fromUtf8(s.reply.toJson()))));
                if (s.batch)
                    for (const QJsonValue &id : s.reply.object().value(u"ids"_s).toArray())
                        acknowledged << id.toString();
                else
                    acknowledged << idWithin(s.reply.object());
            }
            QVERIFY(acknowledged.size() > 300);
            // Every acknowledged task is in PostgreSQL ("fast" ones as soon as the writer's group lands).
            const QString list = u"'"_s + acknowledged.join(u"','"_s) + u"'"_s;
            QTRY_COMPARE_WITH_TIMEOUT(countRows(*m_servers, u"SELECT count(*) FROM tasks WHERE id IN (%1)"_s.arg(list)),
                                      int(acknowledged.size()), 20000);
            // No poisoned neighbour slipped in with them.
            QCOMPARE(countRows(*m_servers, u"SELECT count(*) FROM tasks WHERE title = 'neighbour'"_s), 0);
        }
    }
};

QTEST_GUILESS_MAIN(TestPoisonedInput)
#include "test_PoisonedInput.moc"
