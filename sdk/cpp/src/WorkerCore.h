// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "Channel.h"
#include "taskmill_sdk/Handler.h"

#include <QString>
#include <QUrl>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <optional>

class QThreadPool;

namespace taskmill::sdk::detail {

// The engine behind Worker. Threads: run() on the caller's thread (registration, the lease long poll, the
// shutdown), process() and the report of its outcome on a pool thread per task, heartbeats on one thread of
// their own. The slot table under m_mutex is what they share. Pool runnables hold a shared_ptr to the core, so
// a handler stuck past its release cannot outlive what it touches.
class WorkerCore final : public std::enable_shared_from_this<WorkerCore>
{
public:
    using Clock = std::chrono::steady_clock;

    WorkerCore(std::unique_ptr<Channel> channel, const QString &name);
    // Replaces the channel (Worker::useGrpc); only before run().
    void setChannel(std::unique_ptr<Channel> channel) { m_transport = std::move(channel); }
    ~WorkerCore();

    QString name;
    int leaseMs = 30000;
    int waitMs = 20000;
    std::chrono::milliseconds grace{10000};
    std::map<QString, std::shared_ptr<Handler>> handlers;

    std::optional<ApiError> run(int concurrency);
    void stop();

private:
    // running: the handler is busy; reporting: complete/fail being sent; released: given back at shutdown;
    // lost: the server took it back.
    enum class SlotState { Running, Reporting, Released, Lost };
    struct Progress
    {
        int percent = 0;
        QString message;
        bool operator==(const Progress &) const = default;
    };
    struct Slot
    {
        explicit Slot(const Task &leased) : task(leased) {}
        Task task;
        Clock::time_point nextHeartbeat;
        SlotState state = SlotState::Running;
        std::optional<Progress> progress;
        Clock::time_point progressSentAt{};
    };
    struct Outcome
    {
        bool complete = true;
        QJsonValue result;
        QString error;
        bool retry = true;
    };

    bool stopping();
    bool sleepUnlessStopped(std::chrono::milliseconds delay);
    std::optional<ApiError> registerAll(bool *stopped);
    std::optional<ApiError> leaseLoop(int concurrency);
    void accept(const QJsonArray &items, bool releaseAll);
    void execute(const Task &task);
    Outcome runHandler(const Task &task);
    void report(const Task &task, Outcome outcome);
    void finish(const Task &task);
    void release(const Task &task);
    void onProgress(const QString &lease, int percent, const QString &message);
    void heartbeatLoop();
    void heartbeat(const std::shared_ptr<Slot> &slot);
    void shutdown();
    std::chrono::milliseconds heartbeatInterval() const { return std::chrono::milliseconds(leaseMs / 3); }
    QString leasePath(const Task &task, const QString &action) const;

    std::unique_ptr<Channel> m_transport;
    std::unique_ptr<QThreadPool> m_pool;

    std::mutex m_mutex;
    std::condition_variable m_changed; // a slot finished, the worker stopped or gave up reporting
    std::condition_variable m_heartbeatWake;
    bool m_heartbeatDue = false;
    std::map<QString, std::shared_ptr<Slot>> m_slots; // by lease

    // m_stop: no new leases (any thread); m_hardStop: skip the grace period (a second signal); m_abandon: the
    // shutdown is over, reports and heartbeats give up.
    std::atomic<bool> m_stop{false};
    std::atomic<bool> m_hardStop{false};
    std::atomic<bool> m_abandon{false};
    // Only the run() thread touches these.
    int m_signalsSeen = 0;
    std::optional<Clock::time_point> m_graceDeadline;
};

} // namespace taskmill::sdk::detail
