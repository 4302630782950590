// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "GrpcChannel.h"

#include "Logging.h"

#include "taskmill/v1/taskmill.grpc.pb.h"

#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/time_util.h>
#include <grpcpp/grpcpp.h>

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <thread>

using namespace Qt::StringLiterals;
namespace v1 = taskmill::v1;

namespace taskmill::sdk::detail {

namespace {
// How often a wait looks at `cancelled`.
constexpr auto CancelCheck = std::chrono::milliseconds(50);

// The HTTP status the REST API would have answered for a taskmilld error code (the taskmill-error-code trailer).
int httpStatusOf(const QString &code)
{
    static const std::map<QString, int> statuses = {
        {u"bad_request"_s, 400}, {u"validation"_s, 422}, {u"validation_failed"_s, 422}, {u"unauthorized"_s, 401},
        {u"forbidden"_s, 403}, {u"not_found"_s, 404}, {u"conflict"_s, 409}, {u"lease_lost"_s, 409},
        {u"payload_too_large"_s, 413}, {u"unsupported_media_type"_s, 415}, {u"misdirected_request"_s, 421},
        {u"too_many_requests"_s, 429}, {u"gone"_s, 410}, {u"unavailable"_s, 503}, {u"timeout"_s, 504}, {u"internal"_s, 500}};
    const auto it = statuses.find(code);
    return it == statuses.end() ? 400 : it->second;
}

std::string metadataValue(const std::multimap<grpc::string_ref, grpc::string_ref> &md, const char *key)
{
    const auto it = md.find(key);
    return it == md.end() ? std::string() : std::string(it->second.data(), it->second.size());
}

// A failed call as the REST API's ApiError: the trailers carry taskmilld's code and field; without them (the
// server unreachable, the call cancelled) it is a transport error the engine retries.
ApiError errorOf(const grpc::Status &status, const grpc::ClientContext &context)
{
    const QString code = QString::fromStdString(metadataValue(context.GetServerTrailingMetadata(), "taskmill-error-code"));
    const QString message = QString::fromStdString(status.error_message());
    if (code.isEmpty()) {
        switch (status.error_code()) {
        case grpc::StatusCode::UNAUTHENTICATED: return {401, u"unauthorized"_s, message, {}, {}};
        case grpc::StatusCode::PERMISSION_DENIED: return {403, u"forbidden"_s, message, {}, {}};
        case grpc::StatusCode::NOT_FOUND: return {404, u"not_found"_s, message, {}, {}};
        case grpc::StatusCode::INVALID_ARGUMENT: return {422, u"validation"_s, message, {}, {}};
        default: return ApiError::transport(u"gRPC %1: %2"_s.arg(int(status.error_code())).arg(message));
        }
    }
    ApiError e{httpStatusOf(code), code, message,
               QString::fromStdString(metadataValue(context.GetServerTrailingMetadata(), "taskmill-error-field")), {}};
    if (e.status >= 500)
        e.status = code == u"unavailable" ? 503 : e.status; // transient: retried with backoff
    return e;
}

QJsonValue jsonOf(const google::protobuf::Message &m)
{
    std::string text;
    google::protobuf::util::JsonPrintOptions options;
    options.preserve_proto_field_names = true;
    (void)google::protobuf::util::MessageToJsonString(m, &text, options);
    const QByteArray wrapped = "[" + QByteArray::fromStdString(text) + "]";
    return QJsonDocument::fromJson(wrapped).array().at(0);
}

bool messageOf(const QJsonValue &json, google::protobuf::Message *m)
{
    QByteArray text = QJsonDocument(QJsonArray{json}).toJson(QJsonDocument::Compact);
    text = text.mid(1, text.size() - 2);
    google::protobuf::util::JsonParseOptions options;
    options.ignore_unknown_fields = true;
    return google::protobuf::util::JsonStringToMessage(text.toStdString(), m, options).ok();
}

QString timestampText(const google::protobuf::Timestamp &t)
{
    return QDateTime::fromMSecsSinceEpoch(google::protobuf::util::TimeUtil::TimestampToMilliseconds(t), Qt::UTC)
        .toString(Qt::ISODateWithMs);
}

// "PRIORITY_HIGH" → "HIGH", as REST spells it.
QString afterPrefix(const std::string &name)
{
    const QString n = QString::fromStdString(name);
    return n.mid(n.indexOf(u'_') + 1);
}

QString statusText(v1::Status s)
{
    const std::string name = v1::Status_Name(s);
    return QString::fromStdString(name).mid(int(sizeof("STATUS_")) - 1);
}

// The REST lease item (POST /api/v1/workers/lease) of a pushed task: what Task::fromLeaseItem reads.
QJsonObject leaseItem(const v1::LeasedTask &l)
{
    const v1::Task &t = l.task();
    return {{u"lease"_s, QString::fromStdString(l.lease())},
            {u"id"_s, QString::fromStdString(t.id())},
            {u"type"_s, QString::fromStdString(t.type())},
            {u"title"_s, QString::fromStdString(t.title())},
            {u"payload"_s, jsonOf(t.payload())},
            {u"attempt"_s, l.attempt()},
            {u"max_attempts"_s, t.max_attempts()},
            {u"priority"_s, afterPrefix(v1::Priority_Name(t.priority()))},
            {u"trace_id"_s, QString::fromStdString(t.trace_id())},
            {u"span_id"_s, QString::fromStdString(t.span_id())},
            {u"lease_expires_at"_s, timestampText(l.lease_expires_at())}};
}

// A Handler message from the REST body of POST/PUT /handlers (name, schema, description, the defaults).
v1::Handler handlerOf(const QString &name, const QJsonObject &body)
{
    QJsonObject o = body;
    o.insert(u"name"_s, name);
    if (o.contains(u"default_priority"_s))
        o.insert(u"default_priority"_s, QString(u"PRIORITY_"_s + o.value(u"default_priority"_s).toString().toUpper()));
    if (o.contains(u"kind"_s))
        o.insert(u"kind"_s, QString(u"HANDLER_KIND_"_s + o.value(u"kind"_s).toString().toUpper()));
    v1::Handler h;
    messageOf(o, &h);
    return h;
}

QJsonObject handlerJson(const v1::Handler &h)
{
    QJsonObject o{{u"name"_s, QString::fromStdString(h.name())},
                  {u"kind"_s, h.kind() == v1::HANDLER_KIND_BUILTIN ? u"builtin"_s : u"external"_s},
                  {u"version"_s, h.version()},
                  {u"description"_s, QString::fromStdString(h.description())}};
    if (h.has_schema())
        o.insert(u"schema"_s, jsonOf(h.schema()));
    return o;
}
} // namespace

struct GrpcChannel::State
{
    QString target;
    std::string authorization;
    std::shared_ptr<grpc::Channel> channel;
    std::unique_ptr<v1::WorkerService::Stub> workers;
    std::unique_ptr<v1::HandlerService::Stub> handlers;
    int capacity = 1;

