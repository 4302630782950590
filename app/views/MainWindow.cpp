// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "views/MainWindow.h"

#include "client/BackendClient.h"
#include "client/LocalBackend.h"
#include "models/CallerAccess.h"
#include "models/PauseState.h"
#include "models/TaskModel.h"
#include "models/TaskFacets.h"
#include "models/TaskPager.h"
#include "settings/AppSettings.h"
#include "views/BackendLogPanel.h"
#include "views/ConnectionStatusWidget.h"
#include "views/DashboardController.h"
#include "views/DashboardPage.h"
#include "views/DeadLetterActions.h"
#include "views/DeadLetterPage.h"
#include "views/FilterBar.h"
#include "views/EventsPanel.h"
#include "views/ExportActions.h"
#include "views/KeyboardNavigation.h"
#include "views/Theme.h"
#include "views/HandlerActions.h"
#include "views/HandlersPage.h"
#include "views/AdminPages.h"
#include "views/LanguageMenu.h"
#include "views/OfflineBanner.h"
#include "views/PauseActions.h"
#include "views/PauseIndicator.h"
#include "views/BulkTaskActions.h"
#include "views/SavedFilterActions.h"
#include "views/TaskActions.h"
#include "views/TaskDetailsPanel.h"
#include "views/TaskTablePanel.h"
#include "wire/PermissionNames.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QMenu>
#include <QMenuBar>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

