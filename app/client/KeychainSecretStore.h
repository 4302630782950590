// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "client/SecretStore.h"

#include <QString>

namespace QKeychain {
class Job;
}

namespace taskmill {

// The OS keychain through QtKeychain (Secret Service on Linux, Keychain on macOS, Credential Manager
// on Windows), entries under the service name ServiceName. QtKeychain 0.13 has no availability check
// and its insecure fallback does not help, so every failure except "entry not found" is reported as
// SecretResult::Status::Unavailable with QtKeychain's message: without a D-Bus session every job fails
// within a fraction of a second, a locked keyring refuses writes. GUI thread only.
class KeychainSecretStore final : public SecretStore
{
public:
    static constexpr auto ServiceName = "taskmill";

    explicit KeychainSecretStore(QString service = QString::fromLatin1(ServiceName));

    QFuture<SecretResult> read(const QString &key) override;
    QFuture<SecretResult> write(const QString &key, const QString &secret) override;
    QFuture<SecretResult> remove(const QString &key) override;

private:
    QFuture<SecretResult> run(QKeychain::Job *job);

    QString m_service;
};

} // namespace taskmill
