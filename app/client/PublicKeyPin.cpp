// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "client/PublicKeyPin.h"

#include <QCryptographicHash>
#include <QRegularExpression>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>

namespace taskmill {

namespace {
constexpr int DigestBytes = 32;
}

QString PublicKeyPin::of(const QSslCertificate &certificate)
{
    // QSslKey::toDer() of a public key is the SubjectPublicKeyInfo, what `openssl pkey -pubin -outform der` writes.
    const QByteArray spki = certificate.publicKey().toDer();
    return prefix() + QString::fromLatin1(QCryptographicHash::hash(spki, QCryptographicHash::Sha256).toBase64());
}

std::optional<QString> PublicKeyPin::normalised(const QString &text)
{
    QString value = text.trimmed();
    if (value.startsWith(prefix(), Qt::CaseInsensitive))
        value = value.mid(prefix().size());
    const QByteArray encoded = value.toLatin1();
    const auto decoded = QByteArray::fromBase64Encoding(encoded, QByteArray::AbortOnBase64DecodingErrors);
    // Re-encoding must give the same text: no missing padding, no stray bits, nothing but the digest.
    if (!decoded || decoded.decoded.size() != DigestBytes || decoded.decoded.toBase64() != encoded)
        return std::nullopt;
    return prefix() + value;
}

QStringList PublicKeyPin::normalisedAll(const QStringList &pins)
{
    QStringList result;
    for (const QString &pin : pins)
        result.append(normalised(pin).value_or(pin));
    return result;
}

QStringList PublicKeyPin::split(const QString &text)
{
    static const QRegularExpression separators(QStringLiteral("[,\\s]+"));
    return text.split(separators, Qt::SkipEmptyParts);
}

QList<QSslCertificate> PublicKeyPin::peerChain(const QSslConfiguration &session)
{
    QList<QSslCertificate> chain = session.peerCertificateChain();
    if (const QSslCertificate leaf = session.peerCertificate(); !leaf.isNull() && !chain.contains(leaf))
        chain.prepend(leaf);
    return chain;
}

QString PublicKeyPin::mismatch(const QList<QSslCertificate> &chain, const QStringList &pins)
{
    if (pins.isEmpty())
        return {};
    const QStringList wanted = normalisedAll(pins);
    for (const QSslCertificate &certificate : chain)
        if (wanted.contains(of(certificate)))
            return {};
    const QString got = chain.isEmpty() ? tr("no certificate") : of(chain.constFirst());
    return tr("The server's certificate does not match the pinned key of this profile (got %1).").arg(got);
}

} // namespace taskmill
