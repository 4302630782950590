// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
//
// taskmill-grpc-bench: Create latency over gRPC beside REST on one running taskmilld (docs/benchmarks.md, "gRPC"),
// open loop at a fixed rate (request i due at start + i/rate; latency counted from the due time, so a stalled
// server cannot hide behind fewer requests), the transports alternated round by round in one process:
//   taskmill-grpc-bench --url http://127.0.0.1:8080 --grpc 127.0.0.1:50051 [--rate 2000] [--seconds 10] [--rounds 3]
// REST uses the suite's keep-alive HTTP/1.1 client (bench/HttpLoad); gRPC one HTTP/2 channel with the callback
// API (many calls in flight on it). Both create the same noop task. Prints one line per round and transport.
#include "../HttpLoad.h"

#include "taskmill/v1/taskmill.grpc.pb.h"

#include <grpcpp/grpcpp.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>

#include <atomic>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <thread>

using namespace taskmill;
namespace v1 = taskmill::v1;

namespace {

constexpr int TimeoutMs = 60000;
constexpr int RestMaxConnections = 256;

struct Summary
{
    qsizetype sent = 0, failed = 0;
    double p50 = 0, p99 = 0, max = 0, achieved = 0;
};

Summary summarize(QList<double> latencies, qsizetype failed, double seconds)
{
    Summary s;
    s.sent = latencies.size();
    s.failed = failed;
    QList<double> ok;
    for (double l : latencies)
        if (!std::isnan(l))
            ok.append(l);
    std::sort(ok.begin(), ok.end());
    const auto at = [&ok](double q) { return ok.isEmpty() ? 0.0 : ok.at(std::min<qsizetype>(ok.size() - 1, qsizetype(q * ok.size()))); };
    s.p50 = at(0.50);
    s.p99 = at(0.99);
    s.max = ok.isEmpty() ? 0 : ok.last();
    s.achieved = double(ok.size()) / seconds;
    return s;
}

Summary restRound(const QUrl &base, double rate, double seconds)
{
    const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("type"), QStringLiteral("noop")},
                                                      {QStringLiteral("title"), QStringLiteral("rest bench")}})
                                .toJson(QJsonDocument::Compact);
    const auto result = bench::runOpenLoop(base, rate, seconds, RestMaxConnections,
                                           [&body](qsizetype, double) { return qMakePair(QByteArray("/api/v1/tasks"), body); },
                                           TimeoutMs);
    return summarize(result.latencyMs, result.failed, (result.endMs - result.startMs) / 1000.0);
}

Summary grpcRound(v1::TaskService::Stub &stub, double rate, double seconds)
{
    const qsizetype total = qsizetype(rate * seconds);
    QList<double> latencies(total, std::nan(""));
    std::atomic<qsizetype> failed{0}, done{0};
    std::mutex mutex;
    std::condition_variable finished;
    struct Call
    {
        grpc::ClientContext context;
        v1::CreateTaskRequest request;
        v1::Task reply;
    };
    QElapsedTimer clock;
    clock.start();
    const auto start = std::chrono::steady_clock::now();
    for (qsizetype i = 0; i < total; ++i) {
        const double dueMs = 1000.0 * double(i) / rate;
        // One sleep per request until it is due (a polling loop would cost the client a share of a core that the
        // REST side, paced by Qt timers, does not pay); the latency is measured from dueMs either way.
        std::this_thread::sleep_until(start + std::chrono::microseconds(qint64(dueMs * 1000)));
        auto *call = new Call;
        call->request.set_type("noop");
        call->request.set_title("grpc bench");
        call->context.set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(TimeoutMs));
        stub.async()->Create(&call->context, &call->request, &call->reply,
                             [&, call, i, dueMs](grpc::Status status) {
                                 if (status.ok())
                                     latencies[i] = double(clock.nsecsElapsed()) / 1e6 - dueMs;
                                 else
                                     ++failed;
                                 delete call;
                                 if (++done == total) {
                                     std::lock_guard lock(mutex);
                                     finished.notify_all();
                                 }
                             });
    }
    std::unique_lock lock(mutex);
    finished.wait_for(lock, std::chrono::milliseconds(TimeoutMs), [&] { return done.load() == total; });
    return summarize(latencies, failed, double(clock.nsecsElapsed()) / 1e9);
}

void print(const char *transport, int round, double rate, const Summary &s)
{
    std::printf("round %d  %-5s  rate %6.0f/s  sent %6lld  failed %4lld  achieved %7.0f/s  p50 %7.2f ms  p99 %7.2f ms  max %8.2f ms\n",
                round, transport, rate, (long long)s.sent, (long long)s.failed, s.achieved, s.p50, s.p99, s.max);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption url(QStringLiteral("url"), QStringLiteral("REST base URL."), QStringLiteral("url"), QStringLiteral("http://127.0.0.1:8080"));
    const QCommandLineOption target(QStringLiteral("grpc"), QStringLiteral("gRPC target."), QStringLiteral("host:port"), QStringLiteral("127.0.0.1:50051"));
    const QCommandLineOption rate(QStringLiteral("rate"), QStringLiteral("Creates per second."), QStringLiteral("n"), QStringLiteral("2000"));
    const QCommandLineOption seconds(QStringLiteral("seconds"), QStringLiteral("Seconds per round."), QStringLiteral("s"), QStringLiteral("10"));
    const QCommandLineOption rounds(QStringLiteral("rounds"), QStringLiteral("Rounds (REST then gRPC, alternating first)."), QStringLiteral("n"), QStringLiteral("3"));
    parser.addOptions({url, target, rate, seconds, rounds});
    parser.process(app);

    const double r = parser.value(rate).toDouble();
    const double s = parser.value(seconds).toDouble();
    auto channel = grpc::CreateChannel(parser.value(target).toStdString(), grpc::InsecureChannelCredentials());
    auto stub = v1::TaskService::NewStub(channel);
    std::printf("machine: %d cores; %s; rate %.0f/s for %.0f s per round\n", QThread::idealThreadCount(),
                qPrintable(QDateTime::currentDateTimeUtc().toString(Qt::ISODate)), r, s);
    // A short warm-up of each (connections, prepared statements, the channel's HTTP/2 setup).
    restRound(QUrl(parser.value(url)), 200, 1);
    grpcRound(*stub, 200, 1);
    for (int i = 1; i <= parser.value(rounds).toInt(); ++i) {
        if (i % 2) {
            print("REST", i, r, restRound(QUrl(parser.value(url)), r, s));
            print("gRPC", i, r, grpcRound(*stub, r, s));
        } else {
            print("gRPC", i, r, grpcRound(*stub, r, s));
            print("REST", i, r, restRound(QUrl(parser.value(url)), r, s));
        }
    }
    return 0;
}
