// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

// Shared by the end-to-end tests: waiting on BackendClient futures and on task states of a real backend.
#include "client/BackendClient.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QHostAddress>
#include <QTcpServer>
#include <QTest>

#include <functional>

namespace taskmill::e2e {

constexpr int StartTimeoutMs = 90'000;
constexpr int TaskTimeoutMs = 30'000;

// Spins the event loop until the future finishes; a future still running after `timeoutMs` is a test failure
// reported as an error value, so the caller's QVERIFY prints it.
template<typename T>
Result<T> await(QFuture<Result<T>> future, int timeoutMs = 15'000)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!future.isFinished() && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    if (!future.isFinished())
        return ApiError::internal(QStringLiteral("test: no answer within %1 ms").arg(timeoutMs));
    return future.result();
}

inline quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

// Polls the task until `done` holds or the time runs out; returns the last state seen.
inline Result<Task> pollTask(BackendClient &client, const QUuid &id, const std::function<bool(const Task &)> &done,
                             int pollMs = 100)
{
    QDeadlineTimer deadline(TaskTimeoutMs);
    Result<Task> task = ApiError::internal(QStringLiteral("test: never polled"));
    while (!deadline.hasExpired()) {
        task = await(client.getTask(id));
        if (task && done(*task))
            break;
        QTest::qWait(pollMs);
    }
    return task;
}

} // namespace taskmill::e2e
