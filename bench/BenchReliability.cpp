// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// Reliability measurements of BenchSuite: recovery after an executor is killed, delayed-task start lateness,
// and draining with retries. As in BenchTests.cpp, every figure comes from PostgreSQL's own timestamps.
#include "BenchStats.h"
#include "BenchSuite.h"
#include "HttpLoad.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QProcess>
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

QString load1()
{
    return machineInfo({}).value(u"loadavg"_s).toString();
}

const QString InRun = u" title = ? AND created_at >= to_timestamp(?::float8 / 1000) "_s;

double median(QList<double> v)
{
    v.removeIf([](double x) { return std::isnan(x); });
    if (v.isEmpty())
        return NAN;
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v.at(v.size() / 2) : (v.at(v.size() / 2 - 1) + v.at(v.size() / 2)) / 2;
}
} // namespace

// Here rather than in BenchEnv.cpp (kept under 300 lines); only the recovery test kills.
void Taskmilld::kill()
{
    if (m_process && m_process->state() != QProcess::NotRunning) {
        m_process->kill(); // SIGKILL to this child's PID only
        m_process->waitForFinished(5000);
    }
    m_process.reset();
}

Result<Unit> BenchSuite::startApi(const QStringList &extraSet)
{
    m_api.stop();
    QStringList args{u"--role"_s, u"api,scheduler"_s, u"-a"_s, u"127.0.0.1:0"_s, u"--postgres"_s, m_pgUrl,
                     u"--redis"_s, m_redisUrl};
    for (const QString &kv : std::as_const(m_o.apiSet) + extraSet)
        args << u"--set"_s << kv;
    auto s = m_api.start(m_o.taskmilld, args, m_dir + u"/api.log"_s);
    m_url = m_api.url();
    return s;
}

bool BenchSuite::postBatch(const QByteArray &body)
{
    const auto make = [&](qsizetype, double) { return qMakePair(QByteArray("/api/v1/tasks/batch"), body); };
    const LoadResult load = runClosedLoop(m_url, 1, 1, make, 60000);
    if (load.failed > 0)
        std::fprintf(stderr, "taskmill-bench: batch failed: %s\n", load.firstError.constData());
    return load.failed == 0;
}

// One kill -9: executor A runs 4 sleep tasks of 2 s, is killed with all 4 in flight, B starts at once.
// `v` is both executors' visibility timeout; `sameName` restarts under A's consumer name.
QJsonObject BenchSuite::recoveryOnce(int v, bool sameName)
{
    reset();
    const QString tag = u"rec-%1-%2"_s.arg(sameName ? u"same"_s : QString::number(v), m_runId);
    const double t0 = nowMs();
    const QVariantList in{tag, t0 - 5000};
    const auto args = [&](const QString &consumer) {
        QStringList a{u"--role"_s, u"executor"_s, u"--workers"_s, u"4"_s, u"--postgres"_s, m_pgUrl, u"--redis"_s,
                      m_redisUrl, u"--set"_s, u"executor.visibility_timeout_ms=%1"_s.arg(v), u"--set"_s,
                      u"executor.consumer="_s + consumer};
        for (const QString &kv : std::as_const(m_o.executorSet))
            a << u"--set"_s << kv;
        return a;
    };
    Taskmilld a, b; // both stopped by PID when they go out of scope
    QJsonObject r{{u"V_ms"_s, v}, {u"same_name"_s, sameName}, {u"load_before"_s, load1()}};
    if (auto s = a.start(m_o.taskmilld, args(u"A"_s), m_dir + u"/executor-A.log"_s); !s) {
        r[u"error"_s] = s.error().message;
        return r;
    }
    QByteArray body = "[";
    for (int i = 0; i < 4; ++i)
        body += (i ? "," : "") + (u"{\"type\":\"sleep\",\"title\":\"%1\",\"payload\":{\"ms\":2000}}"_s).arg(tag).toUtf8();
    if (!postBatch(body + ']'))
        return r;
    QElapsedTimer wait;
    wait.start();
    while (m_pg.scalar(u"SELECT count(*) FROM tasks WHERE status = 'IN_PROGRESS' AND"_s + InRun, in).toLongLong() < 4
           && wait.elapsed() < 30000)
        QThread::msleep(5);
    const double killMs = nowMs();
    a.kill();
    if (auto s = b.start(m_o.taskmilld, args(sameName ? u"A"_s : u"B"_s), m_dir + u"/executor-B.log"_s); !s) {
        r[u"error"_s] = s.error().message;
        return r;
    }
    const double readyMs = nowMs();
    wait.restart();
    while (m_pg.scalar(u"SELECT count(*) FROM tasks WHERE status = 'COMPLETED' AND"_s + InRun, in).toLongLong() < 4
           && wait.elapsed() < 2 * v + 20000)
        QThread::msleep(20);
    const QVariantList row = m_pg.rows(
        u"SELECT (extract(epoch FROM max(started_at)) * 1000)::float8, (extract(epoch FROM max(completed_at)) * 1000)::float8, "
        "count(*) FILTER (WHERE status = 'COMPLETED'), min(attempts), max(attempts) FROM tasks WHERE"_s + InRun, in)
        .value().value(0);
    b.stop();
    r[u"recovery_ms"_s] = num(row.value(0).toDouble() - killMs, 1);
    r[u"completion_ms"_s] = num(row.value(1).toDouble() - killMs, 1);
    r[u"b_startup_ms"_s] = num(readyMs - killMs, 1);
    r[u"completed"_s] = row.value(2).toInt();
    r[u"attempts_min_max"_s] = u"%1/%2"_s.arg(row.value(3).toInt()).arg(row.value(4).toInt());
    r[u"load_after"_s] = load1();
    return r;
}

