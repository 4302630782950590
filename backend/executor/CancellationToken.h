// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include <QtGlobal>

#include <chrono>
#include <condition_variable>
#include <mutex>

namespace taskmill {

// Cooperative cancellation for one attempt. Handlers poll isCancelled() or sleep with waitFor(),
// which returns early (true) when the task is cancelled or its handler's timeout_ms has run out (the
// deadline: the token counts as cancelled from then on, and timedOut() tells the two apart). Thread-safe.
class CancellationToken final
{
public:
    using Clock = std::chrono::steady_clock;

    void setDeadline(Clock::time_point deadline)
    {
        std::lock_guard lock(m_mutex);
        m_deadline = deadline;
        m_hasDeadline = true;
    }
    // The deadline passed (whether or not the handler noticed).
    bool timedOut() const
    {
        std::lock_guard lock(m_mutex);
        return m_hasDeadline && Clock::now() >= m_deadline;
    }
    void cancel()
    {
        {
            std::lock_guard lock(m_mutex);
            m_cancelled = true;
        }
        m_cv.notify_all();
    }
    // Cancelled by an operator (cancelledByRequest) or past the deadline.
    bool isCancelled() const
    {
        std::lock_guard lock(m_mutex);
        return m_cancelled || (m_hasDeadline && Clock::now() >= m_deadline);
    }
    bool cancelledByRequest() const
    {
        std::lock_guard lock(m_mutex);
        return m_cancelled;
    }
    // Sleeps up to `ms`, less if the deadline comes first; returns true if cancelled or timed out meanwhile.
    bool waitFor(qint64 ms)
    {
        std::unique_lock lock(m_mutex);
        Clock::time_point until = Clock::now() + std::chrono::milliseconds(ms);
        if (m_hasDeadline && m_deadline < until)
            until = m_deadline;
        m_cv.wait_until(lock, until, [this] { return m_cancelled; });
        return m_cancelled || (m_hasDeadline && Clock::now() >= m_deadline);
    }

private:
    mutable std::mutex m_mutex;
    std::condition_variable m_cv;
    bool m_cancelled = false;
    bool m_hasDeadline = false;
    Clock::time_point m_deadline;
};

} // namespace taskmill
