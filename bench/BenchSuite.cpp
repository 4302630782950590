// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "BenchSuite.h"

#include "BenchStats.h"
#include "HttpLoad.h"
#include "queue/RedisConnection.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
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

QByteArray taskJson(const QString &tag, const QString &payload, const QString &priority = u"MEDIUM"_s)
{
    return (u"{\"type\":\"noop\",\"title\":\"%1\",\"priority\":\"%2\",\"payload\":%3}"_s).arg(tag, priority, payload).toUtf8();
}
} // namespace

BenchSuite::BenchSuite(BenchOptions options) : m_o(std::move(options))
{
    m_runId = QString::number(qint64(nowMs()), 36);
}

BenchSuite::~BenchSuite()
{
    tearDown();
}

Result<Unit> BenchSuite::setUp()
{
    if (m_o.dir.isEmpty()) {
        m_tmp = std::make_unique<QTemporaryDir>(u"/tmp/tmb-XXXXXX"_s);
        m_tmp->setAutoRemove(!m_o.keepDir);
        m_dir = m_tmp->path();
    } else {
        m_dir = QDir(m_o.dir).absolutePath();
        QDir().mkpath(m_dir);
    }
    std::fprintf(stderr, "taskmill-bench: work dir %s\n", qPrintable(m_dir));
    if (m_o.url.isEmpty()) {
        QStringList pg = m_o.pgSettings;
        if (m_o.pgStatStatements)
            pg << u"shared_preload_libraries=pg_stat_statements"_s;
        m_servers = std::make_unique<PrivateServers>();
        if (auto s = m_servers->start(m_dir, pg); !s)
            return s.error();
        m_pgUrl = m_servers->postgresUrl();
        m_redisUrl = m_servers->redisUrl();
        if (auto s = startApi({}); !s)
            return s.error();
        if (auto s = authenticate(); !s)
            return s.error();
    } else {
        m_o.truncate = false; // never empty somebody else's database
        m_url = m_o.url;
        m_pgUrl = m_o.postgresUrl;
        m_redisUrl = m_o.redisUrl;
    }
    if (auto s = m_pg.open(m_pgUrl); !s)
        return s.error();
    if (m_o.pgStatStatements)
        if (auto r = m_pg.rows(u"CREATE EXTENSION IF NOT EXISTS pg_stat_statements"_s); !r)
            return r.error();
    return Unit{};
}

int BenchSuite::run()
{
    if (auto s = setUp(); !s) {
        std::fprintf(stderr, "taskmill-bench: %s\n", qPrintable(s.error().message));
        return 1;
    }
    auto pauses = applyPauses();
    if (!pauses) {
        std::fprintf(stderr, "taskmill-bench: %s\n", qPrintable(pauses.error().message));
        return 1;
    }
    QJsonObject extra = machineInfo(m_o.sourceDir);
    const QJsonObject servers = serverInfo(m_pg, m_redisUrl);
    for (auto it = servers.begin(); it != servers.end(); ++it)
        extra[it.key()] = it.value();
    extra[u"mode"_s] = m_servers ? u"private durable PostgreSQL + Redis (AOF everysec), api+scheduler and executor as separate taskmilld processes"_s
                                 : u"external: %1"_s.arg(m_url.toString());
    extra[u"auth"_s] = m_o.auth;
    extra[u"api_set"_s] = QJsonArray::fromStringList(m_o.apiSet);
    extra[u"executor_set"_s] = QJsonArray::fromStringList(m_o.executorSet);
    extra[u"pg_extra_settings"_s] = QJsonArray::fromStringList(m_o.pgSettings);
    extra[u"pauses"_s] = *pauses;
    emitRecord({u"env"_s, u"info"_s, {}, QJsonValue(), {}, extra, {}, {}});
    const double t0 = nowMs();
    if (m_o.tests.contains(u"idle"_s))
        idle();
    if (m_o.tests.contains(u"enqueue"_s))
        for (int c : std::as_const(m_o.concurrency))
            enqueueSingle(c);
    if (m_o.tests.contains(u"idempotent"_s))
        // Side by side in one run, twice over (the machines are noisy): plain, keyed, the keyed requests again.
        for (int round = 0; round < 2; ++round)
            for (int c : std::as_const(m_o.concurrency))
                for (EnqueueMode mode : {EnqueueMode::Plain, EnqueueMode::Keyed, EnqueueMode::Replay})
                    enqueueSingle(c, mode);
    if (m_o.tests.contains(u"batch"_s))
        enqueueBatch();
    if (m_o.tests.contains(u"drain"_s))
        for (int w : std::as_const(m_o.drainWorkers))
            drain(w);
    if (m_o.tests.contains(u"e2e"_s))
        for (double r : std::as_const(m_o.rates))
            e2e(r);
    if (m_o.tests.contains(u"recovery"_s))
        recovery();
    if (m_o.tests.contains(u"delayed"_s))
        for (int i : std::as_const(m_o.intervals))
            delayed(i);
    if (m_o.tests.contains(u"retry"_s))
        for (int w : std::as_const(m_o.retryWorkers)) {
            drain(w); // the plain drain beside it, same run
            drainRetry(w);
        }
    if (m_o.tests.contains(u"events"_s))
        for (int k : std::as_const(m_o.wsClients))
            events(k);
    if (m_o.tests.contains(u"tracing"_s))
        tracing();
    if (m_o.tests.contains(u"scale"_s))
        scale();
    if (m_o.tests.contains(u"bulk"_s))
        for (int rep = 1; rep <= m_o.bulkReps; ++rep)
            bulk(rep);
    // The pauses must have held for every test, not only the first.
    if (auto still = checkPauses(); !still)
        m_failures << u"after the tests: "_s + still.error().message;
    emitRecord({u"env"_s, u"wall_time"_s, {}, num((nowMs() - t0) / 1000.0, 1), u"s"_s,
                QJsonObject{{u"loadavg_end"_s, machineInfo({}).value(u"loadavg"_s)}}, {}, {}});
    tearDown();
    printTable();
    for (const QString &f : std::as_const(m_failures))
        std::fprintf(stderr, "taskmill-bench: FAILED: %s\n", qPrintable(f));
    return m_failures.isEmpty() ? 0 : 1;
}

