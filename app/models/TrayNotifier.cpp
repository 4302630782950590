// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "models/TrayNotifier.h"

#include "models/TaskModel.h"

#include <QLocale>

#include <algorithm>
#include <cmath>

namespace taskmill {

TrayNotifier::TrayNotifier(QObject *parent)
    : QObject(parent)
{
    m_coalesce.setSingleShot(true);
    m_coalesce.setInterval(DefaultCoalesceMs);
    connect(&m_coalesce, &QTimer::timeout, this, &TrayNotifier::flush);
}

void TrayNotifier::setPreferences(const AppSettings::MonitorPreferences &preferences)
{
    // A changed threshold starts from "below": the next stats decide afresh.
    for (size_t i = 0; i < m_above.size(); ++i)
        if (preferences.queueThresholds[i] != m_preferences.queueThresholds[i])
            m_above[i] = false;
    m_preferences = preferences;
    if (!m_preferences.notifyDeadLetters) {
        m_coalesce.stop();
        m_deadLetters = 0;
    }
}

bool TrayNotifier::wantsStats() const
{
    return std::any_of(m_preferences.queueThresholds.cbegin(), m_preferences.queueThresholds.cend(),
                       [](int t) { return t > 0; });
}

void TrayNotifier::onEvents(const QList<TaskEvent> &events)
{
    if (!m_preferences.notifyDeadLetters)
        return;
    const auto n = std::count_if(events.cbegin(), events.cend(),
                                 [](const TaskEvent &e) { return e.kind == TaskEvent::Kind::DeadLettered; });
    if (n == 0)
        return;
    m_deadLetters += int(n);
    if (!m_coalesce.isActive())
        m_coalesce.start();
}

void TrayNotifier::flush()
{
    m_coalesce.stop();
    if (m_deadLetters == 0)
        return;
    const int n = m_deadLetters;
    m_deadLetters = 0;
    emit notificationRequested(Kind::DeadLetters, tr("Tasks failed"),
                               tr("%Ln task(s) failed into the dead-letter queue", nullptr, n));
}

void TrayNotifier::onStats(const StatsSnapshot &stats)
{
    if (!stats.redisUp)
        return; // no depth known: keep the current state rather than re-arming on zeros
    for (Priority p : allPriorities()) {
        const int threshold = m_preferences.queueThresholds[size_t(p)];
        bool &above = m_above[size_t(p)];
        const qint64 depth = stats.queue(p).length;
        if (threshold <= 0) {
            above = false;
            continue;
        }
        if (!above && depth >= threshold) {
            above = true;
            emit notificationRequested(Kind::QueueDepth, tr("Queue is backing up"),
                                       tr("The %1 queue holds %2 tasks (threshold %3)")
                                           .arg(TaskModel::displayName(p), QLocale().toString(depth), QLocale().toString(threshold)));
        } else if (above && double(depth) < std::ceil(threshold * (1.0 - Hysteresis))) {
            above = false;
        }
    }
}

} // namespace taskmill
