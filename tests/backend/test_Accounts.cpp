// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// Accounts, tokens and permissions (docs/security.md) through a real taskmilld that serves no one without
// credentials (auth.local_anonymous = false): the first admin made with `taskmilld user add`, logins with
// refresh and logout, throttled wrong passwords, API tokens limited to types and revoked at once, a `user`
// account that sees only its own tasks (someone else's is 404), registration by invite (a second api process
// with auth.registration = invite), and every route × every role against the role matrix below, which is
// written here independently of the server's table.
#include "IntegrationHelpers.h"

#include <QTcpSocket>
#include <QWebSocket>

using namespace Qt::StringLiterals;
using namespace taskmill;
using namespace taskmill::test;

namespace {
const QString AdminEmail = u"admin@example.org"_s;
const QString AdminPassword = u"correct horse battery"_s;
constexpr int LoginMaxFailures = 3;
constexpr int StreamsPerCaller = 3;
constexpr int StreamMessagesPerS = 2;

// Which roles hold each permission (docs/security.md, "Roles"). The server names every route's permission
// in GET /api/v1/routes; this matrix says who must get through.
const QHash<QString, QStringList> &allowedRoles()
{
    static const QHash<QString, QStringList> m = {
        {u"open"_s, {u"anonymous"_s, u"user"_s, u"viewer"_s, u"operator"_s, u"admin"_s}},
        {u"self"_s, {u"user"_s, u"viewer"_s, u"operator"_s, u"admin"_s}},
        {u"tasks.read"_s, {u"user"_s, u"viewer"_s, u"operator"_s, u"admin"_s}},
        {u"tasks.create"_s, {u"user"_s, u"operator"_s, u"admin"_s}},
        {u"tasks.cancel"_s, {u"user"_s, u"operator"_s, u"admin"_s}},
        {u"tasks.operate"_s, {u"operator"_s, u"admin"_s}},
        {u"system.read"_s, {u"viewer"_s, u"operator"_s, u"admin"_s}},
        {u"dlq.manage"_s, {u"operator"_s, u"admin"_s}},
        {u"workers.lease"_s, {u"operator"_s, u"admin"_s}},
        {u"admin"_s, {u"admin"_s}},
    };
    return m;
}
} // namespace

class TestAccounts : public QObject
{
    Q_OBJECT
    TestServers m_servers;
    BackendProcess m_backend;
    TestHttp m_http; // no credentials
    QHash<QString, QByteArray> m_tokens; // role -> API token
    BackendProcess m_invited;            // the same database with auth.registration = invite
    TestHttp m_inviteHttp;
    QStringList m_inviteCodes;           // every code shown, to look for in the logs

    TestHttp::Headers bearer(const QByteArray &token) const { return {{"Authorization", "Bearer " + token}}; }
    QByteArray login(const QString &email, const QString &password, int *status = nullptr)
    {
        const auto r = m_http.post(u"/api/v1/auth/login"_s, QJsonValue(QJsonObject{{u"email"_s, email}, {u"password"_s, password}}));
        if (status)
            *status = r.status;
        return r.obj().value(u"token"_s).toString().toLatin1();
    }
    QByteArray adminToken() { return login(AdminEmail, AdminPassword); }
    // POST /api/v1/invites as the admin; the answer with its code.
    QJsonObject makeInvite(const QJsonObject &body = {})
    {
        const auto r = m_inviteHttp.post(u"/api/v1/invites"_s, QJsonValue(body), bearer(adminToken()));
        if (r.status != 201)
            qWarning() << "create invite" << r.status << r.body;
        m_inviteCodes << r.obj().value(u"code"_s).toString();
        return r.obj();
    }
    TestHttp::Reply registerWith(TestHttp &http, const QString &email, const QString &invite)
    {
        QJsonObject body{{u"email"_s, email}, {u"password"_s, u"invited password"_s}};
        if (!invite.isNull())
            body.insert(u"invite"_s, invite);
        return http.post(u"/api/register"_s, QJsonValue(body));
    }
    static QString errorMessage(const TestHttp::Reply &r) { return r.obj().value(u"error"_s).toObject().value(u"message"_s).toString(); }
    static QString errorField(const TestHttp::Reply &r) { return r.obj().value(u"error"_s).toObject().value(u"field"_s).toString(); }
    // The role a registration's access token acts with, asked of the server that made the account (another
    // api process learns of new accounts on its next reload).
    QString registeredRole(TestHttp &http, const TestHttp::Reply &r)
    {
        return http.get(u"/api/v1/auth/me"_s, bearer(r.obj().value(u"token"_s).toString().toLatin1())).obj().value(u"role"_s).toString();
    }
    qint64 makeUser(const QString &email, const QString &role)
    {
        const auto r = m_http.post(u"/api/v1/users"_s, QJsonValue(QJsonObject{{u"email"_s, email}, {u"password"_s, QString(u"password-of-"_s + email)},
                                                                            {u"role"_s, role}}), bearer(adminToken()));
        if (r.status != 201)
            qWarning() << "create user" << r.status << r.body;
        return r.obj().value(u"id"_s).toInteger();
    }

private slots:
    void initTestCase()
    {
        auto started = m_servers.start();
        QVERIFY2(started, qPrintable(started ? QString() : started.error().message));
        const QStringList db{u"--postgres"_s, m_servers.postgresUrl(), u"--redis"_s, m_servers.redisUrl()};
        // No default credentials: the first admin comes from the command line, its password from stdin.
        const auto added = BackendProcess::addUser(db, AdminEmail, u"admin"_s, AdminPassword);
        QVERIFY2(added, qPrintable(added ? QString() : added.error().message));

        auto up = m_backend.start(backendArgs(m_servers, {u"--role"_s, u"api,scheduler,notifier"_s, u"--set"_s,
                                                          u"auth.local_anonymous=false"_s, u"--set"_s,
                                                          u"auth.login_max_failures=%1"_s.arg(LoginMaxFailures),
                                                          u"--set"_s, u"api.max_event_streams_per_caller=%1"_s.arg(StreamsPerCaller),
                                                          u"--set"_s, u"api.max_stream_messages_per_s=%1"_s.arg(StreamMessagesPerS)}));
        QVERIFY2(up, qPrintable(up ? QString() : up.error().message));
        m_http.setBaseUrl(m_backend.baseUrl());
        for (const QString &role : {u"user"_s, u"viewer"_s, u"operator"_s, u"admin"_s}) {
            const auto r = m_http.post(u"/api/v1/tokens"_s, QJsonValue(QJsonObject{{u"name"_s, QString(u"matrix "_s + role)}, {u"role"_s, role}}),
                                       bearer(adminToken()));
            QCOMPARE(r.status, 201);
            m_tokens.insert(role, r.obj().value(u"token"_s).toString().toLatin1());
        }
        auto invited = m_invited.start(backendArgs(m_servers, {u"--role"_s, u"api"_s, u"--set"_s, u"auth.local_anonymous=false"_s,
                                                               u"--set"_s, u"auth.registration=invite"_s}));
        QVERIFY2(invited, qPrintable(invited ? QString() : invited.error().message));
        m_inviteHttp.setBaseUrl(m_invited.baseUrl());
    }
    void cleanupTestCase()
    {
        // After everything above: no secret in the server's log, its metrics or its error answers.
        const QString log = m_backend.log();
        const QByteArray metrics = m_http.get(u"/metrics"_s, bearer(m_tokens.value(u"admin"_s))).body;
        QVERIFY(!metrics.isEmpty());
        const QString invitedLog = m_invited.log();
        QVERIFY(m_invited.terminate());
        QStringList secrets{AdminPassword};
        for (const QByteArray &t : std::as_const(m_tokens))
            secrets << QString::fromLatin1(t);
        for (const QString &code : std::as_const(m_inviteCodes))
            if (!code.isEmpty())
                secrets << code;
        for (const QString &secret : std::as_const(secrets)) {
            QVERIFY2(!log.contains(secret) && !invitedLog.contains(secret), "a secret is in the server log");
            QVERIFY2(!metrics.contains(secret.toUtf8()), "a secret is in /metrics");
        }
        QVERIFY(!m_http.get(u"/api/v1/tasks"_s, bearer("tm_wrong-" + m_tokens.value(u"admin"_s).mid(3))).body.contains(m_tokens.value(u"admin"_s)));
        QVERIFY(m_backend.terminate());
    }

