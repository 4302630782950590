// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "views/AccountsPage.h"

#include "client/BackendClient.h"
#include "models/InviteModel.h"
#include "models/TokenModel.h"
#include "models/UserModel.h"
#include "views/AccountActions.h"
#include "views/FormFieldErrors.h"

#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QTabWidget>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace taskmill {

namespace {
constexpr int PaneMargin = 6;

// One tab of the page: a toolbar over a table, with an optional note between them.
QWidget *pane(QToolBar *toolBar, QTableView *view, QLabel *note = nullptr)
{
    auto *box = new QWidget;
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, PaneMargin, 0, 0);
    layout->addWidget(toolBar);
    if (note)
        layout->addWidget(note);
    layout->addWidget(view, 1);
    return box;
}

QToolBar *toolBar(const QString &name, const QList<QAction *> &actions, QWidget *parent)
{
    auto *bar = new QToolBar(parent);
    bar->setObjectName(name);
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    for (QAction *action : actions) {
        if (action)
            bar->addAction(action);
        else
            bar->addSeparator();
    }
    return bar;
}
} // namespace

AccountsPage::AccountsPage(BackendClient &client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
{
    setObjectName(QStringLiteral("accountsPage"));
    m_users = new UserModel(client, this);
    m_tokens = new TokenModel(client, this);
    m_invites = new InviteModel(client, this);
    m_actions = new AccountActions(client, *m_users, *m_tokens, *m_invites, this);

    m_userView = makeTable(QStringLiteral("usersTable"), m_users, UserModel::Email);
    m_userView->addActions({m_actions->editRoleAction(), m_actions->resetPasswordAction(), m_actions->deleteUserAction()});
    m_tokenView = makeTable(QStringLiteral("tokensTable"), m_tokens, TokenModel::Types);
    m_tokenView->addAction(m_actions->revokeTokenAction());
    m_inviteView = makeTable(QStringLiteral("invitesTable"), m_invites, InviteModel::Email);
    m_inviteView->addAction(m_actions->deleteInviteAction());

    // The server does not say how it admits registrations; the note says when invites matter.
    auto *inviteNote = new QLabel(tr("An invite lets one person create their own account in the login dialog "
                                     "(Create Account…). Codes work only while the server's auth.registration is "
                                     "\"invite\"."),
                                  this);
    inviteNote->setObjectName(QStringLiteral("inviteNote"));
    inviteNote->setTextFormat(Qt::PlainText);
    inviteNote->setWordWrap(true);

    QAction *reloadAll = m_actions->reloadAction();
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("accountTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(pane(toolBar(QStringLiteral("usersToolBar"),
                                {m_actions->addUserAction(), m_actions->editRoleAction(), m_actions->resetPasswordAction(),
                                 m_actions->deleteUserAction(), nullptr, reloadAll}, this),
                        m_userView),
                   tr("Users"));
    m_tabs->addTab(pane(toolBar(QStringLiteral("tokensToolBar"),
                                {m_actions->newTokenAction(), m_actions->revokeTokenAction(), nullptr, reloadAll}, this),
                        m_tokenView),
                   tr("API Tokens"));
    m_tabs->addTab(pane(toolBar(QStringLiteral("invitesToolBar"),
                                {m_actions->newInviteAction(), m_actions->deleteInviteAction(), nullptr, reloadAll}, this),
                        m_inviteView, inviteNote),
                   tr("Invites"));

    m_status = FormFieldErrors::createErrorLabel(this);
    m_status->setObjectName(QStringLiteral("statusLabel"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(PaneMargin, 0, PaneMargin, 0);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_status);

    for (QTableView *view : {m_userView, m_tokenView, m_inviteView})
        connect(view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &AccountsPage::onSelectionChanged);
    const QList<RefreshableTableModel *> models{m_users, m_tokens, m_invites};
    for (RefreshableTableModel *model : models) {
        // Refreshes update rows in place; the actions must see the selected row as it is now, or none.
        connect(model, &QAbstractItemModel::dataChanged, this, &AccountsPage::onSelectionChanged);
        connect(model, &QAbstractItemModel::rowsRemoved, this, &AccountsPage::onSelectionChanged);
        connect(model, &RefreshableTableModel::loaded, this, &AccountsPage::onLoaded);
        connect(model, &RefreshableTableModel::loadFailed, this, &AccountsPage::onLoadFailed);
    }
    connect(m_userView, &QTableView::doubleClicked, m_actions->editRoleAction(), &QAction::trigger);
    connect(m_actions, &AccountActions::statusMessagePosted, this, [this](const QString &message) {
        m_status->hide(); // an earlier failure is history once something succeeded
        emit statusMessagePosted(message);
    });
    connect(m_actions, &AccountActions::errorOccurred, this, [this](const QString &message) { showStatus(message, false); });
    connect(&m_client, &BackendClient::connectionStateChanged, this, [this](BackendClient::ConnectionState state) {
        if (state == BackendClient::ConnectionState::Connected && isVisible())
            reload();
    });
    updateAdminActions();
}

