// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "service/Credentials.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QRandomGenerator>

#include <argon2.h>
#include <jwt.h>

#include <cstdlib>
#include <memory>

namespace taskmill::credentials {

namespace {
constexpr int SaltBytes = 16;
constexpr int HashBytes = 32;
constexpr int SecretBytes = 32;

QByteArray randomBytes(int n)
{
    QByteArray out(n, Qt::Uninitialized);
    QRandomGenerator::system()->generate(reinterpret_cast<quint32 *>(out.data()),
                                         reinterpret_cast<quint32 *>(out.data() + n));
    return out;
}

struct JwtFree
{
    void operator()(jwt_t *j) const { jwt_free(j); }
};
using JwtPtr = std::unique_ptr<jwt_t, JwtFree>;
} // namespace

QString hashPassword(const QString &password)
{
    const QByteArray pwd = password.toUtf8();
    const QByteArray salt = randomBytes(SaltBytes);
    const size_t length = argon2_encodedlen(Argon2Passes, Argon2MemoryKiB, Argon2Lanes, SaltBytes, HashBytes, Argon2_id);
    QByteArray encoded(qsizetype(length), '\0');
    const int rc = argon2id_hash_encoded(Argon2Passes, Argon2MemoryKiB, Argon2Lanes, pwd.constData(), size_t(pwd.size()),
                                         salt.constData(), size_t(salt.size()), HashBytes, encoded.data(), length);
    if (rc != ARGON2_OK)
        return {}; // out of memory: the caller refuses to store an empty hash
    return QString::fromLatin1(encoded.constData());
}

bool verifyPassword(const QString &password, const QString &encodedHash)
{
    const QByteArray pwd = password.toUtf8();
    const QByteArray encoded = encodedHash.toLatin1();
    if (!encoded.startsWith("$argon2id$"))
        return false;
    return argon2id_verify(encoded.constData(), pwd.constData(), size_t(pwd.size())) == ARGON2_OK;
}

QByteArray newSecret(const char *prefix)
{
    return QByteArray(prefix)
        + randomBytes(SecretBytes).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray secretHash(const QByteArray &secret)
{
    return QCryptographicHash::hash(secret, QCryptographicHash::Sha256);
}

QByteArray signAccessToken(qint64 userId, const QByteArray &key, int ttlS)
{
    jwt_t *raw = nullptr;
    if (jwt_new(&raw) != 0)
        return {};
    JwtPtr jwt(raw);
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    if (jwt_add_grant(jwt.get(), "sub", QByteArray::number(userId).constData()) != 0
        || jwt_add_grant(jwt.get(), "typ", "access") != 0 || jwt_add_grant_int(jwt.get(), "iat", long(now)) != 0
        || jwt_add_grant_int(jwt.get(), "exp", long(now + ttlS)) != 0
        || jwt_set_alg(jwt.get(), JWT_ALG_HS256, reinterpret_cast<const unsigned char *>(key.constData()), int(key.size())) != 0)
        return {};
    char *text = jwt_encode_str(jwt.get());
    if (!text)
        return {};
    QByteArray out(text);
    std::free(text); // libjwt 1.10 allocates with malloc
    return out;
}

std::optional<qint64> verifyAccessToken(const QByteArray &token, const QByteArray &key, qint64 *expiresAtS)
{
    jwt_t *raw = nullptr;
    // jwt_decode checks the signature with `key` for the algorithm the header names; an unsigned ("none")
    // token is refused when a key is given. The algorithm is then pinned to the one we sign with.
    if (jwt_decode(&raw, token.constData(), reinterpret_cast<const unsigned char *>(key.constData()), int(key.size())) != 0)
        return std::nullopt;
    JwtPtr jwt(raw);
    if (jwt_get_alg(jwt.get()) != JWT_ALG_HS256)
        return std::nullopt;
    const char *typ = jwt_get_grant(jwt.get(), "typ");
    const long exp = jwt_get_grant_int(jwt.get(), "exp");
    if (!typ || QByteArray(typ) != "access" || exp <= QDateTime::currentSecsSinceEpoch())
        return std::nullopt;
    const char *sub = jwt_get_grant(jwt.get(), "sub");
    bool ok = false;
    const qint64 id = sub ? QByteArray(sub).toLongLong(&ok) : 0;
    if (!ok || id <= 0)
        return std::nullopt;
    if (expiresAtS)
        *expiresAtS = exp;
    return id;
}

} // namespace taskmill::credentials
