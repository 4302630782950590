// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// The Users & Tokens page against a real taskmilld (tests/app/RealBackend.h): the tables, the user dialog's
// field errors from the server, role and password changes, delete and revoke after a confirmation, a new
// token's secret shown once and nowhere after, a revoked token refused at once; and AdminPages, which hides
// both admin tabs from other callers.
#include "RealBackend.h"

#include "models/TokenModel.h"
#include "models/UserModel.h"
#include "views/AccountActions.h"
#include "views/AccountsPage.h"
#include "views/AdminPages.h"
#include "views/AuditLogPage.h"
#include "views/TokenDialog.h"
#include "views/TokenSecretDialog.h"
#include "views/UserDialog.h"
#include "wire/ServerInfo.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>

using namespace Qt::StringLiterals;
using namespace taskmill;
using namespace taskmill::test;

namespace {
const QString Password = u"correct horse battery"_s;
const QString MarkupEmail = u"<b>bold</b>@example.org"_s;
} // namespace

class TestAccountsPage final : public QObject
{
    Q_OBJECT
    RealBackend m_real;
    std::unique_ptr<BackendClient> m_client;
    std::unique_ptr<AccountsPage> m_page;

    int userRow(const QString &email) const
    {
        for (int row = 0; row < m_page->users()->rowCount(); ++row)
            if (m_page->users()->rowAt(row).email == email)
                return row;
        return -1;
    }
    int tokenRow(const QString &name) const
    {
        for (int row = 0; row < m_page->tokens()->rowCount(); ++row)
            if (m_page->tokens()->rowAt(row).name == name)
                return row;
        return -1;
    }
    void makeUser(const QString &email, const QString &role = u"viewer"_s)
    {
        const auto r = m_real.http.post(u"/api/v1/users"_s, QJsonValue(QJsonObject{{u"email"_s, email}, {u"password"_s, Password},
                                                                                  {u"role"_s, role}}));
        QCOMPARE(r.status, 201);
    }
    int login(const QString &email, const QString &password)
    {
        return m_real.http.post(u"/api/v1/auth/login"_s, QJsonValue(QJsonObject{{u"email"_s, email}, {u"password"_s, password}})).status;
    }
    // Confirms the open confirmation box of the page.
    void confirm()
    {
        QTRY_VERIFY(m_page->actions()->confirmation());
        m_page->actions()->confirmation()->findChild<QPushButton *>(u"confirmButton"_s)->click();
    }

private slots:
    void initTestCase()
    {
        m_real.start();
    }

    void init()
    {
        m_client = m_real.client();
        m_page = std::make_unique<AccountsPage>(*m_client);
        m_page->resize(1280, 760);
        m_page->setAdmin(true);
    }

    void cleanup()
    {
        m_client->abortAll();
        m_page.reset();
        m_client.reset();
    }

