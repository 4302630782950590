// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// The login dialog (views/LoginDialog): what it hands back for an account or an API token, when Log in is
// possible, and that the server's message is shown as plain text.
#include "views/LoginDialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QTest>

using namespace taskmill;

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
};

QTEST_MAIN(TestLoginDialog)
#include "test_LoginDialog.moc"
