// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// The browser defences (api/RequestGuard, docs/security.md) through a real taskmilld: what a web page in the
// user's browser could send — a JSON body as text/plain or a form, through a rebinding name, from another
// site's origin, a WebSocket opened by another site — is refused before any route runs and writes nothing,
// while curl-like clients (no Origin, our own Host) and configured names and origins pass. Raw requests go
// over a plain socket so the exact headers are ours, not QNetworkAccessManager's.
#include "IntegrationHelpers.h"

#include <QTcpSocket>
#include <QWebSocket>

using namespace Qt::StringLiterals;
using namespace taskmill;
using namespace taskmill::test;

class TestBrowserDefences : public QObject
{
    Q_OBJECT
    TestServers m_servers;
    BackendProcess m_backend;
    TestHttp m_http;

    struct Raw
    {
        int status = 0;
        QByteArray head, body;
        QJsonObject error() const { return QJsonDocument::fromJson(body).object().value(u"error"_s).toObject(); }
    };
    // One request on a fresh connection, exactly as given (a Content-Length is added for the body).
    Raw raw(const QByteArray &method, const QByteArray &path, const QList<QByteArray> &headers, const QByteArray &body = {})
    {
        QTcpSocket s;
        s.connectToHost(m_backend.baseUrl().host(), quint16(m_backend.baseUrl().port()));
        if (!s.waitForConnected(5000))
            return {};
        QByteArray request = method + ' ' + path + " HTTP/1.1\r\n";
        for (const QByteArray &h : headers)
            request += h + "\r\n";
        if (!body.isEmpty() || method != "GET")
            request += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
        request += "Connection: close\r\n\r\n" + body;
        s.write(request);
        // Until the whole answer (its Content-Length) is in: the server may keep the connection open.
        QByteArray answer;
        const auto complete = [&answer] {
            const qsizetype split = answer.indexOf("\r\n\r\n");
            if (split < 0)
                return false;
            const QByteArray head = answer.left(split).toLower();
            const qsizetype at = head.indexOf("content-length:");
            return at < 0 || answer.size() - split - 4 >= head.mid(at + 15, head.indexOf('\r', at) - at - 15).trimmed().toLongLong();
        };
        while (!complete() && (s.waitForReadyRead(5000) || s.bytesAvailable()))
            answer += s.readAll();
        Raw r;
        const qsizetype split = answer.indexOf("\r\n\r\n");
        r.head = answer.left(split);
        r.body = split >= 0 ? answer.mid(split + 4) : QByteArray();
        r.status = answer.mid(9, 3).toInt();
        return r;
    }
    QByteArray ourHost() const { return "Host: 127.0.0.1:" + QByteArray::number(m_backend.baseUrl().port()); }
    int taskCount() { return countRows(m_servers, u"SELECT count(*) FROM tasks"_s); }

private slots:
    void initTestCase()
    {
        auto started = m_servers.start();
        QVERIFY2(started, qPrintable(started ? QString() : started.error().message));
        auto up = m_backend.start(backendArgs(m_servers, {u"--role"_s, u"api,scheduler,notifier"_s, u"--set"_s,
                                                          u"api.allowed_hosts=tasks.example.com"_s, u"--set"_s,
                                                          u"api.allowed_origins=https://admin.example.com"_s}));
        QVERIFY2(up, qPrintable(up ? QString() : up.error().message));
        m_http.setBaseUrl(m_backend.baseUrl());
    }
    void cleanupTestCase() { QVERIFY(m_backend.terminate()); }

    void bodies_a_form_or_simple_fetch_can_send_are_refused_and_write_nothing_data()
    {
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QByteArray>("contentType");
        for (const QByteArray &path : {QByteArray("/api/v1/tasks"), QByteArray("/api/v1/tasks/batch"), QByteArray("/tasks")}) {
            QTest::newRow(QByteArray(path + " text/plain").constData()) << path << QByteArray("Content-Type: text/plain");
            QTest::newRow(QByteArray(path + " form").constData()) << path << QByteArray("Content-Type: application/x-www-form-urlencoded");
            QTest::newRow(QByteArray(path + " multipart").constData()) << path << QByteArray("Content-Type: multipart/form-data; boundary=x");
            QTest::newRow(QByteArray(path + " none").constData()) << path << QByteArray();
        }
    }
    void bodies_a_form_or_simple_fetch_can_send_are_refused_and_write_nothing()
    {
        QFETCH(QByteArray, path);
        QFETCH(QByteArray, contentType);
        const int before = taskCount();
        QList<QByteArray> headers{ourHost()};
        if (!contentType.isEmpty())
            headers << contentType;
        const QByteArray body = path.endsWith("batch") ? "[{\"type\":\"noop\"}]" : "{\"type\":\"noop\",\"title\":\"csrf\"}";
        const Raw r = raw("POST", path, headers, body);
        QCOMPARE(r.status, 415);
        QCOMPARE(r.error().value(u"code"_s).toString(), u"unsupported_media_type"_s);
        QCOMPARE(r.error().value(u"field"_s).toString(), u"Content-Type"_s);
        QCOMPARE(taskCount(), before);
    }

