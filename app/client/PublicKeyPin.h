// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

class QSslCertificate;
class QSslConfiguration;

namespace taskmill {

// A pin of a server's public key in the HPKP / curl `--pinnedpubkey` convention: "sha256//" and the base64
// of SHA-256 over the certificate's SubjectPublicKeyInfo (DER), 44 characters. A key pin survives a renewed
// certificate that keeps its key; the pin of a CA's key accepts every chain through that CA. Pins are not
// secrets: they are derived from what the server shows every client.
struct PublicKeyPin
{
    Q_DECLARE_TR_FUNCTIONS(taskmill::PublicKeyPin)

public:
    static QString prefix() { return QStringLiteral("sha256//"); }
    static QString of(const QSslCertificate &certificate);
    // The canonical "sha256//…" form of `text`, with or without the prefix (blanks around it ignored);
    // nullopt unless it is the padded base64 of 32 bytes.
    static std::optional<QString> normalised(const QString &text);
    // Every entry in canonical form; one that is not a pin stays as it is and so never matches (fail closed).
    static QStringList normalisedAll(const QStringList &pins);
    // The entries of a text field, separated by commas and/or white space.
    static QStringList split(const QString &text);
    // The certificates a TLS session presented: the leaf first, then the rest of the chain it sent.
    static QList<QSslCertificate> peerChain(const QSslConfiguration &session);
    // Empty when `pins` is empty or some certificate of `chain` (leaf first) has a pinned key, as curl and
    // browsers accept an intermediate's or a CA's pin; else the message that names the leaf's pin.
    static QString mismatch(const QList<QSslCertificate> &chain, const QStringList &pins);
};

} // namespace taskmill
