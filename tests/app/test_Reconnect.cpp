// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "FakeNetworkAccessManager.h"

#include "client/BackendClient.h"
#include "models/TaskModel.h"
#include "models/TaskPager.h"
#include "settings/AppSettings.h"
#include "views/ConnectionStatusWidget.h"

#include <QLabel>
#include "views/MainWindow.h"
#include "views/OfflineBanner.h"

#include "client/EventStream.h"

#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QPushButton>
#include <QWebSocket>
#include <QWebSocketServer>

using namespace taskmill;
using namespace taskmill::test;
using State = BackendClient::ConnectionState;

namespace {
QUuid taskId(int n)
{
    return QUuid(QStringLiteral("00000000-0000-4000-8000-%1").arg(n, 12, 10, QLatin1Char('0')));
}

QByteArray pageJson(std::initializer_list<int> ns, qint64 revision, const char *status = "PENDING")
{
    QByteArrayList items;
    for (int n : ns)
        items << QStringLiteral("{\"id\":\"%1\",\"type\":\"sleep\",\"title\":\"task %2\",\"description\":\"\","
                                "\"payload\":{},\"priority\":\"HIGH\",\"status\":\"%3\","
                                "\"created_at\":\"2026-11-23T12:00:00.000Z\",\"started_at\":null,\"completed_at\":null,"
                                "\"run_at\":null,\"updated_at\":\"2026-11-23T12:00:00.000Z\",\"result\":null,"
                                "\"error\":null,\"attempts\":0,\"max_attempts\":3,\"trace_id\":null,\"span_id\":null,"
                                "\"worker\":null}")
                     .arg(taskId(n).toString(QUuid::WithoutBraces))
                     .arg(n)
                     .arg(QString::fromLatin1(status))
                     .toUtf8();
    return "{\"items\":[" + items.join(',') + "],\"total\":" + QByteArray::number(qsizetype(ns.size()))
        + ",\"next_after\":null,\"revision\":" + QByteArray::number(revision) + "}";
}

constexpr int SlowAnswerMs = 300; // surely after the reload's immediate answer
constexpr int LongMs = 60'000;    // longer than any test
constexpr int AtOnceMs = 1'000;

const QByteArray Health = "{\"status\":\"ok\",\"postgres\":\"up\",\"redis\":\"up\",\"version\":\"0.1.0\",\"protocol\":1}";
} // namespace

