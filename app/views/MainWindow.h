// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/TaskFilter.h"

#include <QMainWindow>

class QDockWidget;
class QTabWidget;
class QToolBar;

namespace taskmill {

class AdminPages;
class AppSettings;
class CallerAccess;
class BackendClient;
class ConnectionStatusWidget;
class DashboardController;
class FilterBar;
class HandlersPage;
class ExportActions;
class KeyboardNavigation;
class LocalBackend;
class OfflineBanner;
class PauseState;
class TaskActions;
class TaskModel;
class TaskPager;
class TaskDetailsPanel;
class TaskTablePanel;

// Wires the panels together: filter bar → pager → model → table, task actions in menu and toolbar,
// the connection indicator and paused work in the status bar, a banner over the pages while offline and,
// when the app started its own backend, a log dock.
// Geometry and column layout are restored from and saved to AppSettings.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    // `localBackend` may be null (remote profile). Everything passed in must outlive the window.
    MainWindow(BackendClient &client, AppSettings &settings, LocalBackend *localBackend = nullptr,
               QWidget *parent = nullptr);

    TaskListQuery currentQuery() const; // what the live refresh asks the backend for
    // The Tasks page filtered to this one task (by its id), selected with its details when its row arrives:
    // what a double-click on an event opens.
    void goToTask(const QUuid &id);
    FilterBar *filterBar() const { return m_filterBar; }
    TaskTablePanel *taskTable() const { return m_table; }
    TaskPager *pager() const { return m_pager; }
    TaskDetailsPanel *taskDetails() const { return m_details; }
    TaskActions *taskActions() const { return m_actions; }
    TaskModel *taskModel() const { return m_model; }
    ConnectionStatusWidget *connectionStatus() const { return m_connectionStatus; }
    QTabWidget *pages() const { return m_pages; }
    DashboardController *monitor() const { return m_monitor; }
    HandlersPage *handlersPage() const { return m_handlers; }
    CallerAccess *access() const { return m_access; }
    AdminPages *adminPages() const { return m_admin; }
    PauseState *pauseState() const { return m_pauses; }
    OfflineBanner *offlineBanner() const { return m_offline; }
    KeyboardNavigation *keyboard() const { return m_keyboard; }
    ExportActions *exports() const { return m_exports; }

signals:
    void connectionDialogRequested(); // File → Connect to…; handled by the ConnectionSession that owns the window
    void loginRequested();            // File → Log in…; likewise

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createMenus(LocalBackend *localBackend, QDockWidget *detailsDock);
    void onClientConnectionStateChanged();
    void onTableSelectionChanged();
    // The details dock, the tasks toolbar and the task commands belong to the Tasks page: elsewhere they are
    // hidden or disabled, so Delete or Ctrl+R on another page never acts on the Tasks page's selection.
    void onPageChanged();

    BackendClient &m_client;
    AppSettings &m_settings;
    TaskModel *m_model = nullptr;
    TaskPager *m_pager = nullptr;
    FilterBar *m_filterBar = nullptr;
    TaskTablePanel *m_table = nullptr;
    TaskActions *m_actions = nullptr;
    TaskDetailsPanel *m_details = nullptr;
    ConnectionStatusWidget *m_connectionStatus = nullptr;
    QTabWidget *m_pages = nullptr;
    DashboardController *m_monitor = nullptr;
    CallerAccess *m_access = nullptr;
    HandlersPage *m_handlers = nullptr;
    AdminPages *m_admin = nullptr;
    PauseState *m_pauses = nullptr;
    OfflineBanner *m_offline = nullptr;
    QWidget *m_tasksPage = nullptr;
    QDockWidget *m_detailsDock = nullptr;
    QToolBar *m_tasksToolBar = nullptr;
    KeyboardNavigation *m_keyboard = nullptr;
    ExportActions *m_exports = nullptr;
    bool m_detailsWanted = true; // the user's choice for the details dock on the Tasks page
};

} // namespace taskmill
