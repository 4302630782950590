// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// Connection limits (api/ConnectionGuard, docs/security.md "Limits") through a real taskmilld: a client
// address holds at most api.max_connections_per_address connections, a client that trickles its headers is
// cut at api.header_timeout_ms (slowloris), one idle between requests at api.idle_timeout_ms — while a
// long-poll being served and an upgraded WebSocket, both silent for longer, are left alone.
#include "IntegrationHelpers.h"

#include <QTcpSocket>
#include <QWebSocket>
#include <QtConcurrent/QtConcurrentRun>

#include <memory>

using namespace Qt::StringLiterals;
using namespace taskmill;
using namespace taskmill::test;

class TestConnections : public QObject
{
    Q_OBJECT
    TestServers m_servers;

    std::unique_ptr<QTcpSocket> connectTo(const QUrl &base)
    {
        auto s = std::make_unique<QTcpSocket>();
        s->connectToHost(base.host(), quint16(base.port()));
        s->waitForConnected(5000);
        return s;
    }
    static bool closedByServer(QTcpSocket &s, int ms = 5000)
    {
        return QTest::qWaitFor([&s] { s.waitForReadyRead(20); return s.state() == QAbstractSocket::UnconnectedState; }, ms);
    }

private slots:
    void initTestCase()
    {
        auto started = m_servers.start();
        QVERIFY2(started, qPrintable(started ? QString() : started.error().message));
    }

    void an_address_holds_at_most_its_share_of_connections()
    {
        BackendProcess backend;
        QVERIFY(backend.start(backendArgs(m_servers, {u"--role"_s, u"api"_s, u"--set"_s, u"api.max_connections_per_address=3"_s})));
        std::vector<std::unique_ptr<QTcpSocket>> held;
        for (int i = 0; i < 3; ++i)
            held.push_back(connectTo(backend.baseUrl()));
        auto fourth = connectTo(backend.baseUrl());
        QVERIFY2(closedByServer(*fourth), "the fourth connection from one address was kept");
        for (const auto &s : held)
            QCOMPARE(s->state(), QAbstractSocket::ConnectedState);
        // Closed ones give their place back.
        held.clear();
        TestHttp http(backend.baseUrl());
        QTRY_COMPARE_WITH_TIMEOUT(http.get(u"/health"_s).status, 200, 5000);
        QVERIFY(backend.terminate());
    }

    void slow_headers_and_idle_connections_are_cut_but_not_a_long_poll_or_a_websocket()
    {
        BackendProcess backend;
        QVERIFY(backend.start(backendArgs(m_servers, {u"--role"_s, u"api"_s, u"--set"_s, u"api.header_timeout_ms=400"_s,
                                                      u"--set"_s, u"api.idle_timeout_ms=800"_s})));
        TestHttp http(backend.baseUrl());
        QCOMPARE(http.post(u"/api/v1/handlers"_s, QJsonValue(QJsonObject{{u"name"_s, u"slow.ext"_s}, {u"kind"_s, u"external"_s}})).status, 201);

        // Opened first, silent throughout.
        QUrl ws = backend.baseUrl();
        ws.setScheme(u"ws"_s);
        ws.setPath(u"/api/v1/ws"_s);
        QWebSocket socket;
        socket.open(ws);
        QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::ConnectedState, 5000);

        // A worker's long-poll: silent for 2 s while it is served, well past both timeouts.
        auto poll = QtConcurrent::run([url = backend.baseUrl()] {
            TestHttp h(url, 20'000);
            return h.post(u"/api/v1/workers/lease"_s, QJsonValue(QJsonObject{{u"worker"_s, u"w"_s}, {u"types"_s, QJsonArray{u"slow.ext"_s}},
                                                                              {u"wait_ms"_s, 2000}})).status;
        });

        // Slowloris: a request line and one header, then nothing.
        auto slow = connectTo(backend.baseUrl());
        slow->write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        QVERIFY2(closedByServer(*slow), "a client that never finished its headers was kept");

        // Headers past api.max_header_bytes (16 KiB by default), sent at once.
        auto huge = connectTo(backend.baseUrl());
        huge->write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Filler: " + QByteArray(20'000, 'x') + "\r\n");
        QVERIFY2(closedByServer(*huge), "a request with 20 KB of headers was kept");

        // A finished request, then silence.
        auto idle = connectTo(backend.baseUrl());
        idle->write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        QVERIFY(QTest::qWaitFor([&] { idle->waitForReadyRead(20); return idle->readAll().contains("200 OK"); }, 5000));
        QVERIFY2(closedByServer(*idle), "an idle keep-alive connection was kept");

        QCOMPARE(poll.result(), 200);
        QCOMPARE(socket.state(), QAbstractSocket::ConnectedState);
        QVERIFY(backend.terminate());
    }
};

QTEST_GUILESS_MAIN(TestConnections)
#include "test_Connections.moc"
