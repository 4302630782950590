// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "views/AccountActions.h"

#include "client/BackendClient.h"
#include "models/CallerAccess.h"
#include "models/InviteModel.h"
#include "models/TimeFormat.h"
#include "models/TokenModel.h"
#include "models/UserModel.h"
#include "views/InviteDialog.h"
#include "views/PageAction.h"
#include "views/TokenDialog.h"
#include "views/TokenSecretDialog.h"
#include "views/UserDialog.h"
#include "wire/PermissionNames.h"

#include <QAction>
#include <QMessageBox>
#include <QPushButton>

namespace taskmill {

AccountActions::AccountActions(BackendClient &client, UserModel &users, TokenModel &tokens, InviteModel &invites, QWidget *page)
    : QObject(page)
    , m_client(client)
    , m_users(users)
    , m_tokens(tokens)
    , m_invites(invites)
    , m_page(page)
{
    m_addUser = pageAction(page, QStyle::SP_FileIcon, tr("&Add…", "user"), QStringLiteral("addUserAction"));
    m_addUser->setToolTip(tr("Create an account that logs in with an e-mail and a password"));
    connect(m_addUser, &QAction::triggered, this, [this] { openUserDialog(UserDialog::Mode::Create); });
    m_editRole = pageAction(page, QStyle::SP_FileDialogDetailedView, tr("Edit &Role…", "user"), QStringLiteral("editRoleAction"));
    connect(m_editRole, &QAction::triggered, this, [this] { openUserDialog(UserDialog::Mode::EditRole); });
    m_resetPassword = pageAction(page, QStyle::SP_BrowserReload, tr("Reset &Password…", "user"), QStringLiteral("resetPasswordAction"));
    connect(m_resetPassword, &QAction::triggered, this, [this] { openUserDialog(UserDialog::Mode::ResetPassword); });
    m_deleteUser = pageAction(page, QStyle::SP_TrashIcon, tr("&Delete…", "user"), QStringLiteral("deleteUserAction"));
    connect(m_deleteUser, &QAction::triggered, this, &AccountActions::confirmDeleteUser);
    m_newToken = pageAction(page, QStyle::SP_FileIcon, tr("&New Token…"), QStringLiteral("newTokenAction"));
    m_newToken->setToolTip(tr("Create an API token for a worker, a script or a service"));
    connect(m_newToken, &QAction::triggered, this, &AccountActions::openTokenDialog);
    m_revokeToken = pageAction(page, QStyle::SP_DialogCancelButton, tr("Re&voke…", "token"), QStringLiteral("revokeTokenAction"));
    connect(m_revokeToken, &QAction::triggered, this, &AccountActions::confirmRevokeToken);
    m_newInvite = pageAction(page, QStyle::SP_FileIcon, tr("New &Invite…"), QStringLiteral("newInviteAction"));
    m_newInvite->setToolTip(tr("Create a single-use code with which someone can make their own account"));
    connect(m_newInvite, &QAction::triggered, this, &AccountActions::openInviteDialog);
    m_deleteInvite = pageAction(page, QStyle::SP_TrashIcon, tr("De&lete Invite…"), QStringLiteral("deleteInviteAction"));
    connect(m_deleteInvite, &QAction::triggered, this, &AccountActions::confirmDeleteInvite);
    m_reload = pageAction(page, QStyle::SP_BrowserReload, tr("Re&load", "users, tokens and invites"), QStringLiteral("reloadAccountsAction"));
    connect(m_reload, &QAction::triggered, this, &AccountActions::reload);
    updateActions();
}

TokenDialog *AccountActions::tokenDialog() const
{
    return m_tokenDialog;
}

InviteDialog *AccountActions::inviteDialog() const
{
    return m_inviteDialog;
}

TokenSecretDialog *AccountActions::secretDialog() const
{
    return m_secretDialog;
}

QMessageBox *AccountActions::confirmation() const
{
    return m_confirmation;
}

void AccountActions::setSelectedUser(const std::optional<UserAccount> &user)
{
    m_user = user;
    updateActions();
}

void AccountActions::setSelectedToken(const std::optional<ApiTokenInfo> &token)
{
    m_token = token;
    updateActions();
}

void AccountActions::setSelectedInvite(const std::optional<InviteInfo> &invite)
{
    m_invite = invite;
    updateActions();
}

void AccountActions::reload()
{
    m_users.refresh();
    m_tokens.refresh();
    m_invites.refresh();
}

void AccountActions::openUserDialog(UserDialog::Mode mode)
{
    if (mode != UserDialog::Mode::Create && !m_user)
        return;
    if (m_userDialog) // one at a time
        m_userDialog->close();
    auto *dialog = new UserDialog(m_client, mode, m_user.value_or(UserAccount{}), m_page);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &UserDialog::userSaved, this, [this, mode](const UserAccount &user) {
        switch (mode) {
        case UserDialog::Mode::Create: emit statusMessagePosted(tr("Added user %1.").arg(user.email)); break;
        case UserDialog::Mode::EditRole: emit statusMessagePosted(tr("Changed the role of %1.").arg(user.email)); break;
        case UserDialog::Mode::ResetPassword: emit statusMessagePosted(tr("Set a new password for %1.").arg(user.email)); break;
        }
        m_users.refresh();
    });
    m_userDialog = dialog;
    dialog->open();
}

void AccountActions::openTokenDialog()
{
    if (m_tokenDialog)
        m_tokenDialog->close();
    auto *dialog = new TokenDialog(m_client, m_page);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &TokenDialog::tokenCreated, this, &AccountActions::showSecret);
    m_tokenDialog = dialog;
    dialog->open();
}

