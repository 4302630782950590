// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "api/ApiContext.h"
#include "api/RouteRegistry.h"

#include <QObject>

class QHttpServerRequest;
class QHttpServerResponder;

namespace taskmill {

// /api/v1/invites: the admins' invites for auth.registration = invite (docs/security.md). A registration
// (AuthHandler, POST /api/register) that names an open invite's code gets the invite's role; each code works
// once. Creation and deletion are audited (audit_log "invite.create", "invite.delete").
class InviteHandler final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InviteHandler)
public:
    InviteHandler(ApiContext &context, QObject *parent = nullptr);
    void registerRoutes(RouteRegistry &server);

    static constexpr int DefaultTtlS = 7 * 86'400;
    static constexpr int MinTtlS = 60;
    static constexpr int MaxTtlS = 30 * 86'400;

private:
    // POST /api/v1/invites {role?: user|viewer|operator|admin (default user), email?: the only e-mail that may
    // use it (any when absent), ttl_s?: seconds, MinTtlS–MaxTtlS, default DefaultTtlS}
    //   → 201 invite plus "code" ("inv_…"), shown this once: only its hash is kept. 422 naming a bad field.
    void create(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    // GET /api/v1/invites → {"items": [invite]}, open ones first; never a code. An invite:
    //   {id, role, email | null, state: open|used|expired, created_by, created_at, expires_at,
    //    used_at | null, used_by: user id | null}
    void list(QHttpServerResponder &&responder);
    // DELETE /api/v1/invites/{id} → 204; 404 for an unknown id. A deleted invite's code stops working at once.
    void remove(const QString &id, const QHttpServerRequest &request, QHttpServerResponder &&responder);

    ApiContext &m_ctx;
};

} // namespace taskmill
