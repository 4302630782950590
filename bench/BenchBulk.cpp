// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// bulk: cancel by filter (POST /api/v1/tasks/bulk/cancel, docs/api.md "Bulk operations by filter") over a
// backlog no executor reads. Three figures: the dry run's count, the start (the snapshot of ids, answered 202)
// and the run to its end, read from the operation's progress; then every task must be CANCELLED.
#include "BenchStats.h"
#include "BenchSuite.h"
#include "HttpLoad.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QThread>

#include <cmath>
#include <cstdio>

using namespace Qt::StringLiterals;

namespace taskmill::bench {

namespace {
constexpr int RequestTimeoutMs = 120000;
constexpr int PollMs = 100;       // progress reads; the operation itself writes progress every 200 tasks
constexpr int RunCapMs = 1800000; // longest a run may take before it counts as failed

QJsonValue num(double v, int digits = 2)
{
    return std::isnan(v) || std::isinf(v) ? QJsonValue() : QJsonValue(rounded(v, digits));
}

QString iso(double epochMs)
{
    return QDateTime::fromMSecsSinceEpoch(qint64(epochMs), Qt::UTC).toString(Qt::ISODateWithMs);
}

double epochMs(const QJsonValue &v)
{
    const QDateTime t = QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
    return t.isValid() ? double(t.toMSecsSinceEpoch()) : std::nan("");
}
} // namespace

void BenchSuite::bulk(int rep)
{
    const auto fail = [&](const QString &what) {
        m_failures << u"bulk #%1: %2"_s.arg(rep).arg(what);
        std::fprintf(stderr, "taskmill-bench: bulk #%d: %s\n", rep, qPrintable(what));
    };
    if (!m_servers) {
        fail(u"needs private servers: it cancels every task its filter matches"_s);
        return;
    }
    reset();
    const int n = m_o.bulkN;
    const QString tag = u"bulk-%1-%2"_s.arg(m_runId).arg(rep);
    const double t0 = nowMs();
    // No executor runs: the api dispatches the tasks to the streams and they wait there, PENDING.
    if (!enqueueBacklog(tag, n)) {
        fail(u"enqueue failed"_s);
        return;
    }
    // Measure against a settled backlog: the api's dispatch (NEW -> PENDING) must not run beside the operation.
    QElapsedTimer settle;
    settle.start();
    qlonglong waiting = -1;
    while (settle.elapsed() < 300000) {
        waiting = m_pg.scalar(u"SELECT count(*) FROM tasks WHERE title = ? AND status = 'PENDING'"_s, {tag}).toLongLong();
        if (waiting >= n)
            break;
        QThread::msleep(200);
    }
    if (waiting != n) {
        fail(u"%1 of %2 tasks PENDING after 300 s"_s.arg(waiting).arg(n));
        return;
    }
    const double settledS = settle.elapsed() / 1000.0;
    // The table holds this run's tasks only (reset() emptied it): the filter a user would type, a type and a
    // creation time, matches exactly them.
    const QJsonObject filter{{u"type"_s, u"noop"_s}, {u"created_from"_s, iso(t0 - 5000)}};
    const auto post = [&](const QJsonObject &body, double *ms) {
        QElapsedTimer t;
        t.start();
        auto answer = requestOnce(m_url, "POST", "/api/v1/tasks/bulk/cancel",
                                  QJsonDocument(body).toJson(QJsonDocument::Compact), RequestTimeoutMs);
        *ms = double(t.nsecsElapsed()) / 1e6;
        return answer;
    };

    double dryMs = 0;
    const auto [dryStatus, dryReply] = post({{u"filter"_s, filter}, {u"dry_run"_s, true}}, &dryMs);
    const qint64 dryTotal = qint64(QJsonDocument::fromJson(dryReply).object().value(u"total"_s).toDouble(-1));
    if (dryStatus != 200 || dryTotal != n) {
        fail(u"dry run answered %1 (total %2, want %3): %4"_s.arg(dryStatus).arg(dryTotal).arg(n)
                 .arg(QString::fromUtf8(dryReply.left(300))));
        return;
    }

    const QJsonObject before = cpuNow();
    double acceptMs = 0;
    const auto [startStatus, startReply] = post({{u"filter"_s, filter}, {u"expected"_s, n}}, &acceptMs);
    QElapsedTimer run;
    run.start();
    const QJsonObject started = QJsonDocument::fromJson(startReply).object();
    const QString id = started.value(u"id"_s).toString();
    if (startStatus != 202 || id.isEmpty() || started.value(u"total"_s).toDouble() != n) {
        fail(u"start answered %1: %2"_s.arg(startStatus).arg(QString::fromUtf8(startReply.left(300))));
        return;
    }

    // Until the operation says it has ended: its own progress, read as a client would.
    const QByteArray path = "/api/v1/tasks/bulk/" + id.toLatin1();
    QJsonObject op = started;
    QString state = op.value(u"state"_s).toString();
    qint64 polls = 0;
    while ((state == u"running" || state == u"stopping") && run.elapsed() < RunCapMs) {
        QThread::msleep(PollMs);
        const auto [status, reply] = requestOnce(m_url, "GET", path, {}, RequestTimeoutMs);
        ++polls;
        if (status != 200) {
            fail(u"GET %1 answered %2: %3"_s.arg(QString::fromLatin1(path)).arg(status).arg(QString::fromUtf8(reply.left(300))));
            return;
        }
        op = QJsonDocument::fromJson(reply).object();
        state = op.value(u"state"_s).toString();
    }
    const double runS = double(run.nsecsElapsed()) / 1e9;
    const QJsonObject delta = cpuDelta(before, cpuNow());
    const double serverS = (epochMs(op.value(u"finished_at"_s)) - epochMs(op.value(u"created_at"_s))) / 1000.0;
    const qint64 done = qint64(op.value(u"done"_s).toDouble()), failed = qint64(op.value(u"failed"_s).toDouble());

    // What the operation reports is checked against the tasks themselves.
    const QVariantList counted = m_pg.rows(u"SELECT count(*) FILTER (WHERE status = 'CANCELLED'), count(*) FROM tasks "
                                           "WHERE title = ?"_s, {tag}).value().value(0);
    const qlonglong cancelled = counted.value(0).toLongLong(), rows = counted.value(1).toLongLong();
    // The API counts exactly up to 20,000 matches only (docs/api.md, counts and total), so it is asked for what
    // must be none: the unfinished tasks of the filter's type.
    const auto [leftStatus, leftReply] = requestOnce(
        m_url, "GET", "/api/v1/tasks?type=noop&status=NEW,PENDING,POSTPONED,RETRY_WAITING,IN_PROGRESS&limit=1", {},
        RequestTimeoutMs);
    const QJsonObject left = QJsonDocument::fromJson(leftReply).object();
    const qint64 apiUnfinished = qint64(left.value(u"total"_s).toDouble(-1));
    const bool verified = state == u"completed" && done == n && failed == 0 && cancelled == n && rows == n
                          && leftStatus == 200 && apiUnfinished == 0 && left.value(u"total_exact"_s).toBool();
    if (!verified)
        fail(u"after the run: state %1, done %2, failed %3; PostgreSQL %4 of %5 rows CANCELLED; "
             "GET /api/v1/tasks of the unfinished answered %6 with total %7 (want 0, exact)"_s
                 .arg(state).arg(done).arg(failed).arg(cancelled).arg(rows).arg(leftStatus).arg(apiUnfinished));

    const double rate = runS > 0 ? double(done) / runS : 0;
    QJsonObject perTask;
    for (const QString &k : {u"api"_s, u"postgres"_s, u"redis"_s})
        perTask[k + u"_cpu_ms"_s] = rounded(delta.value(k).toDouble() * 1000.0 / std::max<qint64>(1, done), 4);
    perTask[u"pg_wal_syncs"_s] = rounded(delta.value(u"pg_wal_syncs"_s).toDouble() / std::max<qint64>(1, done), 3);
    const QJsonObject params{{u"N"_s, n}, {u"rep"_s, rep}};
    emitRecord({u"bulk"_s, u"dry_run_ms"_s, params, num(dryMs, 1), u"ms"_s, {{u"total"_s, dryTotal}},
                u"bulk #%1 N=%2 dry-run count"_s.arg(rep).arg(n), u"total %1"_s.arg(dryTotal)});
    emitRecord({u"bulk"_s, u"accept_ms"_s, params, num(acceptMs, 1), u"ms"_s, {{u"total"_s, started.value(u"total"_s)}},
                u"bulk #%1 N=%2 cancel accepted (snapshot)"_s.arg(rep).arg(n), u"202, total %1"_s.arg(started.value(u"total"_s).toDouble())});
    emitRecord({u"bulk"_s, u"cancel_rate"_s, params, num(rate, 1), u"tasks/s"_s,
                {{u"run_s"_s, num(runS, 3)}, {u"server_s"_s, num(serverS, 3)}, {u"state"_s, state}, {u"done"_s, done},
                 {u"failed"_s, failed}, {u"polls"_s, polls}, {u"settle_s"_s, num(settledS, 2)},
                 {u"cancelled_in_postgres"_s, cancelled}, {u"unfinished_by_api"_s, apiUnfinished},
                 {u"unfinished_by_api_exact"_s, left.value(u"total_exact"_s)}, {u"verified"_s, verified}, {u"cpu_s"_s, delta},
                 {u"per_task"_s, perTask}, {u"top_statements"_s, topStatements()}},
                u"bulk #%1 N=%2 cancel, accepted -> completed"_s.arg(rep).arg(n),
                u"%1 s (server %2 s); %3 CANCELLED%4; api %5 ms, postgres %6 ms CPU per task"_s.arg(runS, 0, 'f', 1)
                    .arg(serverS, 0, 'f', 1).arg(cancelled).arg(verified ? QString() : u" NOT VERIFIED"_s)
                    .arg(perTask.value(u"api_cpu_ms"_s).toDouble()).arg(perTask.value(u"postgres_cpu_ms"_s).toDouble())});
}

} // namespace taskmill::bench
