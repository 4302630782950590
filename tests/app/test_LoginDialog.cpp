// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// The login dialog (views/LoginDialog): what it hands back for an account or an API token, when Log in is
// possible, and that the server's message is shown as plain text; its create-account mode against a fake
// network (POST /api/register): what is sent, the answer's tokens taken as a login's, and every kind of
// refusal shown as plain text at its field. The real server's side is in app.AccountsPage.
#include "FakeNetworkAccessManager.h"

#include "client/BackendClient.h"
#include "views/LoginDialog.h"
#include "views/RegisterForm.h"

#include <QDialogButtonBox>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QTest>

using namespace taskmill;
using namespace taskmill::test;

namespace {
ConnectionProfile remote(ConnectionProfile::Auth auth)
{
    ConnectionProfile p(QStringLiteral("prod"), QUrl(QStringLiteral("https://jobs.example:8443")), ConnectionProfile::Kind::Remote);
    p.id = QUuid::createUuid();
    p.auth = auth;
    p.user = QStringLiteral("ops@example.org");
    return p;
}

QPushButton *loginButton(const LoginDialog &d)
{
    return d.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
}

const QString RegisterPath = QStringLiteral("/api/register");

QByteArray errorBody(const char *code, const QString &message, const char *field = nullptr)
{
    QJsonObject error{{QStringLiteral("code"), QLatin1String(code)}, {QStringLiteral("message"), message}};
    if (field)
        error.insert(QStringLiteral("field"), QLatin1String(field));
    return QJsonDocument(QJsonObject{{QStringLiteral("error"), error}}).toJson(QJsonDocument::Compact);
}

// A 201 of POST /api/register as taskmilld sends it: a login's answer.
QByteArray registeredBody(const QString &email)
{
    const QJsonObject user{{QStringLiteral("id"), 12}, {QStringLiteral("email"), email}, {QStringLiteral("role"), QStringLiteral("user")},
                           {QStringLiteral("payloads"), false}, {QStringLiteral("created_at"), QStringLiteral("2026-11-23T12:00:00.000Z")}};
    return QJsonDocument(QJsonObject{{QStringLiteral("token"), QStringLiteral("at_reg")}, {QStringLiteral("access_token"), QStringLiteral("at_reg")},
                                     {QStringLiteral("token_type"), QStringLiteral("Bearer")}, {QStringLiteral("expires_in"), 900},
                                     {QStringLiteral("refresh_token"), QStringLiteral("rt_reg")}, {QStringLiteral("user"), user}})
        .toJson(QJsonDocument::Compact);
}

// Types a complete registration into the dialog's create-account mode.
void fillRegistration(LoginDialog &d, const QString &password = QStringLiteral("correct horse battery"))
{
    d.createAccountButton()->click();
    d.registerForm()->passwordEdit()->setText(password);
    d.registerForm()->repeatEdit()->setText(password);
}
} // namespace

class TestLoginDialog final : public QObject
{
    Q_OBJECT

private slots:
    void an_account_login_hands_back_user_and_password()
    {
        LoginDialog d(remote(ConnectionProfile::Auth::None), QString());
        QVERIFY(d.accountChoice()->isChecked());
        QCOMPARE(d.userEdit()->text(), QStringLiteral("ops@example.org"));
        QVERIFY(!loginButton(d)->isEnabled()); // no password yet
        QVERIFY(!d.tokenEdit()->isEnabled());
        d.userEdit()->setText(QStringLiteral("  admin@example.org "));
        d.passwordEdit()->setText(QStringLiteral(" pass with spaces "));
        QVERIFY(loginButton(d)->isEnabled());
        const ConnectionProfile p = d.profile();
        QCOMPARE(p.auth, ConnectionProfile::Auth::Password);
        QCOMPARE(p.user, QStringLiteral("admin@example.org"));
        QCOMPARE(d.secret(), QStringLiteral(" pass with spaces ")); // a password is taken as typed
        QVERIFY(d.remember());
        QVERIFY(d.messageLabel()->isHidden());
    }

    void a_token_login_hands_back_the_token()
    {
        LoginDialog d(remote(ConnectionProfile::Auth::Token), QString());
        QVERIFY(d.tokenChoice()->isChecked());
        QVERIFY(!d.passwordEdit()->isEnabled());
        QVERIFY(!loginButton(d)->isEnabled());
        d.tokenEdit()->setText(QStringLiteral(" tm_abc \n"));
        QVERIFY(loginButton(d)->isEnabled());
        QCOMPARE(d.profile().auth, ConnectionProfile::Auth::Token);
        QCOMPARE(d.secret(), QStringLiteral("tm_abc"));
        // Switching to an account disables the token and asks for a password.
        d.accountChoice()->setChecked(true);
        QVERIFY(!d.tokenEdit()->isEnabled());
        QVERIFY(!loginButton(d)->isEnabled());
    }

