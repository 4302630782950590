// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include <QHash>
#include <QString>

#include <mutex>
#include <optional>

namespace taskmill {

// Token buckets for task creation (docs/security.md, "Limits"): each key (a token or account, an address)
// refills `ratePerS` tasks a second up to `burst`. take() either takes `n` from every bucket it names or,
// when one of them lacks them, takes nothing and says how many seconds until it would have them.
// Per api process; buckets idle for a while are forgotten, so keys never pile up.
class RateLimiter final
{
public:
    RateLimiter(double ratePerS, double burst) : m_rate(ratePerS), m_burst(burst) {}

    struct Key
    {
        QString name;
        double factor = 1; // this bucket's rate and burst are `factor` times the configured ones
    };
    std::optional<int> take(const QList<Key> &keys, int n);

    bool enabled() const { return m_rate > 0; }

private:
    struct Bucket
    {
        double tokens = 0;
        qint64 updatedMs = 0;
    };
    const double m_rate;
    const double m_burst;
    std::mutex m_mutex;
    QHash<QString, Bucket> m_buckets;
    qint64 m_lastSweepMs = 0;
};

} // namespace taskmill
