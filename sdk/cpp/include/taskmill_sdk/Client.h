// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "taskmill_sdk/ApiError.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QUrl>

#include <memory>

namespace taskmill::sdk {

namespace detail {
class Transport;
}

// A thin synchronous client of taskmilld's task routes, for producers (a web app, a script, a test). Each call
// blocks the calling thread until the answer (a QCoreApplication must exist). Errors come back as ApiError:
// a payload failing the handler's schema is status 422, code "validation_failed", field "payload", `details`
// listing each violation; no answer is status 0. Thread-safe: every call opens its own connection.
class Client final
{
public:
    explicit Client(const QUrl &server, const QString &token = {});
    ~Client();
    Client(const Client &) = delete;
    Client &operator=(const Client &) = delete;

    // Creates a task and returns it (id, status, …). `priority` LOW, MEDIUM or HIGH (empty: the handler's
    // default); `runAt` invalid: now; `fields` any other field of POST /api/v1/tasks (title, max_attempts,
    // retry_policy, …). `idempotencyKey` (1..255 visible ASCII characters) makes the call safe to repeat after a
    // transport error or a 503: the same key and arguments answer the first call's task; the same key with other
    // arguments is a 422 naming "Idempotency-Key" (docs/api.md, "Idempotent creates").
    Result<QJsonObject> create(const QString &type, const QJsonObject &payload = {}, const QString &priority = {},
                               const QDateTime &runAt = {}, const QJsonObject &fields = {},
                               const QString &idempotencyKey = {}) const;
    // The task with every field (status, result, error, attempts, …); 404 not_found when unknown.
    Result<QJsonObject> get(const QString &id) const;
    // Polls every `pollMs` until the task is COMPLETED, FAILED or CANCELLED and returns it; after `timeoutMs`
    // an ApiError with code "timeout" naming the last status seen.
    Result<QJsonObject> wait(const QString &id, int timeoutMs = 30000, int pollMs = 200) const;

private:
    std::unique_ptr<detail::Transport> m_transport;
};

} // namespace taskmill::sdk
