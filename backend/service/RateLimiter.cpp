// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "service/RateLimiter.h"

#include <QDateTime>

#include <algorithm>
#include <cmath>

namespace taskmill {

namespace {
constexpr qint64 SweepEveryMs = 60'000;
} // namespace

std::optional<int> RateLimiter::take(const QList<Key> &keys, int n)
{
    if (!enabled())
        return std::nullopt;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    std::lock_guard lock(m_mutex);
    if (now - m_lastSweepMs > SweepEveryMs) {
        // A bucket untouched for longer than it takes to refill is full: forgetting it changes nothing.
        const qint64 refillMs = qint64(m_burst / m_rate * 1000) + 1;
        m_buckets.removeIf([&](const auto &it) { return now - it.value().updatedMs > refillMs; });
        m_lastSweepMs = now;
    }
    double waitS = 0;
    QList<Bucket *> buckets;
    for (const Key &k : keys) {
        const double rate = m_rate * k.factor, burst = m_burst * k.factor;
        auto it = m_buckets.find(k.name);
        if (it == m_buckets.end())
            it = m_buckets.insert(k.name, Bucket{burst, now});
        it->tokens = std::min(burst, it->tokens + double(now - it->updatedMs) / 1000.0 * rate);
        it->updatedMs = now;
        if (it->tokens < n)
            waitS = std::max(waitS, (std::min<double>(n, burst) - it->tokens) / rate);
        buckets.append(&*it);
    }
    if (waitS > 0)
        return std::max(1, int(std::ceil(waitS)));
    for (Bucket *b : buckets)
        b->tokens -= n;
    return std::nullopt;
}

} // namespace taskmill
