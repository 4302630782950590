// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include <QJsonArray>
#include <QString>

#include <utility>
#include <variant>

namespace taskmill::sdk {

// Why a call to taskmilld did not succeed. `status` is the HTTP status, or 0 when no answer arrived (the
// server unreachable, the connection broken, a timeout: `code` "transport_error" or "timeout"; whether a write
// took effect is then unknown). `code` is the server's error code ("validation_failed", "not_found",
// "lease_lost", …), `field` the request field it named, `details` the {"path", "message"} list of a failed
// schema check. A body that is not a taskmilld error (a proxy's page) gives code "http_<status>".
struct ApiError
{
    int status = 0;
    QString code;
    QString message;
    QString field;
    QJsonArray details;

    static ApiError transport(const QString &message) { return {0, QStringLiteral("transport_error"), message, {}, {}}; }
    static ApiError fromResponse(int status, const QByteArray &body);

    // The lease expired or was reclaimed: nothing was written and the task is someone else's now.
    bool leaseLost() const { return status == 409 && code == QLatin1String("lease_lost"); }
    // Worth retrying with backoff: no answer, overload, a restart, a proxy's 502. A 4xx means the request is wrong.
    bool transient() const { return status == 0 || status >= 500 || status == 429 || code.startsWith(QLatin1String("http_")); }
    QString toString() const;
};

// The value of a successful call or the ApiError that prevented it (std::expected is C++23).
template <typename T>
class Result
{
public:
    Result(T value) : m_value(std::move(value)) {}
    Result(ApiError error) : m_value(std::move(error)) {}

    bool ok() const { return m_value.index() == 0; }
    explicit operator bool() const { return ok(); }
    const T &value() const { return std::get<0>(m_value); }
    const T &operator*() const { return value(); }
    const T *operator->() const { return &value(); }
    const ApiError &error() const { return std::get<1>(m_value); }

private:
    std::variant<T, ApiError> m_value;
};

} // namespace taskmill::sdk
