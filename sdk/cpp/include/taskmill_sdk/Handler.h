// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "taskmill_sdk/Task.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <stdexcept>
#include <string>

namespace taskmill::sdk {

// Thrown by a handler when retrying cannot help (a payload it can never process): the attempt fails with
// `retry: false` and the task is dead-lettered at once. Any other std::exception fails the attempt with its
// what() and `retry: true`, so the server retries while attempts are left.
class PermanentError : public std::runtime_error
{
public:
    explicit PermanentError(const QString &message) : std::runtime_error(message.toStdString()) {}
    explicit PermanentError(const std::string &message) : std::runtime_error(message) {}
};

// What a handler returns: a JSON result (the task completes with it), or an error; `permanent` fails the task
// for good like PermanentError, otherwise the server retries while attempts are left. Returning a failure and
// throwing are equivalent; use whichever reads better.
struct HandlerResult
{
    bool succeeded = true;
    QJsonValue result;
    QString error;
    bool permanent = false;

    static HandlerResult success(const QJsonValue &value = QJsonValue()) { return {true, value, {}, false}; }
    static HandlerResult failure(const QString &message, bool permanent = false) { return {false, {}, message, permanent}; }
};

// Serves one task type (an external handler in the server's registry). process() runs on one of the worker's
// pool threads, possibly for several tasks at once: keep it reentrant, and idempotent (delivery is at least
// once).
class Handler
{
public:
    virtual ~Handler() = default;

    // The task type, [a-z0-9][a-z0-9_.-]{0,63}; must not be one of the server's built-in handlers.
    virtual QString name() const = 0;
    // JSON Schema that payloads are checked against on create. Empty: leave the server's schema alone.
    virtual QJsonObject schema() const { return {}; }
    // Empty: leave the server's description alone.
    virtual QString description() const { return {}; }
    // Registry fields sent only when the worker creates the handler (default_priority, max_attempts,
    // retry_policy, timeout_ms, concurrency): operators tune them later and a restart must not undo that.
    virtual QJsonObject defaults() const { return {}; }

    virtual HandlerResult process(const Task &task) = 0;
};

} // namespace taskmill::sdk
