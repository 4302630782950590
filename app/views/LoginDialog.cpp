// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "views/LoginDialog.h"

#include "views/RegisterForm.h"
#include "wire/AccountTypes.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace taskmill {

namespace {
using Auth = ConnectionProfile::Auth;
constexpr int MinimumWidthPx = 420;
} // namespace

LoginDialog::LoginDialog(const ConnectionProfile &profile, const QString &message, QWidget *parent)
    : LoginDialog(profile, message, nullptr, parent)
{
}

LoginDialog::LoginDialog(const ConnectionProfile &profile, const QString &message, BackendClient *client, QWidget *parent)
    : QDialog(parent)
    , m_profile(profile)
{
    setObjectName(QStringLiteral("loginDialog"));
    setMinimumWidth(MinimumWidthPx);

    auto *where = new QLabel(tr("Server: %1").arg(profile.baseUrl.toDisplayString()), this);
    where->setTextFormat(Qt::PlainText);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("loginMessage"));
    m_message->setTextFormat(Qt::PlainText); // the server's words
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #b71c1c"));

    auto *loginPage = new QWidget(this);
    m_account = new QRadioButton(tr("&Account (e-mail and password)"), loginPage);
    m_account->setObjectName(QStringLiteral("loginAccount"));
    m_tokenChoice = new QRadioButton(tr("API &token"), loginPage);
    m_tokenChoice->setObjectName(QStringLiteral("loginUseToken"));
    m_user = new QLineEdit(profile.user, loginPage);
    m_user->setObjectName(QStringLiteral("loginUser"));
    m_user->setPlaceholderText(tr("name@example.com"));
    m_password = new QLineEdit(loginPage);
    m_password->setObjectName(QStringLiteral("loginPassword"));
    m_password->setEchoMode(QLineEdit::Password);
    m_token = new QLineEdit(loginPage);
    m_token->setObjectName(QStringLiteral("loginToken"));
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setPlaceholderText(tr("tm_…, from an admin (Users & Tokens)"));
    auto *form = new QFormLayout(loginPage);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(m_account);
    form->addRow(tr("&E-mail:"), m_user);
    form->addRow(tr("&Password:"), m_password);
    form->addRow(m_tokenChoice);
    form->addRow(tr("To&ken:"), m_token);

    m_pages = new QStackedWidget(this);
    m_pages->addWidget(loginPage);
    m_remember = new QCheckBox(tr("Re&member in the system keychain"), this);
    m_remember->setObjectName(QStringLiteral("loginRemember"));
    m_remember->setChecked(true);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &LoginDialog::onOk);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    if (client) {
        m_register = new RegisterForm(*client, this);
        m_pages->addWidget(m_register);
        connect(m_register, &RegisterForm::completeChanged, this, &LoginDialog::updateFields);
        connect(m_register, &RegisterForm::submittingChanged, this, &LoginDialog::updateFields);
        connect(m_register, &RegisterForm::registered, this, &LoginDialog::onRegistered);
        m_createAccount = m_buttons->addButton(tr("Create &Account…"), QDialogButtonBox::ActionRole);
        m_createAccount->setObjectName(QStringLiteral("createAccountButton"));
        m_createAccount->setToolTip(tr("Make a new account on this server, if it allows that (some need an invite from an admin)"));
        connect(m_createAccount, &QPushButton::clicked, this, [this] { setRegistering(true); });
        m_back = m_buttons->addButton(tr("&Back to Log In"), QDialogButtonBox::ActionRole);
        m_back->setObjectName(QStringLiteral("backToLoginButton"));
        connect(m_back, &QPushButton::clicked, this, [this] { setRegistering(false); });
    }

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(where);
    layout->addWidget(m_message);
    layout->addWidget(m_pages);
    layout->addWidget(m_remember);
    layout->addWidget(m_buttons);

    (profile.auth == Auth::Token ? m_tokenChoice : m_account)->setChecked(true);
    connect(m_account, &QRadioButton::toggled, this, &LoginDialog::updateFields);
    connect(m_user, &QLineEdit::textChanged, this, &LoginDialog::updateFields);
    connect(m_password, &QLineEdit::textChanged, this, &LoginDialog::updateFields);
    connect(m_token, &QLineEdit::textChanged, this, &LoginDialog::updateFields);
    setMessage(message);
    setRegistering(false);
    (m_account->isChecked() ? (m_user->text().isEmpty() ? m_user : m_password) : m_token)->setFocus();
}

QPushButton *LoginDialog::okButton() const
{
    return m_buttons->button(QDialogButtonBox::Ok);
}

void LoginDialog::setMessage(const QString &message)
{
    m_message->setText(message);
    // A login's failure says nothing about creating an account: hidden meanwhile, back with the login.
    m_message->setVisible(!message.isEmpty() && !m_registering);
}

void LoginDialog::setRegistering(bool registering)
{
    if (registering && !m_register)
        return;
    m_registering = registering;
    setWindowTitle(registering ? tr("Create an Account on %1").arg(m_profile.name) : tr("Log in to %1").arg(m_profile.name));
    m_pages->setCurrentIndex(registering ? 1 : 0);
    m_message->setVisible(!m_message->text().isEmpty() && !registering);
    okButton()->setText(registering ? tr("Create Account") : tr("&Log in"));
    if (m_register) {
        m_createAccount->setVisible(!registering);
        m_back->setVisible(registering);
    }
    if (registering) {
        // Often the e-mail a refused login was tried with.
        if (m_register->emailEdit()->text().isEmpty())
            m_register->emailEdit()->setText(m_user->text().trimmed());
        (m_register->emailEdit()->text().isEmpty() ? m_register->emailEdit() : m_register->passwordEdit())->setFocus();
    }
    updateFields();
}

ConnectionProfile LoginDialog::profile() const
{
    ConnectionProfile p = m_profile;
    if (m_registering) {
        p.auth = Auth::Password;
        p.user = m_registeredEmail.isEmpty() ? m_register->registration().email : m_registeredEmail;
    } else if (m_account->isChecked()) {
        p.auth = Auth::Password;
        p.user = m_user->text().trimmed();
    } else {
        p.auth = Auth::Token;
    }
    return p;
}

QString LoginDialog::secret() const
{
    if (m_registering)
        return m_register->registration().password;
    return m_account->isChecked() ? m_password->text() : m_token->text().trimmed();
}

bool LoginDialog::remember() const
{
    return m_remember->isChecked();
}

void LoginDialog::onOk()
{
    if (m_registering)
        m_register->submit(); // accepted by onRegistered once the account exists
    else
        accept();
}

void LoginDialog::onRegistered(const UserAccount &account)
{
    m_registeredEmail = account.email;
    accept();
}

void LoginDialog::updateFields()
{
    if (m_registering) {
        okButton()->setEnabled(m_register->isComplete() && !m_register->isSubmitting());
        m_back->setEnabled(!m_register->isSubmitting());
        return;
    }
    const bool account = m_account->isChecked();
    m_user->setEnabled(account);
    m_password->setEnabled(account);
    m_token->setEnabled(!account);
    const bool complete = account ? !m_user->text().trimmed().isEmpty() && !m_password->text().isEmpty()
                                   : !m_token->text().trimmed().isEmpty();
    okButton()->setEnabled(complete);
}

} // namespace taskmill
