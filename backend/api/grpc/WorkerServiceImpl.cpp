// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "api/grpc/WorkerServiceImpl.h"

#include "api/ApiContext.h"
#include "api/LeaseHandler.h"
#include "api/grpc/ProtoJson.h"
#include "api/grpc/TaskServiceImpl.h"
#include "codec/TaskJson.h"
#include "observability/Logging.h"
#include "service/LeaseService.h"

#include <google/protobuf/util/time_util.h>

#include <QJsonArray>

#include <condition_variable>
#include <mutex>
#include <set>
#include <thread>

using namespace Qt::StringLiterals;

namespace taskmill::grpcapi {

namespace {
const QString Method = u"/taskmill.v1.WorkerService/Work"_s;
using Stream = grpc::ServerReaderWriter<v1::WorkResponse, v1::WorkRequest>;

google::protobuf::Timestamp timestampOf(const QDateTime &t)
{
    return google::protobuf::util::TimeUtil::MillisecondsToTimestamp(t.toMSecsSinceEpoch());
}

// One stream's state, shared by its two threads.
struct Session
{
    Stream *stream = nullptr;
    std::mutex writeMutex; // one Write at a time (gRPC allows one writer beside one reader)
    std::mutex mutex;
    std::condition_variable changed;
    std::set<QString> held; // leases pushed on this stream without a result yet
    bool draining = false;
    bool readerDone = false;
    std::atomic_bool gone{false}; // the worker's side is closed: stop leasing at once

