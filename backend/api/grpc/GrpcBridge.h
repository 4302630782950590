// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "api/HttpReply.h"
#include "api/Request.h"
#include "service/Principal.h"
#include "wire/ApiError.h"

#include <grpcpp/server_context.h>
#include <grpcpp/support/server_callback.h>
#include <grpcpp/support/status.h>

#include <QJsonObject>
#include <QPointer>
#include <QThreadPool>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <set>

namespace google::protobuf {
class Message;
}

namespace taskmill {
class Authenticator;
}

namespace taskmill::grpcapi {

// How a gRPC call reaches the code the REST routes run (docs/api.md, "gRPC"). gRPC's threads receive the calls;
// each operation is handed to the api's server thread, where it runs exactly as a route does: inside a
// RouteRegistry::Scope named after the RPC, with the caller authenticated from the `authorization` metadata
// by the same Authenticator, the RPC's permission from the one table (api/RoutePermissions), the body's text
// checked as a REST body is, and the answer redacted for the caller. The reply (an HttpReply, as REST would
// write it) comes back to the waiting gRPC thread and becomes a message or a status.
class GrpcBridge final
{
public:
    GrpcBridge(QObject *serverThread, std::shared_ptr<const Authenticator> auth);
    ~GrpcBridge();

    using Operation = std::function<void(const request::CallInfo &call, ReplyTarget &&target)>;
    // Runs `operation` for the RPC `method` ("/taskmill.v1.TaskService/Create"); `body` is the request as REST
    // JSON (its text is checked). On success the answer's JSON is in *reply (may be null). Waits until the
    // answer or the call's end (cancelled, past its deadline, the server stopping).
    grpc::Status run(grpc::ServerContext *context, const QString &method, const QJsonValue &body, Operation operation,
                     QJsonObject *reply);
    // A unary RPC on gRPC's callback API, so no thread waits for it: `operation` runs as in run(), and its answer
    // (after `adapt`, when given) becomes `reply` or a status, finishing the call from the server thread.
    using Adapt = std::function<QJsonObject(const QJsonObject &answer)>;
    grpc::ServerUnaryReactor *unary(grpc::CallbackServerContext *context, const QString &method, const QJsonValue &body,
                                    Operation operation, google::protobuf::Message *reply, Adapt adapt = {});
    // A unary call refused before any operation: finished at once with `error` (as toStatus()).
    static grpc::ServerUnaryReactor *refused(grpc::CallbackServerContext *context, const ApiError &error);
    // A REST answer as a reply message (api/grpc/ProtoJson); one that does not fit is a bug: logged, INTERNAL.
    static grpc::Status toMessage(const QJsonObject &json, google::protobuf::Message *message);
    // Only authenticates and checks the permission (a stream's start): the caller on success.
    grpc::Status admit(grpc::ServerContext *context, const QString &method, Principal *who);

    // A REST error as a gRPC status: the code from grpcStatusCode(), the message, and the trailers
    // taskmill-error-bin (ErrorDetail), taskmill-error-code, taskmill-error-field and retry-after.
    static grpc::Status toStatus(grpc::ServerContextBase *context, const ApiError &error);
    // What the server thread sees of a call: its peer address, traceparent and actor metadata.
    static request::CallInfo callInfo(const grpc::ServerContextBase *context);

    // Answers every waiting call UNAVAILABLE from now on (the api is stopping), unary calls in flight at once.
    void stop();
    bool stopping() const { return m_stopping; }

    // How often a waiting call looks at its cancellation.
    static constexpr int CancelCheckMs = 100;
    // Threads that turn unary answers into reply messages (off the server thread).
    static constexpr int ReplyThreads = 2;

private:
    // Hands `operation` to the server thread (authenticated, permission and text checked); `sink` gets the reply
    // there. False when the server is stopping.
    bool dispatch(const grpc::ServerContextBase *context, const QString &method, const QJsonValue &body,
                  Operation operation, ReplyTarget::Sink sink);
    static grpc::Status statusOf(grpc::ServerContextBase *context, const HttpReply &reply, QJsonObject *json);

    struct UnaryCall;
    std::mutex m_callsMutex;
    std::set<std::shared_ptr<UnaryCall>> m_calls; // unary calls not finished yet, for stop()
    QThreadPool m_replyPool;
    QPointer<QObject> m_serverThread;
    std::shared_ptr<const Authenticator> m_auth;
    std::atomic_bool m_stopping{false};
};

} // namespace taskmill::grpcapi
