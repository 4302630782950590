// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "taskmill_sdk/ApiError.h"

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <functional>
#include <optional>

namespace taskmill::sdk::detail {

// How the worker engine (WorkerCore) talks to taskmilld, in the REST API's terms: a verb, a path under /api/v1 and
// a JSON body, answered with JSON or an ApiError with the HTTP status. Transport sends them over HTTP; GrpcChannel
// carries the same calls over gRPC (HandlerService, and one WorkerService.Work stream for the lease calls), so
// both transports share one engine: slots, heartbeats, grace period, backoff.
class Channel
{
public:
    virtual ~Channel() = default;
    virtual Result<QJsonValue> request(const QByteArray &method, const QString &path,
                                       const std::optional<QJsonObject> &body = std::nullopt, int timeoutMs = 0,
                                       const std::function<bool()> &cancelled = {}) const = 0;
    // Where it talks to, for logs.
    virtual QString url() const = 0;
    // How many tasks the worker runs at once (a stream announces it once; REST asks per poll).
    virtual void setCapacity(int capacity) { (void)capacity; }
    // The worker stopped: a stream says goodbye.
    virtual void close() {}
};

} // namespace taskmill::sdk::detail
