// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "taskmill_sdk/Worker.h"

#include "Registration.h"
#include "WorkerCore.h"

#include <QCoreApplication>
#include <QSysInfo>

#include <stdexcept>

using namespace Qt::StringLiterals;

namespace taskmill::sdk {

namespace {
// Bounds the server checks (docs/workers.md, POST /api/v1/workers/lease).
constexpr int LeaseMsMin = 1000;
constexpr int LeaseMsMax = 3600000;
constexpr int WaitMsMax = 60000;
constexpr int WorkerNameMax = 200;
} // namespace

Worker::Worker(const QUrl &server, const QString &workerName, const QString &token)
{
    // host-pid: unique per process, and says where to look when a task hangs.
    const QString name = workerName.isEmpty()
                             ? QSysInfo::machineHostName() + u'-' + QString::number(QCoreApplication::applicationPid())
                             : workerName;
    if (name.size() > WorkerNameMax)
        throw std::invalid_argument("taskmill: the worker name must be 1 to 200 characters");
    m_core = std::make_shared<detail::WorkerCore>(server, name, token);
}

Worker::~Worker() = default;

void Worker::setLeaseMs(int leaseMs)
{
    if (leaseMs < LeaseMsMin || leaseMs > LeaseMsMax)
        throw std::invalid_argument("taskmill: leaseMs must be within 1000..3600000");
    m_core->leaseMs = leaseMs;
}

void Worker::setWaitMs(int waitMs)
{
    if (waitMs < 0 || waitMs > WaitMsMax)
        throw std::invalid_argument("taskmill: waitMs must be within 0..60000");
    m_core->waitMs = waitMs;
}

void Worker::setGracePeriod(std::chrono::milliseconds grace)
{
    m_core->grace = std::max(grace, std::chrono::milliseconds(0));
}

QString Worker::name() const
{
    return m_core->name;
}

void Worker::registerHandler(std::shared_ptr<Handler> handler)
{
    if (!handler)
        throw std::invalid_argument("taskmill: registerHandler() needs a handler");
    const QString name = handler->name();
    if (!detail::isValidHandlerName(name))
        throw std::invalid_argument("taskmill: handler name '" + name.toStdString() + "' must match [a-z0-9][a-z0-9_.-]{0,63}");
    if (!m_core->handlers.emplace(name, std::move(handler)).second)
        throw std::invalid_argument("taskmill: a handler named '" + name.toStdString() + "' is already registered");
}

std::optional<ApiError> Worker::run(int concurrency)
{
    return m_core->run(concurrency);
}

void Worker::stop()
{
    m_core->stop();
}

} // namespace taskmill::sdk