    // An answer a call waits for.
    struct Pending
    {
        std::optional<Result<QJsonValue>> answer;
    };

    std::mutex mutex;
    std::condition_variable changed;
    // The stream; replaced after it breaks. `hello` is kept to open the next one.
    // One Work call: the stream goes before its context. Shared: a call writing outside `mutex` keeps it alive
    // while another call replaces it.
    struct Call
    {
        grpc::ClientContext context;
        std::unique_ptr<grpc::ClientReaderWriter<v1::WorkRequest, v1::WorkResponse>> stream;
        ~Call() { stream.reset(); }
    };
    std::shared_ptr<Call> call;
    std::thread reader;
    bool open = false;
    std::optional<v1::WorkRequest> hello;
    std::deque<QJsonObject> pushed;                                 // tasks the server sent, not yet taken
    std::map<std::string, std::deque<std::shared_ptr<Pending>>> waiting; // by lease, in the order sent
    std::mutex writeMutex;

    void prepare(grpc::ClientContext &c) const
    {
        if (!authorization.empty())
            c.AddMetadata("authorization", authorization);
    }

    // Under `mutex`: closes a broken stream (joins its reader) so the next call opens another.
    void reset(std::unique_lock<std::mutex> &lock)
    {
        open = false;
        if (reader.joinable()) {
            std::thread r = std::move(reader);
            lock.unlock();
            r.join();
            lock.lock();
        }
        call.reset();
    }

    void resolve(const std::string &lease, Result<QJsonValue> answer)
    {
        std::lock_guard lock(mutex);
        auto it = waiting.find(lease);
        if (it == waiting.end() || it->second.empty())
            return;
        it->second.front()->answer = std::move(answer);
        it->second.pop_front();
        if (it->second.empty())
            waiting.erase(it);
        changed.notify_all();
    }

