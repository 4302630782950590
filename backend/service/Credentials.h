// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace taskmill {

// Password hashes, random secrets and access tokens (docs/security.md, "Accounts and tokens").
namespace credentials {

// Argon2id (libargon2) with OWASP's minimum for it: 19 MiB, 2 passes, 1 lane; the parameters and salt are
// kept in the encoded hash, so raising them later leaves old hashes verifiable.
inline constexpr quint32 Argon2MemoryKiB = 19'456;
inline constexpr quint32 Argon2Passes = 2;
inline constexpr quint32 Argon2Lanes = 1;
QString hashPassword(const QString &password);
bool verifyPassword(const QString &password, const QString &encodedHash);

// "<prefix>" + 43 characters of base64url: 256 random bits from the system's generator.
QByteArray newSecret(const char *prefix);
// What the tables keep of a secret: its SHA-256.
QByteArray secretHash(const QByteArray &secret);

// Access tokens: JWT signed with HS256 (libjwt), {sub: user id, typ: "access", iat, exp}. Verification
// insists on HS256 (no "none", no algorithm swap) and an unexpired exp.
QByteArray signAccessToken(qint64 userId, const QByteArray &key, int ttlS);
// `expiresAtS` (if given) receives exp, in seconds since the epoch, for a valid token.
std::optional<qint64> verifyAccessToken(const QByteArray &token, const QByteArray &key, qint64 *expiresAtS = nullptr);

} // namespace credentials
} // namespace taskmill
