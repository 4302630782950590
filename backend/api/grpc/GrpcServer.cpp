// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "api/grpc/GrpcServer.h"

#include "api/ApiContext.h"
#include "api/RoutePermissions.h"
#include "api/grpc/GrpcBridge.h"
#include "api/grpc/RegistryServicesImpl.h"
#include "api/grpc/TaskServiceImpl.h"
#include "api/grpc/WorkerServiceImpl.h"
#include "observability/Logging.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server.h>
#include <grpcpp/server_builder.h>

#include <google/protobuf/descriptor.h>

#include <QFile>

using namespace Qt::StringLiterals;

namespace taskmill::grpcapi {

namespace {
// Every method of the served services must have a permission (api/RoutePermissions): one nobody decided
// about must not be reachable.
std::optional<QString> methodWithoutPermission()
{
    const auto *file = google::protobuf::DescriptorPool::generated_pool()->FindFileByName("taskmill/v1/taskmill.proto");
    for (int s = 0; file && s < file->service_count(); ++s) {
        const auto *service = file->service(s);
        for (int m = 0; m < service->method_count(); ++m) {
            const QString name = QString::fromStdString("/" + service->full_name() + "/" + service->method(m)->name());
            if (!rpcPermissionOf(name))
                return name;
        }
    }
    return std::nullopt;
}

Result<std::string> readPem(const QString &path, const QString &key)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return ApiError::validation(key, u"cannot read %1: %2"_s.arg(path, f.errorString()));
    return f.readAll().toStdString();
}

bool isLoopback(const QString &host)
{
    return host == u"127.0.0.1" || host == u"localhost" || host == u"[::1]" || host.startsWith(u"127.");
}
} // namespace

GrpcServer::GrpcServer(const BackendConfig &config, ApiContext &context, Routes routes, QObject *serverThread)
    : m_config(config), m_bridge(std::make_unique<GrpcBridge>(serverThread, context.authShared())),
      m_tasks(std::make_unique<TaskServiceImpl>(*m_bridge, routes.tasks, routes.events, routes.hub)),
      m_handlers(std::make_unique<HandlerServiceImpl>(*m_bridge, routes.handlers)),
      m_deadLetters(std::make_unique<DeadLetterServiceImpl>(*m_bridge, routes.deadLetters)),
      m_workers(std::make_unique<WorkerServiceImpl>(*m_bridge, context))
{
}

GrpcServer::~GrpcServer()
{
    stop();
}

Result<int> GrpcServer::start()
{
    if (m_config.grpcListen.isEmpty())
        return 0;
    if (auto missing = methodWithoutPermission())
        return ApiError::internal(u"the gRPC method %1 has no permission in api/RoutePermissions"_s.arg(*missing));
    const qsizetype colon = m_config.grpcListen.lastIndexOf(u':');
    const QString host = m_config.grpcListen.left(colon);
    const bool tls = !m_config.tlsCert.isEmpty() || !m_config.tlsKey.isEmpty();
    std::shared_ptr<grpc::ServerCredentials> credentials;
    if (tls) {
        auto cert = readPem(m_config.tlsCert, u"api.tls_cert"_s);
        if (!cert)
            return cert.error();
        auto key = readPem(m_config.tlsKey, u"api.tls_key"_s);
        if (!key)
            return key.error();
        grpc::SslServerCredentialsOptions options;
        options.pem_key_cert_pairs.push_back({*key, *cert});
        credentials = grpc::SslServerCredentials(options);
    } else {
        if (!isLoopback(host) && !m_config.insecure)
            return ApiError::validation(u"grpc.listen"_s, u"listening on %1 serves other machines and needs TLS: set api.tls_cert "
                                                          "and api.tls_key, or pass --insecure behind a TLS-terminating proxy"_s.arg(host));
        credentials = grpc::InsecureServerCredentials();
    }
    grpc::reflection::InitProtoReflectionServerBuilderPlugin();
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort(m_config.grpcListen.toStdString(), credentials, &port);
    builder.RegisterService(m_tasks.get());
    builder.RegisterService(m_handlers.get());
    builder.RegisterService(m_deadLetters.get());
    builder.RegisterService(m_workers.get());
    builder.SetMaxReceiveMessageSize(int(std::min<qint64>(m_config.maxBodyBytes * 2, INT_MAX)));
    // gRPC binds with SO_REUSEPORT by default: a second taskmilld (another user's --local, a test) on the same port
    // would then share it silently and take some of this one's calls. One port, one server.
    builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
    m_server = builder.BuildAndStart();
    if (!m_server || port == 0) {
        m_server.reset();
        const QString why = u"cannot listen for gRPC on %1 (address in use?)"_s.arg(m_config.grpcListen);
        if (m_config.grpcListenSet)
            return ApiError::unavailable(why);
        qCWarning(lcApi).noquote() << why << "- the api runs without gRPC; set grpc.listen to another port";
        return 0;
    }
    qCInfo(lcApi).noquote() << "gRPC listening on" << u"%1:%2"_s.arg(host).arg(port) << (tls ? "with TLS" : "");
    return port;
}

void GrpcServer::stop()
{
    if (!m_server)
        return;
    qCInfo(lcApi).noquote() << "gRPC stopping: worker streams have" << WorkerServiceImpl::StopGraceMs
                            << "ms to report what they hold";
    m_bridge->stop();
    m_server->Shutdown(std::chrono::system_clock::now() + std::chrono::milliseconds(ShutdownGraceMs));
    m_server->Wait();
    m_server.reset();
}

} // namespace taskmill::grpcapi
