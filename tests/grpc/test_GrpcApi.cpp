// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// The gRPC API (proto/taskmill/v1, docs/api.md "gRPC") against a real taskmilld on private PostgreSQL and Redis,
// with a client generated from the .proto: every TaskService RPC agrees with REST in both directions (created
// over one transport, read over the other), bad input answers INVALID_ARGUMENT naming the field in the
// taskmill-error-* trailers, permissions are the REST route matrix's, deadlines and cancellation end a call, and
// the WorkerService stream leases, heartbeats and records results under the REST lease rules.
#include "../backend/IntegrationHelpers.h"
#include "GrpcTestHelpers.h"

#include "taskmill/v1/taskmill.grpc.pb.h"

#include <google/protobuf/util/time_util.h>
#include <grpcpp/grpcpp.h>

#include <QJsonArray>

#include <csignal>

using namespace Qt::StringLiterals;
using namespace taskmill;
using namespace taskmill::test;
namespace v1 = taskmill::v1;

namespace {
std::string str(const QString &s)
{
    return s.toStdString();
}
} // namespace

class TestGrpcApi : public QObject
{
    Q_OBJECT
    TestServers m_servers;
    BackendProcess m_backend;
    TestHttp m_http;
    std::shared_ptr<grpc::Channel> m_channel;
    std::unique_ptr<v1::TaskService::Stub> m_tasks;
    std::unique_ptr<v1::WorkerService::Stub> m_workers;

    QJsonObject restTask(const QString &id) { return m_http.get(u"/api/v1/tasks/"_s + id).obj(); }

    // A Work stream that said hello for `ocr` and read its Welcome (null when either failed).
    using WorkStream = std::unique_ptr<grpc::ClientReaderWriter<v1::WorkRequest, v1::WorkResponse>>;
    WorkStream openWork(grpc::ClientContext &context, const char *worker, int capacity, int leaseMs = 0)
    {
        auto stream = m_workers->Work(&context);
        v1::WorkRequest hello;
        hello.mutable_hello()->set_worker(worker);
        hello.mutable_hello()->add_types("ocr");
        hello.mutable_hello()->set_capacity(capacity);
        hello.mutable_hello()->set_lease_ms(leaseMs);
        v1::WorkResponse welcome;
        if (!stream->Write(hello) || !stream->Read(&welcome) || !welcome.has_welcome() || welcome.welcome().capacity() != capacity)
            return nullptr;
        return stream;
    }

    v1::Task create(const QString &type, const QString &title, grpc::Status *status = nullptr)
    {
        v1::CreateTaskRequest request;
        request.set_type(str(type));
        request.set_title(str(title));
        grpc::ClientContext context;
        v1::Task task;
        const grpc::Status s = m_tasks->Create(&context, request, &task);
        if (status)
            *status = s;
        return task;
    }

private slots:
    void initTestCase()
    {
        auto started = m_servers.start();
        QVERIFY2(started, qPrintable(started ? QString() : started.error().message));
        auto up = m_backend.start(backendArgs(m_servers, {u"--set"_s, u"retry.base_ms=50"_s}));
        QVERIFY2(up, qPrintable(up ? QString() : up.error().message));
        m_http.setBaseUrl(m_backend.baseUrl());
        QVERIFY2(!m_backend.grpcTarget().isEmpty(), "taskmilld announced no gRPC listener");
        m_channel = grpc::CreateChannel(str(m_backend.grpcTarget()), grpc::InsecureChannelCredentials());
        m_tasks = v1::TaskService::NewStub(m_channel);
        m_workers = v1::WorkerService::NewStub(m_channel);
        // An external handler for the worker stream, registered over REST.
        const auto registered = m_http.post(u"/api/v1/handlers"_s, QJsonValue(QJsonObject{
            {u"name"_s, u"ocr"_s}, {u"kind"_s, u"external"_s}, {u"max_attempts"_s, 3},
            {u"schema"_s, QJsonObject{{u"type"_s, u"object"_s}, {u"properties"_s, QJsonObject{{u"page"_s, QJsonObject{{u"type"_s, u"integer"_s}}}}}}}}));
        QVERIFY2(registered.status == 201, registered.body.constData());
    }
    void cleanupTestCase()
    {
        if (m_backend.isRunning()) // the last test stops it on purpose
            QVERIFY(m_backend.terminate());
    }

