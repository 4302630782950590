// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "views/PreferencesDialog.h"

#include "models/TaskModel.h"
#include "models/TrayNotifier.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

namespace taskmill {

PreferencesDialog::PreferencesDialog(const AppSettings::MonitorPreferences &preferences, bool trayAvailable,
                                     QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Preferences"));
    auto *notifications = new QGroupBox(tr("Tray notifications"), this);
    auto *form = new QFormLayout(notifications);
    m_deadLetters = new QCheckBox(tr("When tasks fail into the dead-letter queue"), notifications);
    m_deadLetters->setChecked(preferences.notifyDeadLetters);
    form->addRow(m_deadLetters);
    for (Priority p : {Priority::High, Priority::Medium, Priority::Low}) {
        auto *box = new QSpinBox(notifications);
        box->setObjectName(QStringLiteral("threshold") + toString(p));
        box->setRange(0, 100'000'000);
        box->setSingleStep(100);
        box->setSpecialValueText(tr("Off", "no threshold"));
        box->setSuffix(tr(" tasks"));
        box->setValue(preferences.queueThresholds[size_t(p)]);
        box->setToolTip(tr("Notify once when the queue reaches this depth; again only after it fell below %1 % of it.")
                            .arg(int((1.0 - TrayNotifier::Hysteresis) * 100)));
        m_thresholds[size_t(p)] = box;
        form->addRow(tr("%1 queue depth reaches:").arg(TaskModel::displayName(p)), box);
    }

    auto *window = new QGroupBox(tr("Window"), this);
    auto *windowLayout = new QVBoxLayout(window);
    m_closeToTray = new QCheckBox(tr("Closing the window keeps Taskmill running in the tray"), window);
    m_closeToTray->setChecked(preferences.closeToTray && trayAvailable);
    windowLayout->addWidget(m_closeToTray);
    if (!trayAvailable) {
        m_closeToTray->setEnabled(false);
        notifications->setEnabled(false);
        auto *note = new QLabel(tr("No system tray is available on this desktop: notifications and closing to the "
                                   "tray are off."), window);
        note->setWordWrap(true);
        windowLayout->addWidget(note);
    }

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(notifications);
    layout->addWidget(window);
    layout->addStretch(1);
    layout->addWidget(buttons);
}

AppSettings::MonitorPreferences PreferencesDialog::preferences() const
{
    AppSettings::MonitorPreferences p;
    p.notifyDeadLetters = m_deadLetters->isChecked();
    p.closeToTray = m_closeToTray->isChecked();
    for (Priority priority : allPriorities())
        p.queueThresholds[size_t(priority)] = m_thresholds[size_t(priority)]->value();
    return p;
}

} // namespace taskmill
