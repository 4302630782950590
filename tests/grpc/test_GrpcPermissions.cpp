// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// The route matrix of docs/security.md for the gRPC API: every RPC of the served services, called by an API token of
// every role, is refused with PERMISSION_DENIED exactly when the role lacks the permission the one table
// (api/RoutePermissions, rpcPermissions()) gives it, and a bad or missing credential is UNAUTHENTICATED. A new RPC
// without a row here fails the test, as one without a row in the table stops the server.
#include "../backend/IntegrationHelpers.h"
#include "api/RoutePermissions.h"

#include "taskmill/v1/taskmill.grpc.pb.h"

#include <google/protobuf/descriptor.h>
#include <grpcpp/grpcpp.h>

#include <QJsonObject>

#include <functional>
#include <map>

using namespace Qt::StringLiterals;
using namespace taskmill;
using namespace taskmill::test;
namespace v1 = taskmill::v1;

class TestGrpcPermissions : public QObject
{
    Q_OBJECT
    TestServers m_servers;
    BackendProcess m_backend;
    TestHttp m_http;
    std::shared_ptr<grpc::Channel> m_channel;
    std::map<QString, std::string> m_tokens; // role → API token

    // One call of `method` with a harmless request, as `authorization`; its status code. Streams are cut short.
    using Call = std::function<grpc::StatusCode(grpc::ClientContext &)>;
    std::map<QString, Call> calls()
    {
        auto tasks = std::shared_ptr<v1::TaskService::Stub>(v1::TaskService::NewStub(m_channel));
        auto handlers = std::shared_ptr<v1::HandlerService::Stub>(v1::HandlerService::NewStub(m_channel));
        auto dlq = std::shared_ptr<v1::DeadLetterService::Stub>(v1::DeadLetterService::NewStub(m_channel));
        auto workers = std::shared_ptr<v1::WorkerService::Stub>(v1::WorkerService::NewStub(m_channel));
        const std::string missing = "00000000-0000-7000-8000-000000000000";
        return {
            {u"/taskmill.v1.TaskService/Create"_s, [=](grpc::ClientContext &c) { v1::CreateTaskRequest r; r.set_type("not a type!"); v1::Task t; return tasks->Create(&c, r, &t).error_code(); }},
            {u"/taskmill.v1.TaskService/CreateBatch"_s, [=](grpc::ClientContext &c) { v1::CreateBatchRequest r; v1::CreateBatchResponse t; return tasks->CreateBatch(&c, r, &t).error_code(); }},
            {u"/taskmill.v1.TaskService/Get"_s, [=](grpc::ClientContext &c) { v1::GetTaskRequest r; r.set_id(missing); v1::GetTaskResponse t; return tasks->Get(&c, r, &t).error_code(); }},
            {u"/taskmill.v1.TaskService/List"_s, [=](grpc::ClientContext &c) { v1::ListTasksRequest r; v1::ListTasksResponse t; return tasks->List(&c, r, &t).error_code(); }},
            {u"/taskmill.v1.TaskService/Cancel"_s, [=](grpc::ClientContext &c) { v1::TaskIdRequest r; r.set_id(missing); v1::Task t; return tasks->Cancel(&c, r, &t).error_code(); }},
            {u"/taskmill.v1.TaskService/Retry"_s, [=](grpc::ClientContext &c) { v1::TaskIdRequest r; r.set_id(missing); v1::Task t; return tasks->Retry(&c, r, &t).error_code(); }},
            {u"/taskmill.v1.TaskService/WatchEvents"_s, [=](grpc::ClientContext &c) {
                 c.set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(300));
                 auto s = tasks->WatchEvents(&c, v1::WatchEventsRequest());
                 v1::TaskEvent e;
                 while (s->Read(&e)) {
                 }
                 return s->Finish().error_code();
             }},
            {u"/taskmill.v1.HandlerService/List"_s, [=](grpc::ClientContext &c) { v1::ListHandlersResponse t; return handlers->List(&c, v1::ListHandlersRequest(), &t).error_code(); }},
            {u"/taskmill.v1.HandlerService/Get"_s, [=](grpc::ClientContext &c) { v1::HandlerName r; r.set_name("noop"); v1::Handler t; return handlers->Get(&c, r, &t).error_code(); }},
            {u"/taskmill.v1.HandlerService/Create"_s, [=](grpc::ClientContext &c) { v1::Handler r; r.set_name("Bad Name"); v1::Handler t; return handlers->Create(&c, r, &t).error_code(); }},
            {u"/taskmill.v1.HandlerService/Update"_s, [=](grpc::ClientContext &c) { v1::Handler r; r.set_name("nope"); v1::Handler t; return handlers->Update(&c, r, &t).error_code(); }},
            {u"/taskmill.v1.HandlerService/Delete"_s, [=](grpc::ClientContext &c) { v1::DeleteHandlerRequest r; r.set_name("nope"); v1::DeleteHandlerResponse t; return handlers->Delete(&c, r, &t).error_code(); }},
            {u"/taskmill.v1.DeadLetterService/List"_s, [=](grpc::ClientContext &c) { v1::ListTasksResponse t; return dlq->List(&c, v1::ListDeadLettersRequest(), &t).error_code(); }},
            {u"/taskmill.v1.DeadLetterService/Get"_s, [=](grpc::ClientContext &c) { v1::TaskIdRequest r; r.set_id(missing); v1::GetTaskResponse t; return dlq->Get(&c, r, &t).error_code(); }},
            {u"/taskmill.v1.DeadLetterService/Requeue"_s, [=](grpc::ClientContext &c) { v1::RequeueResponse t; return dlq->Requeue(&c, v1::RequeueRequest(), &t).error_code(); }},
            {u"/taskmill.v1.DeadLetterService/Purge"_s, [=](grpc::ClientContext &c) { v1::PurgeResponse t; return dlq->Purge(&c, v1::PurgeRequest(), &t).error_code(); }},
            {u"/taskmill.v1.WorkerService/Work"_s, [=](grpc::ClientContext &c) {
                 auto s = workers->Work(&c);
                 v1::WorkRequest hello;
                 hello.mutable_hello()->set_worker("matrix");
                 hello.mutable_hello()->add_types("noop");
                 hello.mutable_hello()->set_capacity(0); // refused after the permission check: INVALID_ARGUMENT
                 s->Write(hello);
                 s->WritesDone();
                 v1::WorkResponse r;
                 while (s->Read(&r)) {
                 }
                 return s->Finish().error_code();
             }},
        };
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
        for (const QString &role : {u"user"_s, u"viewer"_s, u"operator"_s, u"admin"_s}) {
            const auto r = m_http.post(u"/api/v1/tokens"_s, QJsonValue(QJsonObject{{u"name"_s, QString(u"grpc "_s + role)}, {u"role"_s, role}}));
            QCOMPARE(r.status, 201);
            m_tokens[role] = r.obj().value(u"token"_s).toString().toStdString();
        }
    }
    void cleanupTestCase() { QVERIFY(m_backend.terminate()); }

    void every_rpc_has_a_row_and_a_call()
    {
        const auto *file = google::protobuf::DescriptorPool::generated_pool()->FindFileByName("taskmill/v1/taskmill.proto");
        QVERIFY(file);
        const auto table = calls();
        int methods = 0;
        for (int s = 0; s < file->service_count(); ++s)
            for (int m = 0; m < file->service(s)->method_count(); ++m, ++methods) {
                const QString name = QString::fromStdString("/" + file->service(s)->full_name() + "/" + file->service(s)->method(m)->name());
                QVERIFY2(rpcPermissionOf(name).has_value(), qPrintable(name + u" has no permission"_s));
                QVERIFY2(table.count(name), qPrintable(name + u" has no call in this test"_s));
            }
        QCOMPARE(int(rpcPermissions().size()), methods);
    }

    void each_role_gets_exactly_its_permissions()
    {
        const auto table = calls();
        for (const auto &[role, token] : m_tokens) {
            Principal p;
            p.kind = Principal::Kind::Token;
            p.role = *accountRoleFromString(role);
            for (const RpcPermission &rpc : rpcPermissions()) {
                grpc::ClientContext context;
                context.AddMetadata("authorization", "Bearer " + token);
                const grpc::StatusCode code = table.at(rpc.method)(context);
                const QString what = u"%1 as %2 → %3"_s.arg(rpc.method, role).arg(int(code));
                if (p.may(rpc.permission))
                    QVERIFY2(code != grpc::StatusCode::PERMISSION_DENIED && code != grpc::StatusCode::UNAUTHENTICATED, qPrintable(what));
                else
                    QVERIFY2(code == grpc::StatusCode::PERMISSION_DENIED, qPrintable(what));
            }
        }
    }

    void a_bad_credential_is_unauthenticated_everywhere()
    {
        const auto table = calls();
        for (const RpcPermission &rpc : rpcPermissions()) {
            grpc::ClientContext context;
            context.AddMetadata("authorization", "Bearer tm_forged");
            QVERIFY2(table.at(rpc.method)(context) == grpc::StatusCode::UNAUTHENTICATED, qPrintable(rpc.method));
        }
    }
};

QTEST_GUILESS_MAIN(TestGrpcPermissions)
#include "test_GrpcPermissions.moc"
