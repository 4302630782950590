// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "client/ConnectionProfile.h"

#include <QDialog>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QStackedWidget;

namespace taskmill {

class BackendClient;
class RegisterForm;
struct UserAccount;

// Asks how to log in to a profile's backend: an account (e-mail and password, exchanged by the client for
// short-lived tokens) or an API token. Shown when the backend refuses the connection's credentials or a
// profile has none stored, and from File → Log in…. Logging in it only collects: ConnectionSession stores the
// secret (keychain, or memory with "remember" off) and reconnects. Server text in `message` is plain text.
// Given a client, Create Account… switches to a RegisterForm for servers that admit registrations (open, or
// by invite): that one request is made here, the dialog stays open on errors, and it is accepted once the
// account exists, handing back a password profile for it like a login would (isRegistration()).
class LoginDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LoginDialog)

public:
    LoginDialog(const ConnectionProfile &profile, const QString &message, QWidget *parent = nullptr);
    // `client` (of `profile`, outliving the dialog) sends a registration; null: no Create Account….
    LoginDialog(const ConnectionProfile &profile, const QString &message, BackendClient *client, QWidget *parent = nullptr);

    void setMessage(const QString &message); // why it is shown (the server's answer to the last attempt)
    // The profile with the chosen kind of credentials and user; the secret typed for it.
    ConnectionProfile profile() const;
    QString secret() const;
    bool remember() const;
    // In the create-account mode; once accepted there, the account exists and profile() logs in as it.
    bool isRegistration() const { return m_registering; }
    void setRegistering(bool registering); // what Create Account… and Back to Log In do

    QLineEdit *userEdit() const { return m_user; }
    QLineEdit *passwordEdit() const { return m_password; }
    QLineEdit *tokenEdit() const { return m_token; }
    QRadioButton *accountChoice() const { return m_account; }
    QRadioButton *tokenChoice() const { return m_tokenChoice; }
    QLabel *messageLabel() const { return m_message; }
    QPushButton *okButton() const;
    QPushButton *createAccountButton() const { return m_createAccount; } // null without a client
    QPushButton *backButton() const { return m_back; }                   // null without a client
    RegisterForm *registerForm() const { return m_register; }            // null without a client

private:
    void updateFields();
    void onOk();
    void onRegistered(const UserAccount &account);

    ConnectionProfile m_profile;
    bool m_registering = false;
    QString m_registeredEmail; // as the server stored it
    QLabel *m_message = nullptr;
    QStackedWidget *m_pages = nullptr;
    QRadioButton *m_account = nullptr;
    QRadioButton *m_tokenChoice = nullptr;
    QLineEdit *m_user = nullptr;
    QLineEdit *m_password = nullptr;
    QLineEdit *m_token = nullptr;
    RegisterForm *m_register = nullptr;
    QCheckBox *m_remember = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_createAccount = nullptr;
    QPushButton *m_back = nullptr;
};

} // namespace taskmill
