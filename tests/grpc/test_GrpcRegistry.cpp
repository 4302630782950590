// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// HandlerService, DeadLetterService and TaskService.WatchEvents over gRPC against a real taskmilld: each read and
// change agrees with the REST routes they share their code with, errors name their field, and the event stream
// catches up from a revision and then follows live events without gaps or repeats.
#include "../backend/IntegrationHelpers.h"
#include "GrpcTestHelpers.h"

#include "reflection_probe.grpc.pb.h"
#include "taskmill/v1/taskmill.grpc.pb.h"

#include <google/protobuf/descriptor.pb.h>

#include <grpcpp/grpcpp.h>

#include <QJsonArray>
#include <QScopeGuard>

#include <atomic>
#include <thread>

using namespace Qt::StringLiterals;
using namespace taskmill;
using namespace taskmill::test;
namespace v1 = taskmill::v1;

namespace {
QString fieldOf(const grpc::ClientContext &context)
{
    return trailer(context, "taskmill-error-field");
}
} // namespace

class TestGrpcRegistry : public QObject
{
    Q_OBJECT
    TestServers m_servers;
    BackendProcess m_backend;
    TestHttp m_http;
    std::shared_ptr<grpc::Channel> m_channel;
    std::unique_ptr<v1::HandlerService::Stub> m_handlers;
    std::unique_ptr<v1::DeadLetterService::Stub> m_dlq;
    std::unique_ptr<v1::TaskService::Stub> m_tasks;

    QString deadLettered(const QString &title)
    {
        const QString id = createTask(m_http, {{u"type"_s, u"fail"_s}, {u"max_attempts"_s, 1}, {u"title"_s, title}});
        waitForStatus(m_http, id, u"FAILED"_s);
        return id;
    }

private slots:
    void initTestCase()
    {
        auto started = m_servers.start();
        QVERIFY2(started, qPrintable(started ? QString() : started.error().message));
        auto up = m_backend.start(backendArgs(m_servers));
        QVERIFY2(up, qPrintable(up ? QString() : up.error().message));
        m_http.setBaseUrl(m_backend.baseUrl());
        m_channel = grpc::CreateChannel(m_backend.grpcTarget().toStdString(), grpc::InsecureChannelCredentials());
        m_handlers = v1::HandlerService::NewStub(m_channel);
        m_dlq = v1::DeadLetterService::NewStub(m_channel);
        m_tasks = v1::TaskService::NewStub(m_channel);
    }
    void cleanupTestCase() { QVERIFY(m_backend.terminate()); }

