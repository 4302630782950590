// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "Channel.h"
#include "taskmill_sdk/ApiError.h"

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QUrl>

#include <functional>
#include <optional>

namespace taskmill::sdk::detail {

// The one place that knows URLs, verbs, JSON and the token; Client and Worker call it. Blocking: each request
// runs a QNetworkAccessManager of its own in a local event loop on the calling thread, so any thread may call
// it at once (a long poll never holds up a heartbeat) and an aborted request cannot poison a pooled one.
class Transport final : public Channel
{
public:
    static constexpr int DefaultTimeoutMs = 30000;

    // Throws std::invalid_argument when `server` is not an http(s) URL.
    Transport(const QUrl &server, const QString &token, int timeoutMs = DefaultTimeoutMs);

    // Sends `body` (as JSON when given) to /api/v1 + `path` (segments already percent-encoded) and returns the
    // decoded answer (Null for an empty one). `cancelled` is asked every few hundredths of a second: true
    // breaks the request off (an ApiError with status 0).
    Result<QJsonValue> request(const QByteArray &method, const QString &path,
                               const std::optional<QJsonObject> &body = std::nullopt, int timeoutMs = 0,
                               const std::function<bool()> &cancelled = {}) const override;
    // The same with headers of the caller's (Idempotency-Key on a create).
    using Headers = QList<QPair<QByteArray, QByteArray>>;
    Result<QJsonValue> request(const QByteArray &method, const QString &path, const QJsonObject &body,
                               const Headers &headers) const;

    QString url() const override { return m_base; }
    // A path segment: leases are opaque strings and may hold characters that are special in a URL.
    static QString segment(const QString &text);

private:
    Result<QJsonValue> send(const QByteArray &method, const QString &path, const std::optional<QJsonObject> &body,
                            int timeoutMs, const std::function<bool()> &cancelled, const Headers &headers) const;

    QString m_base; // scheme://host:port/prefix, fully encoded, no trailing slash
    QByteArray m_authorization;
    int m_timeoutMs;
};

} // namespace taskmill::sdk::detail
