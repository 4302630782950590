// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

#include <mutex>
#include <optional>

namespace taskmill {

// Failed logins per account and per address within a sliding window (auth.login_max_failures per account,
// ten times that per address, over auth.login_window_s). Past either, logins answer 429 with Retry-After
// until the oldest failure leaves the window, whatever the password: guessing stays slow, and the answer is
// the same for known and unknown accounts. Per api process (a cluster multiplies the budget by its size).
class LoginThrottle final
{
public:
    LoginThrottle(int maxFailures, int windowS) : m_max(maxFailures), m_windowMs(qint64(windowS) * 1000) {}

    // Seconds to wait when the account or the address is throttled now.
    std::optional<int> retryAfter(const QString &account, const QString &address);
    void failed(const QString &account, const QString &address);
    void succeeded(const QString &account);

    static constexpr int AddressFactor = 10;

private:
    std::optional<int> check(QList<qint64> &failures, int max, qint64 now) const;

    const int m_max;
    const qint64 m_windowMs;
    std::mutex m_mutex;
    QHash<QString, QList<qint64>> m_accounts, m_addresses; // failure times, ms since the epoch
};

} // namespace taskmill
