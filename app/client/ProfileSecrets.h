// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "client/ConnectionProfile.h"
#include "client/MemorySecretStore.h"
#include "client/SecretStore.h"

namespace taskmill {

// The secrets of connection profiles: a persistent store (the OS keychain) plus a session store in
// memory. A secret typed "for this session only", or kept because the keychain was unavailable, is
// found before the keychain is asked; the settings file is never involved. GUI thread only.
class ProfileSecrets final
{
public:
    explicit ProfileSecrets(SecretStore &persistent);

    // The session secret if there is one, else the persistent one (NotFound / Unavailable as it says).
    QFuture<SecretResult> load(const ConnectionProfile &profile);
    // sessionOnly: memory only, and any persistent copy is removed (best effort). Otherwise the
    // persistent store; on Unavailable nothing is kept and the caller asks whether to keep the secret
    // for this session (keepForSession).
    QFuture<SecretResult> save(const ConnectionProfile &profile, const QString &secret, bool sessionOnly);
    void keepForSession(const ConnectionProfile &profile, const QString &secret);
    QFuture<SecretResult> forget(const ConnectionProfile &profile); // both stores
    bool hasSessionSecret(const ConnectionProfile &profile) const;

private:
    SecretStore &m_persistent;
    MemorySecretStore m_session;
};

} // namespace taskmill