    void anonymous_requests_are_refused_and_write_nothing()
    {
        const int before = countRows(m_servers, u"SELECT count(*) FROM tasks"_s);
        QCOMPARE(m_http.post(u"/api/v1/tasks"_s, QJsonValue(QJsonObject{{u"type"_s, u"noop"_s}})).status, 401);
        QCOMPARE(m_http.post(u"/tasks"_s, QJsonValue(QJsonObject{{u"title"_s, u"seed"_s}})).status, 401);
        QCOMPARE(m_http.get(u"/api/v1/tasks"_s).status, 401);
        QCOMPARE(countRows(m_servers, u"SELECT count(*) FROM tasks"_s), before);
        QCOMPARE(m_http.get(u"/health"_s).status, 200);
        QCOMPARE(m_http.get(u"/ready"_s).status, 200);
        // A wrong token is refused even where no credentials are needed.
        QCOMPARE(m_http.get(u"/health"_s, bearer("tm_not-a-token")).status, 401);
        QCOMPARE(m_http.post(u"/api/register"_s, QJsonValue(QJsonObject{{u"email"_s, u"x@y.org"_s}, {u"password"_s, u"12345678"_s}})).status, 403);
    }

    void login_refresh_and_logout()
    {
        const auto r = m_http.post(u"/api/login"_s, QJsonValue(QJsonObject{{u"email"_s, AdminEmail}, {u"password"_s, AdminPassword}}));
        QCOMPARE(r.status, 200);
        const QByteArray access = r.obj().value(u"token"_s).toString().toLatin1();
        const QString refresh = r.obj().value(u"refresh_token"_s).toString();
        // Seed 003's style (the bare token) and the standard one.
        QCOMPARE(m_http.get(u"/api/v1/auth/me"_s, {{"Authorization", access}}).obj().value(u"role"_s).toString(), u"admin"_s);
        QCOMPARE(m_http.get(u"/api/v1/auth/me"_s, bearer(access)).obj().value(u"name"_s).toString(), AdminEmail);
        // The app's status bar asks /api/v1/info who it is.
        const QJsonObject caller = m_http.get(u"/api/v1/info"_s, bearer(m_tokens.value(u"viewer"_s))).obj().value(u"caller"_s).toObject();
        QCOMPARE(caller.value(u"name"_s).toString(), u"matrix viewer"_s);
        QCOMPARE(caller.value(u"role"_s).toString(), u"viewer"_s);
        const auto renewed = m_http.post(u"/api/v1/auth/refresh"_s, QJsonValue(QJsonObject{{u"refresh_token"_s, refresh}}));
        QCOMPARE(renewed.status, 200);
        // Each refresh token works once.
        QCOMPARE(m_http.post(u"/api/v1/auth/refresh"_s, QJsonValue(QJsonObject{{u"refresh_token"_s, refresh}})).status, 401);
        const QString next = renewed.obj().value(u"refresh_token"_s).toString();
        QCOMPARE(m_http.post(u"/api/v1/auth/logout"_s, QJsonValue(QJsonObject{{u"refresh_token"_s, next}}), bearer(access)).status, 200);
        QCOMPARE(m_http.post(u"/api/v1/auth/refresh"_s, QJsonValue(QJsonObject{{u"refresh_token"_s, next}})).status, 401);
        // A tampered access token is refused.
        QByteArray forged = access;
        forged[forged.size() - 2] = forged.at(forged.size() - 2) == 'A' ? 'B' : 'A';
        QCOMPARE(m_http.get(u"/api/v1/auth/me"_s, bearer(forged)).status, 401);
    }

