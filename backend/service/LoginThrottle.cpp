// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "service/LoginThrottle.h"

#include <algorithm>

namespace taskmill {

std::optional<int> LoginThrottle::check(QList<qint64> &failures, int max, qint64 now) const
{
    failures.removeIf([&](qint64 t) { return t <= now - m_windowMs; });
    if (failures.size() < max)
        return std::nullopt;
    const qint64 waitMs = failures.first() + m_windowMs - now;
    return int(std::max<qint64>(1, (waitMs + 999) / 1000));
}

std::optional<int> LoginThrottle::retryAfter(const QString &account, const QString &address)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    std::lock_guard lock(m_mutex);
    auto a = check(m_accounts[account.toLower()], m_max, now);
    auto b = check(m_addresses[address], m_max * AddressFactor, now);
    if (!a && !b)
        return std::nullopt;
    return std::max(a.value_or(0), b.value_or(0));
}

void LoginThrottle::failed(const QString &account, const QString &address)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    std::lock_guard lock(m_mutex);
    m_accounts[account.toLower()].append(now);
    m_addresses[address].append(now);
}

void LoginThrottle::succeeded(const QString &account)
{
    std::lock_guard lock(m_mutex);
    m_accounts.remove(account.toLower());
}

} // namespace taskmill