void BenchSuite::recovery()
{
    // Configurations interleaved per repetition, so a neighbour's burst does not hit one configuration only.
    QList<QPair<int, bool>> configs;
    for (int v : std::as_const(m_o.recoveryVs))
        configs.append({v, false});
    configs.append({30000, true});
    QList<QList<QJsonObject>> runs(configs.size());
    for (int rep = 0; rep < m_o.repeat; ++rep)
        for (qsizetype c = 0; c < configs.size(); ++c) {
            const QJsonObject r = recoveryOnce(configs.at(c).first, configs.at(c).second);
            runs[c].append(r);
            emitRecord({u"recovery"_s, u"single_run"_s, {{u"rep"_s, rep + 1}}, r.value(u"recovery_ms"_s), u"ms"_s, r, {}, {}});
        }
    for (qsizetype c = 0; c < configs.size(); ++c) {
        QList<double> rec, done, boot;
        QStringList loads, each;
        int incomplete = 0;
        for (const QJsonObject &r : std::as_const(runs.at(c))) {
            rec.append(r.value(u"recovery_ms"_s).toDouble(NAN));
            done.append(r.value(u"completion_ms"_s).toDouble(NAN));
            boot.append(r.value(u"b_startup_ms"_s).toDouble(NAN));
            loads.append(r.value(u"load_before"_s).toString().section(u' ', 0, 0));
            each.append(QString::number(rec.last(), 'f', 0));
            incomplete += r.value(u"completed"_s).toInt() < 4;
        }
        const auto [v, same] = configs.at(c);
        emitRecord({u"recovery"_s, u"recovery_ms_median"_s, {{u"V_ms"_s, v}, {u"same_name"_s, same}, {u"runs"_s, m_o.repeat}},
                    num(median(rec), 1), u"ms"_s,
                    {{u"completion_ms_median"_s, num(median(done), 1)}, {u"b_startup_ms_median"_s, num(median(boot), 1)},
                     {u"recovery_ms_each"_s, each.join(u',')}, {u"load1_each"_s, loads.join(u',')}, {u"incomplete_runs"_s, incomplete}},
                    same ? u"recovery kill -9, restart as A (V=%1)"_s.arg(v) : u"recovery kill -9, B reclaims, V=%1"_s.arg(v),
                    u"runs %1 ms; completed +%2 ms; B ready +%3 ms; load %4%5"_s.arg(each.join(u'/'))
                        .arg(median(done), 0, 'f', 0).arg(median(boot), 0, 'f', 0).arg(loads.join(u'/'))
                        .arg(incomplete ? u"; %1 runs incomplete"_s.arg(incomplete) : QString())});
    }
}

void BenchSuite::delayed(int intervalMs)
{
    reset();
    if (auto s = startApi({u"scheduler.interval_ms=%1"_s.arg(intervalMs)}); !s) {
        std::fprintf(stderr, "taskmill-bench: %s\n", qPrintable(s.error().message));
        return;
    }
    const QString tag = u"delayed-i%1-%2"_s.arg(intervalMs).arg(m_runId);
    const double t0 = nowMs();
    const QVariantList in{tag, t0 - 5000};
    if (auto s = startExecutor(8); !s)
        return;
    QThread::msleep(1000); // idle executor, blocked on its read
    const QString loadBefore = load1();
    const int n = m_o.delayedN;
    const double base = nowMs() + 1500; // run_at from 1.5 s to 10 s ahead
    QByteArray body = "[";
    for (int i = 0; i < n; ++i) {
        const QString at = QDateTime::fromMSecsSinceEpoch(qint64(base + i * 8500.0 / n), Qt::UTC).toString(Qt::ISODateWithMs);
        body += (i ? "," : "") + (u"{\"type\":\"noop\",\"title\":\"%1\",\"run_at\":\"%2\",\"payload\":{\"i\":%3}}"_s).arg(tag, at).arg(i).toUtf8();
    }
    const double createdAt = nowMs();
    if (!postBatch(body + ']'))
        return;
    const double createMs = nowMs() - createdAt;
    QElapsedTimer wait;
    wait.start();
    while (m_pg.scalar(u"SELECT count(*) FROM tasks WHERE status = 'COMPLETED' AND"_s + InRun, in).toLongLong() < n
           && wait.elapsed() < 25000)
        QThread::msleep(100);
    const auto rows = m_pg.rows(u"SELECT extract(epoch FROM started_at - run_at) * 1000 FROM tasks "
                                "WHERE status = 'COMPLETED' AND"_s + InRun, in);
    m_executor.stop();
    QList<double> late;
    for (const QVariantList &row : rows.value())
        late.append(row.value(0).toDouble());
    const Summary s = Summary::of(late);
    const qsizetype within = std::count_if(late.begin(), late.end(), [](double x) { return x <= 50; });
    const qsizetype early = std::count_if(late.begin(), late.end(), [](double x) { return x < 0; });
    emitRecord({u"delayed"_s, u"lateness_p50"_s, {{u"N"_s, n}, {u"interval_ms"_s, intervalMs}, {u"workers"_s, 8}},
                num(s.p50, 2), u"ms"_s,
                {{u"n"_s, s.n}, {u"p95"_s, num(s.p95, 2)}, {u"p99"_s, num(s.p99, 2)}, {u"max"_s, num(s.max, 2)},
                 {u"within_50ms"_s, within}, {u"early"_s, early}, {u"create_ms"_s, num(createMs, 1)},
                 {u"load_before"_s, loadBefore}, {u"load_after"_s, load1()}},
                u"delayed N=%1, scheduler.interval_ms=%2: lateness p50"_s.arg(n).arg(intervalMs),
                u"p95 %1, p99 %2, max %3 ms; %4/%5 within 50 ms; load %6"_s.arg(s.p95, 0, 'f', 1).arg(s.p99, 0, 'f', 1)
                    .arg(s.max, 0, 'f', 1).arg(within).arg(s.n).arg(loadBefore)});
    startApi({}); // back to the configured api for later tests
}

