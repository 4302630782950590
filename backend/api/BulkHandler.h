// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "api/ApiContext.h"
#include "api/RouteRegistry.h"
#include "wire/BulkTypes.h"

#include <QObject>

#include <memory>

class QHttpServerRequest;
class QHttpServerResponder;

namespace taskmill {

class BulkRunner;

// /api/v1/tasks/bulk: cancel or retry every task matching a filter, server-side (docs/api.md, "Bulk operations by
// filter"). The work runs on service/BulkRunner's threads; the record lives in PostgreSQL, so any api process
// answers GET and DELETE. A `user` account acts on, reads and stops only its own. Register before TasksHandler:
// "/api/v1/tasks/<arg>/retry" would take POST /api/v1/tasks/bulk/retry.
class BulkHandler final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BulkHandler)
public:
    BulkHandler(ApiContext &context, QObject *parent = nullptr);
    ~BulkHandler() override;
    void registerRoutes(RouteRegistry &server);
    // Shutdown: running operations stop before their next task, recorded as interrupted. Call while the context lives.
    void stop();

private:
    // POST /api/v1/tasks/bulk/cancel (tasks.cancel), POST /api/v1/tasks/bulk/retry (tasks.operate) — body BulkRequest.
    // {filter, expected} → 202 BulkOperation (state running) once the tasks are taken; 409 naming "expected" with
    // details [{"total": N}] when N tasks match now and N is not accepted for `expected`; 429 at the per-caller or
    // per-process limit. {filter, dry_run: true} → 200 BulkCount. 422 names the field ("filter.status", "expected").
    void start(BulkAction action, const QHttpServerRequest &request, QHttpServerResponder &&responder);
    // GET /api/v1/tasks/bulk/{id} → 200 BulkOperation; 404 for an unknown id (or another caller's, for a `user`).
    void get(const QString &id, QHttpServerResponder &&responder);
    // DELETE /api/v1/tasks/bulk/{id} → 200 BulkOperation: state stopping (the runner stops before its next task when
    // it runs in this process, within one batch elsewhere), or the final state it had already; 404 as for GET.
    void stopOperation(const QString &id, QHttpServerResponder &&responder);

    // A `user` sees only its own operations (and tasks): its actor; empty: every one.
    static QString ownerScope();

    ApiContext &m_ctx;
    std::unique_ptr<BulkRunner> m_runner;
};

} // namespace taskmill
