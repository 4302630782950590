// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include <QList>

#include <algorithm>
#include <chrono>
#include <cmath>

namespace taskmill::bench {

// Wall-clock time in epoch milliseconds with microsecond resolution. Epoch-based on purpose: it is compared
// with PostgreSQL timestamptz values (same machine clock), and with timestamps taken by other processes.
inline double nowMs()
{
    using namespace std::chrono;
    return double(duration_cast<microseconds>(system_clock::now().time_since_epoch()).count()) / 1000.0;
}

// Nearest-rank percentiles, the same rule as the peer harness (lib/util.mjs), so figures compare directly.
struct Summary
{
    qsizetype n = 0;
    double p50 = NAN, p95 = NAN, p99 = NAN, max = NAN, mean = NAN;

    static Summary of(QList<double> values)
    {
        Summary s;
        values.removeIf([](double v) { return std::isnan(v); });
        s.n = values.size();
        if (values.isEmpty())
            return s;
        std::sort(values.begin(), values.end());
        const auto rank = [&](double p) {
            const qsizetype k = qsizetype(std::ceil(p / 100.0 * double(values.size()))) - 1;
            return values.at(std::clamp<qsizetype>(k, 0, values.size() - 1));
        };
        s.p50 = rank(50);
        s.p95 = rank(95);
        s.p99 = rank(99);
        s.max = values.last();
        double sum = 0;
        for (double v : values)
            sum += v;
        s.mean = sum / double(values.size());
        return s;
    }
};

// Rounds for JSON output (NaN stays NaN and is written as null).
inline double rounded(double v, int digits = 2)
{
    if (std::isnan(v) || std::isinf(v))
        return v;
    const double f = std::pow(10.0, digits);
    return std::round(v * f) / f;
}

} // namespace taskmill::bench
