// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/Result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace taskmill {

// An invite as the admin routes answer it (GET /api/v1/invites, POST /api/v1/invites; docs/security.md,
// "Registration"): never its code, which only the create answer carries.
//   {"id": 4, "role": "user", "email": "new@example.org" | null, "state": "open" | "used" | "expired",
//    "created_by": "user:1" | null, "created_at", "expires_at", "used_at": time | null, "used_by": user id | null}
// `state` is as of the server's query; a state this app does not know is kept as sent. `used_by` is null also
// when the account it made was deleted, so usedAt may be valid with usedBy 0.
struct InviteInfo
{
    qint64 id = 0;
    QString role;
    QString email;     // empty: anyone may use it
    QString state;     // "open", "used" or "expired"
    QString createdBy; // empty: made by the server itself
    QDateTime createdAt;
    QDateTime expiresAt;
    QDateTime usedAt;  // invalid: not used
    qint64 usedBy = 0; // 0: not used, or its account is gone

    QJsonObject toJson() const;
    static Result<InviteInfo> fromJson(const QJsonObject &o); // names the wrong field
    bool operator==(const InviteInfo &) const = default;
};

// POST /api/v1/invites → 201: the invite and, this once, its code ("code": "inv_…"); the server keeps a hash.
struct CreatedInvite
{
    InviteInfo info;
    QString code;

    static Result<CreatedInvite> fromJson(const QJsonObject &o);
};

// The body of POST /api/v1/invites. The server refuses a ttlS outside MinTtlS–MaxTtlS with a 422 naming "ttl_s".
struct NewInvite
{
    static constexpr int MinTtlS = 60;
    static constexpr int MaxTtlS = 30 * 86'400;

    QString role = QStringLiteral("user");
    QString email; // empty: anyone (sent as no "email")
    int ttlS = 0;  // seconds; 0: the server's default, 7 days (sent as no "ttl_s")

    QJsonObject toJson() const;
};

// The body of POST /api/register, open to anyone while auth.registration is `open` or `invite`; its 201 answer
// is a login's ({access_token, refresh_token, expires_in, user, …}).
struct Registration
{
    QString email;
    QString password;
    QString invite; // the inv_… code; empty: none (sent as no "invite")

    QJsonObject toJson() const;
};

// The {"items": [...]} answer of GET /api/v1/invites: open invites first, then used and expired ones.
Result<QList<InviteInfo>> inviteListFromJson(const QJsonObject &o);

} // namespace taskmill
