// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// The four measurements of BenchSuite. Every figure that involves execution comes from PostgreSQL's own
// timestamps (started_at, completed_at): the client only decides when to send.
#include "BenchStats.h"
#include "BenchSuite.h"
#include "HttpLoad.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QThread>

#include <cmath>
#include <cstdio>

using namespace Qt::StringLiterals;

namespace taskmill::bench {

namespace {
QJsonValue num(double v, int digits = 2)
{
    return std::isnan(v) || std::isinf(v) ? QJsonValue() : QJsonValue(rounded(v, digits));
}

QByteArray taskJson(const QString &tag, const QString &payload)
{
    return (u"{\"type\":\"noop\",\"title\":\"%1\",\"payload\":%2}"_s).arg(tag, payload).toUtf8();
}

const QString InRun = u" title = ? AND created_at >= to_timestamp(?::float8 / 1000) "_s;

QString ms3(const Summary &s)
{
    return u"%1 / %2 / %3 ms"_s.arg(s.p50, 0, 'f', 2).arg(s.p95, 0, 'f', 2).arg(s.p99, 0, 'f', 2);
}

// Per-task costs from a cpuDelta(): CPU ms per task for each process, transactions and WAL fsyncs per task.
QJsonObject perTask(const QJsonObject &delta, double tasks)
{
    QJsonObject o;
    for (const QString &k : {u"api"_s, u"executor"_s, u"postgres"_s, u"redis"_s, u"bench"_s})
        if (delta.contains(k))
            o[k + u"_cpu_ms"_s] = rounded(delta.value(k).toDouble() * 1000.0 / tasks, 3);
    o[u"pg_xacts"_s] = rounded(delta.value(u"pg_xacts"_s).toDouble() / tasks, 3);
    o[u"pg_wal_syncs"_s] = rounded(delta.value(u"pg_wal_syncs"_s).toDouble() / tasks, 3);
    o[u"pg_wal_bytes"_s] = rounded(delta.value(u"pg_wal_bytes"_s).toDouble() / tasks, 0);
    // Less the bench's own INFO call (one command, one read) taken at each end.
    if (delta.contains(u"redis_commands"_s)) {
        o[u"redis_commands"_s] = rounded((delta.value(u"redis_commands"_s).toDouble() - 1) / tasks, 3);
        o[u"redis_round_trips"_s] = rounded((delta.value(u"redis_reads"_s).toDouble() - 1) / tasks, 3);
    }
    return o;
}
} // namespace

void BenchSuite::idle()
{
    // What a deployment costs with nothing to do: api+scheduler and an executor, no requests.
    reset();
    if (auto s = startExecutor(m_o.e2eWorkers); !s)
        return;
    QThread::msleep(1000);
    const QJsonObject before = cpuNow();
    QThread::msleep(5000);
    const QJsonObject delta = cpuDelta(before, cpuNow());
    m_executor.stop();
    const double wall = delta.value(u"wall"_s).toDouble();
    double cpu = 0;
    for (const QString &k : {u"api"_s, u"executor"_s, u"postgres"_s, u"redis"_s})
        cpu += delta.value(k).toDouble();
    emitRecord({u"idle"_s, u"cpu"_s, {{u"seconds"_s, 5}}, num(100.0 * cpu / wall, 1), u"% of one core"_s,
                {{u"cpu_s"_s, delta}, {u"pg_xacts_per_s"_s, num(delta.value(u"pg_xacts"_s).toDouble() / wall, 0)},
                 {u"top_statements"_s, topStatements()}},
                u"idle (no requests), 5 s"_s,
                u"%1 PostgreSQL transactions/s; api %2 s, postgres %3 s CPU"_s.arg(delta.value(u"pg_xacts"_s).toDouble() / wall, 0, 'f', 0)
                    .arg(delta.value(u"api"_s).toDouble()).arg(delta.value(u"postgres"_s).toDouble())});
}

void BenchSuite::enqueueSingle(int connections, EnqueueMode mode)
{
    reset();
    // A replay sends the keyed run's requests again, keys and bodies alike: every one is answered as a repeat.
    if (mode != EnqueueMode::Replay)
        ++m_keyedRun;
    const QString tag = u"enq-c%1-%2-%3"_s.arg(connections).arg(m_runId).arg(m_keyedRun);
    const double t0 = nowMs();
    const auto make = [&](qsizetype i, double) -> LoadRequest {
        const QByteArray key = mode == EnqueueMode::Plain ? QByteArray()
                                                          : "Idempotency-Key: " + tag.toUtf8() + '-' + QByteArray::number(i) + "\r\n";
        return {QByteArray("/api/v1/tasks"), taskJson(tag, u"{\"i\":%1}"_s.arg(i)), key};
    };
    const QJsonObject before = cpuNow();
    const LoadResult load = runClosedLoop(m_url, connections, m_o.singleN, make, 600000);
    const QJsonObject delta = cpuDelta(before, cpuNow());
    const double elapsed = (load.endMs - load.startMs) / 1000.0;
    const qsizetype ok = load.sent - load.failed;
    const Summary s = Summary::of(load.latencyMs);
    // A replay stores nothing: count only what appeared during it (the keyed run before wrote the rest).
    const double since = mode == EnqueueMode::Replay ? t0 : t0 - 5000;
    const qlonglong stored = m_pg.scalar(u"SELECT count(*) FROM tasks WHERE"_s + InRun, {tag, since}).toLongLong();
    const QString variant = mode == EnqueueMode::Plain ? u"single"_s : mode == EnqueueMode::Keyed ? u"keyed"_s : u"replay"_s;
    const QString what = mode == EnqueueMode::Plain ? QString()
                         : mode == EnqueueMode::Keyed ? u" with an Idempotency-Key each"_s
                                                      : u", each sent again with its key (answered as a repeat)"_s;
    emitRecord({u"enqueue"_s, variant, {{u"N"_s, m_o.singleN}, {u"C"_s, connections}}, num(double(ok) / elapsed, 1),
                u"tasks/s"_s,
                {{u"elapsed_s"_s, num(elapsed, 3)}, {u"add_ms_p50"_s, num(s.p50, 3)}, {u"add_ms_p99"_s, num(s.p99, 3)},
                 {u"add_ms_max"_s, num(s.max, 3)}, {u"failed"_s, load.failed}, {u"rows_in_postgres"_s, stored},
                 {u"first_error"_s, QString::fromUtf8(load.firstError)}, {u"cpu_s"_s, delta},
                 {u"per_task"_s, perTask(delta, double(ok))}, {u"top_statements"_s, topStatements()}},
                u"enqueue one-by-one%3, N=%1, C=%2"_s.arg(m_o.singleN).arg(connections).arg(what),
                u"per request p50 %1 ms, p99 %2 ms; %3 WAL fsyncs/task"_s.arg(s.p50, 0, 'f', 2).arg(s.p99, 0, 'f', 2)
                    .arg(perTask(delta, double(ok)).value(u"pg_wal_syncs"_s).toDouble())});
}

void BenchSuite::enqueueBatch()
{
    reset();
    const QString tag = u"batch-%1"_s.arg(m_runId);
    const double t0 = nowMs();
    const QJsonObject before = cpuNow();
    QElapsedTimer timer;
    timer.start();
    const bool ok = enqueueBacklog(tag, m_o.batchN);
    const double elapsed = double(timer.nsecsElapsed()) / 1e9;
    const QJsonObject delta = cpuDelta(before, cpuNow());
    const qlonglong stored = m_pg.scalar(u"SELECT count(*) FROM tasks WHERE"_s + InRun, {tag, t0 - 5000}).toLongLong();
    emitRecord({u"enqueue"_s, u"bulk"_s, {{u"N"_s, m_o.batchN}, {u"batch"_s, m_o.batchSize}},
                num(ok ? double(m_o.batchN) / elapsed : 0, 1), u"tasks/s"_s,
                {{u"elapsed_s"_s, num(elapsed, 3)}, {u"rows_in_postgres"_s, stored}, {u"cpu_s"_s, delta},
                 {u"per_task"_s, perTask(delta, m_o.batchN)}, {u"top_statements"_s, topStatements()}},
                u"enqueue in batches, N=%1, batch %2"_s.arg(m_o.batchN).arg(m_o.batchSize),
                u"%1 ms per batch request"_s.arg(elapsed * 1000.0 * m_o.batchSize / m_o.batchN, 0, 'f', 1)});
}

void BenchSuite::drain(int workers)
{
    reset();
    // A tag of its own per drain: a repeated drain without a truncate must not count the previous one's
    // tasks (InRun's 5 s slack would take them in).
    static int drains = 0;
    const QString tag = u"drain-w%1-%2-%3"_s.arg(workers).arg(m_runId).arg(++drains);
    const double t0 = nowMs();
    const QVariantList in{tag, t0 - 5000};
    if (!enqueueBacklog(tag, m_o.drainN))
        return;
    // The backlog must be in the streams (PENDING) before the executor starts.
    QElapsedTimer wait;
    wait.start();
    while (m_pg.scalar(u"SELECT count(*) FROM tasks WHERE status = 'NEW' AND"_s + InRun, in).toLongLong() > 0
           && wait.elapsed() < 60000)
        QThread::msleep(100);
    const double launch = nowMs();
    if (auto s = startExecutor(workers); !s) {
        std::fprintf(stderr, "taskmill-bench: %s\n", qPrintable(s.error().message));
        return;
    }
    const QJsonObject before = cpuNow();
    QElapsedTimer run;
    run.start();
    qlonglong done = 0;
    while (run.elapsed() < qint64(m_o.capS) * 1000) {
        done = m_pg.scalar(u"SELECT count(*) FROM tasks WHERE status = 'COMPLETED' AND"_s + InRun, in).toLongLong();
        if (done >= m_o.drainN)
            break;
        QThread::msleep(250);
    }
    const QJsonObject delta = cpuDelta(before, cpuNow());
    const QVariantList r = m_pg.rows(
        u"SELECT count(*), (extract(epoch FROM min(started_at)) * 1000)::float8, "
        "(extract(epoch FROM max(completed_at)) * 1000)::float8, count(DISTINCT started_at), "
        "count(DISTINCT completed_at) FROM tasks WHERE status = 'COMPLETED' AND"_s + InRun, in)
        .value().value(0);
    // Where one task's cycle goes (meaningful with one worker): claim -> recorded, recorded -> next claim.
    const QVariantList cycle = m_pg.rows(
        u"SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY run_ms), percentile_cont(0.5) WITHIN GROUP (ORDER BY gap_ms) "
        "FROM (SELECT extract(epoch FROM completed_at - started_at) * 1000 AS run_ms, "
        "extract(epoch FROM started_at - lag(completed_at) OVER (ORDER BY started_at)) * 1000 AS gap_ms "
        "FROM tasks WHERE status = 'COMPLETED' AND"_s + InRun + u") x"_s, in).value().value(0);
    m_executor.stop();
    const double n = r.value(0).toDouble();
    const double span = (r.value(2).toDouble() - r.value(1).toDouble()) / 1000.0;
    const double rate = span > 0 ? n / span : 0;
    const double claims = r.value(3).toDouble(), records = r.value(4).toDouble();
    const QJsonObject per = perTask(delta, n);
    QJsonObject params{{u"N"_s, m_o.drainN}, {u"workers"_s, workers}};
    if (!m_phase.isEmpty())
        params[u"table"_s] = m_phase;
    emitRecord({u"drain"_s, u"throughput"_s, params, num(rate, 1), u"tasks/s"_s,
                {{u"completed"_s, qint64(n)}, {u"capped"_s, n < m_o.drainN}, {u"span_s"_s, num(span, 3)},
                 {u"startup_ms"_s, num(r.value(1).toDouble() - launch, 1)},
                 {u"claim_statements"_s, qint64(claims)}, {u"tasks_per_claim"_s, num(n / claims)},
                 {u"record_statements"_s, qint64(records)}, {u"tasks_per_record"_s, num(n / records)},
                 {u"claim_to_recorded_ms_p50"_s, num(cycle.value(0).toDouble(), 3)},
                 {u"recorded_to_next_claim_ms_p50"_s, num(cycle.value(1).toDouble(), 3)},
                 {u"cpu_s"_s, delta}, {u"per_task"_s, per}, {u"top_statements"_s, topStatements()}},
                u"drain N=%1, workers=%2%3%4"_s.arg(m_o.drainN).arg(workers).arg(n < m_o.drainN ? u" (capped)"_s : QString(),
                                                   m_phase.isEmpty() ? QString() : u", "_s + m_phase),
                u"%1 tasks/claim, %2 tasks/record; %3 xacts, %4 WAL fsyncs per task"_s.arg(n / claims, 0, 'f', 1)
                    .arg(n / records, 0, 'f', 1).arg(per.value(u"pg_xacts"_s).toDouble())
                    .arg(per.value(u"pg_wal_syncs"_s).toDouble())});
}

void BenchSuite::e2e(double rate)
{
    reset();
    const QString tag = u"e2e-r%1-%2"_s.arg(rate).arg(m_runId);
    const double t0 = nowMs();
    const QVariantList in{tag, t0 - 5000};
    if (auto s = startExecutor(m_o.e2eWorkers); !s) {
        std::fprintf(stderr, "taskmill-bench: %s\n", qPrintable(s.error().message));
        return;
    }
    QThread::msleep(1000); // the executor idles on its blocking read, as a deployed one would
    const QJsonObject before = cpuNow();
    const auto make = [&](qsizetype i, double dueMs) -> QPair<QByteArray, QByteArray> {
        return qMakePair(QByteArray("/api/v1/tasks"),
                         taskJson(tag, u"{\"i\":%1,\"t\":%2}"_s.arg(i).arg(dueMs, 0, 'f', 3)));
    };
    const LoadResult load = runOpenLoop(m_url, rate, m_o.durationS, m_o.maxConnections, make,
                                        int((m_o.durationS + 60) * 1000));
    const qsizetype expected = load.sent - load.failed;
    QElapsedTimer wait;
    wait.start();
    while (wait.elapsed() < qint64(m_o.drainWaitS * 1000)
           && m_pg.scalar(u"SELECT count(*) FROM tasks WHERE status = 'COMPLETED' AND"_s + InRun, in).toLongLong() < expected)
        QThread::msleep(100);
    const QJsonObject delta = cpuDelta(before, cpuNow());
    auto rows = m_pg.rows(u"SELECT (payload->>'t')::float8, (extract(epoch FROM started_at) * 1000)::float8, "
                          "(extract(epoch FROM completed_at) * 1000)::float8 FROM tasks "
                          "WHERE status = 'COMPLETED' AND"_s + InRun, in);
    m_executor.stop();
    QList<double> toStart, toDone;
    qsizetype byGrace = 0;
    const double graceEnd = load.startMs + (m_o.durationS + m_o.graceS) * 1000.0;
    for (const QVariantList &row : rows.value()) {
        toStart.append(row.value(1).toDouble() - row.value(0).toDouble());
        toDone.append(row.value(2).toDouble() - row.value(0).toDouble());
        if (row.value(2).toDouble() <= graceEnd)
            ++byGrace;
    }
    const qsizetype total = qsizetype(std::llround(rate * m_o.durationS));
    const double sendRate = double(load.sent) / ((load.sendEndMs - load.startMs) / 1000.0);
    const bool keepsUp = sendRate >= 0.95 * rate && double(byGrace) >= 0.99 * double(total);
    const Summary start = Summary::of(toStart), done = Summary::of(toDone), add = Summary::of(load.latencyMs);
    const QJsonObject params{{u"R"_s, rate}, {u"T"_s, m_o.durationS}, {u"workers"_s, m_o.e2eWorkers}};
    const auto lat = [](const Summary &s) {
        return QJsonObject{{u"n"_s, s.n}, {u"p50"_s, num(s.p50, 3)}, {u"p95"_s, num(s.p95, 3)},
                           {u"p99"_s, num(s.p99, 3)}, {u"max"_s, num(s.max, 3)}};
    };
    emitRecord({u"e2e"_s, u"add_to_start_p50"_s, params, num(start.p50, 3), u"ms"_s, lat(start),
                u"e2e R=%1/s add->start p50/p95/p99"_s.arg(rate), ms3(start)});
    emitRecord({u"e2e"_s, u"add_to_completed_p50"_s, params, num(done.p50, 3), u"ms"_s, lat(done),
                u"e2e R=%1/s add->completed p50/p95/p99"_s.arg(rate), ms3(done)});
    emitRecord({u"e2e"_s, u"keeps_up"_s, params, keepsUp, u"bool"_s,
                {{u"tasks"_s, total}, {u"sent"_s, load.sent}, {u"add_failed"_s, load.failed},
                 {u"completed"_s, done.n}, {u"completed_within_grace"_s, byGrace}, {u"send_rate"_s, num(sendRate, 1)},
                 {u"add_ms_p50"_s, num(add.p50, 3)}, {u"add_ms_p99"_s, num(add.p99, 3)},
                 {u"max_send_lag_ms"_s, num(load.maxSendLagMs, 2)}, {u"connections"_s, load.connectionsUsed},
                 {u"cpu_s"_s, delta}, {u"per_task"_s, perTask(delta, double(std::max<qsizetype>(1, done.n)))},
                 {u"top_statements"_s, topStatements()}},
                u"e2e R=%1/s keeps up"_s.arg(rate),
                u"%1/%2 completed by T+%3 s, sent %4/s, add p50 %5 ms p99 %6 ms"_s.arg(byGrace).arg(total).arg(m_o.graceS)
                    .arg(sendRate, 0, 'f', 0).arg(add.p50, 0, 'f', 2).arg(add.p99, 0, 'f', 2)});
}

} // namespace taskmill::bench
