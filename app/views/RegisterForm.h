// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "views/FormFieldErrors.h"
#include "wire/AccountTypes.h"
#include "wire/InviteTypes.h"

#include <QWidget>

class QLabel;
class QLineEdit;

namespace taskmill {

struct ApiError;
class BackendClient;

// The "create an account" side of the login dialog: an e-mail, a password typed twice and an invite code
// for servers that admit by invite → BackendClient::registerAccount (POST /api/register). The server judges
// every value: a 422 or a taken e-mail (409) shows under the field it names, a refused or missing invite (403,
// field "invite") under the code, a closed registration (403) in the error line below; all as plain text.
// Only the repetition is compared here, since the server never sees it.
class RegisterForm final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RegisterForm)

public:
    explicit RegisterForm(BackendClient &client, QWidget *parent = nullptr);

    QLineEdit *emailEdit() const { return m_email; }
    QLineEdit *passwordEdit() const { return m_password; }
    QLineEdit *repeatEdit() const { return m_repeat; }
    QLineEdit *inviteEdit() const { return m_invite; }
    QString fieldError(const QString &field) const { return m_fieldErrors.text(field); } // "" when none shown
    QString generalError() const;

    bool isComplete() const; // an e-mail and both passwords typed
    bool isSubmitting() const { return m_submitting; }
    Registration registration() const; // what is typed now
    void submit();

signals:
    void completeChanged();
    void submittingChanged(bool submitting);
    void registered(const taskmill::UserAccount &account);

private:
    void showError(const ApiError &error);
    void setSubmitting(bool submitting);

    BackendClient &m_client;
    bool m_submitting = false;
    FormFieldErrors m_fieldErrors{this};
    QLineEdit *m_email = nullptr;
    QLineEdit *m_password = nullptr;
    QLineEdit *m_repeat = nullptr;
    QLineEdit *m_invite = nullptr;
    QLabel *m_generalError = nullptr;
};

} // namespace taskmill
