// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "views/LoginDialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace taskmill {

namespace {
using Auth = ConnectionProfile::Auth;
constexpr int MinimumWidthPx = 420;
} // namespace

LoginDialog::LoginDialog(const ConnectionProfile &profile, const QString &message, QWidget *parent)
    : QDialog(parent)
    , m_profile(profile)
{
    setObjectName(QStringLiteral("loginDialog"));
    setWindowTitle(tr("Log in to %1").arg(profile.name));
    setMinimumWidth(MinimumWidthPx);

    auto *where = new QLabel(tr("Server: %1").arg(profile.baseUrl.toDisplayString()), this);
    where->setTextFormat(Qt::PlainText);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("loginMessage"));
    m_message->setTextFormat(Qt::PlainText); // the server's words
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #b71c1c"));

    m_account = new QRadioButton(tr("&Account (e-mail and password)"), this);
    m_account->setObjectName(QStringLiteral("loginAccount"));
    m_tokenChoice = new QRadioButton(tr("API &token"), this);
    m_tokenChoice->setObjectName(QStringLiteral("loginUseToken"));
    m_user = new QLineEdit(profile.user, this);
    m_user->setObjectName(QStringLiteral("loginUser"));
    m_user->setPlaceholderText(tr("name@example.com"));
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("loginPassword"));
    m_password->setEchoMode(QLineEdit::Password);
    m_token = new QLineEdit(this);
    m_token->setObjectName(QStringLiteral("loginToken"));
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setPlaceholderText(tr("tm_…, from an admin (Users & Tokens)"));
    m_remember = new QCheckBox(tr("Re&member in the system keychain"), this);
    m_remember->setObjectName(QStringLiteral("loginRemember"));
    m_remember->setChecked(true);

    auto *form = new QFormLayout;
    form->addRow(m_account);
    form->addRow(tr("&E-mail:"), m_user);
    form->addRow(tr("&Password:"), m_password);
    form->addRow(m_tokenChoice);
    form->addRow(tr("To&ken:"), m_token);
    form->addRow(QString(), m_remember);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Log in"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(where);
    layout->addWidget(m_message);
    layout->addLayout(form);
    layout->addWidget(m_buttons);

    (profile.auth == Auth::Token ? m_tokenChoice : m_account)->setChecked(true);
    connect(m_account, &QRadioButton::toggled, this, &LoginDialog::updateFields);
    connect(m_user, &QLineEdit::textChanged, this, &LoginDialog::updateFields);
    connect(m_password, &QLineEdit::textChanged, this, &LoginDialog::updateFields);
    connect(m_token, &QLineEdit::textChanged, this, &LoginDialog::updateFields);
    setMessage(message);
    updateFields();
    (m_account->isChecked() ? (m_user->text().isEmpty() ? m_user : m_password) : m_token)->setFocus();
}

void LoginDialog::setMessage(const QString &message)
{
    m_message->setText(message);
    m_message->setVisible(!message.isEmpty());
}

ConnectionProfile LoginDialog::profile() const
{
    ConnectionProfile p = m_profile;
    if (m_account->isChecked()) {
        p.auth = Auth::Password;
        p.user = m_user->text().trimmed();
    } else {
        p.auth = Auth::Token;
    }
    return p;
}

QString LoginDialog::secret() const
{
    return m_account->isChecked() ? m_password->text() : m_token->text().trimmed();
}

bool LoginDialog::remember() const
{
    return m_remember->isChecked();
}

void LoginDialog::updateFields()
{
    const bool account = m_account->isChecked();
    m_user->setEnabled(account);
    m_password->setEnabled(account);
    m_token->setEnabled(!account);
    const bool complete = account ? !m_user->text().trimmed().isEmpty() && !m_password->text().isEmpty()
                                   : !m_token->text().trimmed().isEmpty();
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(complete);
}

} // namespace taskmill
