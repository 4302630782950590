// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "client/EventStream.h"
#include "wire/TaskFilter.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketServer>

using namespace taskmill;

namespace {
QString eventsMessage(qint64 revision, const QUuid &id)
{
    return QStringLiteral("{\"type\":\"events\",\"revision\":%1,\"events\":[{\"revision\":%1,\"kind\":\"completed\","
                          "\"task_id\":\"%2\",\"from_status\":\"IN_PROGRESS\",\"status\":\"COMPLETED\","
                          "\"priority\":\"LOW\",\"type\":\"noop\",\"title\":\"t\",\"at\":\"2026-11-23T12:00:00.000Z\","
                          "\"worker\":\"w\",\"attempt\":1,\"message\":null}]}")
        .arg(revision)
        .arg(id.toString(QUuid::WithoutBraces));
}
} // namespace

// EventStream against a real QWebSocketServer on loopback that plays the backend's side of /api/v1/ws.
class TestEventStream final : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_server = std::make_unique<QWebSocketServer>(QStringLiteral("fake taskmilld"), QWebSocketServer::NonSecureMode);
        QVERIFY(m_server->listen(QHostAddress::LocalHost));
        connect(m_server.get(), &QWebSocketServer::newConnection, this, [this] {
            while (QWebSocket *socket = m_server->nextPendingConnection()) {
                m_peers.append(socket);
                connect(socket, &QWebSocket::textMessageReceived, this,
                        [this](const QString &text) { m_received.append(text); });
            }
        });
        m_stream = std::make_unique<EventStream>(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server->serverPort())));
    }

    void cleanup()
    {
        m_stream.reset();
        qDeleteAll(m_peers);
        m_peers.clear();
        m_received.clear();
        m_server.reset();
    }

    void socket_url_follows_the_base_url_data()
    {
        QTest::addColumn<QString>("base");
        QTest::addColumn<QString>("expected");
        QTest::newRow("http") << "http://127.0.0.1:8080" << "ws://127.0.0.1:8080/api/v1/ws";
        QTest::newRow("https with path") << "https://jobs.example/taskmill/" << "wss://jobs.example/taskmill/api/v1/ws";
    }

    void socket_url_follows_the_base_url()
    {
        QFETCH(QString, base);
        QFETCH(QString, expected);
        QCOMPARE(EventStream::socketUrl(QUrl(base)).toString(), expected);
    }

    void backoff_doubles_to_ten_seconds()
    {
        QCOMPARE(EventStream::backoffMs(1), 500);
        QCOMPARE(EventStream::backoffMs(2), 1000);
        QCOMPARE(EventStream::backoffMs(5), 8000);
        QCOMPARE(EventStream::backoffMs(6), 10'000);
        QCOMPARE(EventStream::backoffMs(40), 10'000);
    }

    void subscribes_and_delivers_events()
    {
        QSignalSpy connected(m_stream.get(), &EventStream::connectedChanged);
        QSignalSpy events(m_stream.get(), &EventStream::eventsReceived);
        m_stream->open();
        QTRY_COMPARE(m_received.size(), 1);
        const QJsonObject subscribe = QJsonDocument::fromJson(m_received.first().toUtf8()).object();
        QCOMPARE(subscribe.value(QStringLiteral("type")).toString(), QStringLiteral("subscribe"));
        // The hub reads it with the shared parser: the app's live pages want every event.
        const auto filter = TaskFilter::fromSubscription(subscribe);
        QVERIFY(filter && filter->isEmpty());
        QVERIFY(!m_stream->isConnected());
        m_peers.first()->sendTextMessage(QStringLiteral("{\"type\":\"subscribed\",\"revision\":41}"));
        QTRY_COMPARE(connected.size(), 1);
        QVERIFY(m_stream->isConnected());
        QCOMPARE(m_stream->subscribedRevision(), 41);

        const QUuid id = QUuid::createUuid();
        m_peers.first()->sendTextMessage(eventsMessage(42, id));
        QTRY_COMPARE(events.size(), 1);
        const auto list = events.first().at(0).value<QList<TaskEvent>>();
        QCOMPARE(list.size(), 1);
        QCOMPARE(list.first().taskId, id);
        QCOMPARE(events.first().at(1).toLongLong(), 42);
    }

    void resync_and_malformed_events_ask_for_a_snapshot()
    {
        QSignalSpy resync(m_stream.get(), &EventStream::resyncRequired);
        m_stream->open();
        QTRY_COMPARE(m_received.size(), 1);
        m_peers.first()->sendTextMessage(QStringLiteral("{\"type\":\"events\",\"revision\":3,\"events\":[{\"kind\":1}]}"));
        QTRY_COMPARE(resync.size(), 1);
        m_peers.first()->sendTextMessage(QStringLiteral("{\"type\":\"resync\",\"reason\":\"slow client\"}"));
        QTRY_COMPARE(resync.size(), 2);
    }

    void reconnects_and_resubscribes_after_the_server_drops_it()
    {
        QSignalSpy connected(m_stream.get(), &EventStream::connectedChanged);
        m_stream->open();
        QTRY_COMPARE(m_received.size(), 1);
        m_peers.first()->sendTextMessage(QStringLiteral("{\"type\":\"subscribed\",\"revision\":1}"));
        QTRY_COMPARE(connected.size(), 1);
        m_peers.first()->close();
        QTRY_COMPARE(connected.size(), 2);
        QCOMPARE(connected.at(1).at(0).toBool(), false);
        // The first retry comes after 0.5 s and subscribes again.
        QTRY_COMPARE_WITH_TIMEOUT(m_received.size(), 2, 3000);
        QCOMPARE(m_peers.size(), 2);
    }

    void close_stops_reconnecting()
    {
        m_stream->open();
        QTRY_COMPARE(m_received.size(), 1);
        m_stream->close();
        // Reconnecting takes the backoff timer; it is not armed, and the server has seen the socket go, so
        // no later disconnect can arm it either.
        QVERIFY(!m_stream->isReconnectScheduled());
        QTRY_VERIFY(m_peers.first()->state() == QAbstractSocket::UnconnectedState);
        QVERIFY(!m_stream->isReconnectScheduled());
        QCOMPARE(m_peers.size(), 1);
    }

    void handshake_carries_the_credentials()
    {
        m_stream->setAuthorization(QByteArrayLiteral("Bearer tk_live"));
        m_stream->open();
        QTRY_COMPARE(m_peers.size(), 1);
        QCOMPARE(m_peers.first()->request().rawHeader("Authorization"), QByteArrayLiteral("Bearer tk_live"));

        // A changed secret applies to the next connection.
        m_stream->close();
        m_stream->setAuthorization(QByteArrayLiteral("Basic b3BzOnB3"));
        m_stream->open();
        QTRY_COMPARE(m_peers.size(), 2);
        QCOMPARE(m_peers.at(1)->request().rawHeader("Authorization"), QByteArrayLiteral("Basic b3BzOnB3"));
    }

    void no_credentials_no_header()
    {
        m_stream->open();
        QTRY_COMPARE(m_peers.size(), 1);
        QVERIFY(!m_peers.first()->request().hasRawHeader("Authorization"));
    }

private:
    std::unique_ptr<QWebSocketServer> m_server;
    std::unique_ptr<EventStream> m_stream;
    QList<QWebSocket *> m_peers;
    QStringList m_received;
};

QTEST_GUILESS_MAIN(TestEventStream)
#include "test_EventStream.moc"
