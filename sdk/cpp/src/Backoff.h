// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include <chrono>

namespace taskmill::sdk::detail {

// Delays initial · factor^n capped at `cap`, minus a random fraction up to `jitter` (the server's retry rule,
// docs/semantics.md): many workers that lost the same server do not come back in lockstep. reset() after a
// success starts again from `initial`. Not thread-safe; one per loop.
class Backoff
{
public:
    using Ms = std::chrono::milliseconds;

    explicit Backoff(Ms initial = Ms(500), Ms cap = Ms(30000), double factor = 2.0, double jitter = 0.2);

    // The delay before the next try; counts one more failure.
    Ms next();
    void reset() { m_failures = 0; }
    // Consecutive failures since the last reset.
    int failures() const { return m_failures; }

private:
    Ms m_initial;
    Ms m_cap;
    double m_factor;
    double m_jitter;
    int m_failures = 0;
};

} // namespace taskmill::sdk::detail