// What the user sees when the backend goes away and comes back: state, countdown, reconnect, and a task
// table that shows the backend's state after the reconnect, not what it showed before.
class TestReconnect final : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_qsettings = std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("taskmill.ini")), QSettings::IniFormat);
        m_settings = std::make_unique<AppSettings>(*m_qsettings);
        m_network = std::make_unique<FakeNetworkAccessManager>();
        // Other pages (dead letters, monitor) ask too: an answer, so only the routes below decide the state.
        m_network->setFallback(CannedResponse::json(404, "{\"error\":{\"code\":\"not_found\",\"message\":\"x\"}}"));
        m_network->route("GET", QStringLiteral("/health"), CannedResponse::json(200, Health));
        m_network->route("GET", QStringLiteral("/api/v1/tasks"), CannedResponse::json(200, pageJson({3, 2, 1}, 10)));
        m_client = std::make_unique<BackendClient>(
            *m_network, ConnectionProfile{QStringLiteral("test"), QUrl(QStringLiteral("http://127.0.0.1:1")),
                                          ConnectionProfile::Kind::Remote});
        m_client->setProbeInterval(50);
        m_client->setBackoff(100, 400);
        m_window = std::make_unique<MainWindow>(*m_client, *m_settings);
        m_window->pager()->setRefreshInterval(60'000); // only reconnects reload here, not the polling fallback
        m_client->connectToBackend();
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QTRY_COMPARE(m_window->taskModel()->rowCount(), 3);
    }

    void cleanup()
    {
        m_client->abortAll();
        m_window.reset();
        m_client.reset();
        m_network.reset();
        m_settings.reset();
        m_qsettings.reset();
    }

    void reconnect_reloads_the_snapshot_without_stale_rows()
    {
        ConnectionStatusWidget *status = m_window->connectionStatus();
        OfflineBanner *banner = m_window->offlineBanner();
        QVERIFY(!banner->reconnectButton()->isVisibleTo(m_window.get()));

        // The backend goes down…
        m_network->route("GET", QStringLiteral("/health"), CannedResponse::refused());
        m_network->route("GET", QStringLiteral("/api/v1/tasks"), CannedResponse::refused());
        QTRY_COMPARE(m_client->connectionState(), State::Disconnected);
        QTRY_VERIFY(status->reconnectText().contains(QStringLiteral("reconnecting in")));
        QVERIFY(banner->reconnectButton()->isVisibleTo(m_window.get()));
        // One reconnect button: the banner's; the status bar only says what is going on.
        QVERIFY(!status->findChild<QAbstractButton *>());
        QCOMPARE(m_window->taskModel()->rowCount(), 3); // the last known rows stay while it is away

        // …and comes back after task 3 was purged and task 2 completed.
        m_network->route("GET", QStringLiteral("/api/v1/tasks"), CannedResponse::json(200, pageJson({2, 1}, 25)));
        m_network->route("GET", QStringLiteral("/health"), CannedResponse::json(200, Health));
        QTRY_COMPARE(m_client->connectionState(), State::Connected);
        QTRY_COMPARE(m_window->taskModel()->rowCount(), 2);
        QCOMPARE(m_window->taskModel()->rowOf(taskId(3)), -1);
        QCOMPARE(m_window->pager()->revision(), 25);
        QVERIFY(status->reconnectText().isEmpty());
        QVERIFY(!banner->reconnectButton()->isVisibleTo(m_window.get()));
    }

    void the_status_bar_names_the_caller_as_plain_text()
    {
        ConnectionStatusWidget *status = m_window->connectionStatus();
        const QByteArray info = R"({"version":"0.1.0","caller":{"name":"<b>ops</b>@example.org","role":"operator"}})";
        m_network->route("GET", QStringLiteral("/api/v1/info"), CannedResponse::json(200, info));
        // Who we are is asked on every (re)connect: the role may have changed meanwhile.
        m_network->route("GET", QStringLiteral("/health"), CannedResponse::refused());
        QTRY_COMPARE(m_client->connectionState(), State::Disconnected);
        QVERIFY(status->callerText().isEmpty());
        m_network->route("GET", QStringLiteral("/health"), CannedResponse::json(200, Health));
        QTRY_COMPARE(m_client->connectionState(), State::Connected);
        QTRY_COMPARE(status->callerText(), QStringLiteral("<b>ops</b>@example.org (operator)"));
        auto *label = status->findChild<QLabel *>(QStringLiteral("callerLabel"));
        QCOMPARE(label->textFormat(), Qt::PlainText);
    }

    void reconnect_now_button_reconnects_at_once()
    {
        m_client->setBackoff(60'000, 60'000);
        m_network->route("GET", QStringLiteral("/health"), CannedResponse::refused());
        QTRY_COMPARE(m_client->connectionState(), State::Disconnected);
        QTRY_VERIFY(m_client->reconnectInMs() > 1000);
        m_network->route("GET", QStringLiteral("/health"), CannedResponse::json(200, Health));
        QTest::mouseClick(m_window->offlineBanner()->reconnectButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(m_client->connectionState(), State::Connected, 2000);
    }

    void a_slow_old_answer_does_not_overwrite_a_newer_snapshot()
    {
        // Page load 1 is slow and carries the old rows; load 2 (the reload) answers first.
        CannedResponse slow = CannedResponse::json(200, pageJson({3, 2, 1}, 10));
        slow.delayMs = SlowAnswerMs;
        m_network->route("GET", QStringLiteral("/api/v1/tasks"), slow);
        m_window->pager()->refresh();
        m_network->route("GET", QStringLiteral("/api/v1/tasks"), CannedResponse::json(200, pageJson({1}, 30)));
        m_window->pager()->refresh();
        QTRY_COMPARE(m_window->taskModel()->rowCount(), 1);
        const QString tasks = QStringLiteral("/api/v1/tasks");
        QTRY_COMPARE(m_network->countAnswered("GET", tasks), m_network->countSent("GET", tasks)); // the slow one too
        QCOMPARE(m_window->taskModel()->rowCount(), 1);
        QCOMPARE(m_window->pager()->revision(), 30);
    }

    void the_event_stream_closing_or_subscribing_probes_at_once()
    {
        // A server that only speaks the WebSocket side; HTTP stays with the fake network manager.
        QWebSocketServer server(QStringLiteral("fake taskmilld"), QWebSocketServer::NonSecureMode);
        QVERIFY(server.listen(QHostAddress::LocalHost));
        QList<QWebSocket *> peers;
        bool accepting = true;
        connect(&server, &QWebSocketServer::newConnection, this, [&] {
            while (QWebSocket *socket = server.nextPendingConnection()) {
                socket->setParent(&server); // the caller owns accepted sockets: gone with the server
                if (!accepting) {
                    socket->abort();
                    continue;
                }
                peers.append(socket);
                connect(socket, &QWebSocket::textMessageReceived, socket, [socket](const QString &) {
                    socket->sendTextMessage(QStringLiteral("{\"type\":\"subscribed\",\"revision\":1}"));
                });
            }
        });
        const QUrl url(QStringLiteral("http://127.0.0.1:%1").arg(server.serverPort()));
        BackendClient client(*m_network, ConnectionProfile{QStringLiteral("ws"), url, ConnectionProfile::Kind::Remote});
        client.setProbeInterval(LongMs); // neither the interval nor a backoff may be what notices
        client.setBackoff(LongMs, LongMs);
        client.connectToBackend();
        client.eventStream().open();
        QTRY_COMPARE(client.connectionState(), State::Connected);
        QTRY_VERIFY(client.eventStream().isConnected());

        m_network->route("GET", QStringLiteral("/health"), CannedResponse::refused());
        accepting = false;
        for (QWebSocket *peer : std::as_const(peers))
            peer->close();
        QTRY_COMPARE_WITH_TIMEOUT(client.connectionState(), State::Disconnected, AtOnceMs);
        QVERIFY(client.reconnectInMs() > AtOnceMs);

        m_network->route("GET", QStringLiteral("/health"), CannedResponse::json(200, Health));
        accepting = true; // the stream's own retry (0.5 s) subscribes again, long before the probe's backoff
        QTRY_COMPARE_WITH_TIMEOUT(client.connectionState(), State::Connected, 2 * AtOnceMs);
        client.abortAll();
    }

    void authentication_failure_is_shown_and_not_retried()
    {
        m_network->route("GET", QStringLiteral("/api/v1/tasks"),
                         CannedResponse::json(401, "{\"error\":{\"code\":\"unauthorized\",\"message\":\"token expired\"}}"));
        m_window->pager()->refresh();
        QTRY_COMPARE(m_client->connectionState(), State::AuthenticationFailed);
        ConnectionStatusWidget *status = m_window->connectionStatus();
        QVERIFY(status->stateText().contains(QStringLiteral("Authentication failed")));
        QVERIFY(status->toolTip().contains(QStringLiteral("token expired")));
        QVERIFY(m_window->offlineBanner()->reconnectButton()->isVisibleTo(m_window.get()));
        QVERIFY(status->reconnectText().isEmpty());
    }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<QSettings> m_qsettings;
    std::unique_ptr<AppSettings> m_settings;
    std::unique_ptr<FakeNetworkAccessManager> m_network;
    std::unique_ptr<BackendClient> m_client;
    std::unique_ptr<MainWindow> m_window;
};

QTEST_MAIN(TestReconnect)
#include "test_Reconnect.moc"
