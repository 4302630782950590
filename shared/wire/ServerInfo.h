// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/Result.h"

#include <QJsonObject>
#include <QLatin1StringView>
#include <QStringList>
#include <QString>

namespace taskmill {

// GET /api/v1/info: what a client may need to know about the server beyond /health.
//   {"version": "0.1.0",
//    "tracing": {"link_template": "http://grafana:3000/explore?…{trace_id}…" | null,
//                "exporting": true, "spans_exported": 120, "spans_dropped": 0}}
// The span counters are the answering process's own (docs/tracing.md); clients use version and the template.
struct ServerInfo
{
    QString version;
    QString traceLinkTemplate; // empty: the server names no trace viewer
    bool tracingExport = false;
    quint64 spansExported = 0;
    quint64 spansDropped = 0;
    // Who the server takes the caller to be ("caller": {"name", "role"}): "local"/"admin" for the owner's
    // loopback, else the account or token name and its role. Empty from servers before accounts.
    QString callerName;
    QString callerRole;
    // "caller": {"permissions": [wire/PermissionNames.h …], "payloads": bool}: what the caller may do and
    // whether it sees payloads, results and errors. Absent from servers before accounts (everything allowed).
    QStringList callerPermissions;
    bool callerPayloads = true;
    bool knowsPermissions = false; // the server sent "permissions"

    // Whether the caller holds `permission` (wire/PermissionNames.h); true for servers that send no list.
    bool may(QLatin1StringView permission) const
    {
        return !knowsPermissions || callerPermissions.contains(permission);
    }

    // The template with {trace_id} and {span_id} filled in; empty without a template or a trace id.
    QString traceLink(const QString &traceId, const QString &spanId = {}) const;

    QJsonObject toJson() const;
    static Result<ServerInfo> fromJson(const QJsonObject &o);
};

} // namespace taskmill
