// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/AccountTypes.h"

#include <QWidget>

#include <optional>

class QAbstractItemModel;
class QLabel;
class QTableView;

namespace taskmill {

struct ApiError;
class AccountActions;
class BackendClient;
class TokenModel;
class UserModel;

// The "Users & Tokens" page of the main window, for admins: the user accounts above the live API tokens,
// each table under its toolbar of AccountActions. Both load when the page is shown, after every change
// made here and after a reconnect, and only while setAdmin(true): for other callers the main window hides
// the tab and the page asks for nothing. Failures show in the status label at the bottom, as plain text.
class AccountsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccountsPage)

public:
    explicit AccountsPage(BackendClient &client, QWidget *parent = nullptr);

    UserModel *users() const { return m_users; }
    TokenModel *tokens() const { return m_tokens; }
    AccountActions *actions() const { return m_actions; }
    QTableView *userView() const { return m_userView; }
    QTableView *tokenView() const { return m_tokenView; }
    QString statusText() const; // "" while the status label is hidden

    bool isAdmin() const { return m_admin; }
    void setAdmin(bool admin); // false clears both tables and stops loading
    std::optional<UserAccount> selectedUser() const;
    std::optional<ApiTokenInfo> selectedToken() const;

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
    AccountActions *m_actions = nullptr;
    QTableView *m_userView = nullptr;
    QTableView *m_tokenView = nullptr;
    QLabel *m_status = nullptr;
    bool m_admin = false;
    bool m_statusIsLoadError = false;
};

} // namespace taskmill
