// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "WorkerCore.h"

#include "Backoff.h"
#include "Transport.h"
#include "Logging.h"
#include "Registration.h"
#include "TaskState.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStringList>
#include <QThread>
#include <QThreadPool>

#include <csignal>
#include <thread>
#include <vector>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace taskmill::sdk::detail {

namespace {
// The lease loop and the shutdown look at the stop flags at this pace: a signal handler only bumps a counter
// (it must not take a lock the interrupted code may hold), so this bounds how late a SIGTERM is noticed.
constexpr auto PollInterval = 100ms;
// The HTTP timeout of a lease poll covers the long poll plus a slow answer; past it the connection is dead.
constexpr int LeaseSlackMs = 15000;
// How long a progress report may wait for the next heartbeat: often enough for a live progress bar, rarely
// enough that a handler reporting in a tight loop costs at most one request a second.
constexpr auto ProgressInterval = 1000ms;
// A heartbeat that got no answer is tried again this soon, so that two more fit in the lease.
constexpr auto HeartbeatRetry = 1000ms;
// After the grace period and the releases, a result still being reported gets this long before it is given up.
constexpr auto ReportTail = 5000ms;
// Released handlers that check Task::leaseLost() end within this; others are left running when run() returns.
constexpr int PoolDrainMs = 1000;
// The server refuses longer texts (422); cutting them keeps the report, which matters more than its tail.
constexpr int ErrorMax = 10000;
constexpr int MessageMax = 1000;
constexpr int MaxPerLease = 100;

// Signals received while run() owns SIGTERM/SIGINT. A lock-free atomic is safe to touch in a signal handler.
std::atomic<int> s_signals{0};
static_assert(std::atomic<int>::is_always_lock_free);

extern "C" void onStopSignal(int) { s_signals.fetch_add(1); }

// Installs the stop handlers for the lifetime of run() when it runs on the main thread; restores the old ones.
class SignalGuard
{
public:
    SignalGuard()
    {
        auto *app = QCoreApplication::instance();
        if (!app || QThread::currentThread() != app->thread())
            return;
        s_signals = 0;
        struct sigaction action = {};
        action.sa_handler = onStopSignal;
        sigemptyset(&action.sa_mask);
        m_installed = sigaction(SIGTERM, &action, &m_oldTerm) == 0 && sigaction(SIGINT, &action, &m_oldInt) == 0;
    }
    ~SignalGuard()
    {
        if (m_installed) {
            sigaction(SIGTERM, &m_oldTerm, nullptr);
            sigaction(SIGINT, &m_oldInt, nullptr);
        }
    }
    SignalGuard(const SignalGuard &) = delete;
    SignalGuard &operator=(const SignalGuard &) = delete;

private:
    bool m_installed = false;
    struct sigaction m_oldTerm = {};
    struct sigaction m_oldInt = {};
};

QString describe(const Task &task)
{
    return u"task %1 (%2)"_s.arg(task.id(), task.type());
}

double seconds(std::chrono::milliseconds ms)
{
    return double(ms.count()) / 1000.0;
}
} // namespace

WorkerCore::WorkerCore(std::unique_ptr<Channel> channel, const QString &workerName)
    : name(workerName), m_transport(std::move(channel))
{
}

WorkerCore::~WorkerCore() = default;

void WorkerCore::stop()
{
    m_stop = true;
    m_changed.notify_all();
}

bool WorkerCore::stopping()
{
    const int received = s_signals.load();
    if (received > m_signalsSeen) {
        m_signalsSeen = received;
        if (!m_stop.exchange(true))
            qCInfo(lcWorker) << "signal received: stopping (a second one skips the grace period)";
        if (received > 1 && !m_hardStop.exchange(true))
            qCWarning(lcWorker) << "second signal: releasing running tasks now";
        m_changed.notify_all();
    }
    if (m_stop && !m_graceDeadline)
        m_graceDeadline = Clock::now() + grace;
    return m_stop;
}

bool WorkerCore::sleepUnlessStopped(std::chrono::milliseconds delay)
{
    const auto deadline = Clock::now() + delay;
    while (!stopping()) {
        const auto left = deadline - Clock::now();
        if (left <= 0ms)
            return true;
        std::this_thread::sleep_for(std::min<Clock::duration>(PollInterval, left));
    }
    return false;
}

