// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "models/TrayNotifier.h"

#include <QObject>

class QAction;
class QMenu;
class QSystemTrayIcon;
class QWidget;

namespace taskmill {

// The tray icon: shows TrayNotifier's messages as balloons and offers Show/Hide, Preferences and Quit.
// Without a system tray (offscreen, some desktops) it creates nothing: isAvailable() is false, messages
// are dropped, and closing the window must quit rather than hide.
class TrayNotifierIcon final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrayNotifierIcon)

public:
    TrayNotifierIcon(QWidget &window, TrayNotifier &notifier, QAction *preferencesAction, QAction *quitAction,
                     QObject *parent = nullptr);

    bool isAvailable() const { return m_icon != nullptr; }
    int shownCount() const { return m_shown; } // messages handed to the tray so far

private:
    void onNotificationRequested(TrayNotifier::Kind kind, const QString &title, const QString &message);

    QWidget &m_window;
    QSystemTrayIcon *m_icon = nullptr;
    QMenu *m_menu = nullptr;
    int m_shown = 0;
};

} // namespace taskmill