    void the_servers_message_is_plain_text()
    {
        const QString hostile = QStringLiteral("<img src=http://127.0.0.1:1/x> wrong e-mail or password");
        LoginDialog d(remote(ConnectionProfile::Auth::Password), hostile);
        QCOMPARE(d.messageLabel()->textFormat(), Qt::PlainText);
        QCOMPARE(d.messageLabel()->text(), hostile);
        QVERIFY(!d.messageLabel()->isHidden());
        d.setMessage(QString());
        QVERIFY(d.messageLabel()->isHidden());
    }

    void without_a_client_there_is_no_create_account()
    {
        LoginDialog d(remote(ConnectionProfile::Auth::Password), QString());
        QVERIFY(!d.createAccountButton());
        QVERIFY(!d.registerForm());
        d.setRegistering(true);
        QVERIFY(!d.isRegistration());
    }

    void a_registration_sends_no_credentials_and_logs_in_with_its_answer()
    {
        FakeNetworkAccessManager network;
        network.route("POST", RegisterPath, CannedResponse::json(201, registeredBody(QStringLiteral("ops@example.org"))));
        network.route("GET", QStringLiteral("/api/v1/info"), CannedResponse::json(200, QByteArrayLiteral("{}")));
        const ConnectionProfile profile = remote(ConnectionProfile::Auth::Password);
        BackendClient client(network, profile);
        LoginDialog d(profile, QStringLiteral("wrong e-mail or password"), &client);
        QVERIFY(!d.messageLabel()->isHidden());
        QCOMPARE(loginButton(d)->text(), QStringLiteral("&Log in"));
        d.createAccountButton()->click();
        QVERIFY(d.isRegistration());
        QVERIFY(d.messageLabel()->isHidden());
        QVERIFY(d.createAccountButton()->isHidden());
        QCOMPARE(d.registerForm()->emailEdit()->text(), QStringLiteral("ops@example.org")); // the login's e-mail
        QVERIFY(!loginButton(d)->isEnabled()); // no password yet
        d.registerForm()->emailEdit()->setText(QStringLiteral(" OPS@example.org "));
        d.registerForm()->passwordEdit()->setText(QStringLiteral(" pass with spaces "));
        d.registerForm()->repeatEdit()->setText(QStringLiteral(" pass with spaces "));
        d.registerForm()->inviteEdit()->setText(QStringLiteral(" inv_abc\n"));
        QVERIFY(loginButton(d)->isEnabled());
        loginButton(d)->click();
        QVERIFY(!loginButton(d)->isEnabled()); // while it is sent
        QTRY_COMPARE(d.result(), int(QDialog::Accepted));

        QCOMPARE(network.countSent("POST", RegisterPath), 1);
        const auto sent = network.sent.constFirst();
        QVERIFY(!sent.request.hasRawHeader("Authorization")); // an open route: nothing to refuse
        const QJsonObject body = QJsonDocument::fromJson(sent.body).object();
        QCOMPARE(body.value(QStringLiteral("email")).toString(), QStringLiteral("OPS@example.org"));
        QCOMPARE(body.value(QStringLiteral("password")).toString(), QStringLiteral(" pass with spaces ")); // as typed
        QCOMPARE(body.value(QStringLiteral("invite")).toString(), QStringLiteral("inv_abc"));
        // A password profile for the account, as the server spells its e-mail, and the password to store.
        QCOMPARE(d.profile().auth, ConnectionProfile::Auth::Password);
        QCOMPARE(d.profile().user, QStringLiteral("ops@example.org"));
        QCOMPARE(d.secret(), QStringLiteral(" pass with spaces "));
        QVERIFY(d.remember());
        // The client logs in as that account: the answer's tokens are its session, no login is sent.
        QVERIFY(client.hasSession());
        QVERIFY(client.sessionRenewInS() > 0);
        client.serverInfo();
        QTRY_COMPARE(network.countSent("GET", QStringLiteral("/api/v1/info")), 1);
        QCOMPARE(network.sent.constLast().request.rawHeader("Authorization"), QByteArray("Bearer at_reg"));
        QCOMPARE(network.countSent("POST", QStringLiteral("/api/v1/auth/login")), 0);
    }

    void a_registration_for_another_account_leaves_the_session_alone()
    {
        FakeNetworkAccessManager network;
        network.route("POST", RegisterPath, CannedResponse::json(201, registeredBody(QStringLiteral("new@example.org"))));
        const ConnectionProfile profile = remote(ConnectionProfile::Auth::Token);
        BackendClient client(network, profile);
        LoginDialog d(profile, QString(), &client);
        fillRegistration(d);
        d.registerForm()->emailEdit()->setText(QStringLiteral("new@example.org"));
        loginButton(d)->click();
        QTRY_COMPARE(d.result(), int(QDialog::Accepted));
        QVERIFY(!client.hasSession()); // a token profile: the new profile's own session logs in
        QCOMPARE(d.profile().auth, ConnectionProfile::Auth::Password);
        QCOMPARE(d.profile().user, QStringLiteral("new@example.org"));
    }