std::optional<ApiError> WorkerCore::run(int concurrency)
{
    if (handlers.empty())
        throw std::invalid_argument("taskmill: no handlers; call Worker::registerHandler() first");
    if (concurrency < 1 || concurrency > 1000)
        throw std::invalid_argument("taskmill: concurrency must be within 1..1000");
    m_stop = m_hardStop = m_abandon = false;
    m_signalsSeen = 0;
    m_graceDeadline.reset();
    SignalGuard signalGuard;

    m_transport->setCapacity(concurrency);
    bool stopped = false;
    if (auto error = registerAll(&stopped))
        return error;
    if (stopped)
        return std::nullopt;

    m_pool = std::make_unique<QThreadPool>();
    m_pool->setMaxThreadCount(concurrency);
    std::unique_ptr<QThread> heartbeats(QThread::create([self = shared_from_this()] { self->heartbeatLoop(); }));
    heartbeats->start();
    QStringList names;
    for (const auto &[handlerName, handler] : handlers)
        names << handlerName;
    qCInfo(lcWorker).noquote() << u"worker %1 serving %2 at %3 (concurrency %4, lease %5 ms)"_s
                                      .arg(name, names.join(u", "_s), m_transport->url()).arg(concurrency).arg(leaseMs);

    std::optional<ApiError> error = leaseLoop(concurrency);
    if (error) {
        // Giving up: hand back what is running instead of letting the leases expire.
        qCCritical(lcWorker).noquote() << u"worker %1 gives up: %2"_s.arg(name, error->toString());
        m_stop = true;
        m_graceDeadline = Clock::now();
    }
    shutdown();
    heartbeats->wait();
    if (!m_pool->waitForDone(PoolDrainMs)) {
        // Their tasks are released; a thread cannot be killed, so the pool is left to them (its runnables keep
        // the core alive) and run() returns so that the process can exit.
        qCWarning(lcWorker) << "handlers still running after their tasks were released; their outcomes will be dropped";
        (void)m_pool.release();
    }
    m_pool.reset();
    m_transport->close();
    qCInfo(lcWorker).noquote() << u"worker %1 stopped"_s.arg(name);
    return error;
}

std::optional<ApiError> WorkerCore::registerAll(bool *stopped)
{
    Backoff backoff;
    for (const auto &[handlerName, handler] : handlers) {
        while (true) {
            if (stopping()) {
                *stopped = true;
                return std::nullopt;
            }
            auto registered = registerHandler(*m_transport, *handler, [this] { return stopping(); });
            if (registered)
                break;
            if (!registered.error().transient())
                return registered.error();
            const auto delay = backoff.next();
            qCWarning(lcWorker).noquote() << u"cannot register handler %1 (%2); retrying in %3 s"_s
                                                 .arg(handlerName, registered.error().toString()).arg(seconds(delay), 0, 'f', 1);
            sleepUnlessStopped(delay);
        }
        backoff.reset();
    }
    return std::nullopt;
}

std::optional<ApiError> WorkerCore::leaseLoop(int concurrency)
{
    Backoff backoff;
    QJsonArray types;
    for (const auto &[handlerName, handler] : handlers)
        types.append(handlerName);
    // A poll in flight when the stop comes is waited for (what it brings is released at once) until the grace
    // period ends: breaking it off would leave the server leasing tasks to nobody, each costing an attempt.
    const auto pollCancelled = [this] { return stopping() && (m_hardStop || Clock::now() >= *m_graceDeadline); };
    while (!stopping()) {
        int free = 0;
        {
            std::unique_lock lock(m_mutex);
            while (int(m_slots.size()) >= concurrency && !stopping())
                m_changed.wait_for(lock, PollInterval);
            free = concurrency - int(m_slots.size());
        }
        if (stopping())
            return std::nullopt;
        const QJsonObject body{{u"worker"_s, name}, {u"types"_s, types}, {u"max"_s, std::min(free, MaxPerLease)},
                               {u"wait_ms"_s, waitMs}, {u"lease_ms"_s, leaseMs}};
        auto answer = m_transport->request("POST", u"/workers/lease"_s, body, waitMs + LeaseSlackMs, pollCancelled);
        if (!answer) {
            const ApiError &error = answer.error();
            if (stopping()) {
                qCInfo(lcWorker).noquote() << u"last lease poll ended without tasks: %1"_s.arg(error.toString());
                return std::nullopt;
            }
            if (!error.transient()) {
                if (error.status == 422 && error.field == u"types") {
                    // A handler deleted from the registry while we run: put it back, then lease again.
                    qCCritical(lcWorker).noquote() << u"server refused the lease types (%1); registering the handlers again"_s.arg(error.toString());
                    bool stopped = false;
                    if (auto registerError = registerAll(&stopped))
                        return registerError;
                    continue;
                }
                return error;
            }
            const auto delay = backoff.next();
            qCWarning(lcWorker).noquote() << u"lease failed (%1); retrying in %2 s (failure %3)"_s
                                                 .arg(error.toString()).arg(seconds(delay), 0, 'f', 1).arg(backoff.failures());
            sleepUnlessStopped(delay);
            continue;
        }
        if (backoff.failures())
            qCInfo(lcWorker).noquote() << u"connected to %1 again"_s.arg(m_transport->url());
        backoff.reset();
        accept(answer->toObject().value(u"items"_s).toArray(), stopping());
    }
    return std::nullopt;
}

