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
class LocalBackend;
class TaskActions;
class TaskModel;
class TaskPager;
class TaskDetailsPanel;
class TaskTablePanel;

// Wires the panels together: filter bar → pager → model → table, task actions in menu and toolbar,
// the connection indicator in the status bar and, when the app started its own backend, a log dock.
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
    QWidget *m_tasksPage = nullptr;
    QDockWidget *m_detailsDock = nullptr;
    QToolBar *m_tasksToolBar = nullptr;
    bool m_detailsWanted = true; // the user's choice for the details dock on the Tasks page
};

} // namespace taskmill