    void readLoop(grpc::ClientReaderWriter<v1::WorkRequest, v1::WorkResponse> *s, grpc::ClientContext *c)
    {
        v1::WorkResponse r;
        while (s->Read(&r)) {
            if (r.has_task()) {
                std::lock_guard lock(mutex);
                pushed.push_back(leaseItem(r.task()));
                changed.notify_all();
            } else if (r.has_heartbeat_ack()) {
                resolve(r.heartbeat_ack().lease(), QJsonValue(QJsonObject{{u"lease_expires_at"_s, timestampText(r.heartbeat_ack().lease_expires_at())}}));
            } else if (r.has_recorded()) {
                resolve(r.recorded().lease(), QJsonValue(QJsonObject{{u"status"_s, statusText(r.recorded().status())}}));
            } else if (r.has_lease_lost()) {
                resolve(r.lease_lost().lease(), ApiError{409, u"lease_lost"_s, QString::fromStdString(r.lease_lost().message()), {}, {}});
            } else if (r.has_rejected()) {
                const v1::ErrorDetail &e = r.rejected().error();
                const QString code = QString::fromStdString(e.code());
                resolve(r.rejected().lease(), ApiError{httpStatusOf(code), code, QString::fromStdString(e.message()),
                                                       QString::fromStdString(e.field()), {}});
            }
        }
        const grpc::Status status = s->Finish();
        std::lock_guard lock(mutex);
        const ApiError why = status.ok() ? ApiError::transport(u"the work stream ended"_s) : errorOf(status, *c);
        if (!status.ok())
            qCWarning(lcWorker).noquote() << u"gRPC work stream ended: %1"_s.arg(why.toString());
        for (auto &[lease, calls] : waiting)
            for (auto &p : calls)
                p->answer = why;
        waiting.clear();
        open = false;
        changed.notify_all();
    }

    // Under `mutex`: the stream, opened (Hello, Welcome) when it is not. An error the engine sees as the answer.
    std::optional<ApiError> ensureOpen(std::unique_lock<std::mutex> &lock)
    {
        if (open)
            return std::nullopt;
        if (!hello)
            return ApiError::transport(u"no work stream yet"_s);
        reset(lock);
        call = std::make_shared<Call>();
        prepare(call->context);
        call->stream = workers->Work(&call->context);
        v1::WorkResponse welcome;
        if (!call->stream->Write(*hello) || !call->stream->Read(&welcome) || !welcome.has_welcome()) {
            call->stream->WritesDone();
            const grpc::Status status = call->stream->Finish();
            const ApiError e = errorOf(status, call->context);
            call.reset();
            return status.ok() ? ApiError::transport(u"the server closed the work stream"_s) : e;
        }
        open = true;
        reader = std::thread([this, c = call] { readLoop(c->stream.get(), &c->context); });
        qCInfo(lcWorker).noquote() << u"gRPC work stream open to %1 (capacity %2)"_s.arg(target).arg(welcome.welcome().capacity());
        return std::nullopt;
    }

    Result<QJsonValue> lease(const QJsonObject &body, int waitMs, const std::function<bool()> &cancelled)
    {
        std::unique_lock lock(mutex);
        if (!hello) {
            v1::WorkRequest h;
            v1::Hello *m = h.mutable_hello();
            m->set_worker(body.value(u"worker"_s).toString().toStdString());
            for (const QJsonValue &t : body.value(u"types"_s).toArray())
                m->add_types(t.toString().toStdString());
            m->set_capacity(capacity);
            m->set_lease_ms(body.value(u"lease_ms"_s).toInt());
            hello = h;
        }
        if (auto error = ensureOpen(lock))
            return *error;
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(waitMs);
        while (pushed.empty() && open && std::chrono::steady_clock::now() < deadline && !(cancelled && cancelled()))
            changed.wait_for(lock, CancelCheck);
        QJsonArray items;
        const int max = body.value(u"max"_s).toInt(1);
        while (!pushed.empty() && items.size() < max) {
            items.append(pushed.front());
            pushed.pop_front();
        }
        if (items.isEmpty() && !open)
            return ApiError::transport(u"the work stream broke"_s);
        return QJsonValue(QJsonObject{{u"items"_s, items}});
    }