void BenchSuite::printTable() const
{
    QList<QStringList> rows{{u"measurement"_s, u"figure"_s, u"details"_s}};
    for (const Record &r : m_records) {
        if (r.label.isEmpty())
            continue;
        const QString figure = r.figure.isBool() ? (r.figure.toBool() ? u"yes"_s : u"no"_s)
                               : r.figure.isDouble() ? QString::number(r.figure.toDouble(), 'f', r.figure.toDouble() >= 100 ? 0 : 2) + u' ' + r.unit
                                                     : u"-"_s;
        rows.append({r.label, figure, r.note});
    }
    QList<qsizetype> widths(3, 0);
    for (const QStringList &row : rows)
        for (int c = 0; c < 3; ++c)
            widths[c] = std::max(widths[c], row.at(c).size());
    std::fprintf(stdout, "\n");
    for (qsizetype i = 0; i < rows.size(); ++i) {
        QString line = u"|"_s;
        for (int c = 0; c < 3; ++c)
            line += u' ' + rows.at(i).at(c).leftJustified(widths[c]) + u" |"_s;
        std::fprintf(stdout, "%s\n", qPrintable(line));
        if (i == 0)
            std::fprintf(stdout, "|%s|%s|%s|\n", QByteArray(widths[0] + 2, '-').constData(),
                         QByteArray(widths[1] + 2, '-').constData(), QByteArray(widths[2] + 2, '-').constData());
    }
    std::fflush(stdout);
}

void BenchSuite::tearDown()
{
    m_executor.stop();
    m_api.stop();
    if (m_servers)
        m_servers->stop();
    m_servers.reset();
}

void BenchSuite::reset()
{
    if (m_o.truncate) {
        auto endpoint = RedisEndpoint::fromUrl(m_redisUrl);
        const auto dropStreams = [&] {
            if (!endpoint)
                return;
            RedisConnection redis(*endpoint, 5000);
            if (auto keys = redis.command({"KEYS", "taskmill:tasks:*"}))
                for (const RedisValue &k : keys->elements)
                    redis.command({"DEL", k.string});
        };
        if (auto r = m_pg.rows(u"TRUNCATE tasks CASCADE"_s); !r)
            std::fprintf(stderr, "taskmill-bench: %s\n", qPrintable(r.error().message));
        dropStreams();
        // Each test starts right after a checkpoint, so none of them pays for the previous one's WAL.
        m_pg.rows(u"CHECKPOINT"_s);
        // The api's reconciler may have read rows just before the TRUNCATE and re-added their entries.
        QThread::msleep(1200);
        dropStreams();
    }
    if (m_o.pgStatStatements)
        m_pg.rows(u"SELECT pg_stat_statements_reset()"_s);
}