    void created_over_grpc_reads_the_same_over_rest()
    {
        v1::CreateTaskRequest request;
        request.set_type("noop");
        request.set_title("über gRPC");
        request.set_description("made by a generated client");
        request.set_priority(v1::PRIORITY_HIGH);
        request.set_max_attempts(5);
        (*request.mutable_payload()->mutable_fields())["n"].set_number_value(42);
        request.mutable_retry_policy()->set_strategy("constant");
        request.mutable_retry_policy()->set_base_ms(250);
        request.mutable_retry_policy()->set_max_ms(250);
        request.mutable_retry_policy()->set_jitter(0); // set: 0, not the server's 0.2
        grpc::ClientContext context;
        v1::Task task;
        const grpc::Status status = m_tasks->Create(&context, request, &task);
        QVERIFY2(status.ok(), status.error_message().c_str());
        const QString id = QString::fromStdString(task.id());
        QVERIFY(!QUuid::fromString(id).isNull());
        QCOMPARE(task.priority(), v1::PRIORITY_HIGH);
        QVERIFY(task.status() == v1::STATUS_NEW || task.status() == v1::STATUS_PENDING);
        const QJsonObject rest = restTask(id);
        QCOMPARE(rest.value(u"title"_s).toString(), u"über gRPC"_s);
        QCOMPARE(rest.value(u"description"_s).toString(), u"made by a generated client"_s);
        QCOMPARE(rest.value(u"priority"_s).toString(), u"HIGH"_s);
        QCOMPARE(rest.value(u"max_attempts"_s).toInt(), 5);
        QCOMPARE(rest.value(u"payload"_s).toObject().value(u"n"_s).toInt(), 42);
        QCOMPARE(rest.value(u"trace_id"_s).toString(), QString::fromStdString(task.trace_id()));
        QCOMPARE(rest.value(u"retry_policy"_s).toObject(),
                 (QJsonObject{{u"strategy"_s, u"constant"_s}, {u"base_ms"_s, 250}, {u"max_ms"_s, 250}, {u"jitter"_s, 0}}));
        QCOMPARE(task.retry_policy().jitter(), 0.0);
        QVERIFY(task.retry_policy().has_jitter());
        QCOMPARE(waitForStatus(m_http, id, u"COMPLETED"_s).value(u"status"_s).toString(), u"COMPLETED"_s);
    }

    void created_over_rest_reads_the_same_over_grpc()
    {
        const QJsonObject policy{{u"strategy"_s, u"exponential"_s}, {u"base_ms"_s, 100}, {u"max_ms"_s, 5000}, {u"jitter"_s, 0.5}};
        const QString id = createTask(m_http, {{u"title"_s, u"from REST"_s}, {u"priority"_s, u"LOW"_s},
                                               {u"payload"_s, QJsonObject{{u"k"_s, u"v"_s}}}, {u"retry_policy"_s, policy}});
        QCOMPARE(waitForStatus(m_http, id, u"COMPLETED"_s).value(u"status"_s).toString(), u"COMPLETED"_s);
        v1::GetTaskRequest request;
        request.set_id(str(id));
        request.set_with_history(true);
        grpc::ClientContext context;
        v1::GetTaskResponse reply;
        const grpc::Status status = m_tasks->Get(&context, request, &reply);
        QVERIFY2(status.ok(), status.error_message().c_str());
        QCOMPARE(QString::fromStdString(reply.task().title()), u"from REST"_s);
        QCOMPARE(reply.task().priority(), v1::PRIORITY_LOW);
        QCOMPARE(reply.task().status(), v1::STATUS_COMPLETED);
        QCOMPARE(reply.task().payload().fields().at("k").string_value(), std::string("v"));
        // A task with its own retry policy converts whole (a bool `jitter` once failed every such task).
        QCOMPARE(reply.task().retry_policy().strategy(), std::string("exponential"));
        QCOMPARE(reply.task().retry_policy().base_ms(), 100);
        QCOMPARE(reply.task().retry_policy().max_ms(), 5000);
        QCOMPARE(reply.task().retry_policy().jitter(), 0.5);
        QVERIFY(reply.task().has_completed_at());
        QCOMPARE(reply.task().attempts(), 1);
        const QJsonArray history = m_http.get(u"/api/v1/tasks/%1/history"_s.arg(id)).obj().value(u"items"_s).toArray();
        QCOMPARE(reply.history_size(), int(history.size()));
        QVERIFY(reply.history_size() >= 3);
        QCOMPARE(reply.history(reply.history_size() - 1).to_status(), v1::STATUS_COMPLETED);
    }

