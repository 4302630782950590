// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "views/DashboardController.h"

#include "client/BackendClient.h"
#include "client/EventStream.h"
#include "client/LocalBackend.h"
#include "models/EventLogModel.h"
#include "models/EventLogRecorder.h"
#include "models/PauseState.h"
#include "models/StatsPoller.h"
#include "models/TrayNotifier.h"
#include "settings/AppSettings.h"
#include "views/DashboardPage.h"
#include "views/EventsPanel.h"
#include "views/PauseActions.h"
#include "views/TableFit.h"
#include "views/PreferencesDialog.h"
#include "views/TrayNotifierIcon.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QHeaderView>
#include <QMainWindow>
#include <QMenuBar>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>

namespace taskmill {

DashboardController::DashboardController(QMainWindow &window, BackendClient &client, AppSettings &settings,
                                         QTabWidget &pages, PauseState &pauses, LocalBackend *localBackend,
                                         QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_settings(settings)
{
    m_poller = new StatsPoller(client, this);
    m_dashboard = new DashboardPage(*m_poller, &pages);
    m_dashboard->setObjectName(QStringLiteral("dashboardPage"));
    const int tab = pages.addTab(m_dashboard, tr("Monitor", "page"));
    connect(m_poller, &StatsPoller::statsRequested, &pauses, &PauseState::notePollSent);
    connect(m_poller, &StatsPoller::statsUpdated, &pauses, [&pauses](const StatsSnapshot &s) { pauses.applyPolled(s.pauses); });
    m_pauseActions = new PauseActions(client, pauses, PauseScope::Priority, m_dashboard);
    m_dashboard->setPauseControls(pauses, m_pauseActions);

    m_eventLog = new EventLogModel(this);
    m_recorder = new EventLogRecorder(client, *m_eventLog, this);
    m_eventsPanel = new EventsPanel(*m_eventLog, &window);
    if (!m_eventsPanel->view()->horizontalHeader()->restoreState(settings.eventsPanelState()))
        TableFit::fitColumns(m_eventsPanel->view()); // no saved layout yet: fit the data
    m_eventsDock = new QDockWidget(tr("Events"), &window);
    m_eventsDock->setObjectName(QStringLiteral("eventsDock"));
    m_eventsDock->setWidget(m_eventsPanel);
    window.addDockWidget(Qt::BottomDockWidgetArea, m_eventsDock);
    if (localBackend)
        connect(localBackend, &LocalBackend::failed, m_recorder, &EventLogRecorder::onLocalBackendFailed);

    m_notifier = new TrayNotifier(this);
    connect(&client.eventStream(), &EventStream::eventsReceived, m_notifier,
            [this](const QList<TaskEvent> &events, qint64) { m_notifier->onEvents(events); });
    connect(m_poller, &StatsPoller::statsUpdated, m_notifier, &TrayNotifier::onStats);

    m_preferencesAction = new QAction(tr("&Preferences…"), this);
    m_preferencesAction->setObjectName(QStringLiteral("preferencesAction"));
    m_preferencesAction->setShortcut(QKeySequence::Preferences);
    m_preferencesAction->setMenuRole(QAction::PreferencesRole);
    connect(m_preferencesAction, &QAction::triggered, this, &DashboardController::showPreferences);
    // Quits even when "close to tray" is on: a programmatic close() is not spontaneous.
    auto *quit = new QAction(tr("&Quit Taskmill"), this);
    connect(quit, &QAction::triggered, this, [this] {
        m_window.close();
        QCoreApplication::quit();
    });
    m_trayIcon = new TrayNotifierIcon(window, *m_notifier, m_preferencesAction, quit, this);
    if (m_trayIcon->isAvailable())
        QApplication::setQuitOnLastWindowClosed(false); // a dialog closed while hidden in the tray must not quit

    QMenu *menu = window.menuBar()->addMenu(tr("&Monitor"));
    QAction *showDashboard = menu->addAction(tr("&Dashboard"), this, [&pages, tab] { pages.setCurrentIndex(tab); });
    showDashboard->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_M));
    menu->addAction(m_eventsDock->toggleViewAction());
    menu->addSeparator();
    menu->addAction(m_preferencesAction);

    applyPreferences();
}

void DashboardController::applyPreferences()
{
    m_notifier->setPreferences(m_settings.monitorPreferences());
    m_poller->setBackgroundWanted(m_trayIcon->isAvailable() && m_notifier->wantsStats());
}

void DashboardController::showPreferences()
{
    PreferencesDialog dialog(m_settings.monitorPreferences(), m_trayIcon->isAvailable(), &m_window);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_settings.setMonitorPreferences(dialog.preferences());
    m_settings.sync();
    applyPreferences();
}

bool DashboardController::hideToTray(QCloseEvent *event)
{
    m_settings.setEventsPanelState(m_eventsPanel->view()->horizontalHeader()->saveState());
    if (event->spontaneous() && m_trayIcon->isAvailable() && m_settings.monitorPreferences().closeToTray) {
        event->ignore();
        m_window.hide();
        return true;
    }
    if (m_trayIcon->isAvailable())
        QTimer::singleShot(0, qApp, &QCoreApplication::quit);
    return false;
}

} // namespace taskmill
