// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// Live events under load (issue 5): a backlog is drained while K WebSocket clients follow /api/v1/ws.
// Per client: events received/s, delivery lag (event `at` -> received), completeness against the
// revisions the notifier gave out (gaps, duplicates, resyncs); for the server: drain throughput (from
// PostgreSQL's timestamps, as in BenchTests.cpp) and the api's and notifier's RSS. K = 0 is the baseline
// the same run measures beside it.
#include "BenchStats.h"
#include "BenchSuite.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QThread>
#include <QTimer>
#include <QWebSocket>

#include <atomic>
#include <cmath>
#include <cstdio>
#include <memory>

using namespace Qt::StringLiterals;

namespace taskmill::bench {

namespace {
QJsonValue num(double v, int digits = 2)
{
    return std::isnan(v) || std::isinf(v) ? QJsonValue() : QJsonValue(rounded(v, digits));
}

const QString InRun = u" title = ? AND created_at >= to_timestamp(?::float8 / 1000) "_s;

// VmRSS of `pid` in MiB (0 when gone).
double rssMiB(qint64 pid)
{
    QFile f(u"/proc/%1/status"_s.arg(pid));
    if (pid <= 0 || !f.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    return 0;
}

struct ClientStats
{
    qint64 subscribedRevision = -1;
    qint64 lastRevision = -1;
    qint64 events = 0;
    qint64 messages = 0;
    qint64 gaps = 0;       // revisions skipped between consecutive events
    qint64 duplicates = 0; // events at or below a revision already seen
    int resyncs = 0;
    int disconnects = 0;
    double firstMs = NAN, lastMs = NAN;
    QList<double> lagMs;
};

// K WebSocket clients on a thread of their own, so the suite's blocking SQL polling never delays a read
// (the lag measured is the server's, plus this thread's parsing). Stats are read after stop().
class WsClients final
{
public:
    WsClients(const QUrl &base, int count) : m_url(base), m_stats(count), m_progress(count)
    {
        m_url.setScheme(u"ws"_s);
        m_url.setPath(u"/api/v1/ws"_s);
        for (auto &p : m_progress)
            p = -1;
    }
    ~WsClients() { stop(); }
    Q_DISABLE_COPY_MOVE(WsClients)

    void start()
    {
        m_thread.reset(QThread::create([this] { run(); }));
        m_thread->setObjectName(u"ws-clients"_s);
        m_thread->start();
    }
    void stop()
    {
        if (!m_thread)
            return;
        m_stopping = true;
        m_thread->wait();
        m_thread.reset();
    }
    // -1 until every client is subscribed; then the lowest revision any client has reached.
    qint64 lowestRevision() const
    {
        qint64 low = std::numeric_limits<qint64>::max();
        for (const auto &p : m_progress)
            low = std::min<qint64>(low, p.load());
        return m_progress.empty() ? 0 : low;
    }
    const std::vector<ClientStats> &stats() const { return m_stats; }

private:
    void run()
    {
        QEventLoop loop;
        QTimer stopCheck;
        QObject::connect(&stopCheck, &QTimer::timeout, &loop, [&] {
            if (m_stopping)
                loop.quit();
        });
        stopCheck.start(20);
        std::vector<std::unique_ptr<QWebSocket>> sockets;
        for (size_t i = 0; i < m_stats.size(); ++i) {
            auto socket = std::make_unique<QWebSocket>();
            QWebSocket *s = socket.get();
            QObject::connect(s, &QWebSocket::connected, s, [s] {
                s->sendTextMessage(u"{\"type\":\"subscribe\"}"_s);
            });
            QObject::connect(s, &QWebSocket::disconnected, s, [this, i] { ++m_stats[i].disconnects; });
            QObject::connect(s, &QWebSocket::textMessageReceived, s, [this, i](const QString &text) { onMessage(i, text); });
            s->open(m_url);
            sockets.push_back(std::move(socket));
        }
        loop.exec();
        for (auto &s : sockets) {
            s->disconnect();
            s->abort();
        }
    }

    void onMessage(size_t i, const QString &text)
    {
        const double now = nowMs();
        ClientStats &c = m_stats[i];
        const QJsonObject o = QJsonDocument::fromJson(text.toUtf8()).object();
        const QString type = o.value(u"type"_s).toString();
        if (type == u"subscribed") {
            c.subscribedRevision = c.lastRevision = o.value(u"revision"_s).toInteger(-1);
            m_progress[i] = c.lastRevision;
            return;
        }
        if (type == u"resync") {
            ++c.resyncs;
            return;
        }
        if (type != u"events")
            return;
        ++c.messages;
        if (std::isnan(c.firstMs))
            c.firstMs = now;
        c.lastMs = now;
        for (const QJsonValue &v : o.value(u"events"_s).toArray()) {
            const QJsonObject e = v.toObject();
            const qint64 rev = e.value(u"revision"_s).toInteger(-1);
            ++c.events;
            if (rev <= c.lastRevision) {
                ++c.duplicates;
                continue;
            }
            c.gaps += rev - c.lastRevision - 1;
            c.lastRevision = rev;
            const QDateTime at = QDateTime::fromString(e.value(u"at"_s).toString(), Qt::ISODateWithMs);
            if (at.isValid())
                c.lagMs.append(now - double(at.toMSecsSinceEpoch()));
        }
        m_progress[i] = c.lastRevision;
    }

    QUrl m_url;
    std::vector<ClientStats> m_stats;
    std::vector<std::atomic<qint64>> m_progress;
    std::atomic<bool> m_stopping{false};
    std::unique_ptr<QThread> m_thread;
};
} // namespace

void BenchSuite::events(int clients)
{
    reset();
    const QString tag = u"events-k%1-%2"_s.arg(clients).arg(m_runId);
    const double t0 = nowMs();
    const QVariantList in{tag, t0 - 5000};
    const int n = m_o.eventsN, workers = m_o.eventsWorkers;
    Taskmilld notifier; // stopped by PID when it goes out of scope
    if (auto s = notifier.start(m_o.taskmilld, {u"--role"_s, u"notifier"_s, u"--postgres"_s, m_pgUrl, u"--redis"_s, m_redisUrl},
                                m_dir + u"/notifier.log"_s);
        !s) {
        std::fprintf(stderr, "taskmill-bench: %s\n", qPrintable(s.error().message));
        return;
    }
    if (!enqueueBacklog(tag, n))
        return;
    // Backlog dispatched, and its created/dispatched events published, before anything is measured.
    const auto published = [&] {
        return m_pg.scalar(u"SELECT (SELECT last_id FROM notifier_state) >= coalesce((SELECT max(id) FROM task_history), 0)"_s).toBool();
    };
    QElapsedTimer wait;
    wait.start();
    while ((m_pg.scalar(u"SELECT count(*) FROM tasks WHERE status = 'NEW' AND"_s + InRun, in).toLongLong() > 0 || !published())
           && wait.elapsed() < 120000)
        QThread::msleep(100);

    std::unique_ptr<WsClients> ws;
    if (clients > 0) {
        ws = std::make_unique<WsClients>(m_url, clients);
        ws->start();
        wait.restart();
        while (ws->lowestRevision() < 0 && wait.elapsed() < 10000)
            QThread::msleep(10);
        if (ws->lowestRevision() < 0)
            std::fprintf(stderr, "taskmill-bench: not every WebSocket client subscribed within 10 s\n");
    }
    const double launch = nowMs();
    if (auto s = startExecutor(workers); !s) {
        std::fprintf(stderr, "taskmill-bench: %s\n", qPrintable(s.error().message));
        return;
    }
    QJsonObject before = cpuNow();
    before[u"notifier"_s] = cpuSeconds(notifier.pid(), false);
    double apiRss = rssMiB(m_api.pid()), notifierRss = rssMiB(notifier.pid());
    const double apiRssBefore = apiRss;
    QElapsedTimer run;
    run.start();
    qlonglong done = 0;
    while (run.elapsed() < qint64(m_o.capS) * 1000) {
        done = m_pg.scalar(u"SELECT count(*) FROM tasks WHERE status = 'COMPLETED' AND"_s + InRun, in).toLongLong();
        apiRss = std::max(apiRss, rssMiB(m_api.pid()));
        notifierRss = std::max(notifierRss, rssMiB(notifier.pid()));
        if (done >= n)
            break;
        QThread::msleep(200);
    }
    // Every event of the drain published, then delivered to every client (or 30 s).
    wait.restart();
    while (!published() && wait.elapsed() < 30000)
        QThread::msleep(50);
    const qint64 head = m_pg.scalar(u"SELECT revision FROM notifier_state"_s).toLongLong();
    const double publishedMs = nowMs();
    wait.restart();
    while (ws && ws->lowestRevision() < head && wait.elapsed() < 30000) {
        apiRss = std::max(apiRss, rssMiB(m_api.pid()));
        QThread::msleep(20);
    }
    const double deliveredMs = nowMs();
    QJsonObject after = cpuNow();
    after[u"notifier"_s] = cpuSeconds(notifier.pid(), false);
    const QJsonObject delta = cpuDelta(before, after);
    if (ws)
        ws->stop();
    const QVariantList r = m_pg.rows(
        u"SELECT count(*), (extract(epoch FROM min(started_at)) * 1000)::float8, "
        "(extract(epoch FROM max(completed_at)) * 1000)::float8 FROM tasks WHERE status = 'COMPLETED' AND"_s + InRun, in)
        .value().value(0);
    m_executor.stop();
    notifier.stop();
    const double completed = r.value(0).toDouble();
    const double span = (r.value(2).toDouble() - r.value(1).toDouble()) / 1000.0;
    const double rate = span > 0 ? completed / span : 0;

    QJsonObject params{{u"N"_s, n}, {u"workers"_s, workers}, {u"clients"_s, clients}};
    QJsonObject extra{{u"completed"_s, qint64(completed)}, {u"capped"_s, completed < n}, {u"span_s"_s, num(span, 3)},
                      {u"startup_ms"_s, num(r.value(1).toDouble() - launch, 1)}, {u"head_revision"_s, head},
                      {u"api_rss_mib_before"_s, num(apiRssBefore, 1)}, {u"api_rss_mib_max"_s, num(apiRss, 1)},
                      {u"notifier_rss_mib_max"_s, num(notifierRss, 1)}, {u"cpu_s"_s, delta}};
    QString note = u"api RSS max %1 MiB; api %2 s, notifier %3 s CPU"_s.arg(apiRss, 0, 'f', 0)
                       .arg(delta.value(u"api"_s).toDouble()).arg(delta.value(u"notifier"_s).toDouble());
    if (ws) {
        QList<double> lag, perClientRate;
        qint64 events = 0, gaps = 0, dups = 0, missing = 0;
        int resyncs = 0, disconnects = 0;
        QJsonArray each;
        for (const ClientStats &c : ws->stats()) {
            lag.append(c.lagMs);
            const double secs = (c.lastMs - c.firstMs) / 1000.0;
            const double cr = secs > 0 ? double(c.events) / secs : NAN;
            perClientRate.append(cr);
            events += c.events;
            gaps += c.gaps;
            dups += c.duplicates;
            resyncs += c.resyncs;
            disconnects += c.disconnects;
            const qint64 expected = std::max<qint64>(0, head - c.subscribedRevision);
            const qint64 unique = c.events - c.duplicates;
            missing += std::max<qint64>(0, expected - unique);
            each.append(QJsonObject{{u"subscribed_at"_s, c.subscribedRevision}, {u"last"_s, c.lastRevision},
                                    {u"events"_s, c.events}, {u"messages"_s, c.messages}, {u"gaps"_s, c.gaps},
                                    {u"duplicates"_s, c.duplicates}, {u"resyncs"_s, c.resyncs},
                                    {u"events_per_s"_s, num(cr, 1)}});
        }
        const Summary l = Summary::of(lag), pr = Summary::of(perClientRate);
        double minRate = NAN;
        for (double v : std::as_const(perClientRate))
            if (!std::isnan(v) && !(v >= minRate))
                minRate = v;
        const double total = deliveredMs - launch;
        extra[u"events_total"_s] = events;
        extra[u"events_per_s_all_clients"_s] = num(double(events) / (total / 1000.0), 1);
        extra[u"lag_ms"_s] = QJsonObject{{u"n"_s, l.n}, {u"p50"_s, num(l.p50)}, {u"p95"_s, num(l.p95)},
                                         {u"p99"_s, num(l.p99)}, {u"max"_s, num(l.max)}};
        extra[u"gaps"_s] = gaps;
        extra[u"duplicates"_s] = dups;
        extra[u"missing"_s] = missing;
        extra[u"resyncs"_s] = resyncs;
        extra[u"disconnects"_s] = disconnects;
        extra[u"last_delivered_after_published_ms"_s] = num(deliveredMs - publishedMs, 1);
        extra[u"clients"_s] = each;
        emitRecord({u"events"_s, u"events_per_s_per_client"_s, params, num(pr.p50, 1), u"events/s"_s,
                    QJsonObject{{u"min"_s, num(minRate, 1)}, {u"max"_s, num(pr.max, 1)}},
                    u"events: per-client delivery, K=%1 clients"_s.arg(clients),
                    u"lag p50 %1 / p99 %2 / max %3 ms; %4 gaps, %5 missing, %6 dup, %7 resyncs"_s.arg(l.p50, 0, 'f', 1)
                        .arg(l.p99, 0, 'f', 1).arg(l.max, 0, 'f', 1).arg(gaps).arg(missing).arg(dups).arg(resyncs)});
        note += u"; %1 events to all clients"_s.arg(events);
    }
    emitRecord({u"events"_s, u"drain_throughput"_s, params, num(rate, 1), u"tasks/s"_s, extra,
                u"events: drain N=%1, W=%2, K=%3 clients%4"_s.arg(n).arg(workers).arg(clients)
                    .arg(completed < n ? u" (capped)"_s : QString()),
                note});
}

} // namespace taskmill::bench
