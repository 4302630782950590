// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

// For app tests that need the real server: a private PostgreSQL and Redis (TestServers) and a taskmilld
// api process on them (BackendProcess), reached without credentials from loopback as the local admin
// (TASKMILL_AUTH_LOCAL_ANONYMOUS, set by taskmill_add_test), plus a way to wait on BackendClient futures.
#include "client/BackendClient.h"
#include "support/BackendProcess.h"
#include "support/TestHttp.h"
#include "support/TestServers.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QNetworkAccessManager>
#include <QTest>

#include <memory>

namespace taskmill::test {

struct RealBackend
{
    TestServers servers;
    BackendProcess backend;
    TestHttp http; // no credentials: the local admin
    QNetworkAccessManager network;

    // Verifies as it goes: check QTest::currentTestFailed() after it. `extraArgs` go to taskmilld
    // (e.g. --set auth.registration=invite).
    void start(const QStringList &extraArgs = {})
    {
        auto started = servers.start();
        QVERIFY2(started, qPrintable(started ? QString() : started.error().message));
        auto up = backend.start(QStringList{QStringLiteral("--postgres"), servers.postgresUrl(), QStringLiteral("--redis"),
                                            servers.redisUrl(), QStringLiteral("-a"), QStringLiteral("127.0.0.1:0"),
                                            QStringLiteral("--role"), QStringLiteral("api")}
                                + extraArgs);
        QVERIFY2(up, qPrintable(up ? QString() : up.error().message));
        http.setBaseUrl(backend.baseUrl());
    }

    // A client of the server; `user` is who its audited actions name (X-Taskmill-Actor).
    std::unique_ptr<BackendClient> client(const QString &user = QStringLiteral("tester"))
    {
        ConnectionProfile profile(QStringLiteral("test"), backend.baseUrl(), ConnectionProfile::Kind::Remote);
        profile.user = user;
        return std::make_unique<BackendClient>(network, profile);
    }
};

// Spins the event loop until the future finishes; one still running after `timeoutMs` is an error value.
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

} // namespace taskmill::test
