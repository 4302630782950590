// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "views/AdminPages.h"

#include "views/AccountActions.h"
#include "views/AccountsPage.h"
#include "views/AuditLogPage.h"
#include "wire/PermissionNames.h"
#include "wire/ServerInfo.h"

#include <QTabWidget>

namespace taskmill {

bool isAdminRole(const ServerInfo &info)
{
    // Only a server that names the caller's permissions has these routes at all.
    return info.knowsPermissions && info.may(permission::Admin);
}

AdminPages::AdminPages(BackendClient &client, QTabWidget &tabs, QObject *parent)
    : QObject(parent)
    , m_tabs(tabs)
{
    m_accounts = new AccountsPage(client, &tabs);
    tabs.setTabVisible(tabs.addTab(m_accounts, tr("Users && Tokens", "page")), false);
    m_audit = new AuditLogPage(client, &tabs);
    tabs.setTabVisible(tabs.addTab(m_audit, tr("Audit", "page")), false);
    connect(m_accounts, &AccountsPage::statusMessagePosted, this, &AdminPages::statusMessagePosted);
}

void AdminPages::setAccess(const CallerAccess *access)
{
    m_accounts->actions()->setAccess(access);
    m_audit->setAccess(access);
}

void AdminPages::setAdmin(bool admin)
{
    m_admin = admin;
    // Pages first: a tab made visible is shown at once and loads only if the page already may.
    m_accounts->setAdmin(admin);
    m_audit->setAdmin(admin);
    m_tabs.setTabVisible(m_tabs.indexOf(m_accounts), admin);
    m_tabs.setTabVisible(m_tabs.indexOf(m_audit), admin);
}

} // namespace taskmill
