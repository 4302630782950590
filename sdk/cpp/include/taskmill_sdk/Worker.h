// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "taskmill_sdk/ApiError.h"
#include "taskmill_sdk/Handler.h"

#include <QString>
#include <QUrl>

#include <chrono>
#include <memory>
#include <optional>

namespace taskmill::sdk {

namespace detail {
class WorkerCore;
}

// The gRPC transport's settings (Worker::useGrpc).
struct GrpcOptions
{
    bool tls = false;          // TLS to the server (its api.tls_cert); off: plaintext, for loopback or a private net
    QString rootCertificates;  // PEM of the CAs to trust with tls; empty: the system's
};

// Serves registered handlers until stop() or SIGTERM/SIGINT (docs/workers.md, "C++ SDK"): registers them with
// the server, long-polls for leases with max = free slots, runs process() on a pool of `concurrency` threads,
// heartbeats every running lease every leaseMs/3 and reports each outcome. Network errors and 5xx answers are
// retried with capped (30 s), jittered exponential backoff; a lease_lost answer drops the task with a warning.
//
// A QCoreApplication must exist (the HTTP client needs one); run() blocks the calling thread, which needs no
// running event loop of its own. Logging goes to the category "taskmill.sdk.worker".
class Worker final
{
public:
    // `workerName` defaults to host-pid; `token` is sent as `Authorization: Bearer` when not empty.
    explicit Worker(const QUrl &server, const QString &workerName = {}, const QString &token = {});
    ~Worker();
    Worker(const Worker &) = delete;
    Worker &operator=(const Worker &) = delete;

    // How long a lease lasts without a heartbeat, 1000–3600000 ms (default 30000).
    void setLeaseMs(int leaseMs);
    // How long one lease poll waits for work, 0–60000 ms (default 20000).
    void setWaitMs(int waitMs);
    // How long running tasks may finish after a stop before they are released (default 10 s).
    void setGracePeriod(std::chrono::milliseconds grace);
    QString name() const;

    // Speaks gRPC instead of REST (docs/workers.md, "gRPC"): the handlers are registered through HandlerService and
    // tasks arrive over one WorkerService.Work stream to `target` ("host:50051", taskmilld's grpc.listen), pushed
    // by the server as they become ready instead of long-polled; heartbeats and results go up the same stream.
    // The token (if any) goes in the `authorization` metadata. Everything else (concurrency, grace, backoff,
    // signals) is the same. Call before run(). Throws std::runtime_error when the SDK was built without gRPC
    // (then TASKMILL_SDK_HAS_GRPC is not defined).
    void useGrpc(const QString &target, const GrpcOptions &options = {});

    // Adds a handler, registered with the server when run() starts. Throws std::invalid_argument for an
    // invalid or duplicate name (a programming error).
    void registerHandler(std::shared_ptr<Handler> handler);

    // Registers the handlers, then leases and runs tasks until stopped. Installs SIGTERM/SIGINT handlers when
    // called on the main thread (a second signal skips the rest of the grace period). On stop: no new leases;
    // running tasks get the grace period to finish and report; the rest is released (no attempt used) and run()
    // returns. Returns nullopt after a stop, or the error that made the worker give up: a 401/403, an invalid
    // schema, or a built-in handler name (code "builtin_handler"). Throws std::invalid_argument for no handlers
    // or a concurrency outside 1..1000.
    std::optional<ApiError> run(int concurrency = 4);
    // Stops run() as described there. Thread-safe; returns at once.
    void stop();

private:
    std::shared_ptr<detail::WorkerCore> m_core;
    QString m_token;
};

} // namespace taskmill::sdk
