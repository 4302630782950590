// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "service/Principal.h"
#include "store/AccountRepository.h"
#include "wire/ApiError.h"

#include <QHash>
#include <QHostAddress>
#include <QSet>
#include <QSqlDatabase>

#include <functional>
#include <memory>
#include <mutex>

class QHttpServerRequest;

namespace taskmill {

// Turns a request's credentials into a Principal, on the HTTP thread and without a database round trip:
// users and live API tokens are held in memory (a snapshot reloaded every second by the api, and at once after
// a change made through this process), so a revoked token stops working here at once and in other api
// processes within a second.
//
// Credentials: `Authorization: Bearer <token>` or, seed 003's style, `Authorization: <token>`; for the
// WebSocket handshake also `?access_token=` (browsers cannot set headers there). A token is an access token
// from a login (JWT) or an API token ("tm_…"). No credentials: the local principal when anonymous loopback
// access is on (auth.local_anonymous) and the peer is a loopback address; else anonymous.
class Authenticator final
{
public:
    struct Outcome
    {
        std::optional<Principal> principal; // empty: anonymous
        std::optional<ApiError> error;      // credentials were sent and are not valid: 401
        // The credential names an account or API token this process does not know (yet): made through another
        // api process since the last reload.
        bool unknown = false;
    };
    // Blocks until the snapshot is reloaded from the database; set by the api, called on its HTTP thread.
    using Reloader = std::function<void()>;
    // Unknown credentials reload at most this often a second, each credential once a second: a flood of wrong
    // tokens costs a bounded number of reads, while every new login or token is looked up at once.
    static constexpr int MaxUnknownReloadsPerSecond = 20;
    // Only while the periodic reload (every second) succeeded this recently.
    static constexpr qint64 ReloadHealthyWithinMs = 3000;

    Authenticator(bool localAnonymous, int accessTtlS) : m_localAnonymous(localAnonymous), m_accessTtlS(accessTtlS) {}

    // The signing key (made on first start) and the first snapshot. Before this every token is refused.
    Result<Unit> start(QSqlDatabase &db);
    Result<Unit> reload(QSqlDatabase &db);
    // Records last_used_at of the tokens used since the last call (one statement).
    Result<Unit> flushUsage(QSqlDatabase &db);

    Outcome authenticate(const QHttpServerRequest &request, bool allowQueryToken = false) const;
    // The same from the parts: the Authorization header, an access_token parameter (WebSocket only) and the peer.
    Outcome authenticate(const QByteArray &authorization, const QByteArray &queryToken, const QHostAddress &peer) const;
    Outcome authenticateToken(const QByteArray &token) const;
    // An account or API token made moments ago through another api process is accepted at once: a credential
    // this process does not know triggers one reload (rate-limited) and a second look, instead of a 401 until
    // the next periodic reload.
    void setReloader(Reloader reloader);

    QByteArray signAccessToken(qint64 userId) const;
    int accessTtlS() const { return m_accessTtlS; }
    std::optional<Principal> userPrincipal(qint64 userId) const;

private:
    struct VerifiedAccess
    {
        qint64 userId = 0;
        qint64 expiresAtS = 0;
    };
    // At most this many verified access tokens are remembered; past it the memory starts over (a few
    // hundred clients each renewing every 15 minutes stay far below it).
    static constexpr qsizetype MaxVerifiedTokens = 4096;
    std::optional<qint64> verifiedUser(const QByteArray &token) const;

    struct Snapshot
    {
        QHash<qint64, UserRow> users;
        QHash<QByteArray, TokenRow> tokens; // by secret hash
    };
    std::shared_ptr<const Snapshot> snapshot() const;

    const bool m_localAnonymous;
    const int m_accessTtlS;
    mutable std::mutex m_mutex;
    QByteArray m_key;
    std::shared_ptr<const Snapshot> m_snapshot = std::make_shared<const Snapshot>();
    mutable QSet<qint64> m_used; // token ids used since the last flushUsage()
    // Access tokens whose signature was checked: a client sends the same token with every request for its
    // lifetime, and decoding it again (base64, JSON, HMAC in libjwt) gives the same answer until it expires;
    // docs/benchmarks.md (issue 13) has the per-request cost. Only that check is remembered: expiry is compared on every
    // request and the account is looked up in the snapshot as before, so a deleted user or changed role still
    // applies at once. Keyed by the whole token; emptied when the signing key changes.
    mutable QHash<QByteArray, VerifiedAccess> m_verified;
    Reloader m_reloader;
    // Under m_mutex: the current one-second window of reloads for unknown credentials.
    mutable qint64 m_unknownWindowMs = 0;
    mutable int m_unknownReloads = 0;
    qint64 m_lastReloadOkMs = 0; // under m_mutex: when reload() last succeeded
    mutable QSet<QByteArray> m_unknownTried;
    bool reloadForUnknown(const QByteArray &token) const; // true when it reloaded
};

} // namespace taskmill