    void an_account_made_by_another_api_process_works_at_once()
    {
        // Made through the second api process: the first learns of it on its next reload (every second)
        // unless a login for an account it does not know yet reloads at once. The fresh token must work
        // on the very next request, as it does when the account comes from `taskmilld user add`.
        const auto made = m_inviteHttp.post(u"/api/v1/users"_s,
                                            QJsonValue(QJsonObject{{u"email"_s, u"elsewhere@example.org"_s},
                                                                   {u"password"_s, u"password-elsewhere"_s},
                                                                   {u"role"_s, u"operator"_s}}),
                                            bearer(m_inviteHttp.post(u"/api/v1/auth/login"_s,
                                                                     QJsonValue(QJsonObject{{u"email"_s, AdminEmail}, {u"password"_s, AdminPassword}}))
                                                       .obj().value(u"token"_s).toString().toLatin1()));
        QCOMPARE(made.status, 201);
        int status = 0;
        const QByteArray token = login(u"elsewhere@example.org"_s, u"password-elsewhere"_s, &status);
        QCOMPARE(status, 200);
        const auto me = m_http.get(u"/api/v1/auth/me"_s, bearer(token));
        QCOMPARE(me.status, 200);
        QCOMPARE(me.obj().value(u"role"_s).toString(), u"operator"_s);
    }

    void a_login_or_token_from_one_api_works_on_the_other_at_once()
    {
        // Behind a load balancer the next request lands on the other api process, which has not reloaded
        // since the login or the token was made: a credential it does not know makes it reload once.
        makeUser(u"balanced@example.org"_s, u"operator"_s);
        int status = 0;
        const QByteArray access = login(u"balanced@example.org"_s, u"password-of-balanced@example.org"_s, &status);
        QCOMPARE(status, 200);
        QCOMPARE(m_inviteHttp.get(u"/api/v1/auth/me"_s, bearer(access)).status, 200);
        const auto token = m_http.post(u"/api/v1/tokens"_s, QJsonValue(QJsonObject{{u"name"_s, u"balanced-ci"_s}, {u"role"_s, u"viewer"_s}}),
                                       bearer(adminToken()));
        QCOMPARE(token.status, 201);
        const QByteArray secret = token.obj().value(u"token"_s).toString().toLatin1();
        QCOMPARE(m_inviteHttp.get(u"/api/v1/tasks?limit=1"_s, bearer(secret)).status, 200);
        // A wrong token is still a 401, however often it comes.
        for (int i = 0; i < 3; ++i)
            QCOMPARE(m_inviteHttp.get(u"/api/v1/tasks?limit=1"_s, bearer("tm_not-a-token")).status, 401);
    }

    void wrong_passwords_are_throttled()
    {
        makeUser(u"guesser-target@example.org"_s, u"viewer"_s);
        int status = 0;
        for (int i = 0; i < LoginMaxFailures; ++i) {
            login(u"guesser-target@example.org"_s, u"wrong-%1"_s.arg(i), &status);
            QCOMPARE(status, 401);
        }
        const auto throttled = m_http.post(u"/api/v1/auth/login"_s, QJsonValue(QJsonObject{{u"email"_s, u"guesser-target@example.org"_s},
                                                                                          {u"password"_s, u"password-of-guesser-target@example.org"_s}}));
        QCOMPARE(throttled.status, 429);
        QVERIFY(throttled.header("Retry-After").toInt() > 0);
        // An unknown account answers like a wrong password: nothing tells them apart.
        login(u"nobody@example.org"_s, u"whatever1"_s, &status);
        QCOMPARE(status, 401);
    }

    void tokens_are_limited_to_their_types_and_revoked_at_once()
    {
        const auto made = m_http.post(u"/api/v1/tokens"_s, QJsonValue(QJsonObject{{u"name"_s, u"noop feeder"_s}, {u"role"_s, u"operator"_s},
                                                                                 {u"types"_s, QJsonArray{u"noop"_s}}}), bearer(adminToken()));
        QCOMPARE(made.status, 201);
        const QByteArray token = made.obj().value(u"token"_s).toString().toLatin1();
        QVERIFY(token.startsWith("tm_"));
        QCOMPARE(m_http.post(u"/api/v1/tasks"_s, QJsonValue(QJsonObject{{u"type"_s, u"noop"_s}}), bearer(token)).status, 201);
        const auto other = m_http.post(u"/api/v1/tasks"_s, QJsonValue(QJsonObject{{u"type"_s, u"sleep"_s}}), bearer(token));
        QCOMPARE(other.status, 403);
        QCOMPARE(other.obj().value(u"error"_s).toObject().value(u"field"_s).toString(), u"type"_s);
        // The list shows no secret.
        const auto listed = m_http.get(u"/api/v1/tokens"_s, bearer(adminToken()));
        QVERIFY(!listed.body.contains(token));
        QVERIFY(!listed.body.contains("secret"));
        const QString id = QString::number(made.obj().value(u"id"_s).toInteger());
        QCOMPARE(m_http.del(u"/api/v1/tokens/"_s + id, bearer(adminToken())).status, 200);
        QCOMPARE(m_http.get(u"/api/v1/tasks"_s, bearer(token)).status, 401);
        // The secret is stored hashed only.
        QCOMPARE(countRows(m_servers, u"SELECT count(*) FROM api_tokens WHERE position(convert_to('%1', 'UTF8') IN secret_hash) > 0"_s
                                          .arg(QString::fromLatin1(token))), 0);
    }

