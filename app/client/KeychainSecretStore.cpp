// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "client/KeychainSecretStore.h"

#include <QCoreApplication>
#include <QPromise>

#include <qt6keychain/keychain.h>

#include <memory>

namespace taskmill {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("taskmill::KeychainSecretStore", text);
}
} // namespace

KeychainSecretStore::KeychainSecretStore(QString service)
    : m_service(std::move(service))
{
}

QFuture<SecretResult> KeychainSecretStore::read(const QString &key)
{
    auto *job = new QKeychain::ReadPasswordJob(m_service);
    job->setKey(key);
    return run(job);
}

QFuture<SecretResult> KeychainSecretStore::write(const QString &key, const QString &secret)
{
    auto *job = new QKeychain::WritePasswordJob(m_service);
    job->setKey(key);
    job->setTextData(secret);
    return run(job);
}

QFuture<SecretResult> KeychainSecretStore::remove(const QString &key)
{
    auto *job = new QKeychain::DeletePasswordJob(m_service);
    job->setKey(key);
    return run(job);
}

QFuture<SecretResult> KeychainSecretStore::run(QKeychain::Job *job)
{
    // The job deletes itself after finished (autoDelete); the promise travels in the connection.
    auto promise = std::make_shared<QPromise<SecretResult>>();
    promise->start();
    QFuture<SecretResult> future = promise->future();
    job->setAutoDelete(true);
    QObject::connect(job, &QKeychain::Job::finished, job, [promise](QKeychain::Job *finished) {
        SecretResult result;
        const bool isDelete = qobject_cast<QKeychain::DeletePasswordJob *>(finished) != nullptr;
        switch (finished->error()) {
        case QKeychain::NoError:
            if (auto *read = qobject_cast<QKeychain::ReadPasswordJob *>(finished))
                result.secret = read->textData();
            break;
        case QKeychain::EntryNotFound:
            // Deleting what is not there leaves the store as the caller wanted it.
            result.status = isDelete ? SecretResult::Status::Ok : SecretResult::Status::NotFound;
            break;
        default:
            result.status = SecretResult::Status::Unavailable;
            result.message = tr("The system keychain is not available: %1").arg(finished->errorString());
            break;
        }
        promise->addResult(result);
        promise->finish();
    });
    job->start();
    return future;
}

} // namespace taskmill
