// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "views/RegisterForm.h"

#include "client/BackendClient.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace taskmill {

namespace {
const QString EmailField = QStringLiteral("email");
const QString PasswordField = QStringLiteral("password");
const QString RepeatField = QStringLiteral("repeat");
const QString InviteField = QStringLiteral("invite");

QLineEdit *edit(const QString &name, QLineEdit::EchoMode echo, QWidget *parent)
{
    auto *e = new QLineEdit(parent);
    e->setObjectName(name);
    e->setEchoMode(echo);
    return e;
}
} // namespace

RegisterForm::RegisterForm(BackendClient &client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
{
    setObjectName(QStringLiteral("registerForm"));
    m_email = edit(QStringLiteral("registerEmail"), QLineEdit::Normal, this);
    m_email->setPlaceholderText(tr("name@example.com"));
    m_password = edit(QStringLiteral("registerPassword"), QLineEdit::Password, this);
    m_repeat = edit(QStringLiteral("registerRepeat"), QLineEdit::Password, this);
    m_invite = edit(QStringLiteral("registerInvite"), QLineEdit::Normal, this);
    m_invite->setPlaceholderText(tr("inv_…, if the server admits by invite"));

    auto *form = new QFormLayout;
    form->setContentsMargins(0, 0, 0, 0);
    m_fieldErrors.addField(form, tr("&E-mail:"), EmailField, m_email);
    m_fieldErrors.addField(form, tr("&Password:"), PasswordField, m_password);
    m_fieldErrors.addField(form, tr("&Repeat:", "password"), RepeatField, m_repeat);
    m_fieldErrors.addField(form, tr("&Invite code:"), InviteField, m_invite);
    m_generalError = FormFieldErrors::createErrorLabel(this);
    m_generalError->setObjectName(QStringLiteral("registerError"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(form);
    layout->addWidget(m_generalError);
    for (QLineEdit *e : {m_email, m_password, m_repeat})
        connect(e, &QLineEdit::textChanged, this, &RegisterForm::completeChanged);
}

QString RegisterForm::generalError() const
{
    return m_generalError->isHidden() ? QString() : m_generalError->text();
}

bool RegisterForm::isComplete() const
{
    return !m_email->text().trimmed().isEmpty() && !m_password->text().isEmpty() && !m_repeat->text().isEmpty();
}

Registration RegisterForm::registration() const
{
    // A password is taken as typed; an e-mail and a code pasted from a message often carry spaces.
    return {m_email->text().trimmed(), m_password->text(), m_invite->text().trimmed()};
}

void RegisterForm::submit()
{
    if (m_submitting || !isComplete())
        return;
    m_fieldErrors.clear();
    m_generalError->hide();
    if (m_repeat->text() != m_password->text()) {
        m_fieldErrors.show(RepeatField, tr("The two passwords differ."));
        return;
    }
    setSubmitting(true);
    m_client.registerAccount(registration()).then(this, [this](Result<UserAccount> result) {
        setSubmitting(false);
        if (!result) {
            showError(result.error());
            return;
        }
        emit registered(*result);
    });
}

void RegisterForm::setSubmitting(bool submitting)
{
    m_submitting = submitting;
    emit submittingChanged(submitting);
}

void RegisterForm::showError(const ApiError &error)
{
    // The only conflict of a registration is an e-mail that has an account.
    if (error.code == ErrorCode::Conflict && m_fieldErrors.show(EmailField, error.message))
        return;
    if (m_fieldErrors.show(error.field, error.message))
        return;
    m_generalError->setText(tr("No account was created: %1").arg(error.message));
    m_generalError->show();
}

} // namespace taskmill