    void a_user_sees_and_cancels_only_its_own_tasks()
    {
        makeUser(u"u1@example.org"_s, u"user"_s);
        makeUser(u"u2@example.org"_s, u"user"_s);
        const QByteArray u1 = login(u"u1@example.org"_s, u"password-of-u1@example.org"_s);
        const QByteArray u2 = login(u"u2@example.org"_s, u"password-of-u2@example.org"_s);
        const auto created = m_http.post(u"/api/v1/tasks"_s, QJsonValue(QJsonObject{{u"type"_s, u"noop"_s}, {u"title"_s, u"mine"_s},
                                                                                    {u"run_at"_s, u"2099-01-01T00:00:00Z"_s}}), bearer(u1));
        QCOMPARE(created.status, 201);
        const QString id = created.obj().value(u"id"_s).toString();
        QVERIFY(created.obj().value(u"owner"_s).toString().startsWith(u"user:"_s));
        QCOMPARE(m_http.get(u"/api/v1/tasks/"_s + id, bearer(u1)).status, 200);
        QCOMPARE(m_http.get(u"/api/v1/tasks/"_s + id, bearer(u2)).status, 404);
        QCOMPARE(m_http.get(u"/api/v1/tasks/"_s + id + u"/history"_s, bearer(u2)).status, 404);
        QCOMPARE(m_http.del(u"/api/v1/tasks/"_s + id, bearer(u2)).status, 404);
        QCOMPARE(m_http.get(u"/api/v1/tasks"_s, bearer(u2)).obj().value(u"items"_s).toArray().size(), 0);
        const QJsonArray mine = m_http.get(u"/api/v1/tasks"_s, bearer(u1)).obj().value(u"items"_s).toArray();
        QCOMPARE(mine.size(), 1);
        // A viewer reads every task; the owner cancels its own.
        QCOMPARE(m_http.get(u"/api/v1/tasks/"_s + id, bearer(m_tokens.value(u"viewer"_s))).status, 200);
        QCOMPARE(m_http.del(u"/api/v1/tasks/"_s + id, bearer(u1)).status, 200);
        // The owner cannot be set by the client.
        const auto spoof = m_http.post(u"/api/v1/tasks"_s, QJsonValue(QJsonObject{{u"type"_s, u"noop"_s}, {u"owner"_s, u"user:1"_s}}), bearer(u2));
        QVERIFY(spoof.status == 201 || spoof.status == 422);
        if (spoof.status == 201)
            QVERIFY(spoof.obj().value(u"owner"_s).toString() != u"user:1"_s);
    }

    void payloads_results_and_errors_are_redacted_without_the_permission()
    {
        const QByteArray admin = adminToken();
        const auto created = m_http.post(u"/api/v1/tasks"_s, QJsonValue(QJsonObject{{u"type"_s, u"noop"_s}, {u"title"_s, u"visible title"_s},
                                                                                    {u"payload"_s, QJsonObject{{u"card"_s, u"4111-secret"_s}}},
                                                                                    {u"run_at"_s, u"2099-01-01T00:00:00Z"_s}}), bearer(admin));
        QCOMPARE(created.status, 201);
        const QString id = created.obj().value(u"id"_s).toString();
        // A dead letter with an error text, written directly.
        QVERIFY(m_servers.psql(u"INSERT INTO tasks (id, type, status, error, result, attempts, dead_lettered_at, completed_at) VALUES "
                               "('01a24600-0000-7000-8000-00000000dead', 'noop', 'FAILED', 'token=abc leaked in error', "
                               "'{\"k\": \"v\"}', 3, now(), now())"_s));
        const QByteArray viewer = m_tokens.value(u"viewer"_s);
        const QJsonObject seen = m_http.get(u"/api/v1/tasks/"_s + id, bearer(viewer)).obj();
        QCOMPARE(seen.value(u"title"_s).toString(), u"visible title"_s);
        QCOMPARE(seen.value(u"payload"_s).toString(), u"<redacted>"_s);
        const auto list = m_http.get(u"/api/v1/tasks?limit=100"_s, bearer(viewer));
        QVERIFY(!list.body.contains("4111-secret"));
        const auto dlq = m_http.get(u"/api/v1/dlq"_s, bearer(viewer));
        QCOMPARE(dlq.status, 200);
        QVERIFY2(!dlq.body.contains("token=abc") && dlq.body.contains("<redacted>"), dlq.body.constData());
        const auto one = m_http.get(u"/api/v1/dlq/01a24600-0000-7000-8000-00000000dead"_s, bearer(viewer)).obj().value(u"task"_s).toObject();
        QCOMPARE(one.value(u"error"_s).toString(), u"<redacted>"_s);
        QCOMPARE(one.value(u"result"_s).toString(), u"<redacted>"_s);
        // Admins, and tokens given the permission, see everything.
        QCOMPARE(m_http.get(u"/api/v1/tasks/"_s + id, bearer(admin)).obj().value(u"payload"_s).toObject().value(u"card"_s).toString(),
                 u"4111-secret"_s);
        const auto granted = m_http.post(u"/api/v1/tokens"_s, QJsonValue(QJsonObject{{u"name"_s, u"auditor"_s}, {u"role"_s, u"viewer"_s},
                                                                                    {u"payloads"_s, true}}), bearer(admin));
        const QByteArray auditor = granted.obj().value(u"token"_s).toString().toLatin1();
        QVERIFY(m_http.get(u"/api/v1/dlq"_s, bearer(auditor)).body.contains("token=abc"));
        // Errors of the API itself keep their envelope.
        const auto missing = m_http.get(u"/api/v1/tasks/00000000-0000-7000-8000-000000000000"_s, bearer(viewer));
        QCOMPARE(missing.obj().value(u"error"_s).toObject().value(u"code"_s).toString(), u"not_found"_s);
    }

