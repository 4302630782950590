// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "client/SecretStore.h"

#include <QHash>

namespace taskmill {

// Secrets kept in memory until the app exits: the session-only fallback when no keychain is
// available, and what a password given on the command line or typed "for this session" uses.
// Every future is already finished when returned.
class MemorySecretStore final : public SecretStore
{
public:
    QFuture<SecretResult> read(const QString &key) override;
    QFuture<SecretResult> write(const QString &key, const QString &secret) override;
    QFuture<SecretResult> remove(const QString &key) override;

    bool contains(const QString &key) const { return m_secrets.contains(key); }

private:
    QHash<QString, QString> m_secrets;
};

} // namespace taskmill
