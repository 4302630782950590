// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "FakeNetworkAccessManager.h"

#include "client/BackendClient.h"
#include "codec/TaskJson.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTest>
#include <QUrlQuery>

#include <pwd.h>
#include <unistd.h>

using namespace taskmill;
using namespace taskmill::test;
using State = BackendClient::ConnectionState;

namespace {
// JSON written with single quotes for readability.
QByteArray json(const char *text)
{
    return QByteArray(text).replace('\'', '"');
}

const QUuid TaskId = QUuid(QStringLiteral("0b6f1c8e-5f3a-4c3e-9d55-2f1f0f7b9a10"));

QByteArray taskJson(const QString &status = QStringLiteral("NEW"), const QUuid &id = TaskId)
{
    // One line per group of fields; moc's lexer does not follow raw strings across lines.
    return QStringLiteral("{\"id\":\"%1\",\"type\":\"sleep\",\"title\":\"Resize avatars\",\"description\":\"nightly\","
                          "\"payload\":{\"ms\":250},\"priority\":\"HIGH\",\"status\":\"%2\","
                          "\"created_at\":\"2026-11-23T12:00:00.123Z\",\"started_at\":null,\"completed_at\":null,"
                          "\"run_at\":null,\"updated_at\":\"2026-11-23T12:00:00.123Z\",\"result\":null,\"error\":null,"
                          "\"attempts\":0,\"max_attempts\":3,\"trace_id\":\"4bf92f3577b34da6a3ce929d0e0e4736\","
                          "\"span_id\":\"00f067aa0ba902b7\",\"worker\":null}")
        .arg(id.toString(QUuid::WithoutBraces), status)
        .toUtf8();
}

QByteArray healthJson(int protocol = 1, const QString &status = QStringLiteral("ok"))
{
    return QString::fromUtf8(json("{'status':'%1','postgres':'up','redis':'up','version':'0.1.0','protocol':%2}"))
        .arg(status)
        .arg(protocol)
        .toUtf8();
}

// Spins the event loop until the future finishes (the fake replies answer from it).
template<typename T>
Result<T> await(QFuture<Result<T>> future, int timeoutMs = 5000)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!future.isFinished() && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    if (!future.isFinished())
        return ApiError::internal(QStringLiteral("test: the future did not finish"));
    return future.result();
}

ConnectionProfile profile()
{
    return {QStringLiteral("test"), QUrl(QStringLiteral("http://127.0.0.1:8080")), ConnectionProfile::Kind::Remote};
}
} // namespace

