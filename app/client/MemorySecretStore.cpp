// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "client/MemorySecretStore.h"

#include <QFuture>

namespace taskmill {

QFuture<SecretResult> MemorySecretStore::read(const QString &key)
{
    const auto it = m_secrets.constFind(key);
    if (it == m_secrets.cend())
        return QtFuture::makeReadyFuture(SecretResult{SecretResult::Status::NotFound, {}, {}});
    return QtFuture::makeReadyFuture(SecretResult{SecretResult::Status::Ok, *it, {}});
}

QFuture<SecretResult> MemorySecretStore::write(const QString &key, const QString &secret)
{
    m_secrets.insert(key, secret);
    return QtFuture::makeReadyFuture(SecretResult{});
}

QFuture<SecretResult> MemorySecretStore::remove(const QString &key)
{
    m_secrets.remove(key);
    return QtFuture::makeReadyFuture(SecretResult{});
}

} // namespace taskmill
