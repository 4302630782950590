// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/AccountTypes.h"
#include "wire/InviteTypes.h"

#include <QWidget>

#include <optional>

class QAbstractItemModel;
class QLabel;
class QTabWidget;
class QTableView;

namespace taskmill {

struct ApiError;
class AccountActions;
class BackendClient;
class InviteModel;
class TokenModel;
class UserModel;

// The "Users & Tokens" page of the main window, for admins: tabs for the user accounts, the live API tokens
// and the invites, each table under its toolbar of AccountActions (tabs, so each table has the page's full
// height at 1280×800). All load when the page is shown, after every change made here and after a reconnect,
// and only while setAdmin(true): for other callers the main window hides the page and it asks for nothing.
// Failures show in the status label at the bottom, as plain text.
class AccountsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccountsPage)

public:
    explicit AccountsPage(BackendClient &client, QWidget *parent = nullptr);

    UserModel *users() const { return m_users; }
    TokenModel *tokens() const { return m_tokens; }
    InviteModel *invites() const { return m_invites; }
    AccountActions *actions() const { return m_actions; }
    QTableView *userView() const { return m_userView; }
    QTableView *tokenView() const { return m_tokenView; }
    QTableView *inviteView() const { return m_inviteView; }
    QTabWidget *tabs() const { return m_tabs; }
    QString statusText() const; // "" while the status label is hidden

    bool isAdmin() const { return m_admin; }
    void setAdmin(bool admin); // false clears the tables and stops loading
    std::optional<UserAccount> selectedUser() const;
    std::optional<ApiTokenInfo> selectedToken() const;
    std::optional<InviteInfo> selectedInvite() const;

signals:
    void statusMessagePosted(const QString &message);

protected:
    void showEvent(QShowEvent *event) override;

private:
    QTableView *makeTable(const QString &name, QAbstractItemModel *model, int stretchColumn);
    void reload();
    void updateAdminActions();
    void onSelectionChanged();
    void showStatus(const QString &message, bool loadError);
    void onLoaded();
    void onLoadFailed(const ApiError &error);

    BackendClient &m_client;
    UserModel *m_users = nullptr;
    TokenModel *m_tokens = nullptr;
    InviteModel *m_invites = nullptr;
    AccountActions *m_actions = nullptr;
    QTabWidget *m_tabs = nullptr;
    QTableView *m_userView = nullptr;
    QTableView *m_tokenView = nullptr;
    QTableView *m_inviteView = nullptr;
    QLabel *m_status = nullptr;
    bool m_admin = false;
    bool m_statusIsLoadError = false;
};

} // namespace taskmill