namespace taskmill {

namespace {
constexpr int StatusMessageMs = 5'000;
// The details dock's first width: room for an id, a trace id and a timestamp beside their labels. The user
// drags it wider or narrower afterwards (the filter bar wraps, so the table gives way), and that is kept.
constexpr int DetailsDockWidthPx = 400;
constexpr int GoToTaskWaitMs = 10'000; // how long a "go to task" waits for the task's row to arrive
}

MainWindow::MainWindow(BackendClient &client, AppSettings &settings, LocalBackend *localBackend, QWidget *parent)
    : QMainWindow(parent)
    , m_client(client)
    , m_settings(settings)
{
    const ConnectionProfile &profile = client.profile();
    const QString where = profile.name.isEmpty() ? profile.baseUrl.toDisplayString() : profile.name;
    setWindowTitle(tr("Taskmill — %1").arg(where));
    m_model = new TaskModel(this);
    m_pager = new TaskPager(m_client, *m_model, this);
    m_filterBar = new FilterBar(this);
    m_table = new TaskTablePanel(*m_model, *m_pager, this);
    m_actions = new TaskActions(m_client, *m_pager, *m_table, this);
    m_pauses = new PauseState(m_client, this);

    // Pages are tabs of the central widget: tasks first; dead letters and the monitor follow.
    m_pages = new QTabWidget(this);
    m_pages->setObjectName(QStringLiteral("mainPages"));
    m_pages->setDocumentMode(true);
    auto *tasksPage = new QWidget(m_pages);
    m_tasksPage = tasksPage;
    auto *layout = new QVBoxLayout(tasksPage);
    layout->setContentsMargins(6, 6, 6, 0);
    layout->addWidget(m_filterBar);
    layout->addWidget(m_table, 1);
    m_pages->addTab(tasksPage, tr("Tasks", "page"));
    // -- more pages (dead letters, handlers, monitor) are added below this line --
    // Dead letters: loads only while its tab is shown; its actions report to the status bar.
    auto *deadLetters = new DeadLetterPage(m_client, m_pages);
    m_pages->addTab(deadLetters, tr("Dead Letters", "page"));
    connect(deadLetters, &DeadLetterPage::statusMessagePosted, this,
            [this](const QString &message) { statusBar()->showMessage(message, StatusMessageMs); });
    // Handlers: the registry, loaded and polled only while its tab is shown.
    m_handlers = new HandlersPage(m_client, m_pages);
    m_pages->addTab(m_handlers, tr("Handlers", "page"));
    connect(m_handlers, &HandlersPage::statusMessagePosted, this,
            [this](const QString &message) { statusBar()->showMessage(message, StatusMessageMs); });
    // While offline a banner over the pages says so and their tables are dimmed (views/OfflineBanner).
    auto *central = new QWidget(this);
    auto *centralLayout = new QVBoxLayout(central);
    centralLayout->setContentsMargins(0, 0, 0, 0);
    centralLayout->setSpacing(0);
    m_offline = new OfflineBanner(m_client, m_pages, central);
    centralLayout->addWidget(m_offline);
    centralLayout->addWidget(m_pages, 1);
    setCentralWidget(central);
    m_handlers->setPauseState(*m_pauses);

    QToolBar *toolBar = addToolBar(tr("Tasks", "toolbar"));
    m_tasksToolBar = toolBar;
    toolBar->setObjectName(QStringLiteral("tasksToolBar"));
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolBar->addAction(m_actions->newTaskAction());
    toolBar->addAction(m_actions->retryAction());
    toolBar->addAction(m_actions->cancelAction());
    toolBar->addAction(m_actions->refreshAction());
    m_details = new TaskDetailsPanel(m_client, this);
    connect(m_details, &TaskDetailsPanel::statusMessagePosted, this,
            [this](const QString &message) { statusBar()->showMessage(message, StatusMessageMs); });
    auto *detailsDock = new QDockWidget(tr("Task Details"), this);
    detailsDock->setObjectName(QStringLiteral("taskDetailsDock"));
    detailsDock->setWidget(m_details);
    addDockWidget(Qt::RightDockWidgetArea, detailsDock);
    m_detailsDock = detailsDock;
    // Only the user's own toggles on the Tasks page count as a choice; page changes hide and show it.
    connect(detailsDock->toggleViewAction(), &QAction::triggered, this, [this](bool shown) { m_detailsWanted = shown; });
    m_exports = new ExportActions(m_client, [this] { return currentQuery(); }, this);
    connect(m_exports, &ExportActions::statusMessagePosted, this,
            [this](const QString &message) { statusBar()->showMessage(message, StatusMessageMs); });
    createMenus(localBackend, detailsDock);
    // Monitor: dashboard tab, events dock, tray and its preferences (views/DashboardController).
    m_monitor = new DashboardController(*this, m_client, m_settings, *m_pages, *m_pauses, localBackend, this);
    m_table->view()->setContextMenuPolicy(Qt::ActionsContextMenu);
    // -- task views: context menu, live filter-bar counts and types (models/TaskFacets) --
    for (QAction *action : m_actions->taskActions()) {
        if (!action) {
            action = new QAction(m_table->view());
            action->setSeparator(true);
        }
        m_table->view()->addAction(action);
    }
    auto *facets = new TaskFacets(m_client, this);
    connect(m_filterBar, &FilterBar::filterChanged, facets, &TaskFacets::setFilter);
    connect(m_pager, &TaskPager::eventsApplied, facets, &TaskFacets::onEventsApplied);
    connect(facets, &TaskFacets::countsLoaded, m_filterBar, &FilterBar::setCounts);
    connect(facets, &TaskFacets::typesLoaded, m_filterBar, &FilterBar::setTypes);
    connect(m_actions->refreshAction(), &QAction::triggered, facets, &TaskFacets::refresh);
    connect(&m_client, &BackendClient::connectionStateChanged, facets, [facets](BackendClient::ConnectionState state) {
        if (state == BackendClient::ConnectionState::Connected)
            facets->refresh();
    });
    // -- end of task views --

    // -- the caller's role: disallowed actions disabled with a reason, unreadable pages hidden --
    m_access = new CallerAccess(m_client, this);
    m_actions->setAccess(m_access);
    deadLetters->actions()->setAccess(m_access);
    m_handlers->actions()->setAccess(m_access);
    for (PauseActions *pauses : {m_monitor->pauseActions(), m_handlers->pauseActions()}) {
        pauses->setAccess(m_access);
        connect(pauses, &PauseActions::statusMessagePosted, this,
                [this](const QString &message) { statusBar()->showMessage(message, StatusMessageMs); });
    }
    connect(m_access, &CallerAccess::changed, this, [this, deadLetters, facets] {
        const bool readSystem = m_access->may(permission::ReadSystem);
        m_pages->setTabVisible(m_pages->indexOf(deadLetters), readSystem);
        if (m_monitor->dashboard())
            m_pages->setTabVisible(m_pages->indexOf(m_monitor->dashboard()), readSystem);
        facets->setCountsAllowed(readSystem);
    });
    // Users & Tokens, Audit: the last tabs, hidden until the caller is known to be an admin (views/AdminPages).
    m_admin = new AdminPages(m_client, *m_pages, this);
    m_admin->setAccess(m_access);
    connect(m_admin, &AdminPages::statusMessagePosted, this,
            [this](const QString &message) { statusBar()->showMessage(message, StatusMessageMs); });
    connect(m_access, &CallerAccess::changed, m_admin, [this] { m_admin->setAdmin(isAdminRole(m_access->info())); });
    for (QMenu *menu : menuBar()->findChildren<QMenu *>())
        menu->setToolTipsVisible(true); // a disabled action's tooltip says why

    // Paused work shows on every page, beside the connection it was read over.
    statusBar()->addPermanentWidget(new PauseIndicator(*m_pauses, this));
    m_connectionStatus = new ConnectionStatusWidget(m_client, this);
    statusBar()->addPermanentWidget(m_connectionStatus);

    connect(m_filterBar, &FilterBar::filterChanged, m_pager, &TaskPager::setFilter);
    connect(m_actions, &TaskActions::statusMessagePosted, this,
            [this](const QString &message) { statusBar()->showMessage(message, StatusMessageMs); });
    connect(m_pager, &TaskPager::loadFailed, this, [this](const ApiError &error) {
        // Unreachable backends show in the connection indicator; other failures are worth a line.
        if (error.code != ErrorCode::Unavailable)
            statusBar()->showMessage(tr("Loading tasks failed: %1").arg(error.message), StatusMessageMs);
    });
    connect(&m_client, &BackendClient::connectionStateChanged, this, &MainWindow::onClientConnectionStateChanged);
    connect(m_table, &TaskTablePanel::selectionChanged, this, &MainWindow::onTableSelectionChanged);
    connect(m_pager, &TaskPager::pageLoaded, this, &MainWindow::onTableSelectionChanged);
    connect(m_pager, &TaskPager::tasksChanged, m_details, &TaskDetailsPanel::updateTasks);
    connect(m_pager, &TaskPager::eventsApplied, m_details, &TaskDetailsPanel::onEventsApplied);

    resize(1180, 720);
    restoreGeometry(m_settings.windowGeometry());
    if (!restoreState(m_settings.windowState()))
        resizeDocks({detailsDock}, {DetailsDockWidthPx}, Qt::Horizontal);
    m_detailsWanted = !detailsDock->isHidden();
    connect(m_pages, &QTabWidget::currentChanged, this, &MainWindow::onPageChanged);
    onPageChanged();
    if (auto *events = findChild<EventsPanel *>())
        connect(events, &EventsPanel::taskActivated, this, &MainWindow::goToTask);
    if (m_monitor->dashboard())
        connect(m_monitor->dashboard(), &DashboardPage::taskActivated, this, &MainWindow::goToTask);
    // Keyboard: Tab between widgets, Ctrl+1…9 pages, Ctrl+F per page, F1 the list of shortcuts.
    m_keyboard = new KeyboardNavigation(*this, *m_pages, m_tasksPage, findChild<QDockWidget *>(QStringLiteral("eventsDock")));
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(m_keyboard->shortcutsAction());
    m_table->restoreHeaderState(m_settings.taskTableState());
    m_pager->start();
}

TaskListQuery MainWindow::currentQuery() const
{
    return m_pager->currentQuery();
}

void MainWindow::createMenus(LocalBackend *localBackend, QDockWidget *detailsDock)
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    // -- connections: profiles dialog --
    QAction *connectTo = file->addAction(tr("&Connect to…"), this, &MainWindow::connectionDialogRequested);
    connectTo->setObjectName(QStringLiteral("connectToAction"));
    connectTo->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    QAction *login = file->addAction(tr("&Log in…"), this, &MainWindow::loginRequested);
    login->setObjectName(QStringLiteral("loginAction"));
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    QMenu *tasks = menuBar()->addMenu(tr("&Tasks"));
    tasks->addAction(m_actions->newTaskAction());
    tasks->addAction(m_actions->duplicateAction());
    tasks->addAction(m_actions->retryAction());
    tasks->addAction(m_actions->cancelAction());
    tasks->addAction(m_actions->bulkActions()->retryAllAction());
    tasks->addAction(m_actions->bulkActions()->cancelAllAction());
    tasks->addAction(m_filterBar->searchAction());
    tasks->addAction(m_exports->exportAction());
    tasks->addMenu((new SavedFilterActions(*m_filterBar, m_settings, this))->menu());
    tasks->addSeparator();
    tasks->addAction(m_actions->refreshAction());

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(detailsDock->toggleViewAction());
    if (localBackend) {
        auto *dock = new QDockWidget(tr("Local Backend Log"), this);
        dock->setObjectName(QStringLiteral("backendLogDock"));
        dock->setWidget(new BackendLogPanel(*localBackend, dock));
        addDockWidget(Qt::BottomDockWidgetArea, dock);
        dock->hide();
        view->addAction(dock->toggleViewAction());
        connect(localBackend, &LocalBackend::failed, this, [this, dock](const QString &message) {
            statusBar()->showMessage(message, StatusMessageMs);
            dock->show();
        });
    }
    QAction *clearFilter = view->addAction(tr("&Clear Filter"), m_filterBar, &FilterBar::clear);
    clearFilter->setObjectName(QStringLiteral("clearFilterAction"));
    view->addSeparator();
    view->addMenu(new LanguageMenu(m_settings, view)); // applies at the next start
    view->addMenu(new ThemeMenu(m_settings, view));    // applies at once
}

