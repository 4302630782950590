// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "BenchEnv.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

namespace taskmill::bench {

struct BenchOptions
{
    QString taskmilld;            // binary for the api and executor processes we start
    QString sourceDir;            // for the git revision in the run record
    QUrl url;                     // external api; empty = start private servers and taskmilld ourselves
    QString postgresUrl;          // external mode: where to read timestamps (and what executors connect to)
    QString redisUrl;             // external mode: what executors connect to
    QString dir;                  // work dir (private servers, logs); empty = a fresh /tmp/tmb-XXXXXX
    bool keepDir = false;
    bool truncate = true;         // empty `tasks` and the streams between tests (always off in external mode)
    QStringList tests{QStringLiteral("idle"), QStringLiteral("enqueue"), QStringLiteral("batch"), QStringLiteral("drain"), QStringLiteral("e2e")};
    int singleN = 5000;
    QList<int> concurrency{1, 8};
    int batchN = 20000;
    int batchSize = 1000;
    int drainN = 20000;
    QList<int> drainWorkers{1, 10, 50};
    int capS = 90;                // longest a drain may run; the figure then covers what finished
    QList<double> rates{200, 1000};
    double durationS = 10;
    int e2eWorkers = 10;
    double graceS = 2;            // "keeps up": 99% completed by T + grace (as the peer harness)
    double drainWaitS = 10;       // e2e: longest wait for stragglers after the producer stops
    int maxConnections = 256;     // e2e: open-loop connection limit
    QStringList pgSettings;       // private PostgreSQL only: extra key=value (experiments)
    QStringList apiSet;           // --set key=value for the api process
    QStringList executorSet;      // --set key=value for executor processes
    bool pgStatStatements = false; // load pg_stat_statements and report the top statements per test
    QString outFile;              // also append the JSON lines here
    // Credentials on every request (private servers only): "none" = anonymous loopback as --local;
    // "jwt" = an access token from POST /api/v1/auth/login; "token" = an API token (POST /api/v1/tokens).
    QString auth = QStringLiteral("none");
    // Reliability tests (recovery, delayed, retry): docs/benchmarks.md "Reliability".
    QList<int> recoveryVs{2000, 5000, 30000}; // recovery: executor.visibility_timeout_ms values (+ one same-name run)
    int repeat = 3;               // recovery: repetitions per configuration (medians)
    int delayedN = 500;           // delayed: tasks with run_at spread over 1.5..10 s
    QList<int> intervals{25, 10}; // delayed: scheduler.interval_ms values
    QList<int> retryWorkers{10, 50}; // retry: workers; each with a plain drain beside it
    // Live events (events): a drain per WebSocket client count, side by side; docs/benchmarks.md "Live events".
    QList<int> wsClients{0, 10};
    int eventsN = 20000;
    int eventsWorkers = 50;
    // Tracing cost (tracing): the same drain with the executor's tracing off and exporting, alternating.
    int tracingN = 20000;
    int tracingWorkers = 50;
    int tracingReps = 3;
    // Cost as work grows (scale): drains on an empty table and on one holding scaleN finished tasks, then
    // the app's queries against it; docs/benchmarks.md "Cost as work grows".
    qint64 scaleN = 1000000;
    int scaleWorkers = 50;
    int scaleDrains = 2;  // drains on each side
    int scaleReps = 20;   // repetitions of each query
    int scaleExpire = 100000; // tasks aged past retention at the end, removed by the scheduler
    // Pauses in force for the whole run (issue 14): task types paused through the API before the first test
    // and checked at both ends; docs/benchmarks.md "Pauses and bulk actions".
    QStringList pauseTypes;
    // Bulk cancel by filter (bulk): N tasks no executor reads, a dry-run count, the start (the snapshot) and
    // the run to its end, `bulkReps` times; private servers only (it cancels every task of the filter).
    int bulkN = 100000;
    int bulkReps = 1;
};

// Runs the measurements in order and prints one JSON line per measurement, then a table. Every process it
// starts is a child stopped by PID; every load loop is bounded in count and time.
class BenchSuite final
{
public:
    explicit BenchSuite(BenchOptions options);
    ~BenchSuite();
    Q_DISABLE_COPY_MOVE(BenchSuite)

    int run();

private:
    struct Record
    {
        QString test, metric;
        QJsonObject params;
        QJsonValue figure;
        QString unit;
        QJsonObject extra;
        QString label, note; // for the table only
    };

    Result<Unit> setUp();
    void tearDown();
    void reset();
    void idle();
    // Plain: a new task per request. Keyed: the same with an Idempotency-Key each (docs/api.md). Replay: the
    // previous keyed run's requests again, so every answer is a repeat (a run of Keyed must come first).
    enum class EnqueueMode { Plain, Keyed, Replay };
    void enqueueSingle(int connections, EnqueueMode mode = EnqueueMode::Plain);
    int m_keyedRun = 0;
    void enqueueBatch();
    void drain(int workers);
    void e2e(double rate);
    Result<Unit> startExecutor(int workers);
    Result<Unit> startApi(const QStringList &extraSet);
    Result<Unit> authenticate(); // --auth: makes an account, logs in, sets the header every request sends
    Result<QJsonArray> applyPauses(); // --pause-type: pauses them; answers checkPauses()
    // The pauses the api lists must be exactly --pause-type's types (none without it); answers the items.
    Result<QJsonArray> checkPauses();
    bool postBatch(const QByteArray &body);
    QJsonObject recoveryOnce(int v, bool sameName);
    void recovery();
    void delayed(int intervalMs);
    void drainRetry(int workers);
    void events(int clients); // BenchEvents.cpp
    void tracing();           // BenchTracing.cpp
    void scale();             // BenchScale.cpp
    void bulk(int rep);       // BenchBulk.cpp
    Result<Unit> fillFinished(qint64 n);
    void expireBacklog(qlonglong rows);
    bool enqueueBacklog(const QString &tag, int n, const QString &priority = QStringLiteral("MEDIUM"));
    QJsonObject cpuNow();
    static QJsonObject cpuDelta(const QJsonObject &before, const QJsonObject &after);
    QJsonArray topStatements();
    void emitRecord(Record r);
    void printTable() const;

    BenchOptions m_o;
    std::unique_ptr<QTemporaryDir> m_tmp;
    QString m_dir;
    QString m_runId;
    std::unique_ptr<PrivateServers> m_servers;
    Taskmilld m_api;
    Taskmilld m_executor;
    PgReader m_pg;
    QUrl m_url;
    QString m_pgUrl, m_redisUrl;
    QList<Record> m_records;
    QString m_phase; // set by scale(): what the table held, named in the drain records
    QStringList m_failures; // checks that failed: printed at the end, and the exit status is 1
};

} // namespace taskmill::bench