    void refusals_show_as_plain_text_at_their_field_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("field"); // "" : the error line under the form
        const QString hostile = QStringLiteral("<img src=http://127.0.0.1:1/x> registration is closed on this server");
        QTest::newRow("closed") << 403 << errorBody("forbidden", hostile) << QString();
        QTest::newRow("invite needed") << 403 << errorBody("forbidden", QStringLiteral("needs an <b>invite</b>"), "invite")
                                       << QStringLiteral("invite");
        QTest::newRow("bad password") << 422 << errorBody("validation", QStringLiteral("must be 8 to 256 characters"), "password")
                                      << QStringLiteral("password");
        QTest::newRow("taken e-mail") << 409 << errorBody("conflict", QStringLiteral("a user with the e-mail exists"))
                                      << QStringLiteral("email");
    }
    void refusals_show_as_plain_text_at_their_field()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(QString, field);
        FakeNetworkAccessManager network;
        network.route("POST", RegisterPath, CannedResponse::json(status, body));
        const ConnectionProfile profile = remote(ConnectionProfile::Auth::Password);
        BackendClient client(network, profile);
        LoginDialog d(profile, QString(), &client);
        fillRegistration(d);
        RegisterForm *form = d.registerForm();
        loginButton(d)->click();
        QTRY_VERIFY(!form->isSubmitting());
        QCOMPARE(d.result(), int(QDialog::Rejected)); // stays open for another try
        QVERIFY(d.isRegistration());
        QVERIFY(loginButton(d)->isEnabled());
        const QString message = ApiError::fromJson(QJsonDocument::fromJson(body).object(), status).message;
        if (field.isEmpty()) {
            QVERIFY2(form->generalError().contains(message), qPrintable(form->generalError()));
        } else {
            QCOMPARE(form->fieldError(field), message);
            QVERIFY(form->generalError().isEmpty());
        }
        // Every label the server's words can reach: each field's error and the line below the form.
        int errorLabels = 0;
        for (const QLabel *label : form->findChildren<QLabel *>()) {
            if (!label->objectName().endsWith(QStringLiteral("Error")))
                continue;
            ++errorLabels;
            QCOMPARE(label->textFormat(), Qt::PlainText);
        }
        QCOMPARE(errorLabels, 5); // e-mail, password, repeat, invite, the form's
        QVERIFY(!client.hasSession());
    }

    void differing_passwords_are_caught_before_sending()
    {
        FakeNetworkAccessManager network;
        const ConnectionProfile profile = remote(ConnectionProfile::Auth::Password);
        BackendClient client(network, profile);
        LoginDialog d(profile, QString(), &client);
        fillRegistration(d);
        d.registerForm()->repeatEdit()->setText(QStringLiteral("something else"));
        loginButton(d)->click();
        QVERIFY(!d.registerForm()->fieldError(QStringLiteral("repeat")).isEmpty());
        QVERIFY(!d.registerForm()->isSubmitting());
        QTest::qWait(50);
        QCOMPARE(network.sent.size(), 0);
        QCOMPARE(d.result(), int(QDialog::Rejected));
    }

    void back_to_log_in_keeps_the_login()
    {
        FakeNetworkAccessManager network;
        const ConnectionProfile profile = remote(ConnectionProfile::Auth::Password);
        BackendClient client(network, profile);
        LoginDialog d(profile, QStringLiteral("wrong e-mail or password"), &client);
        d.passwordEdit()->setText(QStringLiteral("typed before"));
        fillRegistration(d, QStringLiteral("another password"));
        QVERIFY(!d.backButton()->isHidden());
        d.backButton()->click();
        QVERIFY(!d.isRegistration());
        QVERIFY(!d.messageLabel()->isHidden()); // the login's reason is back
        QCOMPARE(loginButton(d)->text(), QStringLiteral("&Log in"));
        QVERIFY(loginButton(d)->isEnabled());
        loginButton(d)->click();
        QCOMPARE(d.result(), int(QDialog::Accepted)); // a login only collects: nothing is sent
        QCOMPARE(network.sent.size(), 0);
        QCOMPARE(d.profile().auth, ConnectionProfile::Auth::Password);
        QCOMPARE(d.secret(), QStringLiteral("typed before"));
    }
};

QTEST_MAIN(TestLoginDialog)
#include "test_LoginDialog.moc"
