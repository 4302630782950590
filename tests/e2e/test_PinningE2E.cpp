// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// Public key pinning (docs/app.md, "Connections") against a real taskmilld serving TLS with a leaf signed by
// a private CA (the chain file holds both): the right pin connects without chain verification, a CA's pin
// accepts the chain through it, a wrong pin refuses requests and the event stream before anything is sent —
// the refused client's API token is never seen by the server — and is a lost connection with the usual
// backoff, not an authentication failure; a pin does not switch chain verification off; "Pin current" gets
// the pin that the documented openssl pipeline computes.
#include "E2EHelpers.h"

#include "BackendProcess.h"
#include "TestServers.h"
#include "client/EventStream.h"
#include "client/PublicKeyPin.h"

#include <QProcess>
#include <QSignalSpy>
#include <QSslCertificate>

using namespace Qt::StringLiterals;
using namespace taskmill;
using namespace taskmill::e2e;
using namespace taskmill::test;
using State = BackendClient::ConnectionState;

namespace {
const QString AdminEmail = u"admin@example.org"_s;
const QString AdminPassword = u"correct horse battery"_s;
const QString Mismatch = u"does not match the pinned key"_s;
} // namespace

class TestPinningE2E final : public QObject
{
    Q_OBJECT

    TestServers m_servers;
    BackendProcess m_backend;
    QTemporaryDir m_dir;
    QNetworkAccessManager m_network; // shared by every client, as in the app
    QString m_leafPin;
    QString m_caPin;
    QString m_otherPin;
    std::unique_ptr<BackendClient> m_admin;

    QString file(const QString &name) const { return m_dir.filePath(name); }

    // Empty when the client can list tasks, else why not (so QCOMPARE prints it).
    static QString listingError(BackendClient &client)
    {
        const auto tasks = await(client.listTasks({}));
        return tasks.ok() ? QString() : tasks.error().message;
    }