    void json_and_bodiless_requests_pass()
    {
        const int before = taskCount();
        const Raw created = raw("POST", "/api/v1/tasks", {ourHost(), "Content-Type: Application/JSON; charset=utf-8"},
                                "{\"type\":\"noop\",\"title\":\"ok\"}");
        QCOMPARE(created.status, 201);
        QCOMPARE(taskCount(), before + 1);
        const QByteArray id = QJsonDocument::fromJson(created.body).object().value(u"id"_s).toString().toLatin1();
        // curl -X POST …/cancel sends no body and no Content-Type: not a form, so not refused for its type.
        const Raw cancelled = raw("POST", "/api/v1/tasks/" + id + "/cancel", {ourHost()});
        QVERIFY2(cancelled.status != 415, cancelled.body.constData());
    }

    void foreign_host_names_are_misdirected()
    {
        const Raw rebound = raw("GET", "/api/v1/tasks", {"Host: attacker.example:8080"});
        QCOMPARE(rebound.status, 421);
        QCOMPARE(rebound.error().value(u"code"_s).toString(), u"misdirected_request"_s);
        QVERIFY(rebound.error().value(u"message"_s).toString().contains(u"api.allowed_hosts"_s));
        const int before = taskCount();
        QCOMPARE(raw("POST", "/api/v1/tasks", {"Host: attacker.example", "Content-Type: application/json"}, "{}").status, 421);
        QCOMPARE(taskCount(), before);
        for (const QByteArray &host : {QByteArray("Host: tasks.example.com"), QByteArray("Host: TASKS.example.com:443"),
                                       QByteArray("Host: localhost:1"), ourHost(), QByteArray("Host: [::1]:8080")})
            QVERIFY2(raw("GET", "/api/v1/tasks?limit=1", {host}).status == 200, host.constData());
    }

    void other_sites_origins_are_forbidden()
    {
        const int before = taskCount();
        const Raw evil = raw("POST", "/api/v1/tasks", {ourHost(), "Origin: https://evil.example", "Content-Type: application/json"},
                             "{\"type\":\"noop\"}");
        QCOMPARE(evil.status, 403);
        QCOMPARE(evil.error().value(u"field"_s).toString(), u"Origin"_s);
        QCOMPARE(taskCount(), before);
        QCOMPARE(raw("GET", "/api/v1/tasks", {ourHost(), "Origin: null"}).status, 403);
        QCOMPARE(raw("GET", "/api/v1/tasks?limit=1", {ourHost(), "Origin: https://admin.example.com"}).status, 200);
        // Same origin: a page this server served (the API docs) calling back.
        QCOMPARE(raw("GET", "/api/v1/tasks?limit=1", {ourHost(), "Origin: http://" + ourHost().mid(6)}).status, 200);
        // The metrics and health routes are guarded too.
        QCOMPARE(raw("GET", "/metrics", {ourHost(), "Origin: https://evil.example"}).status, 403);
    }

    void websockets_from_other_sites_are_refused()
    {
        QUrl url = m_backend.baseUrl();
        url.setScheme(u"ws"_s);
        url.setPath(u"/api/v1/ws"_s);
        const auto open = [&](const QByteArray &origin) {
            auto ws = std::make_unique<QWebSocket>(QString::fromLatin1(origin));
            auto failed = std::make_shared<bool>(false);
            connect(ws.get(), qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this, [failed] { *failed = true; });
            ws->open(url);
            (void)QTest::qWaitFor([&] { return ws->state() == QAbstractSocket::ConnectedState || *failed; }, 5000);
            return ws;
        };
        auto evil = open("https://evil.example");
        QVERIFY2(evil->state() != QAbstractSocket::ConnectedState, "a page of another site opened the event stream");
        // Nothing of it stays on the server: the socket Qt handed to its WebSocket server is closed at once.
        QTRY_COMPARE_WITH_TIMEOUT(evil->state(), QAbstractSocket::UnconnectedState, 5000);
        auto admin = open("https://admin.example.com");
        QCOMPARE(admin->state(), QAbstractSocket::ConnectedState);
        QList<QJsonObject> messages;
        connect(admin.get(), &QWebSocket::textMessageReceived, this,
                [&messages](const QString &t) { messages.append(QJsonDocument::fromJson(t.toUtf8()).object()); });
        admin->sendTextMessage(u"{\"type\":\"subscribe\"}"_s);
        QTRY_VERIFY_WITH_TIMEOUT(!messages.isEmpty(), 5000);
        QCOMPARE(messages.first().value(u"type"_s).toString(), u"subscribed"_s);
        // The raw handshake answer is a refusal, not an upgrade followed by a close.
        const Raw handshake = raw("GET", "/api/v1/ws", {ourHost(), "Origin: https://evil.example", "Upgrade: websocket",
                                                         "Connection: Upgrade", "Sec-WebSocket-Version: 13",
                                                         "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=="});
        QVERIFY2(handshake.status == 403, handshake.head.constData());
    }
};

QTEST_GUILESS_MAIN(TestBrowserDefences)
#include "test_BrowserDefences.moc"