void WorkerCore::accept(const QJsonArray &items, bool releaseAll)
{
    for (const QJsonValue &item : items) {
        auto task = Task::fromLeaseItem(item.toObject());
        if (!task) {
            // Without a lease and an id nothing can be reported; the lease expires and the task is offered again.
            qCCritical(lcWorker).noquote() << u"lease answer item is malformed: %1"_s.arg(QString::fromUtf8(QJsonDocument(item.toObject()).toJson(QJsonDocument::Compact)));
            continue;
        }
        if (releaseAll || m_stop) {
            release(*task);
            continue;
        }
        task->state().report = [weak = weak_from_this(), lease = task->lease()](int percent, const QString &message) {
            if (auto self = weak.lock())
                self->onProgress(lease, percent, message);
        };
        {
            std::lock_guard lock(m_mutex);
            auto slot = std::make_shared<Slot>(*task);
            slot->nextHeartbeat = Clock::now() + heartbeatInterval();
            m_slots[task->lease()] = std::move(slot);
        }
        qCInfo(lcWorker).noquote() << u"%1 attempt %2 leased"_s.arg(describe(*task)).arg(task->attempt());
        m_pool->start([self = shared_from_this(), leased = *task] { self->execute(leased); });
    }
}

void WorkerCore::execute(const Task &task)
{
    report(task, runHandler(task));
}

WorkerCore::Outcome WorkerCore::runHandler(const Task &task)
{
    const auto found = handlers.find(task.type());
    if (found == handlers.end()) // the server offers only the types we asked for; this guards the report anyway
        return {false, {}, u"worker %1 has no handler for type %2"_s.arg(name, task.type()), false};
    try {
        HandlerResult result = found->second->process(task);
        if (result.succeeded)
            return {true, result.result.isUndefined() ? QJsonValue() : result.result, {}, false};
        qCWarning(lcWorker).noquote() << u"%1 attempt %2 failed%3: %4"_s.arg(describe(task)).arg(task.attempt())
                                             .arg(result.permanent ? u" permanently"_s : QString(), result.error);
        return {false, {}, result.error.isEmpty() ? u"handler failed"_s : result.error, !result.permanent};
    } catch (const PermanentError &e) {
        qCWarning(lcWorker).noquote() << u"%1 attempt %2 failed permanently: %3"_s.arg(describe(task)).arg(task.attempt()).arg(QString::fromStdString(e.what()));
        return {false, {}, QString::fromStdString(e.what()), false};
    } catch (const std::exception &e) {
        // After a lost lease the handler most likely gave up on purpose; the outcome is dropped anyway.
        qCWarning(lcWorker).noquote() << u"%1 attempt %2 %3: %4"_s.arg(describe(task)).arg(task.attempt())
                                             .arg(task.leaseLost() ? u"ended after its lease was lost"_s : u"failed"_s, QString::fromStdString(e.what()));
        return {false, {}, QString::fromStdString(e.what()), true};
    } catch (...) {
        qCWarning(lcWorker).noquote() << u"%1 attempt %2 failed with an unknown exception"_s.arg(describe(task)).arg(task.attempt());
        return {false, {}, u"unknown exception"_s, true};
    }
}

QString WorkerCore::leasePath(const Task &task, const QString &action) const
{
    return u"/leases/"_s + Transport::segment(task.lease()) + u'/' + action;
}

