// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include <QFuture>
#include <QString>

namespace taskmill {

// Outcome of one secret operation. Unavailable means the store itself cannot be used (no keychain
// service, no D-Bus session, a locked keyring that would need a prompt): the caller offers a
// session-only secret instead of failing the connection.
struct SecretResult
{
    enum class Status { Ok, NotFound, Unavailable };

    Status status = Status::Ok;
    QString secret;  // read: the secret when Ok
    QString message; // why, when not Ok (for the user)

    bool ok() const { return status == Status::Ok; }
};

// Where passwords and API tokens live, keyed by ConnectionProfile::secretKey(). Implementations:
// KeychainSecretStore (the OS keychain through QtKeychain) and MemorySecretStore (this session only).
// Futures finish on the GUI thread's event loop; continue them with `.then(context, …)`.
class SecretStore
{
public:
    virtual ~SecretStore() = default;

    virtual QFuture<SecretResult> read(const QString &key) = 0;
    virtual QFuture<SecretResult> write(const QString &key, const QString &secret) = 0;
    virtual QFuture<SecretResult> remove(const QString &key) = 0; // removing a missing key is Ok
};

} // namespace taskmill