QTableView *AccountsPage::makeTable(const QString &name, QAbstractItemModel *model, int stretchColumn)
{
    auto *view = new QTableView(this);
    view->setObjectName(name);
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    view->setContextMenuPolicy(Qt::ActionsContextMenu);
    QHeaderView *header = view->horizontalHeader();
    header->setHighlightSections(false);
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(stretchColumn, QHeaderView::Stretch);
    // A horizontal header re-measures its ResizeToContents columns on dataChanged, not on inserted rows:
    // without this the first load leaves them as wide as their titles. Queued: the rows must be laid out.
    connect(model, &QAbstractItemModel::rowsInserted, view, [view, stretchColumn] {
        for (int column = 0; column < view->model()->columnCount(); ++column)
            if (column != stretchColumn)
                view->resizeColumnToContents(column);
    }, Qt::QueuedConnection);
    return view;
}

QString AccountsPage::statusText() const
{
    return m_status->isHidden() ? QString() : m_status->text();
}

void AccountsPage::updateAdminActions()
{
    m_actions->setAdmin(m_admin);
}

void AccountsPage::setAdmin(bool admin)
{
    // Told again after every reconnect: the page reloads on the reconnect itself, not twice.
    if (admin == m_admin)
        return;
    m_admin = admin;
    updateAdminActions();
    if (!admin) {
        m_users->clear();
        m_tokens->clear();
        m_invites->clear();
        m_status->hide();
    } else if (isVisible()) {
        reload();
    }
}

void AccountsPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    reload();
}

void AccountsPage::reload()
{
    if (m_admin)
        m_actions->reload();
}

std::optional<UserAccount> AccountsPage::selectedUser() const
{
    const QModelIndexList rows = m_userView->selectionModel()->selectedRows();
    return rows.isEmpty() ? std::nullopt : std::optional(m_users->rowAt(rows.first().row()));
}

std::optional<ApiTokenInfo> AccountsPage::selectedToken() const
{
    const QModelIndexList rows = m_tokenView->selectionModel()->selectedRows();
    return rows.isEmpty() ? std::nullopt : std::optional(m_tokens->rowAt(rows.first().row()));
}

std::optional<InviteInfo> AccountsPage::selectedInvite() const
{
    const QModelIndexList rows = m_inviteView->selectionModel()->selectedRows();
    return rows.isEmpty() ? std::nullopt : std::optional(m_invites->rowAt(rows.first().row()));
}

void AccountsPage::onSelectionChanged()
{
    m_actions->setSelectedUser(selectedUser());
    m_actions->setSelectedToken(selectedToken());
    m_actions->setSelectedInvite(selectedInvite());
}

void AccountsPage::showStatus(const QString &message, bool loadError)
{
    m_statusIsLoadError = loadError;
    m_status->setText(message);
    m_status->show();
}

void AccountsPage::onLoaded()
{
    // A load that works again ends a load failure, not the report of a failed action.
    if (m_statusIsLoadError)
        m_status->hide();
}

void AccountsPage::onLoadFailed(const ApiError &error)
{
    // An unreachable backend shows in the connection indicator already.
    if (error.code != ErrorCode::Unavailable)
        showStatus(tr("Loading the accounts failed: %1").arg(error.message), true);
}

} // namespace taskmill
