// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// Cost as work grows (issue 11): the same drain on an empty table and on one holding `scaleN` finished tasks
// (bench/ui/fill.sql, the desktop benchmark's realistic million), then every list, count and search the
// desktop app sends, timed over HTTP against that table. The queries are built with the app's own wire
// types (TaskListQuery::toQuery, DeadLetterFilter::addToQuery), so the bench sends what the app sends.
#include "BenchStats.h"
#include "BenchSuite.h"
#include "HttpLoad.h"

#include "local/PostgresProcess.h"
#include "wire/DeadLetterFilter.h"
#include "wire/TaskFilter.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QThread>
#include <QTimer>

#include <cmath>
#include <cstdio>

using namespace Qt::StringLiterals;

namespace taskmill::bench {

namespace {
constexpr int RequestTimeoutMs = 60000;
constexpr int FillTimeoutMs = 3 * 3600 * 1000;
// The filled tasks were created over this many days: inside the default retention (7 days), so the
// scheduler keeps them; a deployment that holds a million finished tasks at once looks like this.
constexpr int FillDays = 6;

QJsonValue num(double v, int digits)
{
    return std::isnan(v) || std::isinf(v) ? QJsonValue() : QJsonValue(rounded(v, digits));
}

struct Probe
{
    QString label;
    QByteArray path; // with its query string
};

QByteArray withQuery(const QString &path, const QUrlQuery &q)
{
    const QString query = q.toString(QUrl::FullyEncoded);
    return (query.isEmpty() ? path : path + u'?' + query).toUtf8();
}

Probe list(const QString &label, const TaskFilter &filter, TaskSort sort = TaskSort::Created,
           SortOrder order = SortOrder::Descending)
{
    TaskListQuery q;
    q.filter = filter;
    q.sort = sort;
    q.order = order;
    q.limit = 100; // TaskPager::PageSize
    return {u"list: "_s + label, withQuery(u"/api/v1/tasks"_s, q.toQuery())};
}

Probe counts(const QString &label, const TaskFilter &filter)
{
    QUrlQuery q;
    filter.addToQuery(q);
    return {u"counts: "_s + label, withQuery(u"/api/v1/tasks/counts"_s, q)};
}

TaskFilter statuses(std::initializer_list<Status> s)
{
    TaskFilter f;
    f.statuses = QSet<Status>(s);
    return f;
}

TaskFilter text(const QString &t, TaskFilter f = {})
{
    f.text = t;
    return f;
}

// What the app's task page, filter bar and dead-letter page ask for (app/models, app/views).
QList<Probe> appProbes()
{
    const QSet<Status> all{Status::New, Status::Pending, Status::InProgress, Status::Completed, Status::Failed,
                           Status::Cancelled, Status::Postponed, Status::RetryWaiting};
    QList<Probe> p;
    p << list(u"everything, newest first"_s, {});
    for (Status s : all)
        p << list(u"status "_s + toString(s), statuses({s}));
    TaskFilter notCompleted;
    notCompleted.statuses = all;
    notCompleted.statuses.remove(Status::Completed);
    p << list(u"every status but COMPLETED"_s, notCompleted);
    for (Priority pr : {Priority::High, Priority::Medium, Priority::Low}) {
        TaskFilter f;
        f.priorities = {pr};
        p << list(u"priority "_s + toString(pr), f);
    }
    TaskFilter common, rare;
    common.types = {u"email.send"_s};
    rare.types = {u"noop"_s};
    p << list(u"type email.send (common)"_s, common) << list(u"type noop (rare)"_s, rare);
    TaskFilter lastHour;
    lastHour.createdFrom = QDateTime::currentDateTimeUtc().addSecs(-3600);
    p << list(u"created in the last hour"_s, lastHour);
    p << list(u"search \"invoice\" (common word)"_s, text(u"invoice"_s))
      << list(u"search \"eu-west-1\" (in ~1/6 of payloads)"_s, text(u"eu-west-1"_s))
      << list(u"search \"SKU-4242\" (rare)"_s, text(u"SKU-4242"_s))
      << list(u"search \"user4242@example.com\" (very rare)"_s, text(u"user4242@example.com"_s))
      << list(u"search \"zzqx\" (no match)"_s, text(u"zzqx"_s))
      << list(u"search \"invoice\" + status FAILED"_s, text(u"invoice"_s, statuses({Status::Failed})));
    p << list(u"sort started, newest first"_s, {}, TaskSort::Started)
      << list(u"sort completed, newest first"_s, {}, TaskSort::Completed)
      << list(u"sort priority, ascending"_s, {}, TaskSort::Priority, SortOrder::Ascending)
      << list(u"sort status, ascending"_s, {}, TaskSort::Status, SortOrder::Ascending)
      << list(u"status FAILED, sort completed"_s, statuses({Status::Failed}), TaskSort::Completed);
    p << counts(u"everything"_s, {}) << counts(u"status FAILED"_s, statuses({Status::Failed}))
      << counts(u"type email.send"_s, common) << counts(u"search \"invoice\""_s, text(u"invoice"_s))
      << counts(u"search \"SKU-4242\""_s, text(u"SKU-4242"_s));
    p << Probe{u"types"_s, "/api/v1/tasks/types"};
    QUrlQuery groups;
    DeadLetterFilter{}.addToQuery(groups);
    groups.addQueryItem(u"limit"_s, u"100"_s);
    p << Probe{u"dead letters: groups"_s, withQuery(u"/api/v1/dlq/groups"_s, groups)};
    QUrlQuery dlq;
    dlq.addQueryItem(u"limit"_s, u"100"_s);
    p << Probe{u"dead letters: page"_s, withQuery(u"/api/v1/dlq"_s, dlq)};
    DeadLetterFilter byError;
    byError.error = u"ConnectionError: upstream timed out after 30 s"_s; // a group: errors match whole
    QUrlQuery dlqError;
    byError.addToQuery(dlqError);
    dlqError.addQueryItem(u"limit"_s, u"100"_s);
    p << Probe{u"dead letters: one error group"_s, withQuery(u"/api/v1/dlq"_s, dlqError)};
    p << Probe{u"stats (monitor page)"_s, "/api/v1/stats"};
    return p;
}

// One GET on its own connection's event loop: status, body, wall milliseconds.
struct Reply
{
    int status = 0;
    QByteArray body;
    double ms = 0;
};

Reply get(HttpConnection &c, const QByteArray &path)
{
    Reply r;
    QEventLoop loop;
    QTimer timeout;
    timeout.setSingleShot(true);
    QObject::connect(&timeout, &QTimer::timeout, &loop, &QEventLoop::quit);
    bool finished = false;
    const double t0 = nowMs();
    c.request("GET", path, {}, [&](int status, const QByteArray &body) {
        r.status = status;
        r.body = body;
        r.ms = nowMs() - t0;
        finished = true;
        loop.quit();
    });
    timeout.start(RequestTimeoutMs);
    if (!finished)
        loop.exec();
    return r;
}
} // namespace

Result<Unit> BenchSuite::fillFinished(qint64 n)
{
    QProcess psql;
    psql.setProcessChannelMode(QProcess::MergedChannels);
    psql.start(PostgresProcess::toolPath(u"psql"_s),
               {u"-X"_s, u"-q"_s, u"-d"_s, m_pgUrl, u"-v"_s, u"n=%1"_s.arg(n), u"-v"_s, u"days=%1"_s.arg(FillDays), u"-v"_s, u"finished_only=true"_s, u"-f"_s,
                m_o.sourceDir + u"/bench/ui/fill.sql"_s});
    if (!psql.waitForStarted(10000) || !psql.waitForFinished(FillTimeoutMs)) {
        psql.kill();
        psql.waitForFinished(5000);
        return ApiError::unavailable(u"psql fill.sql did not finish"_s);
    }
    if (psql.exitStatus() != QProcess::NormalExit || psql.exitCode() != 0)
        return ApiError::internal(u"fill.sql failed:\n%1"_s.arg(QString::fromUtf8(psql.readAll()).right(2000)));
    return Unit{};
}

void BenchSuite::scale()
{
    // The empty side first (reset() truncates), twice; then the fill; then the same drains on the full table.
    m_phase = u"empty table"_s;
    for (int rep = 0; rep < m_o.scaleDrains; ++rep)
        drain(m_o.scaleWorkers);
    reset();
    QElapsedTimer fillTimer;
    fillTimer.start();
    if (auto f = fillFinished(m_o.scaleN); !f) {
        std::fprintf(stderr, "taskmill-bench: %s\n", qPrintable(f.error().message));
        return;
    }
    const qlonglong rows = m_pg.scalar(u"SELECT count(*) FROM tasks"_s).toLongLong();
    emitRecord({u"scale"_s, u"fill"_s, {{u"N"_s, m_o.scaleN}}, num(double(fillTimer.elapsed()) / 1000.0, 1), u"s"_s,
                {{u"rows"_s, rows},
                 {u"tasks_bytes"_s, m_pg.scalar(u"SELECT pg_total_relation_size('tasks')"_s).toLongLong()},
                 {u"history_bytes"_s, m_pg.scalar(u"SELECT pg_total_relation_size('task_history')"_s).toLongLong()},
                 {u"search_bytes"_s, m_pg.scalar(u"SELECT pg_total_relation_size('task_search')"_s).toLongLong()}},
                u"fill %1 tasks (bench/ui/fill.sql)"_s.arg(m_o.scaleN),
                u"%1 rows; tasks %2 MiB with indexes"_s.arg(rows)
                    .arg(m_pg.scalar(u"SELECT pg_total_relation_size('tasks')"_s).toDouble() / 1048576.0, 0, 'f', 0)});

    const bool truncate = m_o.truncate;
    m_o.truncate = false; // the million stays; each drain finds its own tasks by tag
    // As every drain on the empty side: start right after a checkpoint, so the fill's WAL backlog (half a
    // gigabyte, checkpoints seconds apart) is not written during the measurement, and both sides pay for
    // the same first-touch page images.
    m_pg.rows(u"CHECKPOINT"_s);
    m_phase = u"%1 finished tasks"_s.arg(rows);
    for (int rep = 0; rep < m_o.scaleDrains; ++rep) {
        if (rep > 0)
            m_pg.rows(u"CHECKPOINT"_s);
        drain(m_o.scaleWorkers);
    }
    m_phase.clear();

    HttpConnection connection(m_url);
    for (const Probe &probe : appProbes()) {
        QList<double> ms;
        int failures = 0;
        QByteArray sample;
        for (int rep = 0; rep < m_o.scaleReps; ++rep) {
            const Reply r = get(connection, probe.path);
            if (r.status != 200) {
                ++failures;
                sample = r.body.left(300);
                continue;
            }
            ms.append(r.ms);
            sample = r.body;
        }
        const QJsonObject body = QJsonDocument::fromJson(sample).object();
        const QJsonValue total = body.value(u"total"_s);
        const Summary s = Summary::of(ms);
        QJsonObject extra{{u"path"_s, QString::fromUtf8(probe.path)}, {u"p50"_s, num(s.p50, 2)}, {u"p99"_s, num(s.p99, 2)},
                          {u"max"_s, num(s.max, 2)}, {u"first_ms"_s, ms.isEmpty() ? QJsonValue() : num(ms.first(), 2)},
                          {u"failures"_s, failures}};
        if (!total.isUndefined())
            extra[u"total"_s] = total;
        if (body.contains(u"total_exact"_s))
            extra[u"total_exact"_s] = body.value(u"total_exact"_s);
        if (failures > 0)
            extra[u"error"_s] = QString::fromUtf8(sample);
        emitRecord({u"scale"_s, u"query_p99"_s, {{u"rows"_s, rows}, {u"reps"_s, m_o.scaleReps}}, num(s.p99, 2), u"ms"_s,
                    extra, probe.label,
                    u"p50 %1 ms, max %2 ms, first %3 ms%4%5"_s.arg(s.p50, 0, 'f', 1).arg(s.max, 0, 'f', 1)
                        .arg(ms.isEmpty() ? NAN : ms.first(), 0, 'f', 1)
                        .arg(total.isUndefined() ? QString() : u", total %1%2"_s.arg(total.toInteger())
                                 .arg(body.value(u"total_exact"_s).toBool(true) ? QString() : u" (estimate)"_s))
                        .arg(failures ? u", %1 failed"_s.arg(failures) : QString())});
    }
    expireBacklog(rows);
    m_o.truncate = truncate;
}

void BenchSuite::expireBacklog(qlonglong rows)
{
    // Retention at work: the oldest COMPLETED tasks are made to look 8 days finished (past the default
    // 7), and the api process's scheduler removes them, with their history and search documents.
    const int n = int(std::min<qlonglong>(m_o.scaleExpire, rows / 2));
    if (!m_pg.rows(u"UPDATE tasks SET completed_at = now() - interval '8 days' WHERE id IN (SELECT id FROM tasks "
                   "WHERE status = 'COMPLETED' ORDER BY completed_at LIMIT ?)"_s, {n})) {
        std::fprintf(stderr, "taskmill-bench: could not age tasks for the retention pass\n");
        return;
    }
    // The scheduler looks every retention.interval_ms (60 s by default): the clock starts at the first
    // poll that finds fewer aged tasks, and the rate counts what went after that poll.
    const auto aged = [&] {
        return m_pg.scalar(u"SELECT count(*) FROM tasks WHERE completed_at < now() - interval '7 days'"_s).toLongLong();
    };
    QElapsedTimer waiting;
    waiting.start();
    qlonglong left = n;
    while (left == n && waiting.elapsed() < 120000) {
        QThread::msleep(50);
        left = aged();
    }
    const qlonglong atStart = left;
    const QJsonObject before = cpuNow();
    QElapsedTimer timer;
    timer.start();
    while (left > 0 && timer.elapsed() < qint64(m_o.capS) * 1000) {
        QThread::msleep(50);
        left = aged();
    }
    const double seconds = double(timer.elapsed()) / 1000.0;
    const QJsonObject delta = cpuDelta(before, cpuNow());
    const double removed = double(atStart - left);
    emitRecord({u"scale"_s, u"retention"_s, {{u"expired"_s, n}}, num(removed / seconds, 0), u"tasks/s"_s,
                {{u"removed_timed"_s, qint64(removed)}, {u"removed_before_clock"_s, n - atStart}, {u"left"_s, left}, {u"seconds"_s, num(seconds, 2)}, {u"cpu_s"_s, delta},
                 {u"postgres_cpu_ms_per_task"_s, num(delta.value(u"postgres"_s).toDouble() * 1000.0 / std::max(1.0, removed), 3)}},
                u"retention: remove %1 expired tasks (scheduler, defaults)"_s.arg(n),
                u"%1 removed in %2 s (50 ms polls); PostgreSQL %3 ms CPU per task"_s.arg(qint64(removed)).arg(seconds, 0, 'f', 1)
                    .arg(delta.value(u"postgres"_s).toDouble() * 1000.0 / std::max(1.0, removed), 0, 'f', 3)});
}

} // namespace taskmill::bench
