// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "client/ConnectionProfile.h"

#include <QDialog>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QRadioButton;

namespace taskmill {

// Asks how to log in to a profile's backend: an account (e-mail and password, exchanged by the client for
// short-lived tokens) or an API token. Shown when the backend refuses the connection's credentials or a
// profile has none stored, and from File → Log in…. It only collects: ConnectionSession stores the secret
// (keychain, or memory with "remember" off) and reconnects. Server text in `message` is plain text.
class LoginDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LoginDialog)

public:
    LoginDialog(const ConnectionProfile &profile, const QString &message, QWidget *parent = nullptr);

    void setMessage(const QString &message); // why it is shown (the server's answer to the last attempt)
    // The profile with the chosen kind of credentials and user; the secret typed for it.
    ConnectionProfile profile() const;
    QString secret() const;
    bool remember() const;

    QLineEdit *userEdit() const { return m_user; }
    QLineEdit *passwordEdit() const { return m_password; }
    QLineEdit *tokenEdit() const { return m_token; }
    QRadioButton *accountChoice() const { return m_account; }
    QRadioButton *tokenChoice() const { return m_tokenChoice; }
    QLabel *messageLabel() const { return m_message; }

private:
    void updateFields();

    ConnectionProfile m_profile;
    QLabel *m_message = nullptr;
    QRadioButton *m_account = nullptr;
    QRadioButton *m_tokenChoice = nullptr;
    QLineEdit *m_user = nullptr;
    QLineEdit *m_password = nullptr;
    QLineEdit *m_token = nullptr;
    QCheckBox *m_remember = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace taskmill
