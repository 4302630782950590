// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include <QObject>

class QTabWidget;

namespace taskmill {

class AccountsPage;
class AuditLogPage;
class BackendClient;
class CallerAccess;
struct ServerInfo;

// Whether the caller may use the admin pages: the one place that decides it from GET /api/v1/info.
bool isAdminRole(const ServerInfo &info);

// The admin-only pages of the main window, "Users & Tokens" and "Audit", added to `tabs` hidden.
// setAdmin(true) shows them and lets them load; setAdmin(false) hides the tabs (a hidden tab is not merely
// empty: other callers see no trace of them) and clears what they held. The server refuses these routes
// to other roles anyway (403); this spares them the attempt.
class AdminPages final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AdminPages)

public:
    AdminPages(BackendClient &client, QTabWidget &tabs, QObject *parent = nullptr);

    AccountsPage *accounts() const { return m_accounts; }
    AuditLogPage *audit() const { return m_audit; }
    bool isAdmin() const { return m_admin; }
    void setAdmin(bool admin);
    // Passed on to both pages: their actions are disabled while the client is offline.
    void setAccess(const CallerAccess *access);

signals:
    void statusMessagePosted(const QString &message);

private:
    QTabWidget &m_tabs;
    AccountsPage *m_accounts = nullptr;
    AuditLogPage *m_audit = nullptr;
    bool m_admin = false;
};

} // namespace taskmill
