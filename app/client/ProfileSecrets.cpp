// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "client/ProfileSecrets.h"

#include <QFuture>

namespace taskmill {

ProfileSecrets::ProfileSecrets(SecretStore &persistent)
    : m_persistent(persistent)
{
}

QFuture<SecretResult> ProfileSecrets::load(const ConnectionProfile &profile)
{
    const QString key = profile.secretKey();
    if (m_session.contains(key))
        return m_session.read(key);
    return m_persistent.read(key);
}

QFuture<SecretResult> ProfileSecrets::save(const ConnectionProfile &profile, const QString &secret, bool sessionOnly)
{
    const QString key = profile.secretKey();
    if (sessionOnly) {
        m_persistent.remove(key); // "don't remember" also means forgetting an older saved copy
        return m_session.write(key, secret);
    }
    // A stale session copy would hide the new persistent secret from load().
    m_session.remove(key);
    return m_persistent.write(key, secret);
}

void ProfileSecrets::keepForSession(const ConnectionProfile &profile, const QString &secret)
{
    m_session.write(profile.secretKey(), secret);
}

QFuture<SecretResult> ProfileSecrets::forget(const ConnectionProfile &profile)
{
    m_session.remove(profile.secretKey());
    return m_persistent.remove(profile.secretKey());
}

bool ProfileSecrets::hasSessionSecret(const ConnectionProfile &profile) const
{
    return m_session.contains(profile.secretKey());
}

} // namespace taskmill
