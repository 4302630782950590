// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "model/RetryPolicy.h"
#include "model/Task.h"
#include "wire/Result.h"

#include <QDateTime>
#include <QJsonObject>

#include <optional>

namespace taskmill {

enum class HandlerKind { Builtin, External };
QString toString(HandlerKind k);

// One entry of the handler registry (docs/handlers.md; seed 004 calls them executors): a task type, the
// JSON Schema (draft-07) its payloads must match, the defaults a create that names none takes, and limits.
struct HandlerSpec
{
    QString name;                   // [a-z0-9][a-z0-9_.-]{0,63}
    QString description;
    HandlerKind kind = HandlerKind::External;
    QJsonObject schema;             // {} accepts every payload
    Priority defaultPriority = Priority::Medium;
    int maxAttempts = 3;
    std::optional<RetryPolicy> retryPolicy; // unset: the server's retry.* defaults
    int timeoutMs = 0;              // 0: no limit
    int concurrency = 0;            // most running at once across all executors and workers; 0: unlimited
    bool enabled = true;
    int version = 0;                // bumped by every change; a PUT naming a stale one is refused (409)
    QDateTime createdAt, updatedAt;

    // Read-only, in answers: the handler's tasks by state (queued = NEW, PENDING, POSTPONED, RETRY_WAITING).
    qint64 queued = 0, running = 0, failed = 0;
    // Read-only: live processes serving it (executors for a built-in handler, leasing workers for an external one).
    qint64 workers = 0;

    QJsonObject toJson() const;
    static Result<HandlerSpec> fromJson(const QJsonObject &o); // the app's side: trusts the server
};

namespace limits {
inline constexpr int HandlerDescriptionMax = 2000;
inline constexpr int HandlerTimeoutMsMax = 86'400'000;
inline constexpr int HandlerConcurrencyMax = 100'000;
inline constexpr int HandlerSchemaBytesMax = 64 * 1024;
} // namespace limits

bool isValidHandlerName(const QString &name); // [a-z0-9][a-z0-9_.-]{0,63}

// A POST or PUT body. `existing` is the stored handler for a PUT (fields the body omits keep their value;
// its kind cannot change; `version` is the one the body names, or -1 when it names none); nullopt for a POST, where omitted fields take their defaults. The name comes from
// the body (POST) or the path (PUT; a body naming another is refused). The schema is checked to be a
// draft-07 schema valijson can compile. Every error names its field.
Result<HandlerSpec> parseHandlerBody(const QJsonObject &body, const std::optional<HandlerSpec> &existing,
                                     const QString &pathName = {});

} // namespace taskmill
