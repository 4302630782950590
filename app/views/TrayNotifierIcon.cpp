// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "views/TrayNotifierIcon.h"

#include <QApplication>
#include <QMenu>
#include <QSystemTrayIcon>
#include <QWidget>

namespace taskmill {

TrayNotifierIcon::TrayNotifierIcon(QWidget &window, TrayNotifier &notifier, QAction *preferencesAction,
                                   QAction *quitAction, QObject *parent)
    : QObject(parent)
    , m_window(window)
{
    connect(&notifier, &TrayNotifier::notificationRequested, this, &TrayNotifierIcon::onNotificationRequested);
    if (!QSystemTrayIcon::isSystemTrayAvailable())
        return;
    m_menu = new QMenu(&window);
    QAction *toggle = m_menu->addAction(tr("Show or Hide Taskmill"));
    connect(toggle, &QAction::triggered, this, [this] {
        if (m_window.isVisible() && !m_window.isMinimized()) {
            m_window.hide();
        } else {
            m_window.showNormal();
            m_window.raise();
            m_window.activateWindow();
        }
    });
    if (preferencesAction)
        m_menu->addAction(preferencesAction);
    m_menu->addSeparator();
    if (quitAction)
        m_menu->addAction(quitAction);

    m_icon = new QSystemTrayIcon(QApplication::windowIcon(), this);
    m_icon->setToolTip(window.windowTitle());
    m_icon->setContextMenu(m_menu);
    connect(m_icon, &QSystemTrayIcon::activated, this, [toggle](QSystemTrayIcon::ActivationReason reason) {
        if (reason == QSystemTrayIcon::Trigger)
            toggle->trigger();
    });
    connect(m_icon, &QSystemTrayIcon::messageClicked, this, [this] {
        m_window.showNormal();
        m_window.raise();
        m_window.activateWindow();
    });
    m_icon->show();
}

void TrayNotifierIcon::onNotificationRequested(TrayNotifier::Kind kind, const QString &title, const QString &message)
{
    if (!m_icon)
        return;
    ++m_shown;
    m_icon->showMessage(title, message,
                        kind == TrayNotifier::Kind::DeadLetters ? QSystemTrayIcon::Critical : QSystemTrayIcon::Warning,
                        8'000);
}

} // namespace taskmill