class TestBackendClient final : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_network = std::make_unique<FakeNetworkAccessManager>();
        m_client = std::make_unique<BackendClient>(*m_network, profile());
    }

    void cleanup()
    {
        m_passwordClient.reset();
        m_client.reset();
        m_network.reset();
    }

    void create_posts_json_and_parses_201_task()
    {
        m_network->route("POST", QStringLiteral("/api/v1/tasks"), CannedResponse::json(201, taskJson()));
        CreateTaskRequest request;
        request.type = QStringLiteral("sleep");
        request.title = QStringLiteral("Resize avatars");
        request.priority = Priority::High;
        request.payload = QJsonObject{{QStringLiteral("ms"), 250}};
        const Result<Task> task = await(m_client->createTask(request));
        QVERIFY2(task.ok(), qPrintable(task.ok() ? QString() : task.error().message));
        QCOMPARE(task->id, TaskId);
        QCOMPARE(toString(task->priority), toString(Priority::High));
        QCOMPARE(toString(task->status), toString(Status::New));
        QCOMPARE(task->payload.value(QStringLiteral("ms")).toInt(), 250);

        QCOMPARE(m_network->sent.size(), 1);
        const auto &sent = m_network->sent.first();
        QCOMPARE(sent.url.toString(), QStringLiteral("http://127.0.0.1:8080/api/v1/tasks"));
        QCOMPARE(sent.request.header(QNetworkRequest::ContentTypeHeader).toString(), QStringLiteral("application/json"));
        const QJsonObject body = QJsonDocument::fromJson(sent.body).object();
        QCOMPARE(body.value(QStringLiteral("priority")).toString(), QStringLiteral("HIGH"));
        QCOMPARE(body.value(QStringLiteral("type")).toString(), QStringLiteral("sleep"));
    }

    void list_sends_query_and_parses_page()
    {
        const QUuid next = QUuid::createUuid();
        const QByteArray page = "{\"items\":[" + taskJson() + "," + taskJson(QStringLiteral("COMPLETED"), next)
            + "],\"total\":1234,\"next_after\":\"" + next.toString(QUuid::WithoutBraces).toLatin1() + "\"}";
        m_network->route("GET", QStringLiteral("/api/v1/tasks"), CannedResponse::json(200, page));
        TaskListQuery query;
        query.limit = 100;
        query.after = TaskId;
        query.filter.priorities = {Priority::High, Priority::Low};
        query.filter.text = QStringLiteral("a b&c");
        const Result<TaskPage> result = await(m_client->listTasks(query));
        QVERIFY(result.ok());
        QCOMPARE(result->items.size(), 2);
        QCOMPARE(toString(result->items.at(1).status), toString(Status::Completed));
        QCOMPARE(result->total, 1234);
        QCOMPARE(result->nextAfter, next);

        // The server must read back exactly the query that was meant.
        const QUrl url = m_network->sent.first().url;
        const Result<TaskListQuery> parsed = TaskListQuery::fromQuery(QUrlQuery(url));
        QVERIFY(parsed.ok());
        QCOMPARE(parsed->limit, 100);
        QCOMPARE(parsed->after, TaskId);
        QCOMPARE(parsed->filter, query.filter);
    }

    void get_history_and_cancel_use_documented_routes()
    {
        const QString path = QStringLiteral("/api/v1/tasks/") + TaskId.toString(QUuid::WithoutBraces);
        m_network->route("GET", path, CannedResponse::json(200, taskJson(QStringLiteral("PENDING"))));
        m_network->route("DELETE", path, CannedResponse::json(200, taskJson(QStringLiteral("CANCELLED"))));
        m_network->route("GET", path + QStringLiteral("/history"),
                         CannedResponse::json(200, json("{'items':[{'id':1,'task_id':'")
                                                       + TaskId.toString(QUuid::WithoutBraces).toLatin1()
                                                       + json("','from_status':null,'to_status':'NEW','at':'2026-11-23T12:00:00.123Z',"
                                                              "'worker':null,'attempt':0,'message':null}]}")));
        QCOMPARE(toString(await(m_client->getTask(TaskId))->status), toString(Status::Pending));
        QCOMPARE(toString(await(m_client->cancelTask(TaskId))->status), toString(Status::Cancelled));
        const auto history = await(m_client->taskHistory(TaskId));
        QVERIFY(history.ok());
        QCOMPARE(history->size(), 1);
        QCOMPARE(toString(history->first().toStatus), toString(Status::New));
        QCOMPARE(m_network->countSent("DELETE", path), 1);
    }

    void http_errors_map_through_error_body_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<ErrorCode>("code");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("message");
        QTest::newRow("404") << 404 << json("{'error':{'code':'not_found','message':'no task 42'}}")
                             << ErrorCode::NotFound << QString() << QStringLiteral("no task 42");
        QTest::newRow("409") << 409
                             << json("{'error':{'code':'conflict','message':'task is already COMPLETED'}}")
                             << ErrorCode::Conflict << QString() << QStringLiteral("task is already COMPLETED");
        QTest::newRow("422 with field")
            << 422 << json("{'error':{'code':'validation','message':'title too long','field':'title'}}")
            << ErrorCode::Validation << QStringLiteral("title") << QStringLiteral("title too long");
        QTest::newRow("503 html") << 503 << QByteArray("<html>down</html>") << ErrorCode::Unavailable << QString()
                                  << QStringLiteral("HTTP 503");
    }

    void http_errors_map_through_error_body()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(ErrorCode, code);
        QFETCH(QString, field);
        QFETCH(QString, message);
        m_network->route("POST", QStringLiteral("/api/v1/tasks"), CannedResponse::json(status, body));
        const Result<Task> result = await(m_client->createTask({}));
        QVERIFY(!result.ok());
        QCOMPARE(toString(result.error().code), toString(code));
        QCOMPARE(result.error().field, field);
        QCOMPARE(result.error().message, message);
        // The backend answered: an HTTP error is not a lost connection.
        QCOMPARE(m_client->connectionState(), State::Disconnected); // never probed, unchanged
    }

    void malformed_json_is_bad_request_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("truncated") << json("{'id': '0b6f");
        QTest::newRow("not an object") << QByteArray("[1,2]");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("wrong field type") << json("{'id':'0b6f1c8e-5f3a-4c3e-9d55-2f1f0f7b9a10','attempts':'x'}");
    }

    void malformed_json_is_bad_request()
    {
        QFETCH(QByteArray, body);
        m_network->route("GET", QStringLiteral("/api/v1/tasks/") + TaskId.toString(QUuid::WithoutBraces),
                         CannedResponse::json(200, body));
        const Result<Task> result = await(m_client->getTask(TaskId));
        QVERIFY(!result.ok());
        QCOMPARE(toString(result.error().code), toString(ErrorCode::BadRequest));
        QVERIFY(result.error().field.isEmpty()); // never mistaken for an input field
        QVERIFY(!result.error().message.isEmpty());
    }

    void connection_refused_is_unavailable()
    {
        const Result<TaskPage> result = await(m_client->listTasks({}));
        QVERIFY(!result.ok());
        QCOMPARE(toString(result.error().code), toString(ErrorCode::Unavailable));
        QVERIFY(result.error().message.contains(QStringLiteral("127.0.0.1:8080")));
    }

    void timeout_is_unavailable()
    {
        m_client->setTimeoutMs(50);
        m_network->setFallback(CannedResponse::hanging());
        QElapsedTimer clock;
        clock.start();
        const Result<HealthInfo> result = await(m_client->health());
        QVERIFY(!result.ok());
        QCOMPARE(toString(result.error().code), toString(ErrorCode::Unavailable));
        QCOMPARE(m_network->sent.first().request.transferTimeout(), 50);
        QVERIFY(clock.elapsed() < 2000);
    }

    void requests_carry_default_timeout()
    {
        await(m_client->health());
        QCOMPARE(m_network->sent.first().request.transferTimeout(), BackendClient::DefaultTimeoutMs);
    }

    void connection_state_follows_probe_and_requests()
    {
        m_client->setProbeInterval(50);
        QSignalSpy states(m_client.get(), &BackendClient::connectionStateChanged);
        QSignalSpy health(m_client.get(), &BackendClient::healthUpdated);
        m_network->route("GET", QStringLiteral("/health"), CannedResponse::json(200, healthJson()));

        m_client->connectToBackend();
        QCOMPARE(m_client->connectionState(), State::Connecting);
        QTRY_COMPARE(m_client->connectionState(), State::Connected);
        QCOMPARE(m_client->version(), QStringLiteral("0.1.0"));
        QVERIFY(m_client->latencyMs() >= 0);
        QVERIFY(health.size() >= 1);

        // A request that gets no answer drops the connection at once…
        m_network->route("GET", QStringLiteral("/health"), CannedResponse::refused());
        await(m_client->listTasks({}));
        QCOMPARE(m_client->connectionState(), State::Disconnected);
        QTRY_VERIFY(!m_client->lastError().isEmpty());

        // …and the next answered probe restores it.
        m_network->route("GET", QStringLiteral("/health"), CannedResponse::json(200, healthJson()));
        QTRY_COMPARE(m_client->connectionState(), State::Connected);
        QVERIFY(m_client->lastError().isEmpty());

        const QList<State> expected{State::Connecting, State::Connected, State::Disconnected, State::Connected};
        QList<State> seen;
        for (const QList<QVariant> &args : states)
            seen << args.first().value<State>();
        QCOMPARE(seen, expected);

        m_client->disconnectFromBackend();
        QCOMPARE(m_client->connectionState(), State::Disconnected);
    }

    void degraded_backend_is_still_connected()
    {
        m_network->route("GET", QStringLiteral("/health"),
                         CannedResponse::json(503, healthJson(1, QStringLiteral("degraded"))));
        const Result<HealthInfo> health = await(m_client->health());
        QVERIFY(health.ok());
        QCOMPARE(health->status, QStringLiteral("degraded"));
        m_client->connectToBackend();
        QTRY_COMPARE(m_client->connectionState(), State::Connected);
    }

    void incompatible_protocol_is_disconnected()
    {
        m_network->route("GET", QStringLiteral("/health"), CannedResponse::json(200, healthJson(2)));
        m_client->connectToBackend();
        QTRY_COMPARE(m_client->connectionState(), State::Disconnected);
        QVERIFY(m_client->lastError().contains(u'2'));
    }

    void abort_all_finishes_pending_futures()
    {
        m_network->setFallback(CannedResponse::hanging());
        QFuture<Result<Task>> future = m_client->getTask(TaskId);
        QVERIFY(!future.isFinished());
        m_client->abortAll();
        QVERIFY(future.isFinished());
        QCOMPARE(toString(future.result().error().code), toString(ErrorCode::Unavailable));
    }

    void destroying_client_finishes_pending_futures()
    {
        m_network->setFallback(CannedResponse::hanging());
        QFuture<Result<Task>> future = m_client->getTask(TaskId);
        m_client.reset();
        QVERIFY(future.isFinished());
    }

    void events_sends_since_and_limit_and_parses_page()
    {
        const QByteArray body = json("{'events':[{'revision':8,'kind':'started','task_id':'") + TaskId.toByteArray(QUuid::WithoutBraces)
            + json("','from_status':'PENDING','status':'IN_PROGRESS','priority':'HIGH','type':'sleep','title':'t',"
                   "'at':'2026-11-23T12:00:00.123Z','worker':'host-1','attempt':1,'message':null}],'revision':8,'head':12}");
        m_network->route("GET", QStringLiteral("/api/v1/events"), CannedResponse::json(200, body));
        const Result<EventsPage> page = await(m_client->events(7, 500));
        QVERIFY2(page.ok(), qPrintable(page.ok() ? QString() : page.error().message));
        QCOMPARE(page->revision, 8);
        QCOMPARE(page->head, 12);
        QCOMPARE(page->events.size(), 1);
        QCOMPARE(page->events.first().taskId, TaskId);
        QVERIFY(page->events.first().kind == TaskEvent::Kind::Started);
        QCOMPARE(page->events.first().worker, QStringLiteral("host-1"));
        const QUrlQuery query(m_network->sent.first().url);
        QCOMPARE(query.queryItemValue(QStringLiteral("since")), QStringLiteral("7"));
        QCOMPARE(query.queryItemValue(QStringLiteral("limit")), QStringLiteral("500"));
    }

    void events_410_is_gone()
    {
        m_network->route("GET", QStringLiteral("/api/v1/events"),
                         CannedResponse::json(410, json("{'error':{'code':'gone','message':'reload','field':'since'}}")));
        const Result<EventsPage> page = await(m_client->events(1));
        QVERIFY(!page.ok());
        QVERIFY(page.error().code == ErrorCode::Gone);
    }

    void events_malformed_is_bad_request_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("not json") << QByteArray("{events:");
        QTest::newRow("events not array") << json("{'events':{},'revision':1,'head':1}");
        QTest::newRow("no revision") << json("{'events':[],'head':1}");
        QTest::newRow("bad event") << json("{'events':[{'revision':2,'kind':'exploded'}],'revision':2,'head':2}");
    }

    void events_malformed_is_bad_request()
    {
        QFETCH(QByteArray, body);
        m_network->route("GET", QStringLiteral("/api/v1/events"), CannedResponse::json(200, body));
        const Result<EventsPage> page = await(m_client->events(1));
        QVERIFY(!page.ok());
        QVERIFY(page.error().code == ErrorCode::BadRequest);
    }

    // -- connections: credentials, TLS, 401, backoff, server restart --

    void credentials_go_on_every_request_data()
    {
        QTest::addColumn<int>("auth");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("secret");
        QTest::addColumn<QByteArray>("header");
        QTest::newRow("none") << int(ConnectionProfile::Auth::None) << QString() << QStringLiteral("ignored") << QByteArray();
        QTest::newRow("bearer") << int(ConnectionProfile::Auth::Token) << QStringLiteral("ci") << QStringLiteral("tk_123")
                                << QByteArray("Bearer tk_123");
        QTest::newRow("token not set yet") << int(ConnectionProfile::Auth::Token) << QString() << QString() << QByteArray();
    }

    void credentials_go_on_every_request()
    {
        QFETCH(int, auth);
        QFETCH(QString, user);
        QFETCH(QString, secret);
        QFETCH(QByteArray, header);
        ConnectionProfile p = profile();
        p.auth = ConnectionProfile::Auth(auth);
        p.user = user;
        BackendClient client(*m_network, p);
        client.setSecret(secret);
        m_network->route("GET", QStringLiteral("/health"), CannedResponse::json(200, healthJson()));
        await(client.health());
        await(client.listTasks({}));
        await(client.cancelTask(TaskId));
        QCOMPARE(m_network->sent.size(), 3);
        for (const auto &sent : std::as_const(m_network->sent)) {
            QCOMPARE(sent.request.rawHeader("Authorization"), header);
            QCOMPARE(sent.request.hasRawHeader("Authorization"), !header.isEmpty());
            // The audit actor: the profile's user, else the desktop login.
            const QString actor = user.isEmpty() ? BackendClient::desktopUserName() : user;
            if (!actor.isEmpty())
                QCOMPARE(sent.request.rawHeader("X-Taskmill-Actor"), actor.toUtf8() + "@taskmill-app");
        }
        QCOMPARE(client.authorizationHeader(), header);
    }

    void the_desktop_user_is_named_without_USER()
    {
        // Under systemd or cron $USER may be unset: the account database still names the person.
        const QByteArray user = qgetenv("USER");
        const QByteArray logname = qgetenv("LOGNAME");
        qunsetenv("USER");
        qunsetenv("LOGNAME");
        const QString name = BackendClient::desktopUserName();
        qputenv("USER", user);
        qputenv("LOGNAME", logname);
        const passwd *entry = getpwuid(getuid());
        QVERIFY(entry);
        QCOMPARE(name, QString::fromLocal8Bit(entry->pw_name));
        QVERIFY(!name.isEmpty());
    }

    void tls_options_apply_to_https_requests()
    {
        ConnectionProfile p = profile();
        p.baseUrl = QUrl(QStringLiteral("https://jobs.example:8443"));
        p.verifyPeer = false;
        BackendClient client(*m_network, p);
        await(client.health());
        const QSslConfiguration ssl = m_network->sent.first().request.sslConfiguration();
        QCOMPARE(ssl.peerVerifyMode(), QSslSocket::VerifyNone);
        QCOMPARE(client.sslConfiguration().peerVerifyMode(), QSslSocket::VerifyNone);

        // A CA file adds to the system CAs.
        const QString ca = QFINDTESTDATA("../../resources/icons/taskmill.svg"); // not a certificate
        p.verifyPeer = true;
        p.caCertificateFile = ca;
        BackendClient withBadCa(*m_network, p);
        QVERIFY(withBadCa.lastError().contains(ca));
        QCOMPARE(withBadCa.sslConfiguration().peerVerifyMode(), QSslConfiguration::defaultConfiguration().peerVerifyMode());

        // Pins are used in canonical form (enforced against real servers in e2e.PinningE2E); http:// has none.
        ConnectionProfile pinned = profile();
        pinned.baseUrl = QUrl(QStringLiteral("https://jobs.example:8443"));
        pinned.pinnedKeys = {QStringLiteral("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=")};
        QCOMPARE(BackendClient(*m_network, pinned).pinnedKeys(),
                 QStringList{QStringLiteral("sha256//47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=")});
        pinned.baseUrl = QUrl(QStringLiteral("http://jobs.example:8080"));
        QVERIFY(BackendClient(*m_network, pinned).pinnedKeys().isEmpty());
    }

    void unauthorized_stops_probing_until_retry()
    {
        ConnectionProfile p = profile();
        p.auth = ConnectionProfile::Auth::Token;
        p.user = QStringLiteral("ops");
        BackendClient client(*m_network, p);
        client.setProbeInterval(20);
        client.setBackoff(20, 40);
        QSignalSpy states(&client, &BackendClient::connectionStateChanged);
        QSignalSpy auth(&client, &BackendClient::authenticationRequired);
        m_network->route("GET", QStringLiteral("/health"), CannedResponse::json(200, healthJson()));
        m_network->route("GET", QStringLiteral("/api/v1/tasks"),
                         CannedResponse::json(401, json("{'error':{'code':'unauthorized','message':'bad password'}}")));
        client.connectToBackend();
        QTRY_COMPARE(client.connectionState(), State::Connected);

        const Result<TaskPage> page = await(client.listTasks({}));
        QVERIFY(!page.ok());
        QVERIFY(page.error().code == ErrorCode::Unauthorized);
        QCOMPARE(client.connectionState(), State::AuthenticationFailed);
        QCOMPARE(auth.size(), 1);
        QVERIFY2(client.lastError().contains(QStringLiteral("bad password")), qPrintable(client.lastError()));
        QCOMPARE(client.reconnectInMs(), -1);

        // No retries forever: the probe is silent although it would answer. A probe only goes out from the
        // probe timer, and that is stopped (reconnectInMs() -1 while not connected): none can follow.
        const qsizetype probes = m_network->countSent("GET", QStringLiteral("/health"));
        QCOMPARE(client.reconnectInMs(), -1);
        QTRY_COMPARE(m_network->answered.size(), m_network->sent.size()); // a probe in flight has been handled
        QCOMPARE(client.reconnectInMs(), -1);
        QCOMPARE(m_network->countSent("GET", QStringLiteral("/health")), probes);
        QCOMPARE(client.connectionState(), State::AuthenticationFailed);

        // A new secret retries at once, with the new credentials.
        client.setSecret(QStringLiteral("right"));
        QTRY_COMPARE(client.connectionState(), State::Connected);
        QCOMPARE(m_network->sent.constLast().request.rawHeader("Authorization"), QByteArray("Bearer right"));
        QList<State> seen;
        for (const QList<QVariant> &args : std::as_const(states))
            seen << args.first().value<State>();
        QCOMPARE(seen, (QList<State>{State::Connecting, State::Connected, State::AuthenticationFailed, State::Connecting,
                                     State::Connected}));
    }

    // -- password profiles: a login for short-lived tokens (BackendClientSession.cpp) --
    static QByteArray tokens(const char *access, const char *refresh, int expiresIn = 900)
    {
        return QString::fromUtf8(json("{'access_token':'%1','token':'%1','refresh_token':'%2','token_type':'Bearer','expires_in':%3}"))
            .arg(QLatin1String(access), QLatin1String(refresh))
            .arg(expiresIn)
            .toUtf8();
    }
    static QByteArray pageJson() { return json("{'items':[],'total':0,'limit':50}"); }
    BackendClient *passwordClient(const QString &password = QStringLiteral("s3cret"))
    {
        ConnectionProfile p = profile();
        p.auth = ConnectionProfile::Auth::Password;
        p.user = QStringLiteral("ops@example.org");
        m_passwordClient = std::make_unique<BackendClient>(*m_network, p);
        m_passwordClient->setSecret(password);
        return m_passwordClient.get();
    }

    void password_profile_logs_in_once_and_sends_the_access_token()
    {
        m_network->route("POST", QStringLiteral("/api/v1/auth/login"), CannedResponse::json(200, tokens("at_1", "rt_1")));
        m_network->route("GET", QStringLiteral("/api/v1/tasks"), CannedResponse::json(200, pageJson()));
        m_network->route("DELETE", QStringLiteral("/api/v1/tasks/") + TaskId.toString(QUuid::WithoutBraces),
                         CannedResponse::json(200, taskJson(QStringLiteral("CANCELLED"))));
        BackendClient *client = passwordClient();
        QSignalSpy credentials(client, &BackendClient::credentialsChanged);
        // Two requests at once wait for one login.
        auto list = client->listTasks({});
        auto cancel = client->cancelTask(TaskId);
        QVERIFY(await(list).ok());
        QVERIFY(await(cancel).ok());
        QCOMPARE(m_network->countSent("POST", QStringLiteral("/api/v1/auth/login")), 1);
        const auto login = m_network->sent.first();
        QCOMPARE(login.url.path(), QStringLiteral("/api/v1/auth/login"));
        QVERIFY(!login.request.hasRawHeader("Authorization"));
        const QJsonObject body = QJsonDocument::fromJson(login.body).object();
        QCOMPARE(body.value(QStringLiteral("email")).toString(), QStringLiteral("ops@example.org"));
        QCOMPARE(body.value(QStringLiteral("password")).toString(), QStringLiteral("s3cret"));
        for (const auto &sent : std::as_const(m_network->sent).mid(1))
            QCOMPARE(sent.request.rawHeader("Authorization"), QByteArray("Bearer at_1"));
        QVERIFY(client->hasSession());
        QCOMPARE(credentials.size(), 1);
        // Renewed at 80 % of the 900 s lifetime.
        QVERIFY2(client->sessionRenewInS() > 700 && client->sessionRenewInS() <= 720, qPrintable(QString::number(client->sessionRenewInS())));
    }

    void a_refused_access_token_is_refreshed_and_the_request_sent_again()
    {
        m_network->route("POST", QStringLiteral("/api/v1/auth/login"), CannedResponse::json(200, tokens("at_1", "rt_1")));
        m_network->route("POST", QStringLiteral("/api/v1/auth/refresh"), CannedResponse::json(200, tokens("at_2", "rt_2")));
        m_network->route("GET", QStringLiteral("/api/v1/tasks"), CannedResponse::json(200, pageJson()));
        BackendClient *client = passwordClient();
        QVERIFY(await(client->listTasks({})).ok());
        // The token expired on the server: one 401, a refresh, the same request again — the caller sees success.
        m_network->routeOnce("GET", QStringLiteral("/api/v1/tasks"),
                             CannedResponse::json(401, json("{'error':{'code':'unauthorized','message':'token expired'}}")));
        QSignalSpy auth(client, &BackendClient::authenticationRequired);
        QVERIFY(await(client->listTasks({})).ok());
        QCOMPARE(auth.size(), 0);
        QCOMPARE(m_network->countSent("POST", QStringLiteral("/api/v1/auth/login")), 1);
        QCOMPARE(m_network->countSent("POST", QStringLiteral("/api/v1/auth/refresh")), 1);
        const auto &sent = m_network->sent;
        QCOMPARE(QJsonDocument::fromJson(sent.at(sent.size() - 2).body).object().value(QStringLiteral("refresh_token")).toString(),
                 QStringLiteral("rt_1"));
        QCOMPARE(sent.constLast().request.rawHeader("Authorization"), QByteArray("Bearer at_2"));
        QVERIFY(client->connectionState() != State::AuthenticationFailed);
    }

    void a_refused_refresh_logs_in_again_and_a_refused_login_is_final()
    {
        m_network->route("POST", QStringLiteral("/api/v1/auth/login"), CannedResponse::json(200, tokens("at_1", "rt_1")));
        m_network->route("POST", QStringLiteral("/api/v1/auth/refresh"),
                         CannedResponse::json(401, json("{'error':{'code':'unauthorized','message':'refresh token revoked'}}")));
        m_network->route("GET", QStringLiteral("/api/v1/tasks"), CannedResponse::json(200, pageJson()));
        BackendClient *client = passwordClient();
        QVERIFY(await(client->listTasks({})).ok());
        m_network->routeOnce("GET", QStringLiteral("/api/v1/tasks"), CannedResponse::json(401, QByteArray()));
        QVERIFY(await(client->listTasks({})).ok()); // refresh refused → login with the password → sent again
        QCOMPARE(m_network->countSent("POST", QStringLiteral("/api/v1/auth/login")), 2);

        // The password was changed: the login itself is refused. Only now is it an authentication failure,
        // and the request gets the server's answer (no third attempt).
        m_network->route("POST", QStringLiteral("/api/v1/auth/login"),
                         CannedResponse::json(401, json("{'error':{'code':'unauthorized','message':'wrong e-mail or password'}}")));
        m_network->routeOnce("GET", QStringLiteral("/api/v1/tasks"), CannedResponse::json(401, QByteArray()));
        QSignalSpy auth(client, &BackendClient::authenticationRequired);
        const auto refused = await(client->listTasks({}));
        QVERIFY(!refused.ok());
        QVERIFY(refused.error().code == ErrorCode::Unauthorized);
        QCOMPARE(auth.size(), 1);
        QVERIFY2(client->lastError().contains(QStringLiteral("wrong e-mail or password")), qPrintable(client->lastError()));
        QCOMPARE(client->connectionState(), State::AuthenticationFailed);
        QVERIFY(!client->hasSession());
        QCOMPARE(m_network->countSent("GET", QStringLiteral("/api/v1/tasks")), 4); // 1 + (401, again) + 401
    }

    void a_throttled_login_is_not_repeated_before_retry_after()
    {
        CannedResponse throttled = CannedResponse::json(429, json("{'error':{'code':'too_many_requests','message':'too many failed logins'}}"));
        throttled.headers = {{"Retry-After", "60"}};
        m_network->route("POST", QStringLiteral("/api/v1/auth/login"), throttled);
        BackendClient *client = passwordClient();
        for (int i = 0; i < 3; ++i) {
            const auto r = await(client->listTasks({}));
            QVERIFY(!r.ok());
            QVERIFY(r.error().code == ErrorCode::TooManyRequests);
        }
        // One login asked; the others got its answer without keeping the account locked.
        QCOMPARE(m_network->countSent("POST", QStringLiteral("/api/v1/auth/login")), 1);
        QCOMPARE(m_network->countSent("GET", QStringLiteral("/api/v1/tasks")), 0);
        QVERIFY(client->connectionState() != State::AuthenticationFailed);
    }

    void a_password_profile_without_a_password_asks_instead_of_logging_in()
    {
        BackendClient *client = passwordClient(QString());
        QSignalSpy auth(client, &BackendClient::authenticationRequired);
        const auto r = await(client->listTasks({}));
        QVERIFY(!r.ok());
        QVERIFY(r.error().code == ErrorCode::Unauthorized);
        QCOMPARE(auth.size(), 1);
        QCOMPARE(m_network->sent.size(), 0); // a failed login would count against the account
    }

    void a_local_token_is_sent_when_the_profile_has_no_credentials()
    {
        m_network->route("GET", QStringLiteral("/api/v1/tasks"), CannedResponse::json(200, pageJson()));
        QSignalSpy credentials(m_client.get(), &BackendClient::credentialsChanged);
        m_client->setLocalToken("tm_local");
        QCOMPARE(credentials.size(), 1);
        QVERIFY(await(m_client->listTasks({})).ok());
        QCOMPARE(m_network->sent.constLast().request.rawHeader("Authorization"), QByteArray("Bearer tm_local"));
        m_client->setLocalToken("tm_local"); // the same token: nothing changes
        QCOMPARE(credentials.size(), 1);
    }

    void unauthorized_probe_is_authentication_failed()
    {
        m_network->route("GET", QStringLiteral("/health"), CannedResponse::json(401, QByteArray()));
        m_client->connectToBackend();
        QTRY_COMPARE(m_client->connectionState(), State::AuthenticationFailed);
        QVERIFY(!m_client->lastError().isEmpty());
        // Retry now probes again (and fails again, without looping).
        const qsizetype probes = m_network->countSent("GET", QStringLiteral("/health"));
        m_client->retryNow();
        QTRY_COMPARE(m_network->countSent("GET", QStringLiteral("/health")), probes + 1);
        QTRY_COMPARE(m_client->connectionState(), State::AuthenticationFailed);
        QCOMPARE(m_client->reconnectInMs(), -1); // no probe scheduled: it does not loop
        QCOMPARE(m_network->countSent("GET", QStringLiteral("/health")), probes + 1);
    }

    void backoff_doubles_to_thirty_seconds()
    {
        QCOMPARE(BackendClient::backoffMs(1), 500);
        QCOMPARE(BackendClient::backoffMs(2), 1000);
        QCOMPARE(BackendClient::backoffMs(6), 16'000);
        QCOMPARE(BackendClient::backoffMs(7), 30'000);
        QCOMPARE(BackendClient::backoffMs(1000), 30'000);
    }

    void server_restart_backs_off_then_reconnects()
    {
        m_client->setProbeInterval(30);
        m_client->setBackoff(40, 160);
        QSignalSpy states(m_client.get(), &BackendClient::connectionStateChanged);
        QSignalSpy scheduled(m_client.get(), &BackendClient::reconnectScheduled);
        m_network->route("GET", QStringLiteral("/health"), CannedResponse::json(200, healthJson()));
        m_client->connectToBackend();
        QTRY_COMPARE(m_client->connectionState(), State::Connected);
        QCOMPARE(m_client->reconnectInMs(), -1);

        // The backend goes away: probes are refused and spaced out 40, 80, 160, 160 ms (±20 %).
        m_network->route("GET", QStringLiteral("/health"), CannedResponse::refused());
        QTRY_VERIFY(scheduled.size() >= 5);
        QCOMPARE(m_client->connectionState(), State::Disconnected);
        const QList<int> bases{40, 80, 160, 160, 160};
        for (int i = 0; i < bases.size(); ++i) {
            const int ms = scheduled.at(i).first().toInt();
            QVERIFY2(ms >= bases.at(i) * 8 / 10 && ms <= bases.at(i) * 12 / 10,
                     qPrintable(QStringLiteral("attempt %1 waited %2 ms").arg(i + 1).arg(ms)));
        }
        QVERIFY(m_client->reconnectInMs() <= 192 || m_client->reconnectInMs() == -1);

        // It is back (a restarted server may report another version): connected again, backoff reset.
        m_network->route("GET", QStringLiteral("/health"),
                         CannedResponse::json(200, QByteArray(healthJson()).replace("0.1.0", "0.1.1")));
        QTRY_COMPARE(m_client->connectionState(), State::Connected);
        QCOMPARE(m_client->version(), QStringLiteral("0.1.1"));
        QVERIFY(m_client->lastError().isEmpty());
        QList<State> seen;
        for (const QList<QVariant> &args : std::as_const(states))
            seen << args.first().value<State>();
        QCOMPARE(seen, (QList<State>{State::Connecting, State::Connected, State::Disconnected, State::Connected}));

        // The next loss starts from the shortest delay again.
        scheduled.clear();
        m_network->route("GET", QStringLiteral("/health"), CannedResponse::refused());
        QTRY_VERIFY(!scheduled.isEmpty());
        QVERIFY(scheduled.first().first().toInt() <= 48);
    }

    void retry_now_probes_at_once()
    {
        m_client->setBackoff(60'000, 60'000);
        m_client->connectToBackend(); // refused: next probe in a minute
        QTRY_COMPARE(m_client->connectionState(), State::Disconnected);
        QTRY_VERIFY(m_client->reconnectInMs() > 30'000);
        m_network->route("GET", QStringLiteral("/health"), CannedResponse::json(200, healthJson()));
        m_client->retryNow();
        QTRY_COMPARE(m_client->connectionState(), State::Connected);
    }

    void timed_out_probe_counts_as_lost()
    {
        m_client->setTimeoutMs(50);
        m_client->setBackoff(30, 30);
        m_network->route("GET", QStringLiteral("/health"), CannedResponse::json(200, healthJson()));
        m_client->connectToBackend();
        QTRY_COMPARE(m_client->connectionState(), State::Connected);
        m_client->setProbeInterval(20);
        m_network->route("GET", QStringLiteral("/health"), CannedResponse::hanging());
        QTRY_COMPARE(m_client->connectionState(), State::Disconnected);
        QVERIFY2(m_client->lastError().contains(QStringLiteral("did not answer")), qPrintable(m_client->lastError()));
    }

    void malformed_health_is_not_connected()
    {
        m_client->setBackoff(30, 30);
        m_network->route("GET", QStringLiteral("/health"), CannedResponse::json(200, QByteArray("<html>proxy</html>")));
        m_client->connectToBackend();
        QTRY_COMPARE(m_client->connectionState(), State::Disconnected);
        QVERIFY(m_client->lastError().contains(QStringLiteral("malformed")));
    }

private:
    std::unique_ptr<FakeNetworkAccessManager> m_network;
    std::unique_ptr<BackendClient> m_passwordClient;
    std::unique_ptr<BackendClient> m_client;
};

QTEST_GUILESS_MAIN(TestBackendClient)
#include "test_BackendClient.moc"
