// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "api/ApiContext.h"
#include "api/HttpReply.h"
#include "api/RouteRegistry.h"
#include "service/LeaseService.h"

#include <QObject>

class QHttpServerRequest;
class QHttpServerResponder;

namespace taskmill {

// The lease protocol of external workers (docs/workers.md; logic in service/LeaseService):
//   POST /api/v1/workers/lease {worker, types, max, wait_ms, lease_ms} → {"items": [leased task…]}, long-polling
//   POST /api/v1/leases/{lease}/heartbeat {progress?, message?} → {"lease_expires_at"}
//   POST /api/v1/leases/{lease}/complete {result} → {"id", "status"}
//   POST /api/v1/leases/{lease}/fail {error, retry} → {"id", "status", "dead_lettered"}
//   POST /api/v1/leases/{lease}/release → {"id", "status"}
// A lease that is no longer held answers 409 lease_lost and writes nothing; a malformed one 404.
class LeaseHandler final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LeaseHandler)
public:
    LeaseHandler(ApiContext &context, QObject *parent = nullptr);
    void registerRoutes(RouteRegistry &server);

    static constexpr int WaitMsMax = 60'000;
    static constexpr int LeaseMsMin = 1'000;
    static constexpr int LeaseMsMax = 3'600'000;
    static constexpr int MaxPerLease = 100;
    static constexpr int TypesMax = 50;
    static constexpr int WorkerNameMax = 200;
    static constexpr int MessageMax = 1'000;
    static constexpr int ErrorMax = 10'000;

    // The request parsing both transports use (REST here, WorkerService's stream in api/grpc): every error names
    // its field. A lease request {worker, types, max, wait_ms, lease_ms}:
    static Result<LeaseRequest> parseLeaseRequest(const QJsonObject &body);
    // What a worker reports on a lease: heartbeat {progress?, message?}, complete {result}, fail {error, retry},
    // release {}.
    struct Report
    {
        std::optional<int> progress;
        std::optional<QString> message;
        QString error;
        bool retry = true;
        QJsonValue result;
    };
    static Result<Report> parseReport(const QString &action, const QJsonObject &body);

private:
    void lease(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    void onLease(const QString &lease, const QString &action, const QHttpServerRequest &request, QHttpServerResponder &&responder);

    ApiContext &m_ctx;
};

} // namespace taskmill
