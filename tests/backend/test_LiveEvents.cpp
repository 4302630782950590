// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// WebSocket push (/api/v1/ws): subscribe filters, coalesced batches, the slow-client policy; seed 000's
// /notifications and the /api/v1/stats aggregates.
#include "IntegrationHelpers.h"

#include <QTcpSocket>
#include <QWebSocket>

using namespace Qt::StringLiterals;
using namespace taskmill::test;

class TestLiveEvents : public QObject
{
    Q_OBJECT
    TestServers m_servers;
    BackendProcess m_backend;
    TestHttp m_http;

    QUrl wsUrl() const
    {
        QUrl u = m_backend.baseUrl();
        u.setScheme(u"ws"_s);
        u.setPath(u"/api/v1/ws"_s);
        return u;
    }

    // Opens `ws` on the hub, collecting what it receives in `messages`; sends `message` and waits for the
    // answer. True when that was "subscribed".
    bool subscribe(QWebSocket &ws, QList<QJsonObject> &messages, const QString &message)
    {
        connect(&ws, &QWebSocket::textMessageReceived, this,
                [&messages](const QString &t) { messages.append(QJsonDocument::fromJson(t.toUtf8()).object()); });
        ws.open(wsUrl());
        if (!QTest::qWaitFor([&ws] { return ws.state() == QAbstractSocket::ConnectedState; }, 5000))
            return false;
        ws.sendTextMessage(message);
        return QTest::qWaitFor([&messages] { return !messages.isEmpty(); }, 5000)
            && messages.first().value(u"type"_s).toString() == u"subscribed";
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

    void websocket_pushes_filtered_events_in_batches()
    {
        QWebSocket ws;
        QList<QJsonObject> messages;
        QVERIFY(subscribe(ws, messages, u"{\"type\":\"subscribe\",\"priorities\":[\"HIGH\"]}"_s));

        const QString high = createTask(m_http, {{u"priority"_s, u"HIGH"_s}, {u"title"_s, u"watched"_s}});
        const QString low = createTask(m_http, {{u"priority"_s, u"LOW"_s}});
        QJsonArray batch;
        for (int i = 0; i < 200; ++i)
            batch.append(QJsonObject{{u"priority"_s, u"HIGH"_s}});
        QCOMPARE(m_http.post(u"/api/v1/tasks/batch"_s, QJsonValue(batch)).status, 201);
        auto kindsOf = [&](const QString &id) {
            QStringList kinds;
            for (const QJsonObject &m : std::as_const(messages))
                for (const auto &e : m.value(u"events"_s).toArray())
                    if (e.toObject().value(u"task_id"_s).toString() == id)
                        kinds << e.toObject().value(u"kind"_s).toString();
            return kinds;
        };
        QTRY_VERIFY_WITH_TIMEOUT(kindsOf(high).contains(u"completed"_s), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(countRows(m_servers, u"SELECT count(*) FROM tasks WHERE status <> 'COMPLETED'"_s), 0, 20000);
        // Events arrive in revision order, and a marker created now comes after every event of the LOW task:
        // once the marker's completion is here, the LOW task's events had their chance to arrive.
        const QString marker = createTask(m_http, {{u"priority"_s, u"HIGH"_s}, {u"title"_s, u"marker"_s}});
        QTRY_VERIFY_WITH_TIMEOUT(kindsOf(marker).contains(u"completed"_s), 10000);
        QVERIFY(kindsOf(low).isEmpty()); // filtered out
        int events = 0;
        qint64 last = 0;
        for (const QJsonObject &m : std::as_const(messages)) {
            for (const auto &e : m.value(u"events"_s).toArray()) {
                ++events;
                QCOMPARE(e.toObject().value(u"priority"_s).toString(), u"HIGH"_s);
                QVERIFY(e.toObject().value(u"revision"_s).toInteger() > last); // in order
                last = e.toObject().value(u"revision"_s).toInteger();
            }
        }
        QVERIFY(events >= 201 * 3);
        QVERIFY2(messages.size() < events / 5, "events were not coalesced into batches");
        // A bad subscription is answered with an error naming the field.
        ws.sendTextMessage(u"{\"type\":\"subscribe\",\"statuses\":[\"DONE\"]}"_s);
        QTRY_COMPARE_WITH_TIMEOUT(messages.last().value(u"field"_s).toString(), u"statuses"_s, 5000);
        ws.close();
    }

    void a_subscription_by_status_receives_only_events_with_that_status()
    {
        QWebSocket ws;
        QList<QJsonObject> messages;
        QVERIFY(subscribe(ws, messages, u"{\"type\":\"subscribe\",\"statuses\":[\"COMPLETED\"]}"_s));

        // The list endpoint's keys that an event cannot be judged on are refused, naming the key; the
        // subscription in force stays as it was.
        for (const QString &key : {u"q"_s, u"created_from"_s, u"created_to"_s}) {
            const qsizetype before = messages.size();
            const QJsonObject bad{{u"type"_s, u"subscribe"_s}, {key, u"2026-01-31T00:00:00Z"_s}};
            ws.sendTextMessage(QString::fromUtf8(QJsonDocument(bad).toJson(QJsonDocument::Compact)));
            QTRY_COMPARE_WITH_TIMEOUT(messages.size(), before + 1, 5000);
            QCOMPARE(messages.last().value(u"type"_s).toString(), u"error"_s);
            QCOMPARE(messages.last().value(u"field"_s).toString(), key);
        }

        QJsonArray batch;
        for (int i = 0; i < 20; ++i)
            batch.append(QJsonObject{{u"title"_s, u"by status %1"_s.arg(i)}, {u"type"_s, u"noop"_s}});
        const auto created = m_http.post(u"/api/v1/tasks/batch"_s, QJsonValue(batch));
        QCOMPARE(created.status, 201);
        QSet<QString> waiting;
        for (const auto &id : created.obj().value(u"ids"_s).toArray())
            waiting.insert(id.toString());
        QCOMPARE(waiting.size(), 20);
        auto events = [&] {
            QList<QJsonObject> out;
            for (const QJsonObject &m : std::as_const(messages))
                for (const auto &e : m.value(u"events"_s).toArray())
                    out.append(e.toObject());
            return out;
        };
        auto completedIds = [&] {
            QSet<QString> ids;
            for (const QJsonObject &e : events())
                ids.insert(e.value(u"task_id"_s).toString());
            return ids;
        };
        QTRY_VERIFY_WITH_TIMEOUT(completedIds().contains(waiting), 20000);
        QTest::qWait(300);
        // Each task went NEW → PENDING → IN_PROGRESS → COMPLETED: only the last transition came through.
        for (const QJsonObject &e : events()) {
            QCOMPARE(e.value(u"status"_s).toString(), u"COMPLETED"_s);
            QCOMPARE(e.value(u"kind"_s).toString(), u"completed"_s);
        }
        ws.close();
    }

    void a_client_that_never_reads_is_told_to_resync_and_dropped()
    {
        // A raw socket that completes the upgrade, subscribes, then stops reading.
        QTcpSocket raw;
        raw.connectToHost(m_backend.baseUrl().host(), quint16(m_backend.baseUrl().port()));
        QVERIFY(raw.waitForConnected(5000));
        raw.write("GET /api/v1/ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
        QVERIFY(raw.waitForReadyRead(5000));
        QVERIFY(raw.readAll().contains("101"));
        const QByteArray subscribe = "{\"type\":\"subscribe\"}";
        QByteArray frame;
        frame.append(char(0x81)).append(char(0x80 | subscribe.size())).append("\0\0\0\0", 4).append(subscribe);
        raw.write(frame);
        raw.waitForBytesWritten(1000);
        // The server confirms the subscription before the flood below, so every one of its events is queued for us.
        QByteArray received;
        while (!received.contains("\"subscribed\"") && raw.waitForReadyRead(5000))
            received += raw.readAll();
        QVERIFY2(received.contains("\"subscribed\""), received.constData());
        raw.setReadBufferSize(1); // stop draining: the server's send buffer fills up
        for (int b = 0; b < 8; ++b) {
            QJsonArray items;
            for (int i = 0; i < 1000; ++i)
                items.append(QJsonObject{{u"title"_s, QString(120, u'x')}});
            QCOMPARE(m_http.post(u"/api/v1/tasks/batch"_s, QJsonValue(items)).status, 201);
        }
        QTRY_VERIFY_WITH_TIMEOUT(m_backend.log().contains(u"dropping slow WebSocket client"_s), 60000);
        QVERIFY(m_http.get(u"/health"_s).status == 200); // the server is unharmed
        QTRY_COMPARE_WITH_TIMEOUT(countRows(m_servers, u"SELECT count(*) FROM tasks WHERE status <> 'COMPLETED'"_s), 0, 120000);
    }

    void seed_000_notifications_and_stats()
    {
        const auto r = m_http.post(u"/tasks"_s, QJsonValue(QJsonObject{{u"description"_s, u"Hello"_s}}));
        QCOMPARE(r.status, 201);
        const QString id = r.obj().value(u"id"_s).toString();
        QCOMPARE(waitForStatus(m_http, id, u"COMPLETED"_s).value(u"status"_s).toString(), u"COMPLETED"_s);
        const QJsonArray done = m_http.get(u"/notifications/?type=completed"_s).obj().value(u"tasks"_s).toArray();
        QVERIFY(!done.isEmpty());
        const QJsonObject first = done.at(0).toObject();
        QCOMPARE(first.value(u"operation"_s).toString(), u"UPDATE"_s);
        QCOMPARE(first.value(u"id"_s).toString(), id);
        QCOMPARE(first.value(u"description"_s).toString(), u"Hello"_s);
        QCOMPARE(first.value(u"trace_id"_s).toString().size(), 32);
        QCOMPARE(first.value(u"span_id"_s).toString().size(), 16);
        QVERIFY(!first.value(u"completed_at"_s).isNull());
        QCOMPARE(m_http.get(u"/notifications/?type=whatever"_s).status, 422);
        QCOMPARE(m_http.get(u"/notifications/?type=non_completed"_s).status, 200);

        const QJsonObject stats = m_http.get(u"/api/v1/stats"_s).obj();
        QVERIFY(stats.value(u"counts"_s).toObject().value(u"COMPLETED"_s).toObject().value(u"MEDIUM"_s).toInt() >= 1);
        QCOMPARE(stats.value(u"workers"_s).toArray().size(), 1);
        QCOMPARE(stats.value(u"workers"_s).toArray().at(0).toObject().value(u"threads"_s).toInt(), 4);
        QVERIFY(stats.value(u"queues"_s).toObject().contains(u"HIGH"_s));
        QVERIFY(stats.value(u"last_minute"_s).toObject().value(u"completed"_s).toInt() >= 1);
        QCOMPARE(stats.value(u"redis"_s).toString(), u"up"_s);
    }
};

QTEST_GUILESS_MAIN(TestLiveEvents)
#include "test_LiveEvents.moc"