    Result<QJsonValue> report(const QString &lease, const QString &action, const QJsonObject &body,
                              const std::function<bool()> &cancelled)
    {
        v1::WorkRequest m;
        const std::string leaseText = lease.toStdString();
        if (action == u"heartbeat") {
            m.mutable_heartbeat()->set_lease(leaseText);
            if (body.contains(u"progress"_s))
                m.mutable_heartbeat()->set_progress(body.value(u"progress"_s).toInt());
            m.mutable_heartbeat()->set_message(body.value(u"message"_s).toString().toStdString());
        } else if (action == u"complete") {
            m.mutable_complete()->set_lease(leaseText);
            messageOf(body.value(u"result"_s), m.mutable_complete()->mutable_result());
        } else if (action == u"fail") {
            m.mutable_fail()->set_lease(leaseText);
            m.mutable_fail()->set_error(body.value(u"error"_s).toString().toStdString());
            m.mutable_fail()->set_retry(body.value(u"retry"_s).toBool(true));
        } else if (action == u"release") {
            m.mutable_release()->set_lease(leaseText);
        } else {
            return ApiError{404, u"not_found"_s, u"no lease action "_s + action, {}, {}};
        }
        auto pending = std::make_shared<Pending>();
        std::unique_lock lock(mutex);
        if (auto error = ensureOpen(lock))
            return *error;
        waiting[leaseText].push_back(pending);
        const std::shared_ptr<Call> c = call;
        bool written = false;
        {
            // Not under `mutex`: a Write held up by flow control must not keep the reader from taking answers.
            lock.unlock();
            std::lock_guard writeLock(writeMutex);
            written = c->stream->Write(m);
        }
        lock.lock();
        if (!written)
            return ApiError::transport(u"the work stream broke"_s); // the reader answers the rest
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(GrpcChannel::AnswerTimeoutMs);
        while (!pending->answer && std::chrono::steady_clock::now() < deadline && !(cancelled && cancelled()))
            changed.wait_for(lock, CancelCheck);
        if (!pending->answer)
            return ApiError{0, u"timeout"_s, u"no answer on the work stream"_s, {}, {}};
        return *pending->answer;
    }
};

GrpcChannel::GrpcChannel(const QString &target, const QString &token, const GrpcOptions &options)
    : m_state(std::make_unique<State>())
{
    m_state->target = target;
    if (!token.isEmpty())
        m_state->authorization = "Bearer " + token.toStdString();
    std::shared_ptr<grpc::ChannelCredentials> credentials;
    if (options.tls) {
        grpc::SslCredentialsOptions ssl;
        ssl.pem_root_certs = options.rootCertificates.toStdString();
        credentials = grpc::SslCredentials(ssl);
    } else {
        credentials = grpc::InsecureChannelCredentials();
    }
    m_state->channel = grpc::CreateChannel(target.toStdString(), credentials);
    m_state->workers = v1::WorkerService::NewStub(m_state->channel);
    m_state->handlers = v1::HandlerService::NewStub(m_state->channel);
}

GrpcChannel::~GrpcChannel()
{
    close();
}

QString GrpcChannel::url() const
{
    return u"grpc://"_s + m_state->target;
}

void GrpcChannel::setCapacity(int capacity)
{
    m_state->capacity = capacity;
}

void GrpcChannel::close()
{
    std::unique_lock lock(m_state->mutex);
    if (m_state->open && m_state->call) {
        std::lock_guard writeLock(m_state->writeMutex);
        m_state->call->stream->WritesDone(); // the server ends the stream; the reader sees it and finishes
    }
    m_state->reset(lock);
}

Result<QJsonValue> GrpcChannel::request(const QByteArray &method, const QString &path, const std::optional<QJsonObject> &body,
                                        int timeoutMs, const std::function<bool()> &cancelled) const
{
    const QJsonObject b = body.value_or(QJsonObject());
    if (method == "POST" && path == u"/workers/lease")
        return m_state->lease(b, b.value(u"wait_ms"_s).toInt(), cancelled);
    if (method == "POST" && path.startsWith(u"/leases/")) {
        const QStringList parts = path.split(u'/'); // "", "leases", <lease>, <action>
        if (parts.size() != 4)
            return ApiError{404, u"not_found"_s, u"no such route"_s, {}, {}};
        return m_state->report(QUrl::fromPercentEncoding(parts.at(2).toUtf8()), parts.at(3), b, cancelled);
    }
    // Handler registration: HandlerService, one unary call each.
    grpc::ClientContext context;
    m_state->prepare(context);
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(timeoutMs > 0 ? timeoutMs : AnswerTimeoutMs));
    v1::Handler answer;
    grpc::Status status;
    if (method == "GET" && path.startsWith(u"/handlers/")) {
        v1::HandlerName name;
        name.set_name(QUrl::fromPercentEncoding(path.mid(int(sizeof("/handlers/")) - 1).toUtf8()).toStdString());
        status = m_state->handlers->Get(&context, name, &answer);
    } else if (method == "POST" && path == u"/handlers") {
        status = m_state->handlers->Create(&context, handlerOf(b.value(u"name"_s).toString(), b), &answer);
    } else if (method == "PUT" && path.startsWith(u"/handlers/")) {
        const QString name = QUrl::fromPercentEncoding(path.mid(int(sizeof("/handlers/")) - 1).toUtf8());
        status = m_state->handlers->Update(&context, handlerOf(name, b), &answer);
    } else {
        return ApiError{404, u"not_found"_s, u"the gRPC transport has no call for %1 %2"_s.arg(QString::fromLatin1(method), path), {}, {}};
    }
    if (!status.ok())
        return errorOf(status, context);
    return QJsonValue(handlerJson(answer));
}

} // namespace taskmill::sdk::detail