    void creates_are_rate_limited_per_token()
    {
        // A second api process on the same database with a tiny budget: 3 at once, 1 a second after that.
        BackendProcess limited;
        const auto up = limited.start(backendArgs(m_servers, {u"--role"_s, u"api"_s, u"--set"_s, u"auth.local_anonymous=false"_s,
                                                              u"--set"_s, u"api.create_rate_per_s=1"_s, u"--set"_s, u"api.create_burst=3"_s}));
        QVERIFY2(up, qPrintable(up ? QString() : up.error().message));
        TestHttp http(limited.baseUrl());
        const QJsonObject task{{u"type"_s, u"noop"_s}, {u"run_at"_s, u"2099-01-01T00:00:00Z"_s}};
        const auto operatorToken = bearer(m_tokens.value(u"operator"_s));
        for (int i = 0; i < 3; ++i)
            QCOMPARE(http.post(u"/api/v1/tasks"_s, QJsonValue(task), operatorToken).status, 201);
        const int before = countRows(m_servers, u"SELECT count(*) FROM tasks"_s);
        const auto refused = http.post(u"/api/v1/tasks"_s, QJsonValue(task), operatorToken);
        QCOMPARE(refused.status, 429);
        QVERIFY(refused.header("Retry-After").toInt() >= 1);
        QCOMPARE(http.post(u"/api/v1/tasks/batch"_s, QJsonValue(QJsonArray{task, task}), operatorToken).status, 429);
        QCOMPARE(countRows(m_servers, u"SELECT count(*) FROM tasks"_s), before);
        // Another token has its own budget (the address's is ten times larger).
        QCOMPARE(http.post(u"/api/v1/tasks"_s, QJsonValue(task), bearer(m_tokens.value(u"admin"_s))).status, 201);
        QVERIFY(limited.terminate());
    }

