// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include <QtGlobal>

#include <chrono>
#include <condition_variable>
#include <mutex>

namespace taskmill {

// Cooperative cancellation for one attempt. Handlers poll isCancelled() or sleep with waitFor(),
// which returns early (true) when the task is cancelled. Thread-safe.
class CancellationToken final
{
public:
    void cancel()
    {
        {
            std::lock_guard lock(m_mutex);
            m_cancelled = true;
        }
        m_cv.notify_all();
    }
    bool isCancelled() const
    {
        std::lock_guard lock(m_mutex);
        return m_cancelled;
    }
    // Sleeps up to `ms`; returns true if cancelled meanwhile.
    bool waitFor(qint64 ms)
    {
        std::unique_lock lock(m_mutex);
        return m_cv.wait_for(lock, std::chrono::milliseconds(ms), [this] { return m_cancelled; });
    }

private:
    mutable std::mutex m_mutex;
    std::condition_variable m_cv;
    bool m_cancelled = false;
};

} // namespace taskmill
