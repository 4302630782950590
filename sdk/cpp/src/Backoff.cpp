// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "Backoff.h"

#include <QRandomGenerator>

#include <algorithm>

namespace taskmill::sdk::detail {

Backoff::Backoff(Ms initial, Ms cap, double factor, double jitter)
    : m_initial(initial), m_cap(std::max(cap, initial)), m_factor(std::max(factor, 1.0)), m_jitter(std::clamp(jitter, 0.0, 0.99))
{
}

Backoff::Ms Backoff::next()
{
    // The exponent stops growing once the cap is reached, so a long outage cannot overflow.
    double raw = double(m_initial.count());
    for (int i = 0; i < m_failures && raw < double(m_cap.count()); ++i)
        raw *= m_factor;
    ++m_failures;
    const double capped = std::min(raw, double(m_cap.count()));
    return Ms(qint64(capped * (1.0 - m_jitter * QRandomGenerator::global()->generateDouble())));
}

} // namespace taskmill::sdk::detail
