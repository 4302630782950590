// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/Result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QStringList>
#include <QUrlQuery>
#include <QUuid>

#include <optional>

namespace taskmill {

// One row of the audit log: who did what to which tasks, written in the same transaction as the change.
//   {"id": 42, "at": "2026-11-23T12:00:00.000Z", "actor": "ops@example.org (user:3)@10.0.0.5",
//    "action": "purge", "task_ids": ["…uuid…"], "details": {…}}
// `actor` and `details` hold client-supplied text: show them as plain text only.
struct AuditEntry
{
    qint64 id = 0;
    QDateTime at;
    QString actor;
    QString action;
    QStringList taskIds;
    QJsonObject details;

    QJsonObject toJson() const;
    static Result<AuditEntry> fromJson(const QJsonObject &o);
    bool operator==(const AuditEntry &) const = default;
};

// GET /api/v1/audit → {"items": [...], "next": id | null}: newest first; `next` is the `before` of the
// following (older) page, null on the last one.
struct AuditPage
{
    QList<AuditEntry> items;
    std::optional<qint64> next;

    QJsonObject toJson() const;
    static Result<AuditPage> fromJson(const QJsonObject &o);
};

// Which audit rows GET /api/v1/audit lists, read from and written to its query on both sides:
// - actor: the exact actor text;
// - actions: `action=` repeated and/or comma-separated (any of them; empty = every action);
// - taskId: rows whose task_ids contain it;
// - since/until: `at` in [since, until), RFC 3339.
// Every bad value is a Validation error naming its query key.
struct AuditFilter
{
    QString actor;
    QStringList actions;
    QUuid taskId;
    QDateTime since;
    QDateTime until;

    bool isEmpty() const;
    static Result<AuditFilter> fromQuery(const QUrlQuery &query);
    void addToQuery(QUrlQuery &query) const;
    bool operator==(const AuditFilter &) const = default;
};

// GET /api/v1/audit/actions → {"actions": ["delete", "purge", …]}: every action in the log, sorted.
Result<QStringList> auditActionsFromJson(const QJsonObject &o);

namespace limits {
inline constexpr int AuditPageDefault = 100;
inline constexpr int AuditPageMax = 1000;
} // namespace limits

} // namespace taskmill
