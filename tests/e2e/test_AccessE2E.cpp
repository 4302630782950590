// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// The app against a real taskmilld that serves no one without credentials (docs/security.md, docs/app.md
// "Logging in"): a password profile logs in for tokens and the server knows who it is; a wrong password is an
// authentication failure carrying the server's words; an API token profile works; the main window disables
// what the role may not do (with the reason as tooltip) and hides pages it may not read; and a Local
// profile's session starts `taskmilld --local` and uses its local-token file with anonymous access off.
#include "E2EHelpers.h"

#include "BackendProcess.h"
#include "TestHttp.h"
#include "TestServers.h"
#include "client/EventStream.h"
#include "client/MemorySecretStore.h"
#include "client/ProfileSecrets.h"
#include "models/CallerAccess.h"
#include "models/TaskModel.h"
#include "settings/AppSettings.h"
#include "views/ConnectionSession.h"
#include "views/ConnectionStatusWidget.h"
#include "views/DashboardController.h"
#include "views/DashboardPage.h"
#include "views/HandlerActions.h"
#include "views/HandlersPage.h"
#include "views/MainWindow.h"
#include "views/TaskActions.h"
#include "wire/PermissionNames.h"

#include <QAction>
#include <QFileInfo>
#include <QJsonObject>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>

using namespace Qt::StringLiterals;
using namespace taskmill;
using namespace taskmill::e2e;
using namespace taskmill::test;
using State = BackendClient::ConnectionState;

namespace {
const QString AdminEmail = u"admin@example.org"_s;
const QString AdminPassword = u"correct horse battery"_s;
const QString ViewerEmail = u"viewer@example.org"_s;
const QString UserEmail = u"user@example.org"_s;
const QString OtherPassword = u"another long password"_s;
} // namespace

class TestAccessE2E final : public QObject
{
    Q_OBJECT

    TestServers m_servers;
    BackendProcess m_backend;
    TestHttp m_http;
    QNetworkAccessManager m_network;
    QByteArray m_adminToken;

    ConnectionProfile passwordProfile(const QString &email) const
    {
        ConnectionProfile p(u"remote"_s, m_backend.baseUrl(), ConnectionProfile::Kind::Remote);
        p.auth = ConnectionProfile::Auth::Password;
        p.user = email;
        return p;
    }
    std::unique_ptr<BackendClient> connected(const ConnectionProfile &profile, const QString &secret)
    {
        auto client = std::make_unique<BackendClient>(m_network, profile);
        client->setSecret(secret);
        client->setProbeInterval(250);
        client->connectToBackend();
        return client;
    }
    void makeUser(const QString &email, const QString &role)
    {
        const auto r = m_http.post(u"/api/v1/users"_s,
                                   QJsonValue(QJsonObject{{u"email"_s, email}, {u"password"_s, OtherPassword}, {u"role"_s, role}}),
                                   {{"Authorization", "Bearer " + m_adminToken}});
        QVERIFY2(r.status == 201, r.body.constData());
    }

private slots:
    void initTestCase()
    {
        auto started = m_servers.start();
        QVERIFY2(started, qPrintable(started ? QString() : started.error().message));
        const QStringList db{u"--postgres"_s, m_servers.postgresUrl(), u"--redis"_s, m_servers.redisUrl()};
        const auto added = BackendProcess::addUser(db, AdminEmail, u"admin"_s, AdminPassword);
        QVERIFY2(added, qPrintable(added ? QString() : added.error().message));
        auto up = m_backend.start(db + QStringList{u"-a"_s, u"127.0.0.1:0"_s, u"--set"_s, u"auth.local_anonymous=false"_s});
        QVERIFY2(up, qPrintable(up ? QString() : up.error().message));
        m_http.setBaseUrl(m_backend.baseUrl());
        const auto login = m_http.post(u"/api/v1/auth/login"_s,
                                       QJsonValue(QJsonObject{{u"email"_s, AdminEmail}, {u"password"_s, AdminPassword}}));
        QCOMPARE(login.status, 200);
        m_adminToken = login.obj().value(u"access_token"_s).toString().toLatin1();
        makeUser(ViewerEmail, u"viewer"_s);
        makeUser(UserEmail, u"user"_s);
    }

