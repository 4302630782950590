// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/StatsTypes.h"
#include "model/TaskEvent.h"
#include "settings/AppSettings.h"

#include <QObject>
#include <QTimer>

#include <array>

namespace taskmill {

// Decides when the tray speaks; showing the message is TrayNotifierIcon's job, so this logic runs and is
// tested without a system tray.
// - Dead letters: `dead_lettered` events are counted for CoalesceMs after the first one, then one
//   notification covers all of them ("3 tasks failed into the dead-letter queue").
// - Queue depth: a priority's stream length reaching its threshold notifies once; it re-arms only after
//   the depth falls below threshold × (1 − Hysteresis), so a depth hovering at the threshold is quiet.
class TrayNotifier final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrayNotifier)

public:
    enum class Kind { DeadLetters, QueueDepth };
    Q_ENUM(Kind)

    static constexpr int DefaultCoalesceMs = 5'000;
    static constexpr double Hysteresis = 0.2;

    explicit TrayNotifier(QObject *parent = nullptr);

    const AppSettings::MonitorPreferences &preferences() const { return m_preferences; }
    void setPreferences(const AppSettings::MonitorPreferences &preferences);
    void setCoalesceMs(int ms) { m_coalesce.setInterval(ms); }
    // True when some notification needs stats even while the dashboard is hidden.
    bool wantsStats() const;

    void onEvents(const QList<taskmill::TaskEvent> &events);
    void onStats(const taskmill::StatsSnapshot &stats);
    void flush(); // emits the coalesced dead-letter notification now, if one is due

    bool isAboveThreshold(Priority p) const { return m_above[size_t(p)]; }

signals:
    void notificationRequested(taskmill::TrayNotifier::Kind kind, const QString &title, const QString &message);

private:
    AppSettings::MonitorPreferences m_preferences;
    QTimer m_coalesce;
    int m_deadLetters = 0; // since the last notification
    std::array<bool, StatsSnapshot::PriorityCount> m_above{};
};

} // namespace taskmill
