// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include <QObject>

class QAction;
class QCloseEvent;
class QDockWidget;
class QMainWindow;
class QTabWidget;

namespace taskmill {

class AppSettings;
class BackendClient;
class DashboardPage;
class EventLogModel;
class EventLogRecorder;
class EventsPanel;
class LocalBackend;
class PauseActions;
class PauseState;
class StatsPoller;
class TrayNotifier;
class TrayNotifierIcon;

// Everything the Monitor part of issue 6 adds to the main window, wired in one place so MainWindow only
// constructs it and asks it about closing: the Monitor tab (DashboardPage), the Events dock, the tray
// icon with its notifier, a "Monitor" menu (dashboard, events panel, preferences) and the preferences.
// Every stats answer also feeds `pauses`; the Monitor's Pause / Resume Queue are pauseActions().
class DashboardController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DashboardController)

public:
    DashboardController(QMainWindow &window, BackendClient &client, AppSettings &settings, QTabWidget &pages,
                        PauseState &pauses, LocalBackend *localBackend, QObject *parent = nullptr);

    // For MainWindow::closeEvent: a close by the user (window manager) while "close to tray" is on and a
    // tray exists hides the window and ignores the event → true. Otherwise false and the window closes.
    bool hideToTray(QCloseEvent *event);

    DashboardPage *dashboard() const { return m_dashboard; }
    EventsPanel *eventsPanel() const { return m_eventsPanel; }
    QDockWidget *eventsDock() const { return m_eventsDock; }
    EventLogModel *eventLog() const { return m_eventLog; }
    StatsPoller *poller() const { return m_poller; }
    TrayNotifier *notifier() const { return m_notifier; }
    TrayNotifierIcon *trayIcon() const { return m_trayIcon; }
    QAction *preferencesAction() const { return m_preferencesAction; }
    PauseActions *pauseActions() const { return m_pauseActions; }

    void showPreferences();

private:
    void applyPreferences();

    QMainWindow &m_window;
    AppSettings &m_settings;
    StatsPoller *m_poller = nullptr;
    DashboardPage *m_dashboard = nullptr;
    EventLogModel *m_eventLog = nullptr;
    EventLogRecorder *m_recorder = nullptr;
    EventsPanel *m_eventsPanel = nullptr;
    QDockWidget *m_eventsDock = nullptr;
    TrayNotifier *m_notifier = nullptr;
    TrayNotifierIcon *m_trayIcon = nullptr;
    QAction *m_preferencesAction = nullptr;
    PauseActions *m_pauseActions = nullptr;
};

} // namespace taskmill
