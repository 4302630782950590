// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "model/RetryPolicy.h"

#include <QRandomGenerator>

#include <algorithm>
#include <cmath>

namespace taskmill {

QString toString(RetryPolicy::Strategy s)
{
    switch (s) {
    case RetryPolicy::Strategy::Constant: return QStringLiteral("constant");
    case RetryPolicy::Strategy::Linear: return QStringLiteral("linear");
    case RetryPolicy::Strategy::Exponential: return QStringLiteral("exponential");
    }
    return {};
}

qint64 RetryPolicy::delayMs(int failedAttempt, double r) const
{
    const int n = std::max(1, failedAttempt);
    double raw = double(baseMs);
    switch (strategy) {
    case Strategy::Constant: break;
    case Strategy::Linear: raw = double(baseMs) * n; break;
    // The cap below bounds the result; the exponent is capped so 2^(n-1) stays finite (0 * inf would be NaN).
    case Strategy::Exponential: raw = double(baseMs) * std::pow(2.0, std::min(n - 1, 1023)); break;
    }
    const double capped = std::min(raw, double(maxMs));
    const double jittered = capped * (1.0 - std::clamp(jitter, 0.0, 1.0) * std::clamp(r, 0.0, 1.0));
    return qint64(std::floor(jittered));
}

qint64 RetryPolicy::delayMs(int failedAttempt) const
{
    return delayMs(failedAttempt, QRandomGenerator::global()->generateDouble());
}

QJsonObject RetryPolicy::toJson() const
{
    return QJsonObject{{QStringLiteral("strategy"), toString(strategy)},
                       {QStringLiteral("base_ms"), baseMs},
                       {QStringLiteral("max_ms"), maxMs},
                       {QStringLiteral("jitter"), jitter}};
}

Result<RetryPolicy> RetryPolicy::fromJson(const QJsonObject &o, const QString &prefix)
{
    RetryPolicy p;
    const QString field = prefix + QStringLiteral("retry_policy.");
    const QJsonValue strategy = o.value(QStringLiteral("strategy"));
    if (!strategy.isUndefined() && !strategy.isNull()) {
        const QString s = strategy.toString().toLower();
        if (s == u"constant")
            p.strategy = Strategy::Constant;
        else if (s == u"linear")
            p.strategy = Strategy::Linear;
        else if (s == u"exponential")
            p.strategy = Strategy::Exponential;
        else
            return ApiError::validation(field + QStringLiteral("strategy"),
                                        field + QStringLiteral("strategy must be constant, linear or exponential"));
    }
    auto number = [&](const char *key, qint64 min, qint64 max, qint64 *out) -> std::optional<ApiError> {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull())
            return std::nullopt;
        const double d = v.toDouble(-1);
        if (!v.isDouble() || d != std::floor(d) || d < double(min) || d > double(max))
            return ApiError::validation(field + QLatin1String(key),
                                        field + QLatin1String(key) + QStringLiteral(" must be an integer from %1 to %2").arg(min).arg(max));
        *out = qint64(d);
        return std::nullopt;
    };
    constexpr qint64 Week = 7LL * 24 * 3600 * 1000;
    if (auto e = number("base_ms", 0, Week, &p.baseMs))
        return *e;
    if (auto e = number("max_ms", 0, Week, &p.maxMs))
        return *e;
    const QJsonValue jitter = o.value(QStringLiteral("jitter"));
    if (!jitter.isUndefined() && !jitter.isNull()) {
        // Inside the range rather than not outside it: a NaN (a configuration's "nan") compares false both ways.
        if (!jitter.isDouble() || !(jitter.toDouble() >= 0 && jitter.toDouble() <= 1))
            return ApiError::validation(field + QStringLiteral("jitter"), field + QStringLiteral("jitter must be a number from 0 to 1"));
        p.jitter = jitter.toDouble();
    }
    if (p.maxMs < p.baseMs)
        return ApiError::validation(field + QStringLiteral("max_ms"), field + QStringLiteral("max_ms must be at least base_ms"));
    return p;
}

} // namespace taskmill