void WorkerCore::report(const Task &task, Outcome outcome)
{
    {
        std::lock_guard lock(m_mutex);
        const auto found = m_slots.find(task.lease());
        if (found == m_slots.end() || found->second->state != SlotState::Running) {
            const QString state = found != m_slots.end() && found->second->state == SlotState::Lost ? u"lost"_s : u"released"_s;
            qCWarning(lcWorker).noquote() << u"%1 finished after its lease was %2; outcome dropped (another attempt owns it)"_s.arg(describe(task), state);
            if (found != m_slots.end())
                m_slots.erase(found);
            m_changed.notify_all();
            return;
        }
        found->second->state = SlotState::Reporting;
    }
    Backoff backoff(200ms, 5000ms);
    while (true) {
        const QString action = outcome.complete ? u"complete"_s : u"fail"_s;
        const QJsonObject body = outcome.complete
                                     ? QJsonObject{{u"result"_s, outcome.result}}
                                     : QJsonObject{{u"error"_s, outcome.error.left(ErrorMax)}, {u"retry"_s, outcome.retry}};
        auto answer = m_transport->request("POST", leasePath(task, action), body);
        if (answer) {
            const QJsonObject o = answer->toObject();
            qCInfo(lcWorker).noquote() << u"%1 attempt %2 %3%4"_s.arg(describe(task)).arg(task.attempt())
                                              .arg(outcome.complete ? u"completed"_s : u"failed: "_s + o.value(u"status"_s).toString(),
                                                   o.value(u"dead_lettered"_s).toBool() ? u" (dead-lettered)"_s : QString());
            break;
        }
        const ApiError &error = answer.error();
        if (error.leaseLost()) {
            qCWarning(lcWorker).noquote() << u"%1: lease lost before the %2 was recorded (expired or reclaimed); outcome dropped"_s.arg(describe(task), action);
            break;
        }
        if (!error.transient()) {
            if (outcome.complete) {
                // The server refused the result itself (too large, …): fail the attempt for good rather than let
                // the lease expire and run the same handler again.
                qCCritical(lcWorker).noquote() << u"%1: result refused (%2); failing the attempt"_s.arg(describe(task), error.toString());
                outcome = {false, {}, u"result refused by the server: "_s + error.message, false};
                continue;
            }
            qCCritical(lcWorker).noquote() << u"%1: fail refused (%2); the lease will expire and the server will retry"_s.arg(describe(task), error.toString());
            break;
        }
        if (m_abandon) {
            qCCritical(lcWorker).noquote() << u"%1: %2 not reported before exit (%3); the lease will expire"_s.arg(describe(task), action, error.toString());
            break;
        }
        const auto delay = backoff.next();
        // The heartbeat thread keeps the lease alive meanwhile; if it cannot either, the lease expires and the
        // next try answers lease_lost.
        qCWarning(lcWorker).noquote() << u"%1: cannot report %2 (%3); retrying in %4 s"_s.arg(describe(task), action, error.toString()).arg(seconds(delay), 0, 'f', 1);
        std::unique_lock lock(m_mutex);
        m_changed.wait_for(lock, delay, [this] { return m_abandon.load(); });
    }
    finish(task);
}

void WorkerCore::finish(const Task &task)
{
    std::lock_guard lock(m_mutex);
    m_slots.erase(task.lease());
    m_changed.notify_all();
}

void WorkerCore::release(const Task &task)
{
    auto answer = m_transport->request("POST", leasePath(task, u"release"_s));
    if (answer)
        qCInfo(lcWorker).noquote() << u"%1 released: offered to another worker"_s.arg(describe(task));
    else if (answer.error().leaseLost())
        qCWarning(lcWorker).noquote() << u"%1: lease already lost at release"_s.arg(describe(task));
    else
        qCCritical(lcWorker).noquote() << u"%1: cannot release (%2); the lease will expire and the server will offer it again"_s.arg(describe(task), answer.error().toString());
}

void WorkerCore::onProgress(const QString &lease, int percent, const QString &message)
{
    bool urgent = false;
    {
        std::lock_guard lock(m_mutex);
        const auto found = m_slots.find(lease);
        if (found == m_slots.end() || found->second->state != SlotState::Running)
            return;
        found->second->progress = Progress{percent, message};
        urgent = Clock::now() - found->second->progressSentAt >= ProgressInterval;
        if (urgent)
            m_heartbeatDue = true;
    }
    if (urgent)
        m_heartbeatWake.notify_all();
}