    // REST's Idempotency-Key is the metadata key idempotency-key here (docs/api.md, "Idempotent creates").
    void an_idempotency_key_in_metadata_makes_a_create_safe_to_repeat()
    {
        v1::CreateTaskRequest request;
        request.set_title("once over gRPC");
        const auto create = [&](const char *key, v1::Task *task) {
            grpc::ClientContext context;
            context.AddMetadata("idempotency-key", key);
            const grpc::Status status = m_tasks->Create(&context, request, task);
            return std::make_pair(status, trailersOf(context)); // the trailers once the call is over
        };
        v1::Task first, again;
        QVERIFY(create("grpc-key-1", &first).first.ok());
        QVERIFY(create("grpc-key-1", &again).first.ok());
        QCOMPARE(again.id(), first.id());
        v1::CreateBatchRequest batch;
        *batch.add_items() = request;
        *batch.add_items() = request;
        v1::CreateBatchResponse made, remade;
        for (v1::CreateBatchResponse *answer : {&made, &remade}) {
            grpc::ClientContext context;
            context.AddMetadata("idempotency-key", "grpc-batch-1");
            QVERIFY(m_tasks->CreateBatch(&context, batch, answer).ok());
        }
        QCOMPARE(remade.ids_size(), 2);
        QCOMPARE(remade.ids(0), made.ids(0));
        QCOMPARE(remade.ids(1), made.ids(1));
        QCOMPARE(countRows(m_servers, u"SELECT count(*) FROM tasks WHERE title = 'once over gRPC'"_s), 3);

        request.set_title("another request");
        v1::Task refused;
        const auto [status, trailers] = create("grpc-key-1", &refused);
        QCOMPARE(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
        QCOMPARE(trailers.field, u"Idempotency-Key"_s);
        const auto [bad, badTrailers] = create("not a key", &refused);
        QCOMPARE(bad.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
        QCOMPARE(badTrailers.field, u"Idempotency-Key"_s);
    }

    void batch_list_cancel_and_retry_agree_with_rest()
    {
        // CreateBatch: all or none, ids in order; postponed so they stay put for the list and the cancel.
        v1::CreateBatchRequest batch;
        const auto later = google::protobuf::util::TimeUtil::SecondsToTimestamp(QDateTime::currentSecsSinceEpoch() + 3600);
        for (int i = 0; i < 3; ++i) {
            v1::CreateTaskRequest *item = batch.add_items();
            item->set_type("noop");
            item->set_title(str(u"batch %1"_s.arg(i)));
            *item->mutable_run_at() = later;
        }
        grpc::ClientContext context;
        v1::CreateBatchResponse made;
        grpc::Status status = m_tasks->CreateBatch(&context, batch, &made);
        QVERIFY2(status.ok(), status.error_message().c_str());
        QCOMPARE(made.count(), 3);
        for (const std::string &id : made.ids())
            QCOMPARE(restTask(QString::fromStdString(id)).value(u"status"_s).toString(), u"POSTPONED"_s);

        // List with a filter: the same ids as the REST list with the same keys.
        v1::ListTasksRequest list;
        list.mutable_filter()->add_statuses(v1::STATUS_POSTPONED);
        list.mutable_filter()->add_types("noop");
        list.set_limit(2);
        grpc::ClientContext listContext;
        v1::ListTasksResponse page;
        status = m_tasks->List(&listContext, list, &page);
        QVERIFY2(status.ok(), status.error_message().c_str());
        const QJsonObject restPage = m_http.get(u"/api/v1/tasks?status=POSTPONED&type=noop&limit=2"_s).obj();
        QCOMPARE(page.items_size(), 2);
        QCOMPARE(page.total(), restPage.value(u"total"_s).toInteger());
        for (int i = 0; i < page.items_size(); ++i)
            QCOMPARE(QString::fromStdString(page.items(i).id()), restPage.value(u"items"_s).toArray().at(i).toObject().value(u"id"_s).toString());
        QVERIFY(!page.next_cursor().empty());
        QVERIFY(page.revision() > 0);
        list.set_cursor(page.next_cursor());
        grpc::ClientContext nextContext;
        v1::ListTasksResponse next;
        QVERIFY(m_tasks->List(&nextContext, list, &next).ok());
        QCOMPARE(next.items_size(), 1);
        QVERIFY(next.next_cursor().empty());

        // Cancel over gRPC, seen over REST; a second cancel is refused as REST refuses it (409 → FAILED_PRECONDITION).
        v1::TaskIdRequest cancel;
        cancel.set_id(made.ids(0));
        grpc::ClientContext cancelContext;
        v1::Task cancelled;
        status = m_tasks->Cancel(&cancelContext, cancel, &cancelled);
        QVERIFY2(status.ok(), status.error_message().c_str());
        QCOMPARE(cancelled.status(), v1::STATUS_CANCELLED);
        QCOMPARE(restTask(QString::fromStdString(made.ids(0))).value(u"status"_s).toString(), u"CANCELLED"_s);
        grpc::ClientContext againContext;
        status = m_tasks->Cancel(&againContext, cancel, &cancelled);
        QCOMPARE(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
        QCOMPARE(trailersOf(againContext).code, u"conflict"_s);

        // Retry now: the cancelled task runs again (and completes), as POST /api/v1/tasks/{id}/retry does.
        grpc::ClientContext retryContext;
        v1::Task retried;
        status = m_tasks->Retry(&retryContext, cancel, &retried);
        QVERIFY2(status.ok(), status.error_message().c_str());
        QVERIFY2(retried.status() != v1::STATUS_CANCELLED, v1::Status_Name(retried.status()).c_str()); // noop may finish first
        QCOMPARE(QString::fromStdString(retried.id()), QString::fromStdString(made.ids(0)));
        QCOMPARE(waitForStatus(m_http, QString::fromStdString(made.ids(0)), u"COMPLETED"_s).value(u"status"_s).toString(), u"COMPLETED"_s);
    }

    void bad_input_names_the_field()
    {
        grpc::Status status;
        {
            v1::CreateTaskRequest request;
            request.set_type("not a type!");
            grpc::ClientContext context;
            v1::Task task;
            status = m_tasks->Create(&context, request, &task);
            QCOMPARE(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
            const ErrorTrailers t = trailersOf(context);
            QCOMPARE(t.code, u"validation"_s);
            QCOMPARE(t.field, u"type"_s);
            QCOMPARE(QString::fromStdString(t.detail.field()), u"type"_s);
            QVERIFY(!status.error_message().empty());
        }
        {
            v1::CreateTaskRequest request;
            request.set_max_attempts(0);
            grpc::ClientContext context;
            v1::Task task;
            status = m_tasks->Create(&context, request, &task);
            QCOMPARE(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
            QCOMPARE(trailersOf(context).field, u"max_attempts"_s);
        }
        {
            // A payload the handler's schema refuses: every violation in the details; a batch names the item.
            v1::CreateBatchRequest batch;
            batch.add_items()->set_type("noop");
            v1::CreateTaskRequest *bad = batch.add_items();
            bad->set_type("ocr");
            (*bad->mutable_payload()->mutable_fields())["page"].set_string_value("one");
            grpc::ClientContext context;
            v1::CreateBatchResponse made;
            const qint64 before = m_http.get(u"/api/v1/tasks?limit=1"_s).obj().value(u"total"_s).toInteger();
            status = m_tasks->CreateBatch(&context, batch, &made);
            QCOMPARE(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
            const ErrorTrailers t = trailersOf(context);
            QCOMPARE(t.code, u"validation_failed"_s);
            QCOMPARE(t.field, u"[1].payload"_s);
            QVERIFY(t.detail.details_size() >= 1);
            QCOMPARE(t.detail.details(0).index(), 1);
            QCOMPARE(m_http.get(u"/api/v1/tasks?limit=1"_s).obj().value(u"total"_s).toInteger(), before); // nothing written
        }
        {
            v1::GetTaskRequest request;
            request.set_id("not-a-uuid");
            grpc::ClientContext context;
            v1::GetTaskResponse reply;
            QCOMPARE(m_tasks->Get(&context, request, &reply).error_code(), grpc::StatusCode::NOT_FOUND);
            QCOMPARE(trailersOf(context).code, u"not_found"_s);
        }
        {
            v1::ListTasksRequest request;
            request.set_limit(100000);
            grpc::ClientContext context;
            v1::ListTasksResponse reply;
            QCOMPARE(m_tasks->List(&context, request, &reply).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
            QCOMPARE(trailersOf(context).field, u"limit"_s);
        }
        {
            // Text PostgreSQL cannot store is refused before any handler, as in a REST body.
            v1::CreateTaskRequest request;
            request.set_title(std::string("nul\0inside", 10));
            grpc::ClientContext context;
            v1::Task task;
            QCOMPARE(m_tasks->Create(&context, request, &task).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
            QCOMPARE(trailersOf(context).field, u"title"_s);
        }
    }

    void permissions_are_the_route_matrix()
    {
        // Tokens made over REST by the local admin; gRPC reads them from the authorization metadata.
        const auto viewer = m_http.post(u"/api/v1/tokens"_s, QJsonValue(QJsonObject{{u"name"_s, u"grpc viewer"_s}, {u"role"_s, u"viewer"_s}}));
        QCOMPARE(viewer.status, 201);
        const std::string token = viewer.obj().value(u"token"_s).toString().toStdString();
        {
            grpc::ClientContext context;
            context.AddMetadata("authorization", "Bearer " + token);
            v1::CreateTaskRequest request;
            v1::Task task;
            QCOMPARE(m_tasks->Create(&context, request, &task).error_code(), grpc::StatusCode::PERMISSION_DENIED);
            QCOMPARE(trailersOf(context).code, u"forbidden"_s);
        }
        {
            grpc::ClientContext context;
            context.AddMetadata("authorization", "Bearer " + token);
            v1::ListTasksRequest request;
            v1::ListTasksResponse reply;
            QVERIFY(m_tasks->List(&context, request, &reply).ok()); // viewers read tasks
        }
        {
            grpc::ClientContext context;
            context.AddMetadata("authorization", "Bearer tm_not_a_real_token");
            v1::ListTasksRequest request;
            v1::ListTasksResponse reply;
            QCOMPARE(m_tasks->List(&context, request, &reply).error_code(), grpc::StatusCode::UNAUTHENTICATED);
        }
        {
            // A viewer may not lease: the stream ends before hello is read.
            grpc::ClientContext context;
            context.AddMetadata("authorization", "Bearer " + token);
            auto stream = m_workers->Work(&context);
            v1::WorkRequest hello;
            hello.mutable_hello()->set_worker("w");
            hello.mutable_hello()->add_types("ocr");
            hello.mutable_hello()->set_capacity(1);
            stream->Write(hello);
            stream->WritesDone();
            v1::WorkResponse ignored;
            while (stream->Read(&ignored)) {
            }
            QCOMPARE(stream->Finish().error_code(), grpc::StatusCode::PERMISSION_DENIED);
        }
    }

    void deadlines_end_a_call()
    {
        grpc::ClientContext context;
        context.set_deadline(std::chrono::system_clock::now() - std::chrono::seconds(1));
        v1::ListTasksRequest request;
        v1::ListTasksResponse reply;
        QCOMPARE(m_tasks->List(&context, request, &reply).error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);
    }

    void a_worker_stream_runs_tasks_under_the_lease_rules()
    {
        QStringList ids;
        for (int i = 0; i < 12; ++i)
        {
            QJsonObject body{{u"type"_s, u"ocr"_s}, {u"title"_s, u"page %1"_s.arg(i)}, {u"payload"_s, QJsonObject{{u"page"_s, i}}}};
            if (i % 2) // every other one with its own policy: pushed whole, like the rest
                body.insert(u"retry_policy"_s, QJsonObject{{u"strategy"_s, u"constant"_s}, {u"base_ms"_s, 200}, {u"max_ms"_s, 200},
                                                           {u"jitter"_s, 0.25}});
            ids << createTask(m_http, body);
        }
        grpc::ClientContext context;
        WorkStream stream = openWork(context, "grpc-test-worker", 4, 30000);
        QVERIFY(stream);
        v1::WorkResponse response;

        int completed = 0, held = 0, maxHeld = 0, heartbeats = 0, rejected = 0;
        bool sentBadLease = false;
        QSet<QString> seen;
        while (completed < ids.size() && stream->Read(&response)) {
            if (response.has_task()) {
                const v1::LeasedTask &t = response.task();
                QCOMPARE(t.attempt(), 1);
                QCOMPARE(t.task().status(), v1::STATUS_IN_PROGRESS);
                QVERIFY(t.task().payload().fields().contains("page"));
                QCOMPARE(QString::fromStdString(t.task().type()), u"ocr"_s);
                seen.insert(QString::fromStdString(t.task().id()));
                maxHeld = std::max(maxHeld, ++held);
                v1::WorkRequest beat;
                beat.mutable_heartbeat()->set_lease(t.lease());
                beat.mutable_heartbeat()->set_progress(50);
                QVERIFY(stream->Write(beat));
                v1::WorkRequest done;
                done.mutable_complete()->set_lease(t.lease());
                (*done.mutable_complete()->mutable_result()->mutable_struct_value()->mutable_fields())["text"].set_string_value("ok");
                QVERIFY(stream->Write(done));
                if (!sentBadLease) {
                    v1::WorkRequest bad;
                    bad.mutable_complete()->set_lease("garbage");
                    QVERIFY(stream->Write(bad));
                    sentBadLease = true;
                }
            } else if (response.has_heartbeat_ack()) {
                ++heartbeats;
            } else if (response.has_recorded()) {
                QCOMPARE(response.recorded().status(), v1::STATUS_COMPLETED);
                --held;
                ++completed;
            } else if (response.has_rejected()) {
                QCOMPARE(QString::fromStdString(response.rejected().error().code()), u"not_found"_s);
                ++rejected;
            }
        }
        QCOMPARE(completed, int(ids.size()));
        QCOMPARE(seen.size(), ids.size());
        QVERIFY(maxHeld <= 4);
        QCOMPARE(heartbeats, int(ids.size()));
        QCOMPARE(rejected, 1);
        stream->WritesDone();
        while (stream->Read(&response)) {
        }
        const grpc::Status finished = stream->Finish();
        QVERIFY2(finished.ok(), finished.error_message().c_str());
        for (const QString &id : std::as_const(ids)) {
            const QJsonObject rest = restTask(id);
            QCOMPARE(rest.value(u"status"_s).toString(), u"COMPLETED"_s);
            QCOMPARE(rest.value(u"result"_s).toObject().value(u"text"_s).toString(), u"ok"_s);
            QCOMPARE(rest.value(u"worker"_s).toString(), u"grpc-test-worker"_s);
        }
    }

    void a_broken_stream_leaves_its_leases_to_expire_and_the_next_attempt_runs()
    {
        const QString id = createTask(m_http, {{u"type"_s, u"ocr"_s}, {u"title"_s, u"crash"_s}});
        {
            grpc::ClientContext context;
            WorkStream stream = openWork(context, "crasher", 1, 1000);
            QVERIFY(stream);
            v1::WorkResponse response;
            QVERIFY(stream->Read(&response) && response.has_task());
            QCOMPARE(QString::fromStdString(response.task().task().id()), id);
            context.TryCancel(); // the worker vanishes holding the task
            stream->Finish();
        }
        QCOMPARE(restTask(id).value(u"status"_s).toString(), u"IN_PROGRESS"_s);
        // The lease expires, the attempt counts, and the next stream gets attempt 2.
        grpc::ClientContext context;
        WorkStream stream = openWork(context, "survivor", 1);
        QVERIFY(stream);
        v1::WorkResponse response;
        QVERIFY(stream->Read(&response) && response.has_task());
        QCOMPARE(QString::fromStdString(response.task().task().id()), id);
        QCOMPARE(response.task().attempt(), 2);
        v1::WorkRequest done;
        done.mutable_complete()->set_lease(response.task().lease());
        QVERIFY(stream->Write(done));
        QVERIFY(stream->Read(&response) && response.has_recorded());
        stream->WritesDone();
        QVERIFY(stream->Finish().ok());
        QCOMPARE(restTask(id).value(u"status"_s).toString(), u"COMPLETED"_s);
        QCOMPARE(restTask(id).value(u"attempts"_s).toInt(), 2);
    }

    void a_bad_hello_names_its_field()
    {
        for (const auto &[capacity, types, field] : {std::tuple{0, QStringList{u"ocr"_s}, u"hello.capacity"_s},
                                                     std::tuple{1, QStringList{}, u"hello.types"_s}}) {
            grpc::ClientContext context;
            auto stream = m_workers->Work(&context);
            v1::WorkRequest hello;
            hello.mutable_hello()->set_worker("w");
            for (const QString &t : types)
                hello.mutable_hello()->add_types(str(t));
            hello.mutable_hello()->set_capacity(capacity);
            stream->Write(hello);
            v1::WorkResponse ignored;
            while (stream->Read(&ignored)) {
            }
            QCOMPARE(stream->Finish().error_code(), grpc::StatusCode::INVALID_ARGUMENT);
            QCOMPARE(trailersOf(context).field, field);
        }
    }

    void a_stream_outlives_a_postgres_restart()
    {
        // A result that meets a PostgreSQL restart is refused "unavailable" (the lease still held) and recorded
        // when sent again; the stream stays open and leases again once PostgreSQL is back.
        const QString first = createTask(m_http, {{u"type"_s, u"ocr"_s}, {u"title"_s, u"before the restart"_s}});
        grpc::ClientContext context;
        context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60)); // a hang fails, not stalls
        WorkStream stream = openWork(context, "outlives", 1);
        QVERIFY(stream);
        v1::WorkResponse response;
        QVERIFY(stream->Read(&response) && response.has_task());
        QCOMPARE(QString::fromStdString(response.task().task().id()), first);
        const std::string lease = response.task().lease();
        m_servers.postgres().stop();
        QVERIFY(m_servers.postgres().start());
        v1::WorkRequest done;
        done.mutable_complete()->set_lease(lease);
        bool recorded = false;
        for (int attempt = 0; attempt < 10 && !recorded; ++attempt) {
            QVERIFY(stream->Write(done));
            QVERIFY(stream->Read(&response));
            if (response.has_rejected()) {
                QCOMPARE(QString::fromStdString(response.rejected().error().code()), u"unavailable"_s);
                continue;
            }
            QVERIFY2(response.has_recorded(), response.DebugString().c_str());
            recorded = true;
        }
        QVERIFY(recorded);
        // The api's connections were closed by the restart; each is seen closed and opened afresh before use, so
        // the first create after it succeeds (it once answered 503 — and could still have been stored).
        const QString second = createTask(m_http, {{u"type"_s, u"ocr"_s}, {u"title"_s, u"after the restart"_s}});
        QVERIFY(!second.isEmpty());
        const auto waiting = [this] {
            return m_http.get(u"/api/v1/tasks?type=ocr&status=NEW,PENDING&limit=1"_s).obj().value(u"total"_s).toInteger();
        };
        QSet<QString> ran;
        while (!ran.contains(second) || waiting() > 0) {
            QVERIFY2(stream->Read(&response) && response.has_task(), qPrintable(m_backend.log().right(6000)));
            QCOMPARE(QString::fromStdString(response.task().task().title()), u"after the restart"_s);
            ran.insert(QString::fromStdString(response.task().task().id()));
            done.mutable_complete()->set_lease(response.task().lease());
            QVERIFY(stream->Write(done));
            QVERIFY(stream->Read(&response) && response.has_recorded());
        }
        stream->WritesDone();
        QVERIFY(stream->Finish().ok());
        QCOMPARE(restTask(first).value(u"status"_s).toString(), u"COMPLETED"_s);
        for (const QString &id : std::as_const(ran))
            QCOMPARE(restTask(id).value(u"status"_s).toString(), u"COMPLETED"_s);
    }

    void a_taken_port_is_refused_not_shared()
    {
        // Set on purpose, grpc.listen must bind; no second server shares the port (SO_REUSEPORT is off).
        BackendProcess second;
        auto up = second.start(backendArgs(m_servers, {u"--role"_s, u"api"_s, u"--set"_s, u"grpc.listen="_s + m_backend.grpcTarget()}));
        QVERIFY(!up);
        QVERIFY2(up.error().message.contains(u"cannot listen for gRPC"_s), qPrintable(up.error().message));
    }

    // Last: it stops the server. A stopping server lets a stream report what it holds, then ends it.
    void a_stopping_server_lets_streams_report_then_ends_them()
    {
        const QString id = createTask(m_http, {{u"type"_s, u"ocr"_s}, {u"title"_s, u"during shutdown"_s}});
        grpc::ClientContext context;
        WorkStream stream = openWork(context, "draining", 1);
        QVERIFY(stream);
        v1::WorkResponse response;
        QVERIFY(stream->Read(&response) && response.has_task());
        QCOMPARE(QString::fromStdString(response.task().task().id()), id);
        const std::string lease = response.task().lease();

        QCOMPARE(::kill(pid_t(m_backend.pid()), SIGTERM), 0);
        QTRY_VERIFY_WITH_TIMEOUT(m_backend.log().contains(u"gRPC stopping"_s), 10000);
        v1::WorkRequest done;
        done.mutable_complete()->set_lease(lease);
        QVERIFY(stream->Write(done));
        QVERIFY2(stream->Read(&response), qPrintable(m_backend.log().right(4000)));
        QVERIFY2(response.has_recorded(), response.DebugString().c_str());
        QCOMPARE(response.recorded().status(), v1::STATUS_COMPLETED);
        while (stream->Read(&response)) {
        }
        // Ended by the server: UNAVAILABLE, or CANCELLED when it had to cut the worker's still open side.
        const grpc::StatusCode ended = stream->Finish().error_code();
        QVERIFY2(ended == grpc::StatusCode::UNAVAILABLE || ended == grpc::StatusCode::CANCELLED, qPrintable(QString::number(int(ended))));
        QVERIFY2(m_backend.waitForExit(20000), "taskmilld did not stop cleanly after SIGTERM");
        // Recorded before the server went: the task is COMPLETED in the store.
        QCOMPARE(countRows(m_servers, u"SELECT count(*) FROM tasks WHERE id = '%1' AND status = 'COMPLETED'"_s.arg(id)), 1);
    }
};

QTEST_GUILESS_MAIN(TestGrpcApi)
#include "test_GrpcApi.moc"
