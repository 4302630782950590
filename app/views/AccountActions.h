// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "views/UserDialog.h"
#include "wire/AccountTypes.h"
#include "wire/InviteTypes.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <optional>

class QAction;
class QMessageBox;
class QWidget;

namespace taskmill {

class BackendClient;
class CallerAccess;
class InviteDialog;
class InviteModel;
class TokenDialog;
class TokenModel;
class TokenSecretDialog;
class UserModel;

// The commands of the Users & Tokens page as QActions: add a user, edit its role, reset its password,
// delete it (after a confirmation); create a token (TokenDialog, then its secret once in
// TokenSecretDialog) and revoke one (after a confirmation); create an invite (InviteDialog, then its code
// once in TokenSecretDialog) and delete one (after a confirmation); reload the tables. The table a change
// touches is reloaded after it. Successes go out as status lines, failures of delete and revoke as
// errorOccurred() for the page's status label (plain text); the dialogs show their own.
class AccountActions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccountActions)

public:
    AccountActions(BackendClient &client, UserModel &users, TokenModel &tokens, InviteModel &invites, QWidget *page);

    QAction *addUserAction() const { return m_addUser; }
    QAction *editRoleAction() const { return m_editRole; }
    QAction *resetPasswordAction() const { return m_resetPassword; }
    QAction *deleteUserAction() const { return m_deleteUser; }
    QAction *newTokenAction() const { return m_newToken; }
    QAction *revokeTokenAction() const { return m_revokeToken; }
    QAction *newInviteAction() const { return m_newInvite; }
    QAction *deleteInviteAction() const { return m_deleteInvite; }
    QAction *reloadAction() const { return m_reload; }
    // The open dialog or confirmation, else null.
    UserDialog *userDialog() const { return m_userDialog; }
    TokenDialog *tokenDialog() const;
    InviteDialog *inviteDialog() const;
    TokenSecretDialog *secretDialog() const; // a new token's secret or a new invite's code
    QMessageBox *confirmation() const;

    // While the client is offline every action is disabled as "Not connected" (CallerAccess::restrict).
    void setAccess(const CallerAccess *access);
    // Adding, creating and reloading are for admins; the page says whether the caller is one.
    void setAdmin(bool admin);
    void setSelectedUser(const std::optional<UserAccount> &user);
    void setSelectedToken(const std::optional<ApiTokenInfo> &token);
    void setSelectedInvite(const std::optional<InviteInfo> &invite);
    void reload();

signals:
    void statusMessagePosted(const QString &message);
    void errorOccurred(const QString &message);

private:
    void openUserDialog(UserDialog::Mode mode);
    void openTokenDialog();
    void showSecret(const CreatedToken &token);
    void openInviteDialog();
    void showInviteCode(const CreatedInvite &invite);
    void showSecretDialog(TokenSecretDialog *dialog);
    void confirmDeleteUser();
    void confirmRevokeToken();
    void confirmDeleteInvite();
    void confirm(const QString &title, const QString &text, const QString &yes, const std::function<void()> &onYes);
    void updateActions();

    BackendClient &m_client;
    UserModel &m_users;
    TokenModel &m_tokens;
    InviteModel &m_invites;
    QWidget *m_page;
    std::optional<UserAccount> m_user;
    std::optional<ApiTokenInfo> m_token;
    std::optional<InviteInfo> m_invite;
    bool m_busy = false; // a delete or revoke is in flight
    bool m_admin = false;
    QPointer<const CallerAccess> m_access;
    QAction *m_addUser = nullptr;
    QAction *m_editRole = nullptr;
    QAction *m_resetPassword = nullptr;
    QAction *m_deleteUser = nullptr;
    QAction *m_newToken = nullptr;
    QAction *m_revokeToken = nullptr;
    QAction *m_newInvite = nullptr;
    QAction *m_deleteInvite = nullptr;
    QAction *m_reload = nullptr;
    QPointer<UserDialog> m_userDialog;
    QPointer<TokenDialog> m_tokenDialog;
    QPointer<InviteDialog> m_inviteDialog;
    QPointer<TokenSecretDialog> m_secretDialog;
    QPointer<QMessageBox> m_confirmation;
};

} // namespace taskmill
