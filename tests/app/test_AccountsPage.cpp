// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// The Users & Tokens page against a real taskmilld (tests/app/RealBackend.h, with auth.registration = invite):
// the tables, the user dialog's field errors from the server, role and password changes, delete and revoke
// after a confirmation, a new token's secret shown once and nowhere after, a revoked token refused at once;
// invites: created with their code shown once (never in the table, a widget or a settings file), a field error
// at its field, listed as used after a registration from the login dialog, deleted so the code stops working;
// and AdminPages, which hides both admin tabs from other callers.
#include "RealBackend.h"

#include "models/InviteModel.h"
#include "models/TokenModel.h"
#include "models/UserModel.h"
#include "views/AccountActions.h"
#include "views/AccountsPage.h"
#include "views/AdminPages.h"
#include "views/AuditLogPage.h"
#include "views/InviteDialog.h"
#include "views/LoginDialog.h"
#include "views/RegisterForm.h"
#include "views/TokenDialog.h"
#include "views/TokenSecretDialog.h"
#include "views/UserDialog.h"
#include "wire/ServerInfo.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDirIterator>
#include <QGuiApplication>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>

using namespace Qt::StringLiterals;
using namespace taskmill;
using namespace taskmill::test;

namespace {
const QString Password = u"correct horse battery"_s;
const QString MarkupEmail = u"<b>bold</b>@example.org"_s;
constexpr qint64 Day = 86'400;

QJsonObject jsonBody(const QByteArray &body)
{
    return QJsonDocument::fromJson(body).object();
}

// Nothing the app may write to (settings, its data), in QStandardPaths' test mode, holds `secret`.
void verifyNotStored(const QString &secret)
{
    QSettings settings;
    const QStringList keys = settings.allKeys();
    for (const QString &key : keys)
        QVERIFY2(!settings.value(key).toString().contains(secret), qPrintable(key));
    for (const auto location : {QStandardPaths::GenericConfigLocation, QStandardPaths::AppConfigLocation,
                                QStandardPaths::AppDataLocation}) {
        QDirIterator files(QStandardPaths::writableLocation(location), QDir::Files, QDirIterator::Subdirectories);
        while (files.hasNext()) {
            QFile file(files.next());
            QVERIFY(file.open(QIODevice::ReadOnly));
            QVERIFY2(!file.readAll().contains(secret.toUtf8()), qPrintable(file.fileName()));
        }
    }
}
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
    QList<qint64> inviteIds() const
    {
        QList<qint64> ids;
        for (const InviteInfo &invite : m_page->invites()->rows())
            ids << invite.id;
        return ids;
    }
    QString inviteText(qint64 id, int column) const
    {
        const int row = m_page->invites()->rowOf(id);
        return row < 0 ? QString() : m_page->invites()->index(row, column).data().toString();
    }
    // Waits for the registration in flight to be answered.
    static void awaitAnswer(const RegisterForm *form)
    {
        QVERIFY(form->isSubmitting());
        QTRY_VERIFY(!form->isSubmitting());
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
        QStandardPaths::setTestModeEnabled(true); // verifyNotStored() looks where the app would write
        m_real.start({u"--set"_s, u"auth.registration=invite"_s});
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

    void new_invite_shows_its_code_once_and_delete_stops_it()
    {
        QAbstractItemModelTester tester(m_page->invites(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_page->show();
        m_page->tabs()->setCurrentIndex(m_page->tabs()->indexOf(m_page->inviteView()->parentWidget()));
        QTRY_VERIFY(!m_page->invites()->isLoading());
        const QList<qint64> before = inviteIds();
        QVERIFY(!m_page->actions()->deleteInviteAction()->isEnabled()); // nothing selected

        m_page->actions()->newInviteAction()->trigger();
        InviteDialog *dialog = m_page->actions()->inviteDialog();
        QVERIFY(dialog);
        QCOMPARE(dialog->roleCombo()->currentData().toString(), u"user"_s);
        QVERIFY(dialog->emailEdit()->text().isEmpty());
        QCOMPARE(dialog->daysSpin()->value(), 7);
        QCOMPARE(dialog->daysSpin()->maximum(), 30); // the server's limit
        dialog->roleCombo()->setCurrentIndex(dialog->roleCombo()->findData(u"viewer"_s));
        dialog->daysSpin()->setValue(2);
        dialog->okButton()->click();

        QTRY_VERIFY(m_page->actions()->secretDialog());
        TokenSecretDialog *codeDialog = m_page->actions()->secretDialog();
        const QString code = codeDialog->secretEdit()->text();
        QVERIFY2(code.startsWith(u"inv_"_s), qPrintable(code));
        QVERIFY(codeDialog->secretEdit()->isReadOnly());
        QVERIFY(codeDialog->warningLabel()->text().contains(u"only this once"_s));
        QCOMPARE(codeDialog->findChild<QLabel *>(u"introLabel"_s)->textFormat(), Qt::PlainText);
        codeDialog->copyButton()->click();
        QCOMPARE(QGuiApplication::clipboard()->text(), code);
        QGuiApplication::clipboard()->clear();
        codeDialog->reject();
        QVERIFY(codeDialog->secretEdit()->text().isEmpty());
        QTRY_VERIFY(!m_page->actions()->secretDialog());

        // Listed without its code: open, for anyone, as a viewer, for two days.
        QTRY_COMPARE(m_page->invites()->rowCount(), before.size() + 1);
        qint64 id = 0;
        for (qint64 listed : inviteIds())
            if (!before.contains(listed))
                id = listed;
        QVERIFY(id > 0);
        InviteModel *invites = m_page->invites();
        const int row = invites->rowOf(id);
        QCOMPARE(inviteText(id, InviteModel::Role), u"viewer"_s);
        QCOMPARE(inviteText(id, InviteModel::Email), u"anyone"_s);
        QCOMPARE(inviteText(id, InviteModel::State), u"open"_s);
        QVERIFY(!inviteText(id, InviteModel::CreatedBy).isEmpty());
        QVERIFY(inviteText(id, InviteModel::Used).isEmpty());
        const QDateTime expires = invites->index(row, InviteModel::Expires).data(InviteModel::RawValueRole).toDateTime();
        QVERIFY2(qAbs(QDateTime::currentDateTimeUtc().secsTo(expires) - 2 * Day) < 120, qPrintable(expires.toString(Qt::ISODate)));
        for (int r = 0; r < invites->rowCount(); ++r)
            for (int c = 0; c < invites->columnCount(); ++c)
                for (int role : {int(Qt::DisplayRole), int(Qt::ToolTipRole), int(InviteModel::RawValueRole)})
                    QVERIFY(!invites->index(r, c).data(role).toString().contains(code));
        for (const QLineEdit *edit : m_page->findChildren<QLineEdit *>())
            QVERIFY(!edit->text().contains(code));
        for (const QLabel *label : m_page->findChildren<QLabel *>())
            QVERIFY(!label->text().contains(code));
        verifyNotStored(code);

        m_page->inviteView()->selectRow(row);
        QVERIFY(m_page->actions()->deleteInviteAction()->isEnabled());
        m_page->actions()->deleteInviteAction()->trigger();
        QTRY_VERIFY(m_page->actions()->confirmation());
        QMessageBox *box = m_page->actions()->confirmation();
        QVERIFY(box->text().contains(u"anyone"_s));
        QVERIFY(box->defaultButton() == box->button(QMessageBox::Cancel)); // Enter does not delete
        confirm();
        QTRY_COMPARE(invites->rowOf(id), -1);
        QVERIFY(!m_page->actions()->deleteInviteAction()->isEnabled());
        // The code stops working at once.
        const auto refused = m_real.http.post(u"/api/register"_s, QJsonValue(QJsonObject{
            {u"email"_s, u"late@example.org"_s}, {u"password"_s, Password}, {u"invite"_s, code}}));
        QCOMPARE(refused.status, 403);
        QCOMPARE(jsonBody(refused.body).value(u"error"_s).toObject().value(u"field"_s).toString(), u"invite"_s);
    }

    void new_invite_with_a_bad_email_points_at_the_field()
    {
        m_page->show();
        m_page->actions()->newInviteAction()->trigger();
        InviteDialog *dialog = m_page->actions()->inviteDialog();
        QVERIFY(dialog);
        dialog->emailEdit()->setText(u"not an address"_s);
        dialog->okButton()->click();
        QTRY_VERIFY(!dialog->fieldError(u"email"_s).isEmpty()); // the server's 422 names the field
        QVERIFY(dialog->isVisible());
        QVERIFY(dialog->generalError().isEmpty());
        QVERIFY(dialog->fieldError(u"ttl_s"_s).isEmpty());
        QVERIFY(!m_page->actions()->secretDialog());
        dialog->reject();
    }

    void an_invite_registers_an_account_from_the_login_dialog()
    {
        const QString email = u"invited@example.org"_s;
        const auto made = m_real.http.post(u"/api/v1/invites"_s, QJsonValue(QJsonObject{{u"email"_s, email}, {u"role"_s, u"operator"_s}}));
        QCOMPARE(made.status, 201);
        const qint64 id = jsonBody(made.body).value(u"id"_s).toInteger();
        const QString code = jsonBody(made.body).value(u"code"_s).toString();
        // An invite naming a marked-up address: listed literally, its tooltip escaped.
        QCOMPARE(m_real.http.post(u"/api/v1/invites"_s, QJsonValue(QJsonObject{{u"email"_s, MarkupEmail}})).status, 201);
        m_page->show();
        QTRY_COMPARE(inviteText(id, InviteModel::Email), email);
        QCOMPARE(inviteText(id, InviteModel::Role), u"operator"_s);
        for (const InviteInfo &invite : m_page->invites()->rows()) {
            if (invite.email != MarkupEmail)
                continue;
            const int row = m_page->invites()->rowOf(invite.id);
            QCOMPARE(m_page->invites()->index(row, InviteModel::Email).data().toString(), MarkupEmail);
            QVERIFY(m_page->invites()->index(row, InviteModel::Email).data(Qt::ToolTipRole).toString().contains(u"&lt;b&gt;"_s));
        }

        // The profile the login was refused for; no password stored yet.
        ConnectionProfile profile(u"invited"_s, m_real.backend.baseUrl(), ConnectionProfile::Kind::Remote);
        profile.id = QUuid::createUuid();
        profile.auth = ConnectionProfile::Auth::Password;
        profile.user = email;
        BackendClient client(m_real.network, profile);
        LoginDialog dialog(profile, u"Authentication failed: wrong e-mail or password"_s, &client);
        dialog.show();
        QVERIFY(dialog.createAccountButton()->isVisible());
        dialog.createAccountButton()->click();
        QVERIFY(dialog.isRegistration());
        QVERIFY(dialog.messageLabel()->isHidden()); // the login's failure is not about this
        RegisterForm *form = dialog.registerForm();
        QCOMPARE(form->emailEdit()->text(), email);
        QVERIFY(!dialog.okButton()->isEnabled());
        form->passwordEdit()->setText(Password);
        form->repeatEdit()->setText(Password + u'!');
        QVERIFY(dialog.okButton()->isEnabled());
        dialog.okButton()->click();
        QVERIFY(!form->fieldError(u"repeat"_s).isEmpty()); // caught here, nothing sent
        QVERIFY(!form->isSubmitting());

        // No code: this server admits by invite only, and says so under the code.
        form->repeatEdit()->setText(Password);
        dialog.okButton()->click();
        awaitAnswer(form);
        QVERIFY2(form->fieldError(u"invite"_s).contains(u"invite"_s), qPrintable(form->fieldError(u"invite"_s)));
        QVERIFY(form->fieldError(u"repeat"_s).isEmpty());
        // Another address with this invite's code: refused under the code as well.
        form->emailEdit()->setText(u"intruder@example.org"_s);
        form->inviteEdit()->setText(u" "_s + code + u' ');
        dialog.okButton()->click();
        awaitAnswer(form);
        QVERIFY(!form->fieldError(u"invite"_s).isEmpty());
        // A password the server refuses: under the password.
        form->emailEdit()->setText(email);
        form->passwordEdit()->setText(u"short"_s);
        form->repeatEdit()->setText(u"short"_s);
        dialog.okButton()->click();
        awaitAnswer(form);
        QVERIFY(!form->fieldError(u"password"_s).isEmpty());
        QVERIFY(form->fieldError(u"invite"_s).isEmpty());
        QVERIFY(form->generalError().isEmpty());
        QCOMPARE(dialog.result(), int(QDialog::Rejected)); // still open

        form->passwordEdit()->setText(Password);
        form->repeatEdit()->setText(Password);
        dialog.okButton()->click();
        QTRY_COMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(dialog.profile().auth, ConnectionProfile::Auth::Password);
        QCOMPARE(dialog.profile().user, email);
        QCOMPARE(dialog.secret(), Password);
        // The registration's tokens are the client's session, as a login's would be: the invite's role.
        QVERIFY(client.hasSession());
        const auto me = await(client.serverInfo());
        QVERIFY2(me, qPrintable(me ? QString() : me.error().message));
        QCOMPARE(me->callerRole, u"operator"_s);
        QCOMPARE(login(email, Password), 200);

        // Listed as used by the new account; the code works once.
        m_page->actions()->reload();
        QTRY_COMPARE(inviteText(id, InviteModel::State), u"used"_s);
        QVERIFY2(inviteText(id, InviteModel::Used).contains(u" by user "_s), qPrintable(inviteText(id, InviteModel::Used)));
        const auto again = m_real.http.post(u"/api/register"_s, QJsonValue(QJsonObject{
            {u"email"_s, email}, {u"password"_s, Password}, {u"invite"_s, code}}));
        QCOMPARE(again.status, 403);
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
        QCOMPARE(admin.accounts()->invites()->rowCount(), 0);
        QVERIFY(!admin.accounts()->actions()->newInviteAction()->isEnabled());
        QVERIFY(!admin.accounts()->actions()->addUserAction()->isEnabled());
    }
};

QTEST_MAIN(TestAccountsPage)
#include "test_AccountsPage.moc"
