// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "api/ApiContext.h"
#include "api/HttpReply.h"
#include "api/Request.h"
#include "api/RouteRegistry.h"

#include <QObject>

class QHttpServerRequest;
class QHttpServerResponder;

namespace taskmill {

// The handler registry (docs/handlers.md; wire type shared/wire/HandlerTypes.h), under /api/v1/handlers and,
// with the same bodies, seed 004's /api/v1/executors:
//   GET    /handlers            → {"items": [HandlerSpec with counts]}
//   POST   /handlers            → 201 HandlerSpec; 409 when the name is taken; 422 naming the field
//   GET    /handlers/{name}     → HandlerSpec; 404
//   PUT    /handlers/{name}     → HandlerSpec (version + 1); 409 when the body's version is stale
//   DELETE /handlers/{name}[?force=true] → 200 {"deleted", "cancelled": N}; 409 for a built-in or for
//          unfinished tasks without force (the message gives their count)
// Every change reloads this process's HandlerCatalog before answering, so the client's next create sees it.
class HandlersHandler final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HandlersHandler)
public:
    HandlersHandler(ApiContext &context, QObject *parent = nullptr);
    void registerRoutes(RouteRegistry &server);

    // The operations every transport runs (the routes above; HandlerService over gRPC, api/grpc), on the server
    // thread inside a route scope; each answers `target` once with the REST reply.
    void list(ReplyTarget &&target);
    void get(const QString &name, ReplyTarget &&target);
    void create(const QJsonObject &body, ReplyTarget &&target);
    void update(const QString &name, const QJsonObject &body, ReplyTarget &&target);
    void remove(const QString &name, bool force, const request::CallInfo &call, ReplyTarget &&target);

private:

    ApiContext &m_ctx;
};

} // namespace taskmill