    void admins_make_invites_whose_code_is_shown_once()
    {
        const QJsonObject invite = makeInvite({{u"role"_s, u"operator"_s}});
        const QString code = invite.value(u"code"_s).toString();
        QVERIFY2(code.startsWith(u"inv_"_s), qPrintable(code));
        QCOMPARE(invite.value(u"role"_s).toString(), u"operator"_s);
        QVERIFY(invite.value(u"email"_s).isNull());
        const QDateTime expires = QDateTime::fromString(invite.value(u"expires_at"_s).toString(), Qt::ISODateWithMs);
        const qint64 ttl = QDateTime::fromString(invite.value(u"created_at"_s).toString(), Qt::ISODateWithMs).secsTo(expires);
        QVERIFY2(qAbs(ttl - 7 * 86'400) < 60, qPrintable(QString::number(ttl))); // the default: a week
        const qint64 id = invite.value(u"id"_s).toInteger();
        // Listed without the code; stored as its SHA-256 only.
        const auto listed = m_inviteHttp.get(u"/api/v1/invites"_s, bearer(adminToken()));
        QCOMPARE(listed.status, 200);
        QVERIFY(!listed.body.contains(code.toUtf8()));
        bool found = false;
        for (const QJsonValue &v : listed.obj().value(u"items"_s).toArray())
            if (v.toObject().value(u"id"_s).toInteger() == id) {
                found = true;
                QCOMPARE(v.toObject().value(u"state"_s).toString(), u"open"_s);
                QVERIFY(!v.toObject().contains(u"code"_s));
            }
        QVERIFY(found);
        QCOMPARE(countRows(m_servers, u"SELECT count(*) FROM invites WHERE position(convert_to('%1', 'UTF8') IN code_hash) > 0"_s.arg(code)), 0);
        QCOMPARE(countRows(m_servers, u"SELECT count(*) FROM invites WHERE code_hash = sha256(convert_to('%1', 'UTF8'))"_s.arg(code)), 1);
        // Audited with the actor.
        QCOMPARE(countRows(m_servers, u"SELECT count(*) FROM audit_log WHERE action = 'invite.create' AND actor LIKE '%1%' "
                                      "AND details->>'invite' = '%2'"_s.arg(AdminEmail).arg(id)), 1);
        // Bad bodies name their field.
        const auto admin = bearer(adminToken());
        for (const auto &[body, field] : {std::pair{QJsonObject{{u"role"_s, u"root"_s}}, u"role"_s},
                                          std::pair{QJsonObject{{u"email"_s, u"not-an-address"_s}}, u"email"_s},
                                          std::pair{QJsonObject{{u"ttl_s"_s, 59}}, u"ttl_s"_s},
                                          std::pair{QJsonObject{{u"ttl_s"_s, 30 * 86'400 + 1}}, u"ttl_s"_s},
                                          std::pair{QJsonObject{{u"ttl_s"_s, 120.5}}, u"ttl_s"_s}}) {
            const auto refused = m_inviteHttp.post(u"/api/v1/invites"_s, QJsonValue(body), admin);
            QCOMPARE(refused.status, 422);
            QCOMPARE(errorField(refused), field);
        }
        // Admins only.
        for (const QString &role : {u"user"_s, u"viewer"_s, u"operator"_s}) {
            const auto h = bearer(m_tokens.value(role));
            QCOMPARE(m_inviteHttp.get(u"/api/v1/invites"_s, h).status, 403);
            QCOMPARE(m_inviteHttp.post(u"/api/v1/invites"_s, QJsonValue(QJsonObject{}), h).status, 403);
            QCOMPARE(m_inviteHttp.del(u"/api/v1/invites/%1"_s.arg(id), h).status, 403);
        }
        QCOMPARE(m_inviteHttp.get(u"/api/v1/invites"_s).status, 401);
    }

    void registration_by_invite_takes_each_code_once()
    {
        const auto missing = registerWith(m_inviteHttp, u"no-invite@example.org"_s, {});
        QCOMPARE(missing.status, 403);
        QVERIFY2(errorMessage(missing).contains(u"auth.registration = invite"_s), missing.body.constData());
        const auto wrong = registerWith(m_inviteHttp, u"wrong-invite@example.org"_s, u"inv_not-a-code"_s);
        QCOMPARE(wrong.status, 403);
        QCOMPARE(errorField(wrong), u"invite"_s);
        const QJsonObject invite = makeInvite({{u"role"_s, u"viewer"_s}});
        const QString code = invite.value(u"code"_s).toString();
        const auto made = registerWith(m_inviteHttp, u"invited@example.org"_s, code);
        QCOMPARE(made.status, 201);
        QCOMPARE(registeredRole(m_inviteHttp, made), u"viewer"_s);
        QVERIFY(!made.obj().value(u"refresh_token"_s).toString().isEmpty());
        const auto again = registerWith(m_inviteHttp, u"invited-again@example.org"_s, code);
        QCOMPARE(again.status, 403);
        QCOMPARE(errorField(again), u"invite"_s);
        QCOMPARE(errorMessage(again), errorMessage(wrong)); // used or unknown: the same answer
        QCOMPARE(countRows(m_servers, u"SELECT count(*) FROM users WHERE email LIKE '%invite%' AND email <> 'invited@example.org'"_s), 0);
        const QJsonArray items = m_inviteHttp.get(u"/api/v1/invites"_s, bearer(adminToken())).obj().value(u"items"_s).toArray();
        for (const QJsonValue &v : items)
            if (v.toObject().value(u"id"_s) == invite.value(u"id"_s)) {
                QCOMPARE(v.toObject().value(u"state"_s).toString(), u"used"_s);
                QVERIFY(!v.toObject().value(u"used_at"_s).isNull());
                QVERIFY(v.toObject().value(u"used_by"_s).toInteger() > 0);
            }
        // The closed server still refuses, invite or not.
        QCOMPARE(registerWith(m_http, u"closed@example.org"_s, makeInvite().value(u"code"_s).toString()).status, 403);
    }

    void an_invite_bound_to_an_email_admits_only_that_email()
    {
        const QString code = makeInvite({{u"email"_s, u"Bound@Example.org"_s}}).value(u"code"_s).toString();
        const QString wrongMessage = errorMessage(registerWith(m_inviteHttp, u"x@example.org"_s, u"inv_unknown"_s));
        const auto other = registerWith(m_inviteHttp, u"someone-else@example.org"_s, code);
        QCOMPARE(other.status, 403);
        QCOMPARE(errorMessage(other), wrongMessage);
        // That attempt did not use it up; e-mails compare case-insensitively.
        const auto bound = registerWith(m_inviteHttp, u"BOUND@example.org"_s, code);
        QCOMPARE(bound.status, 201);
        QCOMPARE(registeredRole(m_inviteHttp, bound), u"user"_s);
    }

    void expired_and_deleted_invites_are_refused()
    {
        const QJsonObject expired = makeInvite();
        QVERIFY(m_servers.psql(u"UPDATE invites SET expires_at = now() - interval '1 minute' WHERE id = %1"_s
                                   .arg(expired.value(u"id"_s).toInteger())));
        const auto late = registerWith(m_inviteHttp, u"late@example.org"_s, expired.value(u"code"_s).toString());
        QCOMPARE(late.status, 403);
        QCOMPARE(errorField(late), u"invite"_s);

        const QJsonObject revoked = makeInvite();
        const qint64 id = revoked.value(u"id"_s).toInteger();
        const auto deleted = m_inviteHttp.del(u"/api/v1/invites/%1"_s.arg(id), bearer(adminToken()));
        QCOMPARE(deleted.status, 204);
        QVERIFY(deleted.body.isEmpty());
        QCOMPARE(m_inviteHttp.del(u"/api/v1/invites/%1"_s.arg(id), bearer(adminToken())).status, 404);
        QCOMPARE(m_inviteHttp.del(u"/api/v1/invites/not-a-number"_s, bearer(adminToken())).status, 404);
        QCOMPARE(registerWith(m_inviteHttp, u"revoked@example.org"_s, revoked.value(u"code"_s).toString()).status, 403);
        QCOMPARE(countRows(m_servers, u"SELECT count(*) FROM audit_log WHERE action = 'invite.delete' AND actor LIKE '%1%' "
                                      "AND details->>'invite' = '%2'"_s.arg(AdminEmail).arg(id)), 1);
        QCOMPARE(countRows(m_servers, u"SELECT count(*) FROM users WHERE email IN ('late@example.org', 'revoked@example.org')"_s), 0);
    }

    void a_taken_email_leaves_the_invite_usable()
    {
        const QString code = makeInvite({{u"role"_s, u"admin"_s}}).value(u"code"_s).toString();
        const auto taken = registerWith(m_inviteHttp, AdminEmail, code);
        QCOMPARE(taken.status, 409);
        QCOMPARE(errorField(taken), u"email"_s);
        const auto made = registerWith(m_inviteHttp, u"second-admin@example.org"_s, code);
        QCOMPARE(made.status, 201);
        QCOMPARE(registeredRole(m_inviteHttp, made), u"admin"_s);
        QVERIFY(made.obj().value(u"user"_s).toObject().value(u"payloads"_s).toBool());
    }

    void registrations_racing_on_one_invite_admit_one()
    {
        const QString code = makeInvite().value(u"code"_s).toString();
        const QUrl base = m_invited.baseUrl();
        const QStringList emails{u"racer-a@example.org"_s, u"racer-b@example.org"_s, u"racer-c@example.org"_s};
        std::vector<std::unique_ptr<QTcpSocket>> sockets;
        // Every request is written before any answer is read.
        for (const QString &email : emails) {
            const QByteArray body = QJsonDocument(QJsonObject{{u"email"_s, email}, {u"password"_s, u"racing password"_s},
                                                              {u"invite"_s, code}}).toJson(QJsonDocument::Compact);
            auto socket = std::make_unique<QTcpSocket>();
            socket->connectToHost(base.host(), quint16(base.port()));
            QVERIFY(socket->waitForConnected(5000));
            socket->write("POST /api/register HTTP/1.1\r\nHost: " + base.authority().toLatin1()
                          + "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size())
                          + "\r\n\r\n" + body);
            sockets.push_back(std::move(socket));
        }
        for (auto &socket : sockets)
            QVERIFY(socket->waitForBytesWritten(5000) || socket->bytesToWrite() == 0);
        std::vector<QByteArray> answers(sockets.size());
        QVERIFY(QTest::qWaitFor([&] {
            bool all = true;
            for (size_t i = 0; i < sockets.size(); ++i) {
                answers[i] += sockets[i]->readAll();
                all = all && answers[i].contains("\r\n\r\n");
            }
            return all;
        }, 20'000));
        QList<int> statuses;
        for (const QByteArray &a : answers)
            statuses << a.split(' ').value(1).toInt();
        std::sort(statuses.begin(), statuses.end());
        QCOMPARE(statuses, (QList<int>{201, 403, 403}));
        QCOMPARE(countRows(m_servers, u"SELECT count(*) FROM users WHERE email LIKE 'racer-%'"_s), 1);
        QCOMPARE(countRows(m_servers, u"SELECT count(*) FROM invites i JOIN users u ON u.id = i.used_by WHERE u.email LIKE 'racer-%'"_s), 1);
    }

    void open_registration_ignores_an_invite()
    {
        BackendProcess open;
        const auto up = open.start(backendArgs(m_servers, {u"--role"_s, u"api"_s, u"--set"_s, u"auth.local_anonymous=false"_s,
                                                           u"--set"_s, u"auth.registration=open"_s}));
        QVERIFY2(up, qPrintable(up ? QString() : up.error().message));
        TestHttp http(open.baseUrl());
        const QJsonObject invite = makeInvite({{u"role"_s, u"admin"_s}});
        const auto made = registerWith(http, u"walk-in@example.org"_s, invite.value(u"code"_s).toString());
        QCOMPARE(made.status, 201);
        QCOMPARE(registeredRole(http, made), u"user"_s);
        QCOMPARE(countRows(m_servers, u"SELECT count(*) FROM invites WHERE id = %1 AND used_at IS NULL"_s
                                          .arg(invite.value(u"id"_s).toInteger())), 1);
        QVERIFY(open.terminate());
    }

    void the_event_stream_needs_credentials()
    {
        QUrl url = m_backend.baseUrl();
        url.setScheme(u"ws"_s);
        url.setPath(u"/api/v1/ws"_s);
        const auto opens = [&](const QUrl &u) {
            QWebSocket ws;
            bool failed = false;
            connect(&ws, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this, [&failed] { failed = true; });
            ws.open(u);
            (void)QTest::qWaitFor([&] { return ws.state() == QAbstractSocket::ConnectedState || failed; }, 5000);
            return ws.state() == QAbstractSocket::ConnectedState;
        };
        QVERIFY(!opens(url));
        QUrl withToken = url;
        withToken.setQuery(u"access_token="_s + QString::fromLatin1(m_tokens.value(u"viewer"_s)));
        QVERIFY(opens(withToken));
        QUrl asUser = url;
        asUser.setQuery(u"access_token="_s + QString::fromLatin1(m_tokens.value(u"user"_s)));
        QVERIFY(!opens(asUser));
    }

    // A WebSocket to /api/v1/ws with `token`; null when the server refused or closed it within 5 s.
    std::unique_ptr<QWebSocket> openStream(const QByteArray &token)
    {
        QUrl url = m_backend.baseUrl();
        url.setScheme(u"ws"_s);
        url.setPath(u"/api/v1/ws"_s);
        url.setQuery(u"access_token="_s + QString::fromLatin1(token));
        auto ws = std::make_unique<QWebSocket>();
        QObject scope; // the handlers below use locals: they must not outlive this call
        bool failed = false;
        connect(ws.get(), qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), &scope, [&failed] { failed = true; });
        ws->open(url);
        (void)QTest::qWaitFor([&] { return ws->state() == QAbstractSocket::ConnectedState || failed; }, 5000);
        if (ws->state() != QAbstractSocket::ConnectedState)
            return nullptr;
        // Qt 6.4 may complete a refused handshake on the client side too: a refused stream is closed at once.
        ws->sendTextMessage(u"{\"type\":\"subscribe\"}"_s);
        bool subscribed = false;
        connect(ws.get(), &QWebSocket::textMessageReceived, &scope, [&subscribed](const QString &t) { subscribed |= t.contains(u"subscribed"_s); });
        (void)QTest::qWaitFor([&] { return subscribed || ws->state() != QAbstractSocket::ConnectedState; }, 5000);
        return subscribed ? std::move(ws) : nullptr;
    }

    void event_streams_are_bounded_per_caller()
    {
        const auto made = m_http.post(u"/api/v1/tokens"_s, QJsonValue(QJsonObject{{u"name"_s, u"dashboards"_s}, {u"role"_s, u"viewer"_s}}),
                                      bearer(adminToken()));
        QCOMPARE(made.status, 201);
        const QByteArray token = made.obj().value(u"token"_s).toString().toLatin1();
        std::vector<std::unique_ptr<QWebSocket>> streams;
        for (int i = 0; i < StreamsPerCaller; ++i) {
            streams.push_back(openStream(token));
            QVERIFY2(streams.back(), qPrintable(u"stream %1 was refused"_s.arg(i + 1)));
        }
        QVERIFY2(!openStream(token), "one stream more than api.max_event_streams_per_caller was let in");
        // The HTTP answer to such a handshake: 429 with Retry-After.
        const auto refused = m_http.get(u"/api/v1/ws"_s, {{"Authorization", "Bearer " + token}, {"Upgrade", "websocket"},
                                                          {"Connection", "Upgrade"}, {"Sec-WebSocket-Version", "13"},
                                                          {"Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="}});
        QCOMPARE(refused.status, 429);
        // Another caller is not affected; a stream that ends frees its place.
        QVERIFY(openStream(m_tokens.value(u"viewer"_s)));
        streams.front()->close();
        QVERIFY(QTest::qWaitFor([&] { return openStream(token) != nullptr; }, 10'000));
    }

    void a_stream_that_floods_messages_is_closed()
    {
        auto calm = openStream(m_tokens.value(u"viewer"_s));
        auto flood = openStream(m_tokens.value(u"operator"_s));
        QVERIFY(calm && flood);
        for (int i = 0; i < 10 * StreamMessagesPerS; ++i)
            flood->sendTextMessage(u"{\"type\":\"subscribe\",\"status\":[\"NEW\"]}"_s);
        QTRY_COMPARE_WITH_TIMEOUT(flood->state(), QAbstractSocket::UnconnectedState, 10'000);
        QCOMPARE(flood->closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);
        QCOMPARE(calm->state(), QAbstractSocket::ConnectedState);
        // A message far larger than any subscription is refused too.
        auto big = openStream(m_tokens.value(u"admin"_s));
        QVERIFY(big);
        big->sendTextMessage(QString(200'000, u'x'));
        QTRY_COMPARE_WITH_TIMEOUT(big->state(), QAbstractSocket::UnconnectedState, 10'000);
    }

    void every_route_answers_every_role_as_the_matrix_says()
    {
        const auto routes = m_http.get(u"/api/v1/routes"_s, bearer(m_tokens.value(u"admin"_s)));
        QCOMPARE(routes.status, 200);
        const QJsonArray list = routes.obj().value(u"routes"_s).toArray();
        QVERIFY(list.size() > 50);
        int checked = 0;
        for (const QJsonValue &v : list) {
            const QJsonObject r = v.toObject();
            const QString method = r.value(u"method"_s).toString();
            const QString permission = r.value(u"permission"_s).toString();
            QVERIFY2(allowedRoles().contains(permission), qPrintable(method + u' ' + r.value(u"path"_s).toString() + u": no permission"_s));
            if (r.value(u"path"_s).toString() == u"/api/v1/ws"_s)
                continue; // an upgrade, checked above
            // A made-up id: the point is who gets past the door, not what is behind it.
            QString path = r.value(u"path"_s).toString();
            path.replace(u"<arg>"_s, u"00000000-0000-7000-8000-000000000000"_s);
            for (const QString &role : {u"anonymous"_s, u"user"_s, u"viewer"_s, u"operator"_s, u"admin"_s}) {
                const TestHttp::Headers h = role == u"anonymous" ? TestHttp::Headers{} : bearer(m_tokens.value(role));
                const bool write = method != u"GET";
                const auto reply = m_http.send(method.toLatin1(), path, write ? QByteArray("{}") : QByteArray(), h);
                const bool allowed = allowedRoles().value(permission).contains(role);
                const QString what = u"%1 %2 as %3 (%4): %5 %6"_s.arg(method, path, role, permission).arg(reply.status)
                                         .arg(QString::fromUtf8(reply.body.left(200)));
                // The door's own refusals, told apart from a route's answer about its content (a login with
                // no password is also a 401, a closed registration a 403).
                const QString message = reply.obj().value(u"error"_s).toObject().value(u"message"_s).toString();
                const bool door = (reply.status == 401 && message.contains(u"needs credentials"_s))
                    || (reply.status == 403 && message.contains(u"does not have the permission"_s));
                if (allowed)
                    QVERIFY2(!door, qPrintable(what));
                else
                    QVERIFY2(door && reply.status == (role == u"anonymous" ? 401 : 403), qPrintable(what));
                ++checked;
            }
        }
        QVERIFY(checked >= 250);
    }
};

QTEST_GUILESS_MAIN(TestAccounts)
#include "test_Accounts.moc"
