// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "api/grpc/GrpcBridge.h"

#include "api/RoutePermissions.h"
#include "api/RouteRegistry.h"
#include "api/grpc/ProtoJson.h"
#include "observability/Logging.h"
#include "service/Authenticator.h"

#include "taskmill/v1/taskmill.pb.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QMetaObject>
#include <QtConcurrent/QtConcurrentRun>

#include <condition_variable>
#include <set>
#include <mutex>
#include <optional>

using namespace Qt::StringLiterals;

namespace taskmill::grpcapi {

namespace {
// The method label of gRPC calls in the request metrics and logs (taskmill_http_requests_total{method="GRPC"}).
const QString RpcMethodLabel = u"GRPC"_s;

QByteArray metadata(const grpc::ServerContextBase *context, const char *key)
{
    const auto &md = context->client_metadata();
    const auto it = md.find(key);
    return it == md.end() ? QByteArray() : QByteArray(it->second.data(), qsizetype(it->second.size()));
}

// "ipv4:127.0.0.1:5000", "ipv6:[::1]:5000" → the address; anything else (unix sockets) → null.
QHostAddress peerAddress(const std::string &peer)
{
    const QString p = QString::fromStdString(peer);
    if (p.startsWith(u"ipv4:")) {
        const QString rest = p.mid(5);
        return QHostAddress(rest.left(rest.lastIndexOf(u':')));
    }
    if (p.startsWith(u"ipv6:")) {
        const QString rest = p.mid(5);
        const qsizetype end = rest.indexOf(u']');
        return QHostAddress(rest.mid(1, end - 1));
    }
    return QHostAddress();
}

struct Waiting
{
    std::mutex mutex;
    std::condition_variable done;
    std::optional<HttpReply> reply;

