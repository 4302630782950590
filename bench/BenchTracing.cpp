// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// The cost of tracing on drain throughput (issue 5): the same N-task drain with the executor's tracing off
// and with it exporting every attempt span by OTLP/HTTP JSON to a local sink (console span logging off),
// alternating off/on for `tracingReps` repetitions in one run, so drift and noise hit both sides alike.
// Throughput comes from PostgreSQL's timestamps, as in BenchTests.cpp; the sink counts what arrived.
#include "BenchStats.h"
#include "BenchSuite.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QHttpServer>
#include <QHttpServerResponse>
#include <QJsonArray>
#include <QThread>

#include <atomic>
#include <cmath>
#include <cstdio>

using namespace Qt::StringLiterals;

namespace taskmill::bench {

namespace {
QJsonValue num(double v, int digits = 2)
{
    return std::isnan(v) || std::isinf(v) ? QJsonValue() : QJsonValue(rounded(v, digits));
}

const QString InRun = u" title = ? AND created_at >= to_timestamp(?::float8 / 1000) "_s;

// A collector stand-in on its own thread (the bench's main thread sleeps while it polls PostgreSQL):
// answers 200 to every POST /v1/traces and counts requests, bytes and spans without parsing the JSON.
class SpanSink final : public QThread
{
public:
    quint16 startAndWait()
    {
        start();
        for (int i = 0; i < 500 && m_port == 0 && !m_failed; ++i)
            QThread::msleep(10);
        return m_port;
    }
    void stopAndWait()
    {
        quit();
        wait();
    }
    qint64 spans() const { return m_spans; }
    qint64 requests() const { return m_requests; }
    qint64 bytes() const { return m_bytes; }

protected:
    void run() override
    {
        QHttpServer server;
        server.route(u"/v1/traces"_s, QHttpServerRequest::Method::Post, [this](const QHttpServerRequest &request) {
            const QByteArray body = request.body();
            m_requests += 1;
            m_bytes += body.size();
            m_spans += body.count("\"spanId\"");
            return QHttpServerResponse(QJsonObject{}, QHttpServerResponse::StatusCode::Ok);
        });
        const quint16 port = server.listen(QHostAddress::LocalHost, 0);
        if (port == 0) {
            m_failed = true;
            return;
        }
        m_port = port;
        exec();
    }

private:
    std::atomic<quint16> m_port{0};
    std::atomic<bool> m_failed{false};
    std::atomic<qint64> m_spans{0}, m_requests{0}, m_bytes{0};
};

struct DrainRun
{
    double rate = 0;
    qint64 completed = 0;
    double spanS = 0;
    double executorCpuMsPerTask = 0;
};
} // namespace

void BenchSuite::tracing()
{
    SpanSink sink;
    const quint16 port = sink.startAndWait();
    if (port == 0) {
        std::fprintf(stderr, "taskmill-bench: tracing: the span sink could not listen\n");
        return;
    }
    const int n = m_o.tracingN, workers = m_o.tracingWorkers;
    const QStringList tracingOn{u"tracing.endpoint=http://127.0.0.1:%1/v1/traces"_s.arg(port), u"tracing.console=false"_s};
    const QStringList baseSet = m_o.executorSet;

    // One drain, like BenchSuite::drain but with the executor's settings given here.
    const auto drainOnce = [&](bool traced, int rep) -> std::optional<DrainRun> {
        reset();
        const QString tag = u"tracing-%1-r%2-%3"_s.arg(traced ? u"on"_s : u"off"_s).arg(rep).arg(m_runId);
        const double t0 = nowMs();
        const QVariantList in{tag, t0 - 5000};
        if (!enqueueBacklog(tag, n))
            return std::nullopt;
        QElapsedTimer wait;
        wait.start();
        while (m_pg.scalar(u"SELECT count(*) FROM tasks WHERE status = 'NEW' AND"_s + InRun, in).toLongLong() > 0
               && wait.elapsed() < 60000)
            QThread::msleep(100);
        m_o.executorSet = baseSet + (traced ? tracingOn : QStringList{u"tracing.endpoint="_s, u"tracing.console=false"_s});
        const auto started = startExecutor(workers);
        m_o.executorSet = baseSet;
        if (!started) {
            std::fprintf(stderr, "taskmill-bench: %s\n", qPrintable(started.error().message));
            return std::nullopt;
        }
        const QJsonObject before = cpuNow();
        QElapsedTimer run;
        run.start();
        while (run.elapsed() < qint64(m_o.capS) * 1000
               && m_pg.scalar(u"SELECT count(*) FROM tasks WHERE status = 'COMPLETED' AND"_s + InRun, in).toLongLong() < n)
            QThread::msleep(100);
        const QJsonObject delta = cpuDelta(before, cpuNow());
        const QVariantList r = m_pg.rows(
            u"SELECT count(*), (extract(epoch FROM min(started_at)) * 1000)::float8, "
            "(extract(epoch FROM max(completed_at)) * 1000)::float8 FROM tasks WHERE status = 'COMPLETED' AND"_s + InRun, in)
            .value().value(0);
        m_executor.stop(); // SIGTERM: the tracer sends what it still holds before the process exits
        DrainRun d;
        d.completed = r.value(0).toLongLong();
        d.spanS = (r.value(2).toDouble() - r.value(1).toDouble()) / 1000.0;
        d.rate = d.spanS > 0 ? double(d.completed) / d.spanS : 0;
        d.executorCpuMsPerTask = d.completed > 0 ? delta.value(u"executor"_s).toDouble() * 1000.0 / double(d.completed) : 0;
        return d;
    };

    QList<double> offRates, onRates, offCpu, onCpu;
    QJsonArray pairs;
    for (int rep = 1; rep <= m_o.tracingReps; ++rep) {
        // Alternate which side goes first, so neither always drains into a freshly checkpointed database.
        QList<bool> order{false, true};
        if (rep % 2 == 0)
            std::reverse(order.begin(), order.end());
        QJsonObject pair{{u"rep"_s, rep}};
        for (bool traced : order) {
            const qint64 spansBefore = sink.spans();
            const auto d = drainOnce(traced, rep);
            if (!d)
                return;
            const qint64 received = sink.spans() - spansBefore;
            (traced ? onRates : offRates).append(d->rate);
            (traced ? onCpu : offCpu).append(d->executorCpuMsPerTask);
            const QString mode = traced ? u"on"_s : u"off"_s;
            pair[mode] = num(d->rate, 1);
            QJsonObject extra{{u"completed"_s, d->completed}, {u"span_s"_s, num(d->spanS, 3)},
                              {u"executor_cpu_ms_per_task"_s, num(d->executorCpuMsPerTask, 3)}};
            if (traced)
                extra[u"spans_received"_s] = received;
            emitRecord({u"tracing"_s, u"drain_throughput"_s,
                        {{u"N"_s, n}, {u"workers"_s, workers}, {u"tracing"_s, mode}, {u"rep"_s, rep}},
                        num(d->rate, 1), u"tasks/s"_s, extra,
                        u"drain N=%1, W=%2, tracing %3 (rep %4)"_s.arg(n).arg(workers).arg(mode).arg(rep),
                        traced ? u"%1 of %2 attempt spans reached the sink; executor %3 ms CPU/task"_s.arg(received)
                                     .arg(d->completed).arg(d->executorCpuMsPerTask, 0, 'f', 3)
                               : u"executor %1 ms CPU/task"_s.arg(d->executorCpuMsPerTask, 0, 'f', 3)});
        }
        pair[u"ratio"_s] = num(pair.value(u"on"_s).toDouble() / pair.value(u"off"_s).toDouble(), 3);
        pairs.append(pair);
    }
    sink.stopAndWait();
    const Summary off = Summary::of(offRates), on = Summary::of(onRates);
    const Summary cpuOff = Summary::of(offCpu), cpuOn = Summary::of(onCpu);
    const double ratio = on.p50 / off.p50;
    emitRecord({u"tracing"_s, u"ratio"_s, {{u"N"_s, n}, {u"workers"_s, workers}, {u"reps"_s, m_o.tracingReps}},
                num(ratio, 3), u"on/off"_s,
                {{u"off_median"_s, num(off.p50, 1)}, {u"on_median"_s, num(on.p50, 1)}, {u"pairs"_s, pairs},
                 {u"sink_requests"_s, sink.requests()}, {u"sink_bytes"_s, sink.bytes()},
                 {u"executor_cpu_ms_per_task_off"_s, num(cpuOff.p50, 3)},
                 {u"executor_cpu_ms_per_task_on"_s, num(cpuOn.p50, 3)}},
                u"tracing on / off, medians of %1"_s.arg(m_o.tracingReps),
                u"%1 vs %2 tasks/s; executor CPU %3 vs %4 ms/task"_s.arg(on.p50, 0, 'f', 0).arg(off.p50, 0, 'f', 0)
                    .arg(cpuOn.p50, 0, 'f', 3).arg(cpuOff.p50, 0, 'f', 3)});
}

} // namespace taskmill::bench
