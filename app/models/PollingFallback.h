// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include <QObject>
#include <QTimer>

namespace taskmill {

class EventStream;

// A pager's polling for when live events are not flowing: while enabled and the event stream is not
// subscribed, intervalElapsed() fires every interval; otherwise the timer is stopped, because events make
// polling redundant. Every enable and every change of the stream's state starts a full interval.
class PollingFallback final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PollingFallback)

public:
    PollingFallback(const EventStream &stream, int intervalMs, QObject *parent = nullptr);

    void setEnabled(bool enabled);
    void setInterval(int ms) { m_timer.setInterval(ms); } // a running timer restarts with it
    bool isPolling() const { return m_timer.isActive(); }

signals:
    void intervalElapsed();

private:
    void update();

    const EventStream &m_stream;
    QTimer m_timer;
    bool m_enabled = false;
};

} // namespace taskmill
