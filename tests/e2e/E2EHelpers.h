// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

// Shared by the end-to-end tests: waiting on BackendClient futures and on task states of a real backend.
#include "client/BackendClient.h"
#include "client/LocalBackend.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QFile>
#include <QHostAddress>
#include <QNetworkAccessManager>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <memory>

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

// Starts `program` (taskmilld) through LocalBackend on a free loopback port with its data in `dataDir`, as
// `taskmill --local` does, and connects `client` to it. Verifies as it goes: check QTest::currentTestFailed().
inline void startLocalBackend(const QString &program, const QTemporaryDir &dataDir, QNetworkAccessManager &network,
                              std::unique_ptr<LocalBackend> &backend, std::unique_ptr<BackendClient> &client)
{
    QVERIFY(dataDir.isValid());
    // taskmilld may run its private PostgreSQL as another account (as root: postgres), which must reach the dir.
    QFile::setPermissions(dataDir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup
                                              | QFile::ExeGroup | QFile::ReadOther | QFile::ExeOther);
    const QUrl url(QStringLiteral("http://127.0.0.1:%1").arg(freePort()));
    backend = std::make_unique<LocalBackend>();
    backend->setProgram(program);
    backend->setDataDir(dataDir.path());
    QVERIFY(backend->start(url));
    client = std::make_unique<BackendClient>(network,
                                             ConnectionProfile{QStringLiteral("e2e"), url, ConnectionProfile::Kind::Local});
    client->setProbeInterval(250);
    client->connectToBackend();
    QTRY_VERIFY2_WITH_TIMEOUT(client->connectionState() == BackendClient::ConnectionState::Connected
                                  || !backend->isRunning(),
                              qPrintable(backend->logLines().join(u'\n')), StartTimeoutMs);
    QVERIFY2(backend->isRunning(), qPrintable(backend->logLines().join(u'\n')));
}

} // namespace taskmill::e2e
