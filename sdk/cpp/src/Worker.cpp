// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "taskmill_sdk/Worker.h"

#include "Registration.h"
#include "Transport.h"
#include "WorkerCore.h"
#ifdef TASKMILL_SDK_HAS_GRPC
#include "GrpcChannel.h"
#endif

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
    m_core = std::make_shared<detail::WorkerCore>(std::make_unique<detail::Transport>(server, token), name);
    m_token = token;
}

void Worker::useGrpc(const QString &target, const GrpcOptions &options)
{
#ifdef TASKMILL_SDK_HAS_GRPC
    if (target.isEmpty())
        throw std::invalid_argument("taskmill: useGrpc() needs a target, e.g. 127.0.0.1:50051");
    m_core->setChannel(std::make_unique<detail::GrpcChannel>(target, m_token, options));
#else
    (void)target;
    (void)options;
    throw std::runtime_error("taskmill: this build of the SDK has no gRPC transport (built without gRPC++)");
#endif
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
