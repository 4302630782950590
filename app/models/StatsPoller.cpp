// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "models/StatsPoller.h"

#include "client/BackendClient.h"

#include <algorithm>
#include <memory>

namespace taskmill {

StatsPoller::StatsPoller(BackendClient &client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
    connect(&m_timer, &QTimer::timeout, this, &StatsPoller::pollNow);
}

void StatsPoller::setForeground(bool foreground)
{
    if (foreground == m_foreground)
        return;
    m_foreground = foreground;
    reschedule();
    if (foreground)
        pollNow();
}

void StatsPoller::setBackgroundWanted(bool wanted)
{
    m_backgroundWanted = wanted;
    reschedule();
}

void StatsPoller::setInterval(int ms)
{
    m_intervalMs = std::max(100, ms);
    reschedule();
}

void StatsPoller::reschedule()
{
    if (m_foreground)
        m_timer.start(m_intervalMs);
    else if (m_backgroundWanted)
        m_timer.start(BackgroundIntervalMs);
    else
        m_timer.stop();
}

void StatsPoller::pollNow()
{
    if (m_inFlight > 0)
        return;
    // Errors of one poll are reported once: the three requests usually fail for the same reason.
    auto reported = std::make_shared<bool>(false);
    auto fail = [this, reported](const ApiError &error) {
        if (!*reported)
            emit pollFailed(error);
        *reported = true;
    };
    ++m_inFlight;
    emit statsRequested();
    m_client.stats().then(this, [this, fail](Result<StatsSnapshot> r) {
        if (r)
            emit statsUpdated(*r);
        else
            fail(r.error());
        onRequestFinished();
    });
    if (!m_foreground)
        return;
    ++m_inFlight;
    m_client.pendingEntries().then(this, [this, fail](Result<PendingReport> r) {
        if (r)
            emit pendingUpdated(*r);
        else
            fail(r.error());
        onRequestFinished();
    });
    ++m_inFlight;
    m_client.throughput(ThroughputMinutes, ThroughputStepSeconds).then(this, [this, fail](Result<ThroughputHistory> r) {
        if (r)
            emit throughputUpdated(*r);
        else
            fail(r.error());
        onRequestFinished();
    });
}

void StatsPoller::onRequestFinished()
{
    --m_inFlight;
}

} // namespace taskmill