    void cleanupTestCase() { QVERIFY(m_backend.terminate()); }

    void a_password_profile_logs_in_and_the_server_knows_who()
    {
        auto client = connected(passwordProfile(AdminEmail), AdminPassword);
        QTRY_COMPARE_WITH_TIMEOUT(client->connectionState(), State::Connected, 10'000);
        QVERIFY(await(client->listTasks({})).ok());
        QVERIFY(client->hasSession());
        const auto info = await(client->serverInfo());
        QVERIFY(info.ok());
        QCOMPARE(info->callerName, AdminEmail);
        QCOMPARE(info->callerRole, u"admin"_s);
        QVERIFY(info->knowsPermissions);
        QVERIFY(info->may(permission::Admin));
        QVERIFY(info->callerPayloads);
        // The live event stream takes the access token too (it needs system.read).
        client->eventStream().open();
        QTRY_VERIFY_WITH_TIMEOUT(client->eventStream().isConnected(), 10'000);
    }

    void a_wrong_password_is_an_authentication_failure_with_the_servers_words()
    {
        auto client = connected(passwordProfile(AdminEmail), u"not the password"_s);
        QSignalSpy required(client.get(), &BackendClient::authenticationRequired);
        // The login goes out at the first answer of the server, before any action.
        QTRY_COMPARE_WITH_TIMEOUT(client->connectionState(), State::AuthenticationFailed, 10'000);
        QCOMPARE(required.size(), 1);
        QVERIFY2(!client->lastError().isEmpty(), "no reason given");
        const auto r = await(client->listTasks({}));
        QVERIFY(!r.ok());
        QVERIFY(r.error().code == ErrorCode::Unauthorized);
        QVERIFY(!client->hasSession());
    }

    void an_api_token_profile_works()
    {
        const auto made = m_http.post(u"/api/v1/tokens"_s, QJsonValue(QJsonObject{{u"name"_s, u"ci"_s}, {u"role"_s, u"operator"_s}}),
                                      {{"Authorization", "Bearer " + m_adminToken}});
        QCOMPARE(made.status, 201);
        ConnectionProfile p(u"ci"_s, m_backend.baseUrl(), ConnectionProfile::Kind::Remote);
        p.auth = ConnectionProfile::Auth::Token;
        auto client = connected(p, made.obj().value(u"token"_s).toString());
        QTRY_COMPARE_WITH_TIMEOUT(client->connectionState(), State::Connected, 10'000);
        const auto info = await(client->serverInfo());
        QVERIFY(info.ok());
        QCOMPARE(info->callerRole, u"operator"_s);
        QVERIFY(info->may(permission::OperateTasks));
        QVERIFY(!info->may(permission::Admin));
    }

    void the_window_disables_what_a_viewer_may_not_do()
    {
        QTemporaryDir dir;
        QSettings qsettings(dir.filePath(u"app.ini"_s), QSettings::IniFormat);
        AppSettings settings(qsettings);
        auto client = connected(passwordProfile(ViewerEmail), OtherPassword);
        MainWindow window(*client, settings);
        window.resize(1280, 800);
        window.show();
        QTRY_VERIFY_WITH_TIMEOUT(window.access()->isKnown(), 10'000);
        QAction *newTask = window.taskActions()->newTaskAction();
        QVERIFY(!newTask->isEnabled());
        QVERIFY2(newTask->toolTip().contains(CallerAccess::roleName(u"viewer"_s)), qPrintable(newTask->toolTip()));
        QVERIFY(!window.taskActions()->retryAction()->isEnabled());
        QVERIFY(!window.handlersPage()->actions()->newAction()->isEnabled());
        QVERIFY(window.taskActions()->refreshAction()->isEnabled());
        // A viewer without `payloads` gets redacted tasks: the table still fills.
        const auto admin = connected(passwordProfile(AdminEmail), AdminPassword);
        CreateTaskRequest request;
        request.type = u"noop"_s;
        request.title = u"for the viewer"_s;
        request.payload = QJsonObject{{u"secret"_s, u"s3"_s}};
        QVERIFY(await(admin->createTask(request)).ok());
        const auto page = await(client->listTasks({}));
        QVERIFY2(page.ok(), page ? "" : qPrintable(page.error().message));
        QVERIFY(!page->items.isEmpty());
        QVERIFY(page->items.first().payloadRedacted);
        QTRY_VERIFY_WITH_TIMEOUT(window.taskModel()->rowCount() > 0, 30'000);
        // A viewer reads the system: dead letters and the monitor stay.
        QVERIFY(window.pages()->isTabVisible(window.pages()->indexOf(window.monitor()->dashboard())));
    }

    void the_window_hides_pages_a_user_account_may_not_read()
    {
        QTemporaryDir dir;
        QSettings qsettings(dir.filePath(u"app.ini"_s), QSettings::IniFormat);
        AppSettings settings(qsettings);
        auto client = connected(passwordProfile(UserEmail), OtherPassword);
        MainWindow window(*client, settings);
        window.show();
        QTRY_VERIFY_WITH_TIMEOUT(window.access()->isKnown(), 10'000);
        QVERIFY(window.taskActions()->newTaskAction()->isEnabled()); // a user creates its own tasks
        QVERIFY(!window.taskActions()->retryAction()->isEnabled());
        QVERIFY(!window.pages()->isTabVisible(window.pages()->indexOf(window.monitor()->dashboard())));
        int visible = 0;
        for (int i = 0; i < window.pages()->count(); ++i)
            visible += window.pages()->isTabVisible(i) ? 1 : 0;
        QCOMPARE(visible, 2); // Tasks and Handlers (the schemas it creates tasks with)
    }

    void a_local_session_uses_the_local_token_file()
    {
        // The app's own backend with anonymous access off: only the token file lets the app in.
        QTemporaryDir home;
        QVERIFY(home.isValid());
        QFile::setPermissions(home.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup
                                               | QFile::ExeGroup | QFile::ReadOther | QFile::ExeOther);
        qputenv("XDG_DATA_HOME", home.path().toUtf8());
        qputenv("TASKMILL_AUTH_LOCAL_ANONYMOUS", "false");
        const QString bin = QFileInfo(BackendProcess::binary()).absolutePath();
        qputenv("PATH", bin.toUtf8() + ':' + qgetenv("PATH"));
        QCOMPARE(LocalBackend::defaultDataDir(), home.path() + u"/taskmill"_s);

        QSettings qsettings(home.filePath(u"app.ini"_s), QSettings::IniFormat);
        AppSettings settings(qsettings);
        MemorySecretStore keychain;
        ProfileSecrets secrets(keychain);
        ConnectionProfile local = ConnectionProfile::local();
        local.baseUrl = QUrl(u"http://127.0.0.1:%1"_s.arg(freePort()));
        {
            ConnectionSession session(m_network, settings, secrets, local);
            session.client().setProbeInterval(250);
            session.start(false);
            QTRY_VERIFY_WITH_TIMEOUT(session.client().hasLocalToken(), StartTimeoutMs);
            QTRY_COMPARE_WITH_TIMEOUT(session.client().connectionState(), State::Connected, 10'000);
            QVERIFY(await(session.client().listTasks({})).ok());
            const QFileInfo token(LocalBackend::defaultDataDir() + u"/local-token"_s);
            QCOMPARE(token.permissions() & (QFile::ReadGroup | QFile::ReadOther), QFileDevice::Permissions());
            QTRY_VERIFY(!session.window().connectionStatus()->callerText().isEmpty());
            QVERIFY2(session.window().connectionStatus()->callerText().startsWith(u"local access"_s),
                     qPrintable(session.window().connectionStatus()->callerText()));
        }
        qunsetenv("TASKMILL_AUTH_LOCAL_ANONYMOUS");
    }
};

QTEST_MAIN(TestAccessE2E)
#include "test_AccessE2E.moc"