    void handlers_over_grpc_are_the_registry_rest_shows()
    {
        v1::Handler h;
        h.set_name("thumbnail");
        h.set_description("makes thumbnails");
        h.set_kind(v1::HANDLER_KIND_EXTERNAL);
        h.set_default_priority(v1::PRIORITY_HIGH);
        h.set_max_attempts(7);
        h.set_concurrency(4);
        (*h.mutable_schema()->mutable_fields())["type"].set_string_value("object");
        grpc::ClientContext create;
        v1::Handler made;
        grpc::Status status = m_handlers->Create(&create, h, &made);
        QVERIFY2(status.ok(), status.error_message().c_str());
        QCOMPARE(made.version(), 1);
        const QJsonObject rest = m_http.get(u"/api/v1/handlers/thumbnail"_s).obj();
        QCOMPARE(rest.value(u"description"_s).toString(), u"makes thumbnails"_s);
        QCOMPARE(rest.value(u"default_priority"_s).toString(), u"HIGH"_s);
        QCOMPARE(rest.value(u"max_attempts"_s).toInt(), 7);
        QCOMPARE(rest.value(u"concurrency"_s).toInt(), 4);
        QCOMPARE(rest.value(u"kind"_s).toString(), u"external"_s);

        // A name taken: refused as REST refuses it (409 → FAILED_PRECONDITION).
        grpc::ClientContext again;
        QCOMPARE(m_handlers->Create(&again, h, &made).error_code(), grpc::StatusCode::FAILED_PRECONDITION);

        // Update sets only what the message sets, zero values included (disable, lift the limit).
        v1::Handler change;
        change.set_name("thumbnail");
        change.set_enabled(false);
        change.set_concurrency(0);
        change.set_version(1);
        grpc::ClientContext update;
        v1::Handler updated;
        status = m_handlers->Update(&update, change, &updated);
        QVERIFY2(status.ok(), status.error_message().c_str());
        QVERIFY(!updated.enabled());
        QCOMPARE(updated.version(), 2);
        const QJsonObject after = m_http.get(u"/api/v1/handlers/thumbnail"_s).obj();
        QCOMPARE(after.value(u"enabled"_s).toBool(), false);
        QCOMPARE(after.value(u"concurrency"_s).toInt(), 0);
        QCOMPARE(after.value(u"max_attempts"_s).toInt(), 7); // untouched
        // A stale version is refused.
        grpc::ClientContext stale;
        QCOMPARE(m_handlers->Update(&stale, change, &updated).error_code(), grpc::StatusCode::FAILED_PRECONDITION);

        // List and Get agree with REST.
        grpc::ClientContext list;
        v1::ListHandlersResponse all;
        QVERIFY(m_handlers->List(&list, v1::ListHandlersRequest(), &all).ok());
        QCOMPARE(all.items_size(), int(m_http.get(u"/api/v1/handlers"_s).obj().value(u"items"_s).toArray().size()));
        v1::HandlerName name;
        name.set_name("noop");
        grpc::ClientContext get;
        v1::Handler noop;
        QVERIFY(m_handlers->Get(&get, name, &noop).ok());
        QCOMPARE(noop.kind(), v1::HANDLER_KIND_BUILTIN);

        // Bad input names the field; unknown names are NOT_FOUND.
        v1::Handler bad;
        bad.set_name("Bad Name");
        grpc::ClientContext badContext;
        QCOMPARE(m_handlers->Create(&badContext, bad, &made).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
        QCOMPARE(fieldOf(badContext), u"name"_s);
        v1::Handler badAttempts;
        badAttempts.set_name("other");
        badAttempts.set_max_attempts(0);
        grpc::ClientContext attemptsContext;
        QCOMPARE(m_handlers->Create(&attemptsContext, badAttempts, &made).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
        QCOMPARE(fieldOf(attemptsContext), u"max_attempts"_s);
        name.set_name("nope");
        grpc::ClientContext missing;
        QCOMPARE(m_handlers->Get(&missing, name, &noop).error_code(), grpc::StatusCode::NOT_FOUND);

        // Delete (audited), then REST no longer knows it.
        v1::DeleteHandlerRequest remove;
        remove.set_name("thumbnail");
        grpc::ClientContext del;
        v1::DeleteHandlerResponse deleted;
        status = m_handlers->Delete(&del, remove, &deleted);
        QVERIFY2(status.ok(), status.error_message().c_str());
        QCOMPARE(deleted.deleted(), std::string("thumbnail"));
        QCOMPARE(m_http.get(u"/api/v1/handlers/thumbnail"_s).status, 404);
        remove.set_name("noop");
        grpc::ClientContext builtin;
        QCOMPARE(m_handlers->Delete(&builtin, remove, &deleted).error_code(), grpc::StatusCode::FAILED_PRECONDITION);
    }

    void dead_letters_over_grpc_are_the_queue_rest_shows()
    {
        const QString first = deadLettered(u"dlq one"_s);
        const QString second = deadLettered(u"dlq two"_s);
        v1::ListDeadLettersRequest list;
        list.set_q("dlq");
        grpc::ClientContext listContext;
        v1::ListTasksResponse page;
        grpc::Status status = m_dlq->List(&listContext, list, &page);
        QVERIFY2(status.ok(), status.error_message().c_str());
        const QJsonArray rest = m_http.get(u"/api/v1/dlq?q=dlq"_s).obj().value(u"items"_s).toArray();
        QCOMPARE(page.items_size(), int(rest.size()));
        QCOMPARE(page.items_size(), 2);
        for (int i = 0; i < page.items_size(); ++i) {
            QCOMPARE(QString::fromStdString(page.items(i).id()), rest.at(i).toObject().value(u"id"_s).toString());
            QVERIFY(page.items(i).has_dead_lettered_at());
        }
        // Paging with the cursor.
        list.set_limit(1);
        grpc::ClientContext firstPage;
        QVERIFY(m_dlq->List(&firstPage, list, &page).ok());
        QCOMPARE(page.items_size(), 1);
        QVERIFY(!page.next_cursor().empty());
        list.set_cursor(page.next_cursor());
        grpc::ClientContext secondPage;
        v1::ListTasksResponse next;
        QVERIFY(m_dlq->List(&secondPage, list, &next).ok());
        QCOMPARE(next.items_size(), 1);
        QVERIFY(next.items(0).id() != page.items(0).id());

        v1::TaskIdRequest get;
        get.set_id(first.toStdString());
        grpc::ClientContext getContext;
        v1::GetTaskResponse one;
        QVERIFY(m_dlq->Get(&getContext, get, &one).ok());
        QCOMPARE(one.task().status(), v1::STATUS_FAILED);
        QVERIFY(one.history_size() >= 2);

        // Requeue one with an edited payload: back in the queue; audited over REST's audit log.
        v1::RequeueRequest requeue;
        requeue.add_ids(first.toStdString());
        (*requeue.mutable_payload()->mutable_fields())["edited"].set_bool_value(true);
        grpc::ClientContext requeueContext;
        v1::RequeueResponse requeued;
        status = m_dlq->Requeue(&requeueContext, requeue, &requeued);
        QVERIFY2(status.ok(), status.error_message().c_str());
        QCOMPARE(requeued.count(), 1);
        QCOMPARE(m_http.get(u"/api/v1/tasks/"_s + first).obj().value(u"payload"_s).toObject().value(u"edited"_s).toBool(), true);
        QVERIFY(m_http.get(u"/api/v1/dlq/"_s + first).status == 404 || m_http.get(u"/api/v1/tasks/"_s + first).obj().value(u"attempts"_s).toInt() >= 1);
        // A payload with several ids, or none at all, is refused naming the field.
        v1::RequeueRequest twoWithPayload = requeue;
        twoWithPayload.add_ids(second.toStdString());
        grpc::ClientContext badContext;
        QCOMPARE(m_dlq->Requeue(&badContext, twoWithPayload, &requeued).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
        QCOMPARE(fieldOf(badContext), u"payload"_s);
        grpc::ClientContext emptyContext;
        QCOMPARE(m_dlq->Requeue(&emptyContext, v1::RequeueRequest(), &requeued).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
        QCOMPARE(fieldOf(emptyContext), u"ids"_s);

        // Purge the other: gone over REST too.
        v1::PurgeRequest purge;
        purge.add_ids(second.toStdString());
        grpc::ClientContext purgeContext;
        v1::PurgeResponse purged;
        status = m_dlq->Purge(&purgeContext, purge, &purged);
        QVERIFY2(status.ok(), status.error_message().c_str());
        QCOMPARE(purged.count(), 1);
        QCOMPARE(m_http.get(u"/api/v1/tasks/"_s + second).status, 404);
        const QJsonArray audit = m_http.get(u"/api/v1/audit?limit=10"_s).obj().value(u"items"_s).toArray();
        bool purgedAudited = false;
        for (const QJsonValue &a : audit)
            purgedAudited = purgedAudited || a.toObject().value(u"action"_s).toString().contains(u"purge"_s);
        QVERIFY(purgedAudited);
    }

    void events_catch_up_from_a_revision_then_follow_live()
    {
        // The revision a list answered; three tasks after it.
        grpc::ClientContext listContext;
        v1::ListTasksResponse page;
        QVERIFY(m_tasks->List(&listContext, v1::ListTasksRequest(), &page).ok());
        QStringList early;
        for (int i = 0; i < 3; ++i)
            early << createTask(m_http, {{u"title"_s, u"early %1"_s.arg(i)}});
        for (const QString &id : std::as_const(early))
            waitForStatus(m_http, id, u"COMPLETED"_s);

        grpc::ClientContext context;
        context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(120)); // fail, not hang
        v1::WatchEventsRequest request;
        request.set_from_revision(page.revision());
        request.mutable_filter()->add_types("noop");
        auto stream = m_tasks->WatchEvents(&context, request);
        QSet<QString> completed;
        qint64 last = page.revision();
        QString late;
        v1::TaskEvent event;
        while (stream->Read(&event)) {
            QVERIFY(event.revision() > last); // each once, in order
            last = event.revision();
            QCOMPARE(event.type(), std::string("noop"));
            if (event.status() == v1::STATUS_COMPLETED)
                completed.insert(QString::fromStdString(event.task_id()));
            // Caught up with the early ones: a live one follows.
            if (late.isEmpty() && completed.contains(early.last()))
                late = createTask(m_http, {{u"title"_s, u"live"_s}});
            if (!late.isEmpty() && completed.contains(late))
                break;
        }
        for (const QString &id : std::as_const(early))
            QVERIFY(completed.contains(id));
        QVERIFY(completed.contains(late));
        context.TryCancel();
        stream->Finish();

        // Keys events cannot match are refused as the WebSocket refuses them.
        grpc::ClientContext bad;
        v1::WatchEventsRequest text;
        text.mutable_filter()->set_q("x");
        auto refused = m_tasks->WatchEvents(&bad, text);
        while (refused->Read(&event)) {
        }
        QCOMPARE(refused->Finish().error_code(), grpc::StatusCode::INVALID_ARGUMENT);
        QCOMPARE(fieldOf(bad), u"q"_s);
    }

    void reflection_lists_the_services_and_serves_the_proto()
    {
        auto reflection = grpc::reflection::v1alpha::ServerReflection::NewStub(m_channel);
        grpc::ClientContext context;
        auto stream = reflection->ServerReflectionInfo(&context);
        grpc::reflection::v1alpha::ServerReflectionRequest list;
        list.set_list_services("");
        QVERIFY(stream->Write(list));
        grpc::reflection::v1alpha::ServerReflectionResponse answer;
        QVERIFY(stream->Read(&answer));
        QStringList services;
        for (const auto &service : answer.list_services_response().service())
            services << QString::fromStdString(service.name());
        for (const QString &name : {u"taskmill.v1.TaskService"_s, u"taskmill.v1.HandlerService"_s,
                                    u"taskmill.v1.DeadLetterService"_s, u"taskmill.v1.WorkerService"_s})
            QVERIFY2(services.contains(name), qPrintable(services.join(u", "_s)));
        // The file behind a symbol: what grpcurl needs to build requests (with the comments' field names).
        grpc::reflection::v1alpha::ServerReflectionRequest file;
        file.set_file_containing_symbol("taskmill.v1.TaskService");
        QVERIFY(stream->Write(file));
        QVERIFY(stream->Read(&answer));
        QVERIFY(answer.file_descriptor_response().file_descriptor_proto_size() >= 1);
        google::protobuf::FileDescriptorProto proto;
        QVERIFY(proto.ParseFromString(answer.file_descriptor_response().file_descriptor_proto(0)));
        QCOMPARE(proto.name(), std::string("taskmill/v1/taskmill.proto"));
        QCOMPARE(proto.package(), std::string("taskmill.v1"));
        stream->WritesDone();
        QVERIFY(stream->Finish().ok());
    }

    // The WebSocket's rule: a watcher that stops reading is not waited for. Its events queue on the server up to a
    // bound (10,000), then it gets one event with `resync` set and the stream ends; a watcher that reads keeps up
    // meanwhile, and the slow one resumes from the resync revision without a gap.
    void a_slow_watcher_is_told_to_resync_and_others_keep_up()
    {
        // The stalled watcher has a connection of its own whose receive window stays at 64 KiB: with gRPC's
        // bandwidth probe on, its transport may buffer megabytes — the whole flood — so the server's queue would
        // never reach the bound, and the stream would never end.
        grpc::ChannelArguments narrow;
        narrow.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
        narrow.SetInt(GRPC_ARG_HTTP2_BDP_PROBE, 0);
        narrow.SetInt(GRPC_ARG_HTTP2_STREAM_LOOKAHEAD_BYTES, 64 * 1024);
        const auto slowChannel = grpc::CreateCustomChannel(m_backend.grpcTarget().toStdString(),
                                                           grpc::InsecureChannelCredentials(), narrow);
        const auto slowTasks = v1::TaskService::NewStub(slowChannel);
        grpc::ClientContext slowContext;
        // A stream that is never cut off fails here instead of hanging the test.
        slowContext.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(240));
        auto slow = slowTasks->WatchEvents(&slowContext, v1::WatchEventsRequest());
        // Subscribed once it delivered a probe's event; then it stops reading.
        const QString probe = createTask(m_http, {{u"title"_s, u"probe"_s}});
        v1::TaskEvent event;
        while (slow->Read(&event) && QString::fromStdString(event.task_id()) != probe) {
        }
        QCOMPARE(QString::fromStdString(event.task_id()), probe);

        // Another client (its own connection) reads everything as it comes.
        grpc::ChannelArguments own;
        own.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
        const auto fastChannel = grpc::CreateCustomChannel(m_backend.grpcTarget().toStdString(),
                                                           grpc::InsecureChannelCredentials(), own);
        const auto fastTasks = v1::TaskService::NewStub(fastChannel);
        grpc::ClientContext fastContext;
        grpc::ClientContext listContext;
        v1::ListTasksResponse page;
        QVERIFY(m_tasks->List(&listContext, v1::ListTasksRequest(), &page).ok());
        v1::WatchEventsRequest completions;
        completions.set_from_revision(page.revision()); // catch-up covers the moment before its subscription
        completions.mutable_filter()->add_statuses(v1::STATUS_COMPLETED);
        auto fast = fastTasks->WatchEvents(&fastContext, completions);
        std::atomic<int> fastCompleted = 0;
        std::thread reader([&] {
            v1::TaskEvent e;
            while (fast->Read(&e))
                if (e.status() == v1::STATUS_COMPLETED)
                    ++fastCompleted;
        });
        const auto stopReader = qScopeGuard([&] {
            fastContext.TryCancel();
            reader.join();
        });

        constexpr int Batches = 8, PerBatch = 1000;
        QString lastId;
        for (int b = 0; b < Batches; ++b) {
            QJsonArray items;
            for (int i = 0; i < PerBatch; ++i)
                items.append(QJsonObject{{u"title"_s, QString(120, u'x')}});
            const auto made = m_http.post(u"/api/v1/tasks/batch"_s, QJsonValue(items));
            QCOMPARE(made.status, 201);
            lastId = made.obj().value(u"ids"_s).toArray().last().toString();
        }
        QVERIFY(!lastId.isEmpty());
        // The reading client saw every completion while the other one stalled.
        QTRY_VERIFY_WITH_TIMEOUT(fastCompleted.load() >= Batches * PerBatch, 180000);

        // The stalled one reads again: what was written before the bound, then the resync event, then the end.
        v1::TaskEvent lastEvent;
        int after = 0;
        while (slow->Read(&event)) {
            lastEvent = event;
            ++after;
        }
        QVERIFY2(lastEvent.resync(), qPrintable(u"no resync event after %1 events"_s.arg(after)));
        QVERIFY(after < Batches * PerBatch * 3); // it was cut off, not sent everything
        const grpc::Status ended = slow->Finish();
        QVERIFY2(ended.ok(), ended.error_message().c_str());
        QVERIFY(m_http.get(u"/health"_s).status == 200);

        // Resuming from the resync revision misses nothing: the flood's last task completes on the new stream.
        grpc::ClientContext resumeContext;
        resumeContext.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(120)); // fail, not hang
        v1::WatchEventsRequest resume;
        resume.set_from_revision(lastEvent.revision());
        resume.mutable_filter()->add_ids(lastId.toStdString());
        auto resumed = m_tasks->WatchEvents(&resumeContext, resume);
        bool completed = false;
        while (!completed && resumed->Read(&event)) {
            QVERIFY(event.revision() > lastEvent.revision());
            completed = event.status() == v1::STATUS_COMPLETED;
        }
        QVERIFY(completed);
        resumeContext.TryCancel();
        resumed->Finish();
    }

    // Last: it restarts the server. A client that watched up to a revision resumes from it on the new process and
    // misses nothing that happened in between.
    void events_resume_after_a_restart()
    {
        grpc::ClientContext listContext;
        v1::ListTasksResponse page;
        QVERIFY(m_tasks->List(&listContext, v1::ListTasksRequest(), &page).ok());
        QStringList ids{createTask(m_http, {{u"title"_s, u"before restart"_s}})};
        waitForStatus(m_http, ids.first(), u"COMPLETED"_s);

        QVERIFY(m_backend.terminate());
        auto up = m_backend.start(backendArgs(m_servers));
        QVERIFY2(up, qPrintable(up ? QString() : up.error().message));
        m_http.setBaseUrl(m_backend.baseUrl());
        m_channel = grpc::CreateChannel(m_backend.grpcTarget().toStdString(), grpc::InsecureChannelCredentials());
        m_tasks = v1::TaskService::NewStub(m_channel);
        ids << createTask(m_http, {{u"title"_s, u"after restart"_s}});
        waitForStatus(m_http, ids.last(), u"COMPLETED"_s);

        grpc::ClientContext context;
        context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(120)); // fail, not hang
        v1::WatchEventsRequest request;
        request.set_from_revision(page.revision());
        for (const QString &id : std::as_const(ids))
            request.mutable_filter()->add_ids(id.toStdString());
        auto stream = m_tasks->WatchEvents(&context, request);
        QSet<QString> completed;
        qint64 last = page.revision();
        v1::TaskEvent event;
        while (completed.size() < ids.size() && stream->Read(&event)) {
            QVERIFY(event.revision() > last);
            last = event.revision();
            if (event.status() == v1::STATUS_COMPLETED)
                completed.insert(QString::fromStdString(event.task_id()));
        }
        QCOMPARE(completed.size(), ids.size());
        context.TryCancel();
        stream->Finish();
    }
};

QTEST_GUILESS_MAIN(TestGrpcRegistry)
#include "test_GrpcRegistry.moc"