    void lists_users_when_shown_as_plain_text()
    {
        QAbstractItemModelTester usersTester(m_page->users(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester tokensTester(m_page->tokens(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        makeUser(MarkupEmail);
        QCOMPARE(m_page->users()->rowCount(), 0); // nothing while hidden
        m_page->show();
        QTRY_VERIFY(userRow(MarkupEmail) >= 0);
        const int row = userRow(MarkupEmail);
        UserModel *users = m_page->users();
        QCOMPARE(users->index(row, UserModel::Email).data().toString(), MarkupEmail); // literal, never markup
        QVERIFY(users->index(row, UserModel::Email).data(Qt::ToolTipRole).toString().contains(u"&lt;b&gt;"_s));
        QCOMPARE(users->index(row, UserModel::Role).data().toString(), u"viewer"_s);
        QCOMPARE(users->index(row, UserModel::Payloads).data().toString(), u"no"_s);
        QVERIFY(!users->index(row, UserModel::Created).data().toString().isEmpty());

        // A change made elsewhere shows when the page is shown again.
        m_page->hide();
        makeUser(u"later@example.org"_s);
        m_page->show();
        QTRY_VERIFY(userRow(u"later@example.org"_s) >= 0);
    }

    void add_user_with_a_bad_email_points_at_the_field()
    {
        m_page->show();
        m_page->actions()->addUserAction()->trigger();
        UserDialog *dialog = m_page->actions()->userDialog();
        QVERIFY(dialog);
        dialog->emailEdit()->setText(u"not an address"_s);
        dialog->passwordEdit()->setText(Password);
        dialog->repeatEdit()->setText(Password + u'!');
        dialog->okButton()->click();
        QVERIFY(!dialog->fieldError(u"repeat"_s).isEmpty()); // caught here: the server never sees the repetition
        dialog->repeatEdit()->setText(Password);
        dialog->okButton()->click();
        QTRY_VERIFY(!dialog->fieldError(u"email"_s).isEmpty()); // the server's 422 names the field
        QVERIFY(dialog->isVisible());
        QVERIFY(dialog->generalError().isEmpty());

        dialog->emailEdit()->setText(u"added@example.org"_s);
        dialog->roleCombo()->setCurrentIndex(dialog->roleCombo()->findData(u"operator"_s));
        dialog->payloadsCheck()->setChecked(true);
        dialog->okButton()->click();
        QTRY_VERIFY(!m_page->actions()->userDialog());
        QTRY_VERIFY(userRow(u"added@example.org"_s) >= 0);
        const UserAccount added = m_page->users()->rowAt(userRow(u"added@example.org"_s));
        QCOMPARE(added.role, u"operator"_s);
        QVERIFY(added.payloads);
        QCOMPARE(login(u"added@example.org"_s, Password), 200);

        // The same e-mail again: the 409 goes under the e-mail too.
        m_page->actions()->addUserAction()->trigger();
        dialog = m_page->actions()->userDialog();
        dialog->emailEdit()->setText(u"added@example.org"_s);
        dialog->passwordEdit()->setText(Password);
        dialog->repeatEdit()->setText(Password);
        dialog->okButton()->click();
        QTRY_VERIFY(!dialog->fieldError(u"email"_s).isEmpty());
        dialog->reject();
    }

    void edit_role_reset_password_and_delete()
    {
        makeUser(u"edited@example.org"_s);
        m_page->show();
        QTRY_VERIFY(userRow(u"edited@example.org"_s) >= 0);
        QVERIFY(!m_page->actions()->editRoleAction()->isEnabled()); // nothing selected
        m_page->userView()->selectRow(userRow(u"edited@example.org"_s));
        QVERIFY(m_page->actions()->deleteUserAction()->isEnabled());

        m_page->actions()->editRoleAction()->trigger();
        UserDialog *dialog = m_page->actions()->userDialog();
        QVERIFY(dialog && !dialog->emailEdit() && !dialog->passwordEdit());
        QCOMPARE(dialog->roleCombo()->currentData().toString(), u"viewer"_s);
        dialog->roleCombo()->setCurrentIndex(dialog->roleCombo()->findData(u"admin"_s));
        QVERIFY(dialog->payloadsCheck()->isChecked() && !dialog->payloadsCheck()->isEnabled()); // admins always see payloads
        dialog->okButton()->click();
        QTRY_COMPARE(m_page->users()->rowAt(userRow(u"edited@example.org"_s)).role, u"admin"_s);

        m_page->actions()->resetPasswordAction()->trigger();
        dialog = m_page->actions()->userDialog();
        QVERIFY(dialog && !dialog->roleCombo());
        dialog->passwordEdit()->setText(u"short"_s);
        dialog->repeatEdit()->setText(u"short"_s);
        dialog->okButton()->click();
        QTRY_VERIFY(!dialog->fieldError(u"password"_s).isEmpty());
        dialog->passwordEdit()->setText(u"a new long password"_s);
        dialog->repeatEdit()->setText(u"a new long password"_s);
        dialog->okButton()->click();
        QTRY_VERIFY(!m_page->actions()->userDialog());
        QCOMPARE(login(u"edited@example.org"_s, u"a new long password"_s), 200);
        QCOMPARE(login(u"edited@example.org"_s, Password), 401);

        m_page->actions()->deleteUserAction()->trigger();
        QTRY_VERIFY(m_page->actions()->confirmation());
        QVERIFY(m_page->actions()->confirmation()->text().contains(u"edited@example.org"_s));
        confirm();
        QTRY_COMPARE(userRow(u"edited@example.org"_s), -1);
        QVERIFY(m_page->statusText().isEmpty());
    }

    void new_token_shows_its_secret_once_and_revoke_refuses_it()
    {
        const QString name = u"worker <i>one</i>"_s;
        m_page->show();
        m_page->actions()->newTokenAction()->trigger();
        TokenDialog *dialog = m_page->actions()->tokenDialog();
        QVERIFY(dialog);
        dialog->okButton()->click(); // no name
        QTRY_VERIFY(!dialog->fieldError(u"name"_s).isEmpty());
        dialog->nameEdit()->setText(name);
        dialog->typesEdit()->setText(u"resize, , email"_s);
        dialog->payloadsCheck()->setChecked(true);
        QCOMPARE(dialog->token().types, (QStringList{u"resize"_s, u"email"_s}));
        dialog->okButton()->click();

        QTRY_VERIFY(m_page->actions()->secretDialog());
        TokenSecretDialog *secretDialog = m_page->actions()->secretDialog();
        const QString secret = secretDialog->secretEdit()->text();
        QVERIFY(secret.startsWith(u"tm_"_s));
        QVERIFY(secretDialog->secretEdit()->isReadOnly());
        QVERIFY(secretDialog->warningLabel()->text().contains(u"only this once"_s));
        QCOMPARE(secretDialog->findChild<QLabel *>(u"introLabel"_s)->textFormat(), Qt::PlainText);
        secretDialog->copyButton()->click();
        QCOMPARE(QGuiApplication::clipboard()->text(), secret);
        QGuiApplication::clipboard()->clear();
        const TestHttp::Headers bearer{{"Authorization", "Bearer " + secret.toLatin1()}};
        QCOMPARE(m_real.http.get(u"/api/v1/auth/me"_s, bearer).status, 200);

        // Closed: the secret is gone from the dialog, and the list never had it.
        secretDialog->reject();
        QVERIFY(secretDialog->secretEdit()->text().isEmpty());
        QTRY_VERIFY(tokenRow(name) >= 0);
        QTRY_VERIFY(!m_page->actions()->secretDialog());
        TokenModel *tokens = m_page->tokens();
        const int row = tokenRow(name);
        QCOMPARE(tokens->index(row, TokenModel::Name).data().toString(), name);
        QCOMPARE(tokens->index(row, TokenModel::Types).data().toString(), u"resize, email"_s);
        QVERIFY(tokens->index(row, TokenModel::Name).data(Qt::ToolTipRole).toString().contains(u"&lt;i&gt;"_s));
        for (int r = 0; r < tokens->rowCount(); ++r)
            for (int c = 0; c < tokens->columnCount(); ++c)
                for (int role : {int(Qt::DisplayRole), int(Qt::ToolTipRole), int(TokenModel::RawValueRole)})
                    QVERIFY(!tokens->index(r, c).data(role).toString().contains(secret));
        for (const QLineEdit *edit : m_page->findChildren<QLineEdit *>())
            QVERIFY(!edit->text().contains(secret));
        for (const QLabel *label : m_page->findChildren<QLabel *>())
            QVERIFY(!label->text().contains(secret));

        m_page->tokenView()->selectRow(row);
        QVERIFY(m_page->actions()->revokeTokenAction()->isEnabled());
        m_page->actions()->revokeTokenAction()->trigger();
        confirm();
        QTRY_COMPARE(tokenRow(name), -1);
        QCOMPARE(m_real.http.get(u"/api/v1/auth/me"_s, bearer).status, 401);
        QCOMPARE(m_real.http.get(u"/api/v1/tasks"_s, bearer).status, 401);
    }

    void failures_show_in_the_status_label()
    {
        makeUser(u"gone@example.org"_s);
        m_page->show();
        QTRY_VERIFY(userRow(u"gone@example.org"_s) >= 0);
        m_page->userView()->selectRow(userRow(u"gone@example.org"_s));
        // Deleted elsewhere between the listing and the click: 404, reported as plain text.
        const qint64 id = m_page->selectedUser()->id;
        QCOMPARE(m_real.http.del(u"/api/v1/users/%1"_s.arg(id)).status, 200);
        m_page->actions()->deleteUserAction()->trigger();
        confirm();
        QTRY_VERIFY(m_page->statusText().contains(u"gone@example.org"_s));
        QCOMPARE(m_page->findChild<QLabel *>(u"statusLabel"_s)->textFormat(), Qt::PlainText);
        QTRY_COMPARE(userRow(u"gone@example.org"_s), -1);
    }

    void admin_tabs_exist_for_admins_only()
    {
        ServerInfo info;
        QVERIFY(!isAdminRole(info)); // a server before accounts has no admin routes
        info.knowsPermissions = true;
        info.callerRole = u"operator"_s;
        info.callerPermissions = {u"tasks.read"_s, u"tasks.operate"_s};
        QVERIFY(!isAdminRole(info));
        info.callerRole = u"admin"_s;
        info.callerPermissions << u"admin"_s;
        QVERIFY(isAdminRole(info));

        QTabWidget tabs;
        tabs.addTab(new QWidget, u"Tasks"_s);
        AdminPages admin(*m_client, tabs);
        tabs.resize(1280, 760);
        tabs.show();
        const int accounts = tabs.indexOf(admin.accounts());
        const int audit = tabs.indexOf(admin.audit());
        QVERIFY(accounts > 0 && audit > 0);
        QVERIFY(!tabs.isTabVisible(accounts) && !tabs.isTabVisible(audit)); // hidden until known
        admin.setAdmin(true);
        QVERIFY(tabs.isTabVisible(accounts) && tabs.isTabVisible(audit));
        tabs.setCurrentIndex(accounts);
        QTRY_VERIFY(admin.accounts()->users()->rowCount() > 0);
        admin.setAdmin(false);
        QVERIFY(!tabs.isTabVisible(accounts) && !tabs.isTabVisible(audit));
        QCOMPARE(admin.accounts()->users()->rowCount(), 0);
        QVERIFY(!admin.accounts()->actions()->addUserAction()->isEnabled());
    }
};

QTEST_MAIN(TestAccountsPage)
#include "test_AccountsPage.moc"
