// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "api/TlsListener.h"

#include <QFile>
#include <QHostAddress>
#include <QSslCertificate>
#include <QSslKey>

using namespace Qt::StringLiterals;

namespace taskmill {

Result<QSslConfiguration> loadTlsConfiguration(const QString &certPath, const QString &keyPath)
{
    const QList<QSslCertificate> chain = QSslCertificate::fromPath(certPath, QSsl::Pem);
    if (chain.isEmpty())
        return ApiError::validation(u"api.tls_cert"_s, u"no PEM certificate could be read from '%1'"_s.arg(certPath));
    QFile keyFile(keyPath);
    if (!keyFile.open(QIODevice::ReadOnly))
        return ApiError::validation(u"api.tls_key"_s, u"cannot read '%1': %2"_s.arg(keyPath, keyFile.errorString()));
    const QByteArray pem = keyFile.readAll();
    QSslKey key;
    for (QSsl::KeyAlgorithm algorithm : {QSsl::Rsa, QSsl::Ec, QSsl::Dsa}) {
        key = QSslKey(pem, algorithm, QSsl::Pem);
        if (!key.isNull())
            break;
    }
    if (key.isNull())
        return ApiError::validation(u"api.tls_key"_s, u"'%1' holds no unencrypted PEM private key"_s.arg(keyPath));
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setLocalCertificateChain(chain);
    config.setPrivateKey(key);
    config.setProtocol(QSsl::TlsV1_2OrLater);
    config.setPeerVerifyMode(QSslSocket::VerifyNone); // clients prove who they are with tokens, not certificates
    return config;
}

bool isLoopbackListen(const QString &host)
{
    if (host == u"localhost")
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

} // namespace taskmill
