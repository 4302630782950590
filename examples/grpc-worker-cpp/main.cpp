// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
//
// An external worker on the C++ SDK that speaks gRPC (README.md): one WorkerService.Work stream to taskmilld's
// grpc.listen; the server pushes tasks as they become ready. One handler:
//   count_words  payload {text, work_ms?} → {"words": N, "chars": N}; work_ms simulates a slow task (progress is
//                reported on the stream, and the handler stops early when its lease is lost)
// Running it twice on the same task gives the same result (delivery is at least once).
#include <taskmill_sdk/Worker.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QJsonArray>
#include <QRegularExpression>
#include <QThread>

#include <algorithm>
#include <cstdio>

using namespace taskmill::sdk;

namespace {

constexpr int WorkStepMs = 50;

class CountWords final : public Handler
{
public:
    QString name() const override { return QStringLiteral("count_words"); }
    QString description() const override { return QStringLiteral("counts the words of a text (C++ gRPC worker example)"); }
    QJsonObject schema() const override
    {
        return QJsonObject{
            {QStringLiteral("type"), QStringLiteral("object")},
            {QStringLiteral("required"), QJsonArray{QStringLiteral("text")}},
            {QStringLiteral("properties"),
             QJsonObject{{QStringLiteral("text"), QJsonObject{{QStringLiteral("type"), QStringLiteral("string")}}},
                         {QStringLiteral("work_ms"), QJsonObject{{QStringLiteral("type"), QStringLiteral("integer")},
                                                                 {QStringLiteral("minimum"), 0},
                                                                 {QStringLiteral("maximum"), 600000}}}}}};
    }
    QJsonObject defaults() const override { return {{QStringLiteral("max_attempts"), 5}}; }

    HandlerResult process(const Task &task) override
    {
        const QJsonObject payload = task.payload();
        const int workMs = payload.value(QStringLiteral("work_ms")).toInt();
        const QDeadlineTimer work(workMs);
        while (!work.hasExpired()) {
            if (task.leaseLost())
                throw std::runtime_error("lease lost; stopping early");
            task.progress(int(100 * (workMs - work.remainingTime()) / std::max(workMs, 1)), QStringLiteral("counting"));
            QThread::msleep(std::min<qint64>(WorkStepMs, std::max<qint64>(work.remainingTime(), 1)));
        }
        const QString text = payload.value(QStringLiteral("text")).toString();
        static const QRegularExpression space(QStringLiteral("\\s+"));
        const qsizetype words = text.split(space, Qt::SkipEmptyParts).size();
        return HandlerResult::success(QJsonObject{{QStringLiteral("words"), words}, {QStringLiteral("chars"), text.size()}});
    }
};

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Taskmill C++ gRPC worker example"));
    parser.addHelpOption();
    const QCommandLineOption target(QStringLiteral("target"), QStringLiteral("taskmilld's gRPC address (grpc.listen)."),
                                    QStringLiteral("host:port"), QStringLiteral("127.0.0.1:50051"));
    const QCommandLineOption token(QStringLiteral("token"), QStringLiteral("API token (TASKMILL_TOKEN)."), QStringLiteral("token"),
                                   qEnvironmentVariable("TASKMILL_TOKEN"));
    const QCommandLineOption name(QStringLiteral("name"), QStringLiteral("Worker name (default host-pid)."), QStringLiteral("name"));
    const QCommandLineOption concurrency(QStringLiteral("concurrency"), QStringLiteral("Tasks at once."), QStringLiteral("n"), QStringLiteral("4"));
    const QCommandLineOption leaseMs(QStringLiteral("lease-ms"), QStringLiteral("Lease length."), QStringLiteral("ms"), QStringLiteral("30000"));
    const QCommandLineOption grace(QStringLiteral("grace"), QStringLiteral("Seconds running tasks get after SIGTERM."), QStringLiteral("s"), QStringLiteral("10"));
    const QCommandLineOption tls(QStringLiteral("tls"), QStringLiteral("Use TLS (the server's api.tls_cert)."));
    parser.addOptions({target, token, name, concurrency, leaseMs, grace, tls});
    parser.process(app);

    try {
        // The URL is the REST API's; with useGrpc() the worker talks to `target` only.
        Worker worker(QUrl(QStringLiteral("http://localhost")), parser.value(name), parser.value(token));
        GrpcOptions options;
        options.tls = parser.isSet(tls);
        worker.useGrpc(parser.value(target), options);
        worker.setLeaseMs(parser.value(leaseMs).toInt());
        worker.setGracePeriod(std::chrono::seconds(parser.value(grace).toInt()));
        worker.registerHandler(std::make_shared<CountWords>());
        if (auto error = worker.run(parser.value(concurrency).toInt())) {
            std::fprintf(stderr, "grpc-worker: %s\n", qPrintable(error->toString()));
            return 1;
        }
    } catch (const std::exception &e) {
        std::fprintf(stderr, "grpc-worker: %s\n", e.what());
        return 2;
    }
    return 0;
}