void MainWindow::onClientConnectionStateChanged()
{
    // After any reconnect the page is fetched at once instead of on the next tick.
    if (m_client.connectionState() == BackendClient::ConnectionState::Connected)
        m_pager->refresh();
}

void MainWindow::onTableSelectionChanged()
{
    // Details follow a single selected task; a multi-selection or a task that left the page clears them.
    const QList<QUuid> ids = m_table->selectedTaskIds();
    const int row = ids.size() == 1 ? m_model->rowOf(ids.first()) : -1;
    if (row < 0)
        m_details->clear();
    else
        m_details->showTask(m_model->taskAt(row));
}

void MainWindow::goToTask(const QUuid &id)
{
    m_pages->setCurrentWidget(m_tasksPage);
    m_filterBar->showTask(id);
    // Select it once a page holding it has arrived (at once when it is already shown).
    auto select = [this, id] {
        const int row = m_model->rowOf(id);
        if (row < 0)
            return false;
        m_table->view()->selectRow(row);
        return true;
    };
    if (select())
        return;
    auto *once = new QObject(this);
    connect(m_pager, &TaskPager::pageLoaded, once, [once, select] {
        if (select())
            once->deleteLater();
    });
    QTimer::singleShot(GoToTaskWaitMs, once, &QObject::deleteLater); // a task that no longer exists: stop waiting
}

void MainWindow::onPageChanged()
{
    const bool tasks = m_pages->currentWidget() == m_tasksPage;
    m_actions->setPageActive(tasks);
    m_filterBar->searchAction()->setEnabled(tasks);
    m_exports->exportAction()->setEnabled(tasks);
    m_tasksToolBar->setVisible(tasks);
    m_detailsDock->toggleViewAction()->setEnabled(tasks);
    m_detailsDock->setVisible(tasks && m_detailsWanted);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_monitor && m_monitor->hideToTray(event))
        return;
    // The state saved is the Tasks page's: the dock as the user left it there, whatever page is shown now.
    m_tasksToolBar->setVisible(true);
    m_detailsDock->setVisible(m_detailsWanted);
    m_settings.setWindowGeometry(saveGeometry());
    m_settings.setWindowState(saveState());
    m_settings.setTaskTableState(m_table->headerState());
    m_settings.sync();
    m_pager->stop();
    QMainWindow::closeEvent(event);
}

} // namespace taskmill