void BenchSuite::drainRetry(int workers)
{
    reset();
    const QString tag = u"retry-w%1-%2"_s.arg(workers).arg(m_runId);
    const double t0 = nowMs();
    const QVariantList in{tag, t0 - 5000};
    const int n = m_o.drainN;
    for (int first = 0; first < n; first += m_o.batchSize) {
        QByteArray body = "[";
        for (int i = first; i < std::min(n, first + m_o.batchSize); ++i)
            body += (i > first ? "," : "")
                + (i % 5 == 0 ? (u"{\"type\":\"fail\",\"title\":\"%1\",\"payload\":{\"times\":1,\"i\":%2},\"retry_policy\":"
                                 "{\"strategy\":\"constant\",\"base_ms\":100,\"max_ms\":100,\"jitter\":0}}"_s).arg(tag).arg(i)
                              : (u"{\"type\":\"noop\",\"title\":\"%1\",\"payload\":{\"i\":%2}}"_s).arg(tag).arg(i)).toUtf8();
        if (!postBatch(body + ']'))
            return;
    }
    QElapsedTimer wait;
    wait.start();
    while (m_pg.scalar(u"SELECT count(*) FROM tasks WHERE status = 'NEW' AND"_s + InRun, in).toLongLong() > 0
           && wait.elapsed() < 60000)
        QThread::msleep(100);
    const QString loadBefore = load1();
    if (auto s = startExecutor(workers); !s)
        return;
    const QJsonObject before = cpuNow();
    wait.restart();
    while (m_pg.scalar(u"SELECT count(*) FROM tasks WHERE status IN ('COMPLETED', 'FAILED') AND"_s + InRun, in).toLongLong() < n
           && wait.elapsed() < qint64(m_o.capS) * 1000)
        QThread::msleep(250);
    const QJsonObject delta = cpuDelta(before, cpuNow());
    const QVariantList r = m_pg.rows(
        u"SELECT count(*) FILTER (WHERE status = 'COMPLETED'), (extract(epoch FROM min(started_at)) * 1000)::float8, "
        "(extract(epoch FROM max(completed_at)) * 1000)::float8, count(*) FILTER (WHERE attempts >= 2), "
        "count(*) FILTER (WHERE status = 'FAILED') FROM tasks WHERE"_s + InRun, in).value().value(0);
    m_executor.stop();
    const double done = r.value(0).toDouble();
    const double span = (r.value(2).toDouble() - r.value(1).toDouble()) / 1000.0;
    emitRecord({u"retry"_s, u"throughput"_s, {{u"N"_s, n}, {u"workers"_s, workers}, {u"fail_share"_s, 0.2}},
                num(span > 0 ? done / span : 0, 1), u"tasks/s"_s,
                {{u"completed"_s, qint64(done)}, {u"retried"_s, r.value(3).toLongLong()}, {u"failed"_s, r.value(4).toLongLong()},
                 {u"span_s"_s, num(span, 3)}, {u"cpu_s"_s, delta}, {u"load_before"_s, loadBefore}, {u"load_after"_s, load1()}},
                u"drain N=%1 with 20% retried once, workers=%2"_s.arg(n).arg(workers),
                u"%1 completed, %2 retried, %3 failed, %4 s; load %5"_s.arg(done).arg(r.value(3).toLongLong())
                    .arg(r.value(4).toLongLong()).arg(span, 0, 'f', 2).arg(loadBefore)});
}

} // namespace taskmill::bench
