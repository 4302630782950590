// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "api/ApiContext.h"
#include "api/RouteRegistry.h"

#include <QObject>

class QHttpServerRequest;
class QHttpServerResponder;

namespace taskmill {

// /api/v1/audit: the audit log, read-only, for admins (api/RoutePermissions). Rows are written by the
// audited changes themselves (dead-letter requeue and purge, forced handler deletes).
class AuditHandler final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuditHandler)
public:
    AuditHandler(ApiContext &context, QObject *parent = nullptr);
    void registerRoutes(RouteRegistry &server);

private:
    // GET /api/v1/audit?actor=&action=&task_id=&since=&until=&before=&limit=
    //   → {"items": [{id, at, actor, action, task_ids, details}], "next": id | null}, newest first.
    // actor exact; action repeated or a comma list (any of them); task_id a UUID in task_ids; since/until
    // RFC 3339 bounds of `at` ([since, until)); before: only ids below it (the previous answer's `next`);
    // limit 1–1000, default 100. A bad value → 422 naming its key.
    void list(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    // GET /api/v1/audit/actions → {"actions": [...]}: the actions in the log, sorted (the app's filter list).
    void actions(QHttpServerResponder &&responder);

    ApiContext &m_ctx;
};

} // namespace taskmill