void WorkerCore::heartbeatLoop()
{
    // Runs until the shutdown is over (not merely until the stop): leases in their grace period need it.
    while (!(m_stop && m_abandon)) {
        std::vector<std::shared_ptr<Slot>> due;
        {
            std::lock_guard lock(m_mutex);
            const auto now = Clock::now();
            // A reporting slot is extended only when due (its report may be retried for a while); progress then
            // is moot, and a heartbeat racing the complete would only answer lease_lost.
            for (const auto &[lease, slot] : m_slots) {
                const bool live = slot->state == SlotState::Running || slot->state == SlotState::Reporting;
                if ((live && slot->nextHeartbeat <= now)
                    || (slot->state == SlotState::Running && slot->progress && now - slot->progressSentAt >= ProgressInterval))
                    due.push_back(slot);
            }
        }
        for (const auto &slot : due)
            heartbeat(slot);
        std::unique_lock lock(m_mutex);
        m_heartbeatWake.wait_for(lock, PollInterval, [this] { return m_heartbeatDue || (m_stop && m_abandon); });
        m_heartbeatDue = false;
    }
}

void WorkerCore::heartbeat(const std::shared_ptr<Slot> &slot)
{
    const Task &task = slot->task;
    std::optional<Progress> progress;
    {
        std::lock_guard lock(m_mutex);
        progress = slot->progress;
    }
    std::optional<QJsonObject> body;
    if (progress) {
        body = QJsonObject{{u"progress"_s, progress->percent}};
        if (!progress->message.isEmpty())
            body->insert(u"message"_s, progress->message.left(MessageMax));
    }
    const auto sentAt = Clock::now();
    auto answer = m_transport->request("POST", leasePath(task, u"heartbeat"_s), body);
    std::lock_guard lock(m_mutex);
    if (answer) {
        slot->nextHeartbeat = sentAt + heartbeatInterval();
        if (progress) {
            slot->progressSentAt = sentAt;
            if (slot->progress == progress)
                slot->progress.reset();
        }
        return;
    }
    const ApiError &error = answer.error();
    if (error.leaseLost()) {
        slot->nextHeartbeat = Clock::time_point::max(); // nothing left to extend
        slot->progress.reset();
        if (slot->state == SlotState::Running) {
            slot->state = SlotState::Lost;
            task.state().lost = true;
            qCWarning(lcWorker).noquote() << u"%1 attempt %2: lease lost (expired or reclaimed); its outcome will be dropped"_s.arg(describe(task)).arg(task.attempt());
        }
        // Otherwise the outcome is being reported: that report says whether it landed.
        return;
    }
    if (error.transient()) {
        qCWarning(lcWorker).noquote() << u"%1: heartbeat failed (%2)"_s.arg(describe(task), error.toString());
        slot->nextHeartbeat = sentAt + std::min<std::chrono::milliseconds>(HeartbeatRetry, heartbeatInterval());
        return;
    }
    qCCritical(lcWorker).noquote() << u"%1: heartbeat refused (%2)"_s.arg(describe(task), error.toString());
    slot->progress.reset(); // a refused progress value would be refused again
    slot->nextHeartbeat = sentAt + heartbeatInterval();
}

void WorkerCore::shutdown()
{
    stopping(); // sets the grace deadline if the stop came from stop() while a request was in flight
    {
        std::lock_guard lock(m_mutex);
        qCInfo(lcWorker).noquote() << u"stopping: %1 task(s) running, up to %2 s to finish"_s
                                          .arg(m_slots.size()).arg(std::max(0.0, seconds(std::chrono::duration_cast<std::chrono::milliseconds>(*m_graceDeadline - Clock::now()))), 0, 'f', 1);
    }
    while (Clock::now() < *m_graceDeadline && !(stopping() && m_hardStop)) {
        std::unique_lock lock(m_mutex);
        if (m_slots.empty())
            break;
        m_changed.wait_for(lock, PollInterval);
    }
    std::vector<std::shared_ptr<Slot>> toRelease;
    {
        std::lock_guard lock(m_mutex);
        for (const auto &[lease, slot] : m_slots) {
            if (slot->state == SlotState::Running) {
                slot->state = SlotState::Released;
                slot->task.state().lost = true; // tells a handler that checks leaseLost() to give up
                toRelease.push_back(slot);
            }
        }
    }
    for (const auto &slot : toRelease) {
        qCWarning(lcWorker).noquote() << u"%1 still running after the grace period"_s.arg(describe(slot->task));
        release(slot->task);
    }
    std::unique_lock lock(m_mutex);
    // Released slots stay in the table until their handler returns (report() drops them): that keeps a late
    // outcome from being sent. Only reports in flight are waited for here.
    m_changed.wait_for(lock, ReportTail, [this] {
        for (const auto &[lease, slot] : m_slots)
            if (slot->state == SlotState::Reporting)
                return false;
        return true;
    });
    m_abandon = true;
    m_heartbeatDue = true;
    m_changed.notify_all();
    m_heartbeatWake.notify_all();
}

} // namespace taskmill::sdk::detail