QJsonObject BenchSuite::cpuNow()
{
    QJsonObject c{{u"bench"_s, cpuSeconds(QCoreApplication::applicationPid(), false)},
                  {u"api"_s, cpuSeconds(m_api.pid(), false)},
                  {u"executor"_s, cpuSeconds(m_executor.pid(), false)}};
    if (m_servers) {
        c[u"postgres"_s] = cpuSeconds(m_servers->postgresPid(), true);
        c[u"redis"_s] = cpuSeconds(m_servers->redisPid(), false);
    }
    // PostgreSQL's own counters. pg_xacts counts every transaction, read-only and utility ones too (QPSQL's
    // PREPARE/EXECUTE/DEALLOCATE are three); WAL fsyncs are the durable flushes a task costs.
    if (auto r = m_pg.rows(
            u"SELECT (SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()), "
            "wal_sync, wal_records, wal_bytes::float8 FROM pg_stat_wal"_s);
        r && !r->isEmpty()) {
        const QVariantList row = r->first();
        c[u"pg_xacts"_s] = row.value(0).toDouble();
        c[u"pg_wal_syncs"_s] = row.value(1).toDouble();
        c[u"pg_wal_records"_s] = row.value(2).toDouble();
        c[u"pg_wal_bytes"_s] = row.value(3).toDouble();
    }
    // Redis's own counters: commands run and read events handled. A read event is one request the server
    // took off a socket, so a pipeline of N commands is one read: the round trips a task costs.
    if (auto endpoint = RedisEndpoint::fromUrl(m_redisUrl)) {
        RedisConnection redis(*endpoint, 2000);
        if (auto info = redis.command({"INFO", "stats"}); info && info->type == RedisValue::Type::String) {
            for (const QByteArray &line : info->string.split('\n')) {
                const QByteArray l = line.trimmed();
                if (l.startsWith("total_commands_processed:"))
                    c[u"redis_commands"_s] = l.mid(l.indexOf(':') + 1).toDouble();
                else if (l.startsWith("total_reads_processed:"))
                    c[u"redis_reads"_s] = l.mid(l.indexOf(':') + 1).toDouble();
            }
        } else if (!info) {
            std::fprintf(stderr, "taskmill-bench: redis INFO: %s\n", qPrintable(info.error().message));
        }
    }
    c[u"wall"_s] = nowMs() / 1000.0;
    return c;
}

QJsonObject BenchSuite::cpuDelta(const QJsonObject &before, const QJsonObject &after)
{
    QJsonObject d;
    for (auto it = after.begin(); it != after.end(); ++it)
        d[it.key()] = rounded(it.value().toDouble() - before.value(it.key()).toDouble(), 3);
    return d;
}

QJsonArray BenchSuite::topStatements()
{
    QJsonArray out;
    if (!m_o.pgStatStatements)
        return out;
    auto r = m_pg.rows(u"SELECT calls, total_exec_time, mean_exec_time, rows, "
                       "left(regexp_replace(query, '\\s+', ' ', 'g'), 110) FROM pg_stat_statements "
                       "ORDER BY total_exec_time DESC LIMIT 6"_s);
    if (!r)
        std::fprintf(stderr, "taskmill-bench: pg_stat_statements: %s\n", qPrintable(r.error().message));
    else
        for (const QVariantList &row : *r)
            out.append(QJsonObject{{u"calls"_s, row.value(0).toLongLong()},
                                   {u"total_ms"_s, rounded(row.value(1).toDouble(), 1)},
                                   {u"mean_ms"_s, rounded(row.value(2).toDouble(), 3)},
                                   {u"rows"_s, row.value(3).toLongLong()},
                                   {u"query"_s, row.value(4).toString()}});
    return out;
}

Result<Unit> BenchSuite::startExecutor(int workers)
{
    QStringList args{u"--role"_s, u"executor"_s, u"--workers"_s, QString::number(workers), u"--postgres"_s,
                     m_pgUrl, u"--redis"_s, m_redisUrl};
    for (const QString &kv : std::as_const(m_o.executorSet))
        args << u"--set"_s << kv;
    return m_executor.start(m_o.taskmilld, args, m_dir + u"/executor.log"_s);
}

bool BenchSuite::enqueueBacklog(const QString &tag, int n, const QString &priority)
{
    const int requests = (n + m_o.batchSize - 1) / m_o.batchSize;
    const auto make = [&](qsizetype r, double) -> QPair<QByteArray, QByteArray> {
        QByteArray body = "[";
        for (int i = int(r) * m_o.batchSize; i < std::min(n, int(r + 1) * m_o.batchSize); ++i)
            body += (body.size() > 1 ? "," : "") + taskJson(tag, u"{\"i\":%1}"_s.arg(i), priority);
        body += ']';
        return {QByteArray("/api/v1/tasks/batch"), body};
    };
    const LoadResult load = runClosedLoop(m_url, 1, requests, make, 300000);
    if (load.failed > 0)
        std::fprintf(stderr, "taskmill-bench: batch enqueue failed: %s\n", load.firstError.constData());
    return load.failed == 0;
}

void BenchSuite::emitRecord(Record r)
{
    const QJsonObject line{{u"system"_s, u"taskmill"_s}, {u"test"_s, r.test},   {u"metric"_s, r.metric},
                           {u"params"_s, r.params},     {u"figure"_s, r.figure}, {u"unit"_s, r.unit},
                           {u"extra"_s, r.extra},       {u"run"_s, m_runId},     {u"ts"_s, machineInfo({}).value(u"date"_s)},
                           {u"loadavg"_s, machineInfo({}).value(u"loadavg"_s)}};
    const QByteArray text = QJsonDocument(line).toJson(QJsonDocument::Compact);
    std::fprintf(stdout, "%s\n", text.constData());
    std::fflush(stdout);
    if (!m_o.outFile.isEmpty()) {
        QFile f(m_o.outFile);
        if (f.open(QIODevice::Append))
            f.write(text + '\n');
    }
    m_records.append(std::move(r));
}

} // namespace taskmill::bench