void AccountActions::showSecret(const CreatedToken &token)
{
    emit statusMessagePosted(tr("Created token %1.").arg(token.info.name));
    m_tokens.refresh();
    showSecretDialog(new TokenSecretDialog(token, m_page));
}

void AccountActions::openInviteDialog()
{
    if (m_inviteDialog)
        m_inviteDialog->close();
    auto *dialog = new InviteDialog(m_client, m_page);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &InviteDialog::inviteCreated, this, &AccountActions::showInviteCode);
    m_inviteDialog = dialog;
    dialog->open();
}

void AccountActions::showInviteCode(const CreatedInvite &invite)
{
    emit statusMessagePosted(invite.info.email.isEmpty() ? tr("Created an invite for anyone.")
                                                         : tr("Created an invite for %1.").arg(invite.info.email));
    m_invites.refresh();
    showSecretDialog(new TokenSecretDialog(invite, m_page));
}

void AccountActions::showSecretDialog(TokenSecretDialog *dialog)
{
    if (m_secretDialog) // one secret on screen at a time
        m_secretDialog->close();
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_secretDialog = dialog;
    dialog->open();
}

void AccountActions::confirmDeleteUser()
{
    if (!m_user || m_busy)
        return;
    const UserAccount user = *m_user;
    confirm(tr("Delete User", "dialog title"),
            tr("Delete the account %1? It can no longer log in, and its sessions end at once. Its tasks stay.").arg(user.email),
            tr("Delete", "user"), [this, user] {
                m_busy = true;
                updateActions();
                m_client.deleteUser(user.id).then(this, [this, user](Result<qint64> result) {
                    m_busy = false;
                    updateActions();
                    reload();
                    if (result)
                        emit statusMessagePosted(tr("Deleted user %1.").arg(user.email));
                    else
                        emit errorOccurred(tr("The user %1 was not deleted: %2").arg(user.email, result.error().message));
                });
            });
}

void AccountActions::confirmRevokeToken()
{
    if (!m_token || m_busy)
        return;
    const ApiTokenInfo token = *m_token;
    confirm(tr("Revoke Token", "dialog title"),
            tr("Revoke the token %1? Every program that uses it is refused from now on. This cannot be undone.").arg(token.name),
            tr("Revoke", "token"), [this, token] {
                m_busy = true;
                updateActions();
                m_client.revokeToken(token.id).then(this, [this, token](Result<qint64> result) {
                    m_busy = false;
                    updateActions();
                    reload();
                    if (result)
                        emit statusMessagePosted(tr("Revoked token %1.").arg(token.name));
                    else
                        emit errorOccurred(tr("The token %1 was not revoked: %2").arg(token.name, result.error().message));
                });
            });
}

void AccountActions::confirmDeleteInvite()
{
    if (!m_invite || m_busy)
        return;
    const InviteInfo invite = *m_invite;
    const QString state = InviteModel::currentState(invite);
    QString text;
    if (state != QStringLiteral("open"))
        text = tr("Remove the %1 invite from the list? Accounts made with it stay.").arg(InviteModel::stateName(state));
    else if (invite.email.isEmpty())
        text = tr("Delete the open invite for anyone, valid until %1? Its code stops working at once.").arg(formatTime(invite.expiresAt));
    else
        text = tr("Delete the open invite for %1? Its code stops working at once.").arg(invite.email);
    confirm(tr("Delete Invite", "dialog title"), text, tr("Delete", "invite"), [this, invite] {
        m_busy = true;
        updateActions();
        m_client.deleteInvite(invite.id).then(this, [this](Result<qint64> result) {
            m_busy = false;
            updateActions();
            m_invites.refresh();
            if (result)
                emit statusMessagePosted(tr("Deleted the invite."));
            else
                emit errorOccurred(tr("The invite was not deleted: %1").arg(result.error().message));
        });
    });
}

void AccountActions::confirm(const QString &title, const QString &text, const QString &yes, const std::function<void()> &onYes)
{
    auto *box = new QMessageBox(m_page);
    box->setObjectName(QStringLiteral("accountConfirmation"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setIcon(QMessageBox::Warning);
    box->setWindowTitle(title);
    box->setTextFormat(Qt::PlainText); // names and e-mails are admin-typed text
    box->setText(text);
    QPushButton *yesButton = box->addButton(yes, QMessageBox::DestructiveRole);
    yesButton->setObjectName(QStringLiteral("confirmButton"));
    box->setDefaultButton(box->addButton(QMessageBox::Cancel));
    connect(box, &QMessageBox::finished, this, [box, yesButton, onYes] {
        if (box->clickedButton() == yesButton)
            onYes();
    });
    m_confirmation = box;
    box->open();
}

void AccountActions::setAccess(const CallerAccess *access)
{
    m_access = access;
    if (access)
        connect(access, &CallerAccess::changed, this, &AccountActions::updateActions);
    updateActions();
}

void AccountActions::setAdmin(bool admin)
{
    m_admin = admin;
    updateActions();
}

void AccountActions::updateActions()
{
    m_addUser->setEnabled(m_admin);
    m_newToken->setEnabled(m_admin);
    m_newInvite->setEnabled(m_admin);
    m_reload->setEnabled(m_admin);
    const bool user = m_user.has_value();
    m_editRole->setEnabled(user);
    m_resetPassword->setEnabled(user);
    m_deleteUser->setEnabled(user && !m_busy);
    m_revokeToken->setEnabled(m_token.has_value() && !m_busy);
    m_deleteInvite->setEnabled(m_invite.has_value() && !m_busy);
    if (m_access)
        for (QAction *action : {m_addUser, m_editRole, m_resetPassword, m_deleteUser, m_newToken, m_revokeToken,
                                m_newInvite, m_deleteInvite, m_reload})
            m_access->restrict(action, permission::Admin);
}

} // namespace taskmill
