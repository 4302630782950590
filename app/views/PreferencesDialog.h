// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "model/Task.h"
#include "settings/AppSettings.h"

#include <QDialog>

#include <array>

class QCheckBox;
class QSpinBox;

namespace taskmill {

// Monitor preferences: dead-letter notifications, a queue-depth threshold per priority (0 = off), and
// whether closing the window hides it to the tray. Without a system tray the tray options are disabled
// with a note. The caller stores preferences() when the dialog is accepted.
class PreferencesDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PreferencesDialog)

public:
    PreferencesDialog(const AppSettings::MonitorPreferences &preferences, bool trayAvailable, QWidget *parent = nullptr);

    AppSettings::MonitorPreferences preferences() const;
    QSpinBox *thresholdBox(Priority p) const { return m_thresholds[size_t(p)]; }
    QCheckBox *deadLetterBox() const { return m_deadLetters; }
    QCheckBox *closeToTrayBox() const { return m_closeToTray; }

private:
    QCheckBox *m_deadLetters = nullptr;
    QCheckBox *m_closeToTray = nullptr;
    std::array<QSpinBox *, 3> m_thresholds{};
};

} // namespace taskmill
