// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/Result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QStringList>

#include <optional>

namespace taskmill {

// The account roles on the wire, least to most allowed (docs/security.md, "Roles").
QStringList accountRoleNames();

// A user account as the admin routes answer it (GET/POST /api/v1/users, PATCH /api/v1/users/{id}):
//   {"id": 3, "email": "ops@example.org", "role": "operator", "payloads": false,
//    "created_at": "2026-11-23T12:00:00.000Z"}
// Never a password or its hash. `payloads` is true for every admin (admins always see payloads).
struct UserAccount
{
    qint64 id = 0;
    QString email;
    QString role;
    bool payloads = false;
    QDateTime createdAt;

    QJsonObject toJson() const;
    static Result<UserAccount> fromJson(const QJsonObject &o); // the app's side: names a wrong field
    bool operator==(const UserAccount &) const = default;
};

// An API token as GET /api/v1/tokens lists it: never its secret (only a hash is stored).
//   {"id", "name", "role", "payloads", "types": [] (empty: every type), "created_by": "user:1" | null,
//    "created_at", "last_used_at": time | null}
// Tokens do not expire; they live until revoked. last_used_at is written every few seconds, not per request.
struct ApiTokenInfo
{
    qint64 id = 0;
    QString name;
    QString role;
    bool payloads = false;
    QStringList types;
    QString createdBy;
    QDateTime createdAt;
    QDateTime lastUsedAt; // invalid: never used

    QJsonObject toJson() const;
    static Result<ApiTokenInfo> fromJson(const QJsonObject &o);
    bool operator==(const ApiTokenInfo &) const = default;
};

// POST /api/v1/tokens → 201: the token and, this once, its secret ("token": "tm_…").
struct CreatedToken
{
    ApiTokenInfo info;
    QString secret;

    static Result<CreatedToken> fromJson(const QJsonObject &o);
};

// Bodies of the admin writes. Empty optionals are left out of a PATCH: only what is named changes.
struct NewUser
{
    QString email;
    QString password;
    QString role;
    bool payloads = false;

    QJsonObject toJson() const; // POST /api/v1/users
};

struct UserChange
{
    std::optional<QString> role;
    std::optional<bool> payloads;
    std::optional<QString> password;

    bool isEmpty() const { return !role && !payloads && !password; }
    QJsonObject toJson() const; // PATCH /api/v1/users/{id}
};

struct NewToken
{
    QString name;
    QString role;
    bool payloads = false;
    QStringList types; // empty: every type (sent as no "types")

    QJsonObject toJson() const; // POST /api/v1/tokens
};

// The {"items": [...]} answers of GET /api/v1/users and GET /api/v1/tokens.
Result<QList<UserAccount>> userListFromJson(const QJsonObject &o);
Result<QList<ApiTokenInfo>> tokenListFromJson(const QJsonObject &o);

} // namespace taskmill
