// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "models/PollingFallback.h"

#include "client/EventStream.h"

namespace taskmill {

PollingFallback::PollingFallback(const EventStream &stream, int intervalMs, QObject *parent)
    : QObject(parent)
    , m_stream(stream)
{
    m_timer.setInterval(intervalMs);
    connect(&m_timer, &QTimer::timeout, this, &PollingFallback::intervalElapsed);
    connect(&stream, &EventStream::connectedChanged, this, &PollingFallback::update);
}

void PollingFallback::setEnabled(bool enabled)
{
    m_enabled = enabled;
    update();
}

void PollingFallback::update()
{
    if (m_enabled && !m_stream.isConnected())
        m_timer.start();
    else
        m_timer.stop();
}

} // namespace taskmill
