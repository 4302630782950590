// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "executor/ExecutorState.h"

#include <chrono>

namespace taskmill {

int ExecutorState::waitForCapacity(int timeoutMs)
{
    std::unique_lock lock(m_mutex);
    const auto free = [this] {
        return m_inFlight >= m_workers + UnrecordedMax ? 0 : std::max(0, m_workers - m_active);
    };
    m_capacityFreed.wait_for(lock, std::chrono::milliseconds(timeoutMs), [&] { return free() > 0 || stopping.load(); });
    return free();
}

void ExecutorState::addInFlight(int n)
{
    std::lock_guard lock(m_mutex);
    m_inFlight += n;
    m_active += n;
}

void ExecutorState::abandon(const QList<StreamEntry> &entries)
{
    {
        std::lock_guard lock(m_mutex);
        for (const StreamEntry &e : entries) {
            auto it = m_running.find(e.taskId);
            if (it != m_running.end() && it->entry.entryId == e.entryId)
                m_running.erase(it);
        }
        m_inFlight -= int(entries.size());
        m_active = std::max(0, m_active - int(entries.size()));
    }
    m_capacityFreed.notify_all();
}

void ExecutorState::registerRunning(const StreamEntry &entry, std::shared_ptr<CancellationToken> token)
{
    std::lock_guard lock(m_mutex);
    // A duplicate entry for a task already running here must not replace the live registration.
    if (!m_running.contains(entry.taskId))
        m_running.insert(entry.taskId, {std::move(token), 0, entry});
}

void ExecutorState::setAttempt(const QUuid &id, int attempt)
{
    std::lock_guard lock(m_mutex);
    auto it = m_running.find(id);
    if (it != m_running.end())
        it->attempt = attempt;
}

void ExecutorState::cancel(const QUuid &id)
{
    std::shared_ptr<CancellationToken> token;
    {
        std::lock_guard lock(m_mutex);
        auto it = m_running.find(id);
        if (it != m_running.end())
            token = it->token;
    }
    if (token)
        token->cancel();
}

QList<ExecutorState::Running> ExecutorState::running() const
{
    std::lock_guard lock(m_mutex);
    return m_running.values();
}

void ExecutorState::complete(Completion c)
{
    {
        std::lock_guard lock(m_mutex);
        m_completions.push_back(std::move(c));
        // Its worker is free now; the result still counts in flight until it is recorded.
        m_active = std::max(0, m_active - 1);
    }
    m_completed.notify_one();
    m_capacityFreed.notify_all();
}

std::vector<Completion> ExecutorState::takeCompletions(int timeoutMs, int max)
{
    std::unique_lock lock(m_mutex);
    m_completed.wait_for(lock, std::chrono::milliseconds(timeoutMs), [this] { return !m_completions.empty(); });
    std::vector<Completion> out;
    while (!m_completions.empty() && int(out.size()) < max) {
        out.push_back(std::move(m_completions.front()));
        m_completions.pop_front();
    }
    return out;
}

void ExecutorState::release(const std::vector<Completion> &done)
{
    {
        std::lock_guard lock(m_mutex);
        for (const Completion &c : done) {
            auto it = m_running.find(c.entry.taskId);
            if (it != m_running.end() && it->entry.entryId == c.entry.entryId)
                m_running.erase(it);
        }
        m_inFlight -= int(done.size());
    }
    m_capacityFreed.notify_all();
}

void ExecutorState::forget(const QList<QUuid> &ids)
{
    {
        std::lock_guard lock(m_mutex);
        for (const QUuid &id : ids)
            if (m_running.remove(id)) {
                --m_inFlight;
                m_active = std::max(0, m_active - 1);
            }
    }
    m_capacityFreed.notify_all();
}

bool ExecutorState::idle() const
{
    std::lock_guard lock(m_mutex);
    return m_inFlight == 0 && m_completions.empty();
}

bool ExecutorState::waitUntilIdle(const QDeadlineTimer &deadline)
{
    std::unique_lock lock(m_mutex);
    // release() and forget() notify m_capacityFreed whenever in-flight work goes down.
    return m_capacityFreed.wait_until(lock, deadline.deadline<std::chrono::steady_clock>(),
                                      [this] { return m_inFlight == 0 && m_completions.empty(); });
}

} // namespace taskmill