    void set(const HttpReply &r)
    {
        {
            std::lock_guard lock(mutex);
            reply = r;
        }
        done.notify_all();
    }
};

// Authenticates and checks the permission with RouteRegistry's one decision; sets the caller on `scope`.
std::optional<ApiError> refuse(const Authenticator *auth, const QString &method, const request::CallInfo &call,
                               const QByteArray &authorization, RouteRegistry::Scope &scope)
{
    const std::optional<Permission> needed = rpcPermissionOf(method);
    if (!needed)
        return ApiError{ErrorCode::NotFound, u"no such method %1"_s.arg(method), {}, {}};
    if (!auth)
        return std::nullopt;
    return RouteRegistry::authorize(auth->authenticate(authorization, {}, call.peer), *needed, scope,
                                    u"send the metadata authorization: Bearer <token>"_s, u"authorization"_s);
}
} // namespace

GrpcBridge::GrpcBridge(QObject *serverThread, std::shared_ptr<const Authenticator> auth)
    : m_serverThread(serverThread), m_auth(std::move(auth))
{
    m_replyPool.setMaxThreadCount(ReplyThreads);
}

GrpcBridge::~GrpcBridge()
{
    m_replyPool.waitForDone();
}

request::CallInfo GrpcBridge::callInfo(const grpc::ServerContextBase *context)
{
    return {peerAddress(context->peer()), metadata(context, "traceparent"), metadata(context, request::ActorHeader),
            metadata(context, request::IdempotencyKeyHeader)};
}

grpc::Status GrpcBridge::toStatus(grpc::ServerContextBase *context, const ApiError &error)
{
    v1::ErrorDetail detail;
    detail.set_code(toString(error.code).toStdString());
    detail.set_message(error.message.toStdString());
    detail.set_field(error.field.toStdString());
    detail.set_retry_after_s(error.retryAfterS);
    for (const QJsonValue &d : error.details) {
        const QJsonObject o = d.toObject();
        v1::Violation *v = detail.add_details();
        v->set_path(o.value(u"path"_s).toString().toStdString());
        v->set_message(o.value(u"message"_s).toString().toStdString());
        v->set_index(o.value(u"index"_s).toInt());
    }
    if (context) {
        context->AddTrailingMetadata("taskmill-error-bin", detail.SerializeAsString());
        context->AddTrailingMetadata("taskmill-error-code", detail.code());
        // Metadata values are printable ASCII; field names are ("[3].payload"), anything else is left out.
        const QByteArray field = error.field.toUtf8();
        if (std::all_of(field.cbegin(), field.cend(), [](char c) { return c >= 0x20 && c < 0x7f; }))
            context->AddTrailingMetadata("taskmill-error-field", field.toStdString());
        if (error.code == ErrorCode::TooManyRequests)
            context->AddTrailingMetadata("retry-after", std::to_string(std::max(1, error.retryAfterS)));
    }
    return grpc::Status(grpc::StatusCode(grpcStatusCode(error.code)), error.message.toStdString());
}

bool GrpcBridge::dispatch(const grpc::ServerContextBase *context, const QString &method, const QJsonValue &body,
                          Operation operation, ReplyTarget::Sink sink)
{
    if (m_stopping || !m_serverThread)
        return false;
    const request::CallInfo call = callInfo(context);
    const QByteArray authorization = metadata(context, "authorization");
    const std::shared_ptr<const Authenticator> auth = m_auth;
    return QMetaObject::invokeMethod(m_serverThread.data(), [=, op = std::move(operation)] {
        RouteRegistry::Scope scope(RpcMethodLabel, method);
        std::optional<ApiError> refused = refuse(auth.get(), method, call, authorization, scope);
        if (!refused)
            refused = request::checkStorableText(body);
        if (refused) {
            qCInfo(lcApi).noquote() << "refused" << method << ":" << refused->message;
            return respond(ReplyTarget(sink), HttpReply::error(*refused));
        }
        op(call, ReplyTarget(sink));
    }, Qt::QueuedConnection);
}

grpc::Status GrpcBridge::statusOf(grpc::ServerContextBase *context, const HttpReply &r, QJsonObject *json)
{
    const QJsonDocument doc = QJsonDocument::fromJson(r.body);
    if (r.status >= 400)
        return toStatus(context, ApiError::fromJson(doc.object(), r.status));
    if (json)
        *json = doc.object();
    return grpc::Status::OK;
}

grpc::Status GrpcBridge::run(grpc::ServerContext *context, const QString &method, const QJsonValue &body,
                             Operation operation, QJsonObject *reply)
{
    auto waiting = std::make_shared<Waiting>();
    if (!dispatch(context, method, body, std::move(operation), [waiting](const HttpReply &r) { waiting->set(r); }))
        return toStatus(context, ApiError::unavailable(u"the server is shutting down"_s));
    std::unique_lock lock(waiting->mutex);
    while (!waiting->reply) {
        if (context->IsCancelled())
            return grpc::Status(grpc::StatusCode::CANCELLED, "the call was cancelled or ran past its deadline");
        if (m_stopping)
            return toStatus(context, ApiError::unavailable(u"the server is shutting down"_s));
        waiting->done.wait_for(lock, std::chrono::milliseconds(CancelCheckMs));
    }
    const HttpReply r = *waiting->reply;
    lock.unlock();
    return statusOf(context, r, reply);
}

// One unary call in flight on the callback API: finished once, by its answer or by stop(), whichever comes first.
struct GrpcBridge::UnaryCall
{
    std::mutex mutex;
    grpc::ServerUnaryReactor *reactor = nullptr;
    bool finished = false;
};

grpc::ServerUnaryReactor *GrpcBridge::unary(grpc::CallbackServerContext *context, const QString &method,
                                           const QJsonValue &body, Operation operation,
                                           google::protobuf::Message *reply, Adapt adapt)
{
    auto call = std::make_shared<UnaryCall>();
    call->reactor = context->DefaultReactor();
    {
        std::lock_guard lock(m_callsMutex);
        m_calls.insert(call);
    }
    // The answer arrives on the server thread; turning its JSON into the reply message is left to the reply pool,
    // so the thread every request shares does no more for an RPC than for a REST request.
    const auto sink = [this, call, context, reply, adapt = std::move(adapt)](const HttpReply &r) {
        // Nobody waits on the future: the work finishes the call itself, and ~GrpcBridge waits for the pool.
        (void)QtConcurrent::run(&m_replyPool, [this, call, context, reply, adapt, r] {
            {
                std::lock_guard lock(call->mutex);
                if (!call->finished) { // else stop() answered it: the context and reply are gone
                    QJsonObject json;
                    grpc::Status status = statusOf(context, r, &json);
                    if (status.ok())
                        status = toMessage(adapt ? adapt(json) : json, reply);
                    call->finished = true;
                    call->reactor->Finish(status);
                }
            }
            std::lock_guard lock(m_callsMutex);
            m_calls.erase(call);
        });
    };
    if (!dispatch(context, method, body, std::move(operation), sink)) {
        std::lock_guard lock(call->mutex);
        if (!call->finished) {
            call->finished = true;
            call->reactor->Finish(grpc::Status(grpc::StatusCode::UNAVAILABLE, "the server is shutting down"));
        }
        std::lock_guard callsLock(m_callsMutex);
        m_calls.erase(call);
    }
    return call->reactor;
}

grpc::ServerUnaryReactor *GrpcBridge::refused(grpc::CallbackServerContext *context, const ApiError &error)
{
    grpc::ServerUnaryReactor *reactor = context->DefaultReactor();
    reactor->Finish(toStatus(context, error));
    return reactor;
}

void GrpcBridge::stop()
{
    m_stopping = true;
    std::set<std::shared_ptr<UnaryCall>> calls;
    {
        std::lock_guard lock(m_callsMutex);
        calls.swap(m_calls);
    }
    for (const auto &call : calls) {
        std::lock_guard lock(call->mutex);
        if (!call->finished) {
            call->finished = true;
            call->reactor->Finish(grpc::Status(grpc::StatusCode::UNAVAILABLE, "the server is shutting down"));
        }
    }
}

grpc::Status GrpcBridge::toMessage(const QJsonObject &json, google::protobuf::Message *message)
{
    if (auto error = fromRestJson(json, message)) {
        qCCritical(lcApi).noquote() << "gRPC: a REST answer does not fit" << QString::fromStdString(message->GetTypeName())
                                    << ":" << *error;
        return grpc::Status(grpc::StatusCode::INTERNAL, "internal error");
    }
    return grpc::Status::OK;
}

grpc::Status GrpcBridge::admit(grpc::ServerContext *context, const QString &method, Principal *who)
{
    auto admitted = std::make_shared<Principal>(Principal::local());
    QJsonObject unused;
    grpc::Status status = run(context, method, QJsonValue(), [admitted](const request::CallInfo &, ReplyTarget &&target) {
        *admitted = RouteRegistry::principal();
        respond(std::move(target), HttpReply::json(QJsonObject{}));
    }, &unused);
    if (status.ok() && who)
        *who = *admitted;
    return status;
}

} // namespace taskmill::grpcapi
