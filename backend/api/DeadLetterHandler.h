// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "api/ApiContext.h"
#include "api/RouteRegistry.h"
#include "api/HttpReply.h"
#include "api/Request.h"
#include "store/DeadLetterRepository.h"

#include <QObject>

class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponder;

namespace taskmill {

// /api/v1/dlq: review and act on tasks that failed for good. Every change is audited (audit_log) with
// the actor named by the X-Taskmill-Actor header (default "anonymous") and the client address.
class DeadLetterHandler final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeadLetterHandler)
public:
    DeadLetterHandler(ApiContext &context, QObject *parent = nullptr);
    void registerRoutes(RouteRegistry &server);

    // The operations every transport runs (the routes below; DeadLetterService over gRPC, api/grpc), on the server
    // thread inside a route scope; each answers `target` once with the REST reply.
    // GET /api/v1/dlq?type=&q=&error=&from=&to=&skip=&limit=&after= → TaskPage
    void list(const QUrlQuery &query, ReplyTarget &&target);
    // GET /api/v1/dlq/{id} → {task, history}
    void get(const QString &id, ReplyTarget &&target);
    // One task, with an optional edited payload (body {payload}; empty: as it was) → task.
    void requeueOne(const QString &id, const QJsonObject &body, const request::CallInfo &call, ReplyTarget &&target);
    // A selection {ids | filter | all} → {count, ids}.
    void requeueSelection(const QJsonObject &body, const request::CallInfo &call, ReplyTarget &&target);
    // A selection {ids | filter | all} → {count}; or one id → {id, deleted}.
    void purgeSelection(const QString &id, const QJsonObject &body, const request::CallInfo &call, ReplyTarget &&target);

private:
    // GET /api/v1/dlq/groups?<same filter>&limit= → {groups: [{error, count, first_seen, last_seen, types}]}
    void groups(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    // POST /api/v1/dlq/{id}/requeue [{payload}] → task; POST /api/v1/dlq/requeue {ids|filter|all} → {count, ids}
    void requeue(const QString &id, const QHttpServerRequest &request, QHttpServerResponder &&responder);
    // POST /api/v1/dlq/purge {ids|filter|all} → {count}; DELETE /api/v1/dlq/{id} → {id, deleted}
    void purge(const QString &id, const QHttpServerRequest &request, QHttpServerResponder &&responder);
    // The selected tasks, dispatched again (optionally the one task's payload edited); `single`: one id.
    void requeueSelected(DeadLetterSelection selection, std::optional<QJsonObject> payload, bool single,
                         const request::CallInfo &call, ReplyTarget &&target);

    ApiContext &m_ctx;
};

} // namespace taskmill