    bool write(const v1::WorkResponse &response)
    {
        std::lock_guard lock(writeMutex);
        return stream->Write(response);
    }
};

void reject(Session &s, const QString &lease, const ApiError &e)
{
    v1::WorkResponse r;
    v1::Rejected *rejected = r.mutable_rejected();
    rejected->set_lease(lease.toStdString());
    v1::ErrorDetail *detail = rejected->mutable_error();
    detail->set_code(toString(e.code).toStdString());
    detail->set_message(e.message.toStdString());
    detail->set_field(e.field.toStdString());
    s.write(r);
}

// Records one message of the worker; runs on the reader thread with its own connections. False when PostgreSQL
// or Redis could not be reached (the connection is then opened afresh for the next message).
bool handle(Session &s, const v1::WorkRequest &m, LeaseService &service)
{
    if (m.has_drain()) {
        std::lock_guard lock(s.mutex);
        s.draining = true;
        s.changed.notify_all();
        return true;
    }
    if (m.has_hello())
        return reject(s, {}, ApiError::validation(u"hello"_s, u"hello is the first message of a stream, and only the first"_s)), true;
    QString action;
    std::string leaseText;
    QJsonObject body;
    if (m.has_heartbeat()) {
        action = u"heartbeat"_s;
        leaseText = m.heartbeat().lease();
        body = toRestJson(m.heartbeat());
    } else if (m.has_complete()) {
        action = u"complete"_s;
        leaseText = m.complete().lease();
        body = toRestJson(m.complete());
        if (!m.complete().has_result())
            body.insert(u"result"_s, QJsonValue(QJsonValue::Null));
    } else if (m.has_fail()) {
        action = u"fail"_s;
        leaseText = m.fail().lease();
        body = toRestJson(m.fail());
        body.insert(u"retry"_s, m.fail().retry()); // proto3 leaves a false bool out; REST's default is true
    } else if (m.has_release()) {
        action = u"release"_s;
        leaseText = m.release().lease();
    } else {
        return reject(s, {}, ApiError::validation(u"kind"_s, u"a message must set one of hello, heartbeat, complete, fail, release, drain"_s)), true;
    }
    const QString lease = QString::fromStdString(leaseText);
    const auto token = LeaseToken::parse(lease);
    if (!token)
        return reject(s, lease, ApiError::notFound(u"no such lease (malformed lease string)"_s)), true;
    if (auto bad = request::checkStorableText(body))
        return reject(s, lease, *bad), true;
    auto report = LeaseHandler::parseReport(action, body);
    if (!report)
        return reject(s, lease, report.error()), true;

    v1::WorkResponse response;
    std::optional<ApiError> error;
    if (action == u"heartbeat") {
        auto until = service.heartbeat(*token, report->progress, report->message);
        if (until) {
            response.mutable_heartbeat_ack()->set_lease(leaseText);
            *response.mutable_heartbeat_ack()->mutable_lease_expires_at() = timestampOf(*until);
        } else {
            error = until.error();
        }
    } else {
        auto done = action == u"complete" ? service.complete(*token, report->result)
                  : action == u"fail"     ? service.fail(*token, report->error, report->retry)
                                          : service.release(*token);
        if (done) {
            response.mutable_recorded()->set_lease(leaseText);
            response.mutable_recorded()->set_status(v1::Status(v1::Status_descriptor()->FindValueByName(
                "STATUS_" + toString(done->status).toStdString())->number()));
        } else {
            error = done.error();
        }
    }
    if (error && error->code == ErrorCode::LeaseLost) {
        response.mutable_lease_lost()->set_lease(leaseText);
        response.mutable_lease_lost()->set_message(error->message.toStdString());
    } else if (error) {
        reject(s, lease, *error); // the lease is still held: the worker may send it again
        return error->code != ErrorCode::Unavailable;
    }
    // The answer goes out before the lease leaves `held`: a stopping stream ends once nothing is held, and its
    // worker must have the answer by then.
    s.write(response);
    if (action != u"heartbeat" || error) { // a result, or a lost lease: nothing more can be recorded on it
        std::lock_guard lock(s.mutex);
        s.held.erase(lease);
        s.changed.notify_all();
    }
    return true;
}

// The reader thread: every message after hello, until the worker's side closes.
void readLoop(Session &s, const ApiContext &ctx, const BackendConfig &config)
{
    {
        auto db = ctx.database().connection();
        v1::WorkRequest m;
        while (s.stream->Read(&m)) {
            if (!db) {
                db = ctx.database().connection();
                if (!db) {
                    reject(s, {}, db.error());
                    continue;
                }
            }
            bool reachable = true;
            {
                LeaseService service(config, ctx.handlers(), *db, ctx.redis());
                reachable = handle(s, m, service);
            }
            if (!reachable) {
                // A lost server: drop this thread's connection so the next message connects afresh.
                db = ApiError::unavailable(u"reconnecting to PostgreSQL"_s);
                ctx.database().closeThreadConnection();
            }
        }
    }
    ctx.database().closeThreadConnection();
    std::lock_guard lock(s.mutex);
    s.readerDone = true;
    s.gone = true;
    s.changed.notify_all();
}

std::optional<ApiError> parseHello(const v1::Hello &hello, const QString &peer, LeaseRequest *out, int *capacity)
{
    if (hello.capacity() < 1 || hello.capacity() > WorkerServiceImpl::CapacityMax)
        return ApiError::validation(u"hello.capacity"_s, u"capacity must be from 1 to %1"_s.arg(WorkerServiceImpl::CapacityMax));
    *capacity = hello.capacity();
    QJsonObject body = toRestJson(hello);
    body.remove(u"capacity"_s);
    body.insert(u"max"_s, std::min(*capacity, LeaseHandler::MaxPerLease));
    if (auto bad = request::checkStorableText(body)) {
        bad->field = u"hello."_s + bad->field;
        return bad;
    }
    auto parsed = LeaseHandler::parseLeaseRequest(body);
    if (!parsed) {
        ApiError e = parsed.error();
        e.field = u"hello."_s + e.field;
        return e;
    }
    *out = *parsed;
    out->host = peer;
    return std::nullopt;
}
} // namespace

grpc::Status WorkerServiceImpl::Work(grpc::ServerContext *context, Stream *stream)
{
    Principal who;
    if (grpc::Status admitted = m_bridge.admit(context, Method, &who); !admitted.ok())
        return admitted;
    v1::WorkRequest first;
    if (!stream->Read(&first))
        return grpc::Status::OK; // closed before saying hello
    if (!first.has_hello())
        return GrpcBridge::toStatus(context, ApiError::validation(u"hello"_s, u"the first message of a stream must be hello"_s));
    LeaseRequest lease;
    int capacity = 1;
    if (auto bad = parseHello(first.hello(), GrpcBridge::callInfo(context).peer.toString(), &lease, &capacity))
        return GrpcBridge::toStatus(context, *bad);

    Session s;
    s.stream = stream;
    v1::WorkResponse welcome;
    welcome.mutable_welcome()->set_worker(lease.worker.toStdString());
    welcome.mutable_welcome()->set_capacity(capacity);
    welcome.mutable_welcome()->set_lease_ms(lease.leaseMs);
    if (!s.write(welcome))
        return grpc::Status::OK;
    qCInfo(lcApi).noquote() << "gRPC worker" << lease.worker << "streams for" << lease.types.join(u',') << "capacity" << capacity;

    std::thread reader([&s, this] { readLoop(s, m_ctx, m_ctx.config()); });
    const BackendConfig &config = m_ctx.config();
    qint64 stopSeenMs = 0;
    while (true) {
        int room = 0;
        {
            std::unique_lock lock(s.mutex);
            const bool stopping = m_bridge.stopping() || context->IsCancelled();
            if (stopping && !stopSeenMs)
                stopSeenMs = QDateTime::currentMSecsSinceEpoch();
            if (s.readerDone)
                break;
            // A stopping server gives held tasks a moment to report, then ends the stream (their leases expire).
            if (stopping && (s.held.empty() || QDateTime::currentMSecsSinceEpoch() - stopSeenMs > StopGraceMs))
                break;
            room = stopping || s.draining ? 0 : capacity - int(s.held.size());
            if (room <= 0) {
                s.changed.wait_for(lock, std::chrono::milliseconds(GrpcBridge::CancelCheckMs));
                continue;
            }
        }
        // PostgreSQL or Redis out of reach: the stream stays; leasing pauses and connects afresh (the worker's
        // results keep going through the reader, which reconnects the same way).
        const auto unreachable = [&](const ApiError &why) {
            qCWarning(lcApi).noquote() << "gRPC worker stream" << lease.worker << "cannot lease:" << why.message
                                       << "- retrying in" << UnreachableRetryMs << "ms";
            m_ctx.database().closeThreadConnection();
            std::unique_lock lock(s.mutex);
            s.changed.wait_for(lock, std::chrono::milliseconds(UnreachableRetryMs), [&] { return s.readerDone; });
        };
        auto db = m_ctx.database().connection();
        if (!db) {
            unreachable(db.error());
            continue;
        }
        LeaseRequest r = lease;
        r.max = std::min(room, LeaseHandler::MaxPerLease);
        r.waitMs = LeasePollMs;
        Result<QList<LeasedTask>> leased = ApiError::unavailable(QString());
        {
            LeaseService service(config, m_ctx.handlers(), *db, m_ctx.redis());
            leased = service.lease(r, s.gone);
        }
        if (!leased && leased.error().code == ErrorCode::Unavailable) {
            db = ApiError::unavailable(QString()); // drops this thread's handle before the connection closes
            unreachable(leased.error());
            continue;
        }
        if (!leased) {
            qCWarning(lcApi).noquote() << "gRPC worker stream" << lease.worker << "ends:" << leased.error().message;
            s.gone = true;
            context->TryCancel();
            reader.join();
            db = ApiError::unavailable(QString());
            m_ctx.database().closeThreadConnection();
            return GrpcBridge::toStatus(context, leased.error());
        }
        LeaseService service(config, m_ctx.handlers(), *db, m_ctx.redis());
        for (const LeasedTask &l : std::as_const(*leased)) {
            v1::WorkResponse push;
            v1::LeasedTask *task = push.mutable_task();
            if (grpc::Status converted = GrpcBridge::toMessage(toJson(l.task), task->mutable_task()); !converted.ok())
                qCCritical(lcApi) << "gRPC: a leased task does not convert";
            const QString token = l.token.toString();
            task->set_lease(token.toStdString());
            task->set_attempt(l.task.attempts);
            *task->mutable_lease_expires_at() = timestampOf(l.expiresAt);
            {
                std::lock_guard lock(s.mutex);
                s.held.insert(token);
            }
            if (!s.write(push)) {
                // Never delivered: give it back without using an attempt.
                if (auto released = service.release(l.token); !released)
                    qCWarning(lcApi).noquote() << "gRPC: releasing an undelivered lease failed:" << released.error().message;
                std::lock_guard lock(s.mutex);
                s.held.erase(token);
                s.gone = true;
            }
        }
    }
    // Held leases without a result are left to expire, as a REST worker's would (the attempt counts).
    s.gone = true;
    const bool clean = s.readerDone && !context->IsCancelled();
    if (!s.readerDone)
        context->TryCancel(); // unblocks the reader's Read
    reader.join();
    m_ctx.database().closeThreadConnection();
    qCInfo(lcApi).noquote() << "gRPC worker" << lease.worker << "stream ended;" << s.held.size() << "leases left to expire";
    if (clean)
        return grpc::Status::OK;
    if (m_bridge.stopping())
        return GrpcBridge::toStatus(context, ApiError::unavailable(u"the server is shutting down; reconnect"_s));
    return grpc::Status(grpc::StatusCode::CANCELLED, "the stream ended");
}

} // namespace taskmill::grpcapi
