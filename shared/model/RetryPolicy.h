// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/Result.h"

#include <QJsonObject>

namespace taskmill {

// How long a failed attempt waits before the next one. For attempt n (1-based, the attempt that just
// failed): constant = base; linear = base·n; exponential = base·2^(n−1). The delay is capped at maxMs,
// then jitter (0…1) takes a random fraction off it: delay = capped·(1 − jitter·r), r ∈ [0, 1).
// So a delay never exceeds maxMs and never falls below capped·(1 − jitter).
struct RetryPolicy
{
    enum class Strategy { Constant, Linear, Exponential };

    Strategy strategy = Strategy::Exponential;
    qint64 baseMs = 1000;
    qint64 maxMs = 300'000;
    double jitter = 0.2;

    // r is the random draw in [0, 1) (injected so tests are exact).
    qint64 delayMs(int failedAttempt, double r) const;
    qint64 delayMs(int failedAttempt) const; // draws r itself

    QJsonObject toJson() const;
    // Strict: unknown strategy, negative or out-of-range numbers are Validation errors naming
    // "<prefix>retry_policy.<key>".
    static Result<RetryPolicy> fromJson(const QJsonObject &o, const QString &prefix = {});

    bool operator==(const RetryPolicy &) const = default;
};

QString toString(RetryPolicy::Strategy s);

} // namespace taskmill