    bool openssl(const QStringList &args)
    {
        QProcess p;
        p.start(u"openssl"_s, args);
        if (!p.waitForFinished(60'000) || p.exitCode() != 0) {
            qWarning().noquote() << "openssl" << args.join(u' ') << p.readAllStandardError();
            return false;
        }
        return true;
    }

    QString pinOf(const QString &pemFile) const
    {
        return PublicKeyPin::of(QSslCertificate::fromPath(pemFile).value(0));
    }

    ConnectionProfile profile(const QStringList &pins, bool verifyPeer = false) const
    {
        ConnectionProfile p(u"pinned"_s, m_backend.baseUrl(), ConnectionProfile::Kind::Remote);
        p.pinnedKeys = pins;
        p.verifyPeer = verifyPeer;
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

    // An API token with its own name, so its last_used_at tells whether the server ever saw it.
    QString makeToken(const QString &name)
    {
        const auto made = await(m_admin->createToken(NewToken{name, u"operator"_s, true, {}}));
        if (!made) {
            qWarning().noquote() << made.error().message;
            return {};
        }
        return made->secret;
    }

    QDateTime lastUsed(const QString &name)
    {
        const auto tokens = await(m_admin->listTokens());
        for (const ApiTokenInfo &t : tokens ? *tokens : QList<ApiTokenInfo>{})
            if (t.name == name)
                return t.lastUsedAt;
        return {};
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // A private CA and a leaf for 127.0.0.1 signed by it (EC keys); another, unrelated key for wrong pins.
        const QStringList ec{u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s, u"ec_paramgen_curve:prime256v1"_s, u"-nodes"_s};
        QVERIFY(openssl(QStringList{u"req"_s, u"-x509"_s} + ec
                        + QStringList{u"-days"_s, u"2"_s, u"-subj"_s, u"/CN=Taskmill Test CA"_s, u"-addext"_s,
                                      u"basicConstraints=critical,CA:TRUE"_s, u"-addext"_s, u"keyUsage=critical,keyCertSign"_s,
                                      u"-keyout"_s, file(u"ca.key"_s), u"-out"_s, file(u"ca.pem"_s)}));
        QVERIFY(openssl(QStringList{u"req"_s} + ec
                        + QStringList{u"-subj"_s, u"/CN=127.0.0.1"_s, u"-keyout"_s, file(u"server.key"_s), u"-out"_s,
                                      file(u"server.csr"_s)}));
        QFile ext(file(u"server.ext"_s));
        QVERIFY(ext.open(QIODevice::WriteOnly));
        ext.write("subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
        ext.close();
        QVERIFY(openssl({u"x509"_s, u"-req"_s, u"-in"_s, file(u"server.csr"_s), u"-CA"_s, file(u"ca.pem"_s), u"-CAkey"_s,
                         file(u"ca.key"_s), u"-CAcreateserial"_s, u"-days"_s, u"2"_s, u"-extfile"_s, file(u"server.ext"_s),
                         u"-out"_s, file(u"server.pem"_s)}));
        QVERIFY(openssl({u"req"_s, u"-x509"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s, u"-days"_s, u"2"_s, u"-subj"_s,
                         u"/CN=someone else"_s, u"-keyout"_s, file(u"other.key"_s), u"-out"_s, file(u"other.pem"_s)}));
        QFile chain(file(u"chain.pem"_s));
        QVERIFY(chain.open(QIODevice::WriteOnly));
        for (const QString &part : {u"server.pem"_s, u"ca.pem"_s}) {
            QFile pem(file(part));
            QVERIFY(pem.open(QIODevice::ReadOnly));
            chain.write(pem.readAll());
        }
        chain.close();
        m_leafPin = pinOf(file(u"server.pem"_s));
        m_caPin = pinOf(file(u"ca.pem"_s));
        m_otherPin = pinOf(file(u"other.pem"_s));
        QVERIFY(m_leafPin != m_caPin);

        auto started = m_servers.start();
        QVERIFY2(started, qPrintable(started ? QString() : started.error().message));
        const QStringList db{u"--postgres"_s, m_servers.postgresUrl(), u"--redis"_s, m_servers.redisUrl()};
        const auto added = BackendProcess::addUser(db, AdminEmail, u"admin"_s, AdminPassword);
        QVERIFY2(added, qPrintable(added ? QString() : added.error().message));
        auto up = m_backend.start(db + QStringList{u"-a"_s, u"127.0.0.1:0"_s, u"--set"_s, u"auth.local_anonymous=false"_s,
                                                   u"--set"_s, u"api.tls_cert="_s + file(u"chain.pem"_s), u"--set"_s,
                                                   u"api.tls_key="_s + file(u"server.key"_s)});
        QVERIFY2(up, qPrintable(up ? QString() : up.error().message));
        QCOMPARE(m_backend.baseUrl().scheme(), u"https"_s);

        // The admin's password profile, pinned to the leaf without chain verification: the documented way
        // to trust a self-signed server. Its login and every request go through the pin check.
        ConnectionProfile admin = profile({m_leafPin});
        admin.auth = ConnectionProfile::Auth::Password;
        admin.user = AdminEmail;
        m_admin = connected(admin, AdminPassword);
        QTRY_COMPARE_WITH_TIMEOUT(m_admin->connectionState(), State::Connected, 10'000);
    }

    void cleanupTestCase()
    {
        m_admin.reset();
        QVERIFY(m_backend.terminate());
    }

    void the_right_pin_connects_without_chain_verification()
    {
        QCOMPARE(listingError(*m_admin), QString());
        const auto info = await(m_admin->serverInfo());
        QVERIFY(info.ok());
        QCOMPARE(info->callerName, AdminEmail);
        m_admin->eventStream().open();
        QTRY_VERIFY_WITH_TIMEOUT(m_admin->eventStream().isConnected(), 10'000);
        QVERIFY(m_admin->eventStream().lastError().isEmpty());
        m_admin->eventStream().close();
    }

    void a_ca_pin_accepts_the_chain_through_that_ca()
    {
        const QString token = makeToken(u"ca-pinned"_s);
        QVERIFY(!token.isEmpty());
        ConnectionProfile p = profile({m_otherPin, m_caPin}); // any one pin of the list may match
        p.auth = ConnectionProfile::Auth::Token;
        auto client = connected(p, token);
        QTRY_COMPARE_WITH_TIMEOUT(client->connectionState(), State::Connected, 10'000);
        QCOMPARE(listingError(*client), QString());
    }

    void a_wrong_pin_sends_nothing_and_backs_off()
    {
        const QString refusedToken = makeToken(u"refused"_s);
        const QString controlToken = makeToken(u"control"_s);
        QVERIFY(!refusedToken.isEmpty() && !controlToken.isEmpty());

        ConnectionProfile p = profile({m_otherPin});
        p.auth = ConnectionProfile::Auth::Token;
        auto client = std::make_unique<BackendClient>(m_network, p);
        client->setSecret(refusedToken);
        QSignalSpy authRequired(client.get(), &BackendClient::authenticationRequired);
        QSignalSpy reconnects(client.get(), &BackendClient::reconnectScheduled);
        client->connectToBackend();
        client->eventStream().open();
        QTRY_VERIFY_WITH_TIMEOUT(reconnects.size() >= 2, 10'000);
        QCOMPARE(client->connectionState(), State::Disconnected);
        QVERIFY2(client->lastError().contains(Mismatch), qPrintable(client->lastError()));
        QVERIFY2(client->lastError().contains(u"(got "_s + m_leafPin + u")"_s), qPrintable(client->lastError()));
        // A request gets the same reason; a POST's body goes nowhere either.
        const auto tasks = await(client->listTasks({}));
        QVERIFY(!tasks.ok());
        QVERIFY(tasks.error().code == ErrorCode::Unavailable);
        QVERIFY(tasks.error().message.contains(Mismatch));
        CreateTaskRequest create;
        create.title = u"from the refused client"_s;
        const auto created = await(client->createTask(create));
        QVERIFY(!created.ok());
        QVERIFY(created.error().message.contains(Mismatch));
        // The WebSocket refuses it too, at its TLS handshake.
        QTRY_VERIFY_WITH_TIMEOUT(client->eventStream().lastError().contains(Mismatch), 10'000);
        QVERIFY(!client->eventStream().isConnected());
        // A lost connection with the usual backoff: not an authentication failure, no tight loop.
        QTest::qWait(1500);
        QVERIFY(client->connectionState() != State::AuthenticationFailed);
        QCOMPARE(authRequired.size(), 0);
        QVERIFY2(reconnects.size() <= 5, qPrintable(QString::number(reconnects.size())));
        for (qsizetype i = 1; i < reconnects.size(); ++i)
            QVERIFY(reconnects.at(i).at(0).toInt() > reconnects.at(i - 1).at(0).toInt());
        client.reset();

        // The server writes tokens' last_used_at every few seconds. Once a token used after all those attempts
        // shows up as used, the refused one would have too, had the server ever seen it.
        ConnectionProfile right = profile({m_leafPin});
        right.auth = ConnectionProfile::Auth::Token;
        auto control = connected(right, controlToken);
        QTRY_COMPARE_WITH_TIMEOUT(control->connectionState(), State::Connected, 10'000);
        QCOMPARE(listingError(*control), QString());
        QTRY_VERIFY_WITH_TIMEOUT(lastUsed(u"control"_s).isValid(), 40'000);
        QVERIFY2(!lastUsed(u"refused"_s).isValid(), "the server saw the token of the refused client");
        const auto all = await(m_admin->listTasks({}));
        QVERIFY(all.ok());
        for (const Task &task : all->items)
            QVERIFY2(task.title != create.title, "the refused client's POST reached the server");
    }

    void a_wrong_pin_keeps_the_password_at_home()
    {
        // The login is the first request of a password profile. With a wrong password it would come back as
        // an authentication failure and the server would log a failed login: refused at the handshake, neither.
        const auto failedLogins = [this] { return m_backend.log().count(u"failed login from"_s); };
        QCOMPARE(failedLogins(), 0);
        ConnectionProfile p = profile({m_otherPin});
        p.auth = ConnectionProfile::Auth::Password;
        p.user = AdminEmail;
        auto client = connected(p, u"not the password"_s);
        QSignalSpy authRequired(client.get(), &BackendClient::authenticationRequired);
        QSignalSpy reconnects(client.get(), &BackendClient::reconnectScheduled);
        QTRY_VERIFY_WITH_TIMEOUT(reconnects.size() >= 2, 10'000);
        QVERIFY2(client->lastError().contains(Mismatch), qPrintable(client->lastError()));
        QCOMPARE(client->connectionState(), State::Disconnected);
        QVERIFY(!client->hasSession());
        QCOMPARE(authRequired.size(), 0);
        client.reset();

        // The same with the right pin: the login goes out, and the server logs it.
        p.pinnedKeys = {m_leafPin};
        auto control = connected(p, u"not the password"_s);
        QTRY_COMPARE_WITH_TIMEOUT(control->connectionState(), State::AuthenticationFailed, 10'000);
        QTRY_COMPARE_WITH_TIMEOUT(failedLogins(), 1, 5'000);
    }

    void a_pin_does_not_switch_chain_verification_off()
    {
        // Verification on, the private CA unknown: the handshake fails before the pin is even looked at.
        auto untrusted = connected(profile({m_leafPin}, true), {});
        QTRY_VERIFY_WITH_TIMEOUT(!untrusted->lastError().isEmpty(), 10'000);
        QCOMPARE(untrusted->connectionState(), State::Disconnected);
        QVERIFY2(!untrusted->lastError().contains(Mismatch), qPrintable(untrusted->lastError()));

        // With the CA file, chain and pin both hold.
        const QString token = makeToken(u"verified"_s);
        QVERIFY(!token.isEmpty());
        ConnectionProfile p = profile({m_leafPin}, true);
        p.caCertificateFile = file(u"ca.pem"_s);
        p.auth = ConnectionProfile::Auth::Token;
        auto client = connected(p, token);
        QTRY_COMPARE_WITH_TIMEOUT(client->connectionState(), State::Connected, 10'000);
        QCOMPARE(listingError(*client), QString());
        client->eventStream().open();
        QTRY_VERIFY_WITH_TIMEOUT(client->eventStream().isConnected(), 10'000);

        // The CA verifies the chain, but the pin is someone else's: refused all the same.
        p.pinnedKeys = {m_otherPin};
        auto wrong = connected(p, token);
        QTRY_VERIFY_WITH_TIMEOUT(wrong->lastError().contains(Mismatch), 10'000);
        wrong->eventStream().open();
        QTRY_VERIFY_WITH_TIMEOUT(wrong->eventStream().lastError().contains(Mismatch), 10'000);
        QVERIFY(!wrong->eventStream().isConnected());
    }

    void pin_current_gets_what_openssl_computes()
    {
        // The pipeline docs/app.md gives, against the running server.
        QProcess shell;
        shell.start(u"sh"_s, {u"-c"_s, u"openssl s_client -connect 127.0.0.1:%1 </dev/null 2>/dev/null"
                                       " | openssl x509 -pubkey -noout | openssl pkey -pubin -outform der"
                                       " | openssl dgst -sha256 -binary | base64"_s.arg(m_backend.baseUrl().port())});
        QVERIFY(shell.waitForFinished(30'000));
        const QString fromOpenssl = u"sha256//"_s + QString::fromLatin1(shell.readAllStandardOutput().trimmed());
        QCOMPARE(fromOpenssl, m_leafPin);

        BackendClient unverified(m_network, profile({}));
        const auto pin = await(unverified.serverKeyPin());
        QVERIFY2(pin.ok(), qPrintable(pin.ok() ? QString() : pin.error().message));
        QCOMPARE(*pin, m_leafPin);
        // The profile's pins do not matter for fetching the key, its verification does.
        BackendClient verifying(m_network, profile({m_otherPin}, true));
        const auto refused = await(verifying.serverKeyPin());
        QVERIFY(!refused.ok());
        QVERIFY(refused.error().code == ErrorCode::Unavailable);
        ConnectionProfile withCa = profile({m_otherPin}, true);
        withCa.caCertificateFile = file(u"ca.pem"_s);
        BackendClient trusted(m_network, withCa);
        const auto verified = await(trusted.serverKeyPin());
        QVERIFY2(verified.ok(), qPrintable(verified.ok() ? QString() : verified.error().message));
        QCOMPARE(*verified, m_leafPin);
    }
};

QTEST_GUILESS_MAIN(TestPinningE2E)
#include "test_PinningE2E.moc"
