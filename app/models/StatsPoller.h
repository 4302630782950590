// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/ApiError.h"
#include "wire/StatsTypes.h"

#include <QObject>
#include <QTimer>

namespace taskmill {

class BackendClient;

// Polls the monitor routes. In the foreground (the dashboard is visible) it asks for /api/v1/stats,
// /api/v1/stats/pending and /api/v1/stats/throughput every interval(); in the background it asks only for
// /api/v1/stats, every BackgroundIntervalMs, and only while someone wants it (tray thresholds), else not
// at all. A poll is skipped while the previous one is still in flight, so a slow backend is never
// queued up.
class StatsPoller final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatsPoller)

public:
    static constexpr int DefaultIntervalMs = 3'000;
    static constexpr int BackgroundIntervalMs = 15'000;
    static constexpr int ThroughputMinutes = 15;
    static constexpr int ThroughputStepSeconds = 10;

    explicit StatsPoller(BackendClient &client, QObject *parent = nullptr);

    bool isForeground() const { return m_foreground; }
    void setForeground(bool foreground); // polls at once when it becomes true
    void setBackgroundWanted(bool wanted);
    void setInterval(int ms);
    int interval() const { return m_intervalMs; }
    bool isPolling() const { return m_timer.isActive(); }

    void pollNow();

signals:
    void statsRequested(); // a /api/v1/stats request was sent; its answer is the next statsUpdated or pollFailed
    void statsUpdated(const taskmill::StatsSnapshot &stats);
    void pendingUpdated(const taskmill::PendingReport &report);
    void throughputUpdated(const taskmill::ThroughputHistory &history);
    void pollFailed(const taskmill::ApiError &error);

private:
    void reschedule();
    void onRequestFinished();

    BackendClient &m_client;
    QTimer m_timer;
    int m_intervalMs = DefaultIntervalMs;
    bool m_foreground = false;
    bool m_backgroundWanted = false;
    int m_inFlight = 0;
};

} // namespace taskmill
