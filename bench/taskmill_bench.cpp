// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// taskmill-bench: enqueue, drain and end-to-end figures for taskmilld, one JSON line per measurement plus a
// table. By default it starts everything it measures (private durable PostgreSQL + Redis, an api+scheduler
// process, executor processes) and stops it all by PID; see docs/benchmarks.md.
#include "BenchSuite.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>

using namespace Qt::StringLiterals;
using taskmill::bench::BenchOptions;

namespace {
template<typename T>
bool parseList(const QString &text, QList<T> *out)
{
    QList<T> values;
    for (const QString &part : text.split(u',', Qt::SkipEmptyParts)) {
        bool ok = false;
        const double v = part.trimmed().toDouble(&ok);
        if (!ok || v <= 0)
            return false;
        values.append(T(v));
    }
    if (values.isEmpty())
        return false;
    *out = values;
    return true;
}
} // namespace

int main(int argc, char **argv)
{
    // The taskmilld processes it starts serve 127.0.0.1 without credentials, as --local does (docs/security.md).
    if (!qEnvironmentVariableIsSet("TASKMILL_AUTH_LOCAL_ANONYMOUS"))
        qputenv("TASKMILL_AUTH_LOCAL_ANONYMOUS", "true");
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"taskmill-bench"_s);
    QCommandLineParser p;
    p.setApplicationDescription(
        u"Measures taskmilld: enqueue one-by-one (closed loop, C keep-alive connections), enqueue in batches, "
        "draining a backlog with the executor started afterwards (PostgreSQL started_at/completed_at), and "
        "add->completed latency at a fixed arrival rate (open loop); optionally bulk cancel by filter, with "
        "--pause-type pauses in force throughout.\n"
        "Without --url it starts a private durable PostgreSQL + Redis and its own taskmilld processes.\n"
        "With --url it uses a running api (roles api,scheduler: no executor of its own) and starts executors "
        "with --postgres/--redis itself."_s);
    p.addHelpOption();
    const QList<QCommandLineOption> opts{
        {u"taskmilld"_s, u"taskmilld binary (default: the one built next to this tool)."_s, u"PATH"_s, QStringLiteral(TASKMILLD_DEFAULT_PATH)},
        {u"url"_s, u"Base URL of a running taskmilld api (external mode)."_s, u"URL"_s},
        {u"postgres"_s, u"External mode: PostgreSQL URL to read timestamps from (and for our executors)."_s, u"URL"_s},
        {u"redis"_s, u"External mode: Redis URL for the executors we start."_s, u"URL"_s},
        {u"dir"_s, u"Work dir for private servers and logs (default: a new /tmp/tmb-XXXXXX)."_s, u"DIR"_s},
        {u"keep"_s, u"Keep the work dir (server and taskmilld logs)."_s},
        {u"tests"_s, u"Comma list: idle,enqueue,batch,drain,e2e,recovery,delayed,retry,events,tracing,scale,bulk,idempotent (default: the first five)."_s, u"LIST"_s, u"idle,enqueue,batch,drain,e2e"_s},
        {u"n"_s, u"enqueue one-by-one: tasks per run."_s, u"N"_s, u"5000"_s},
        {u"concurrency"_s, u"enqueue one-by-one: keep-alive connections, comma list."_s, u"LIST"_s, u"1,8"_s},
        {u"batch-n"_s, u"enqueue in batches: tasks."_s, u"N"_s, u"20000"_s},
        {u"batch"_s, u"Tasks per batch request (also for the drain backlog)."_s, u"B"_s, u"1000"_s},
        {u"drain-n"_s, u"drain: backlog size."_s, u"N"_s, u"20000"_s},
        {u"workers"_s, u"drain: executor workers, comma list."_s, u"LIST"_s, u"1,10,50"_s},
        {u"cap"_s, u"drain: longest run in seconds."_s, u"S"_s, u"90"_s},
        {u"rate"_s, u"e2e: arrival rates in tasks/s, comma list."_s, u"LIST"_s, u"200,1000"_s},
        {u"duration"_s, u"e2e: seconds of arrivals per rate."_s, u"S"_s, u"10"_s},
        {u"e2e-workers"_s, u"e2e: executor workers."_s, u"N"_s, u"10"_s},
        {u"pg-setting"_s, u"Private PostgreSQL: extra KEY=VALUE server setting (repeatable; experiments only)."_s, u"KV"_s},
        {u"api-set"_s, u"--set KEY=VALUE for the api process we start (repeatable)."_s, u"KV"_s},
        {u"executor-set"_s, u"--set KEY=VALUE for the executors we start (repeatable)."_s, u"KV"_s},
        {u"pg-stat-statements"_s, u"Load pg_stat_statements (private servers) and report the top statements per test."_s},
        {u"recovery-v"_s, u"recovery: executor.visibility_timeout_ms values, comma list."_s, u"LIST"_s, u"2000,5000,30000"_s},
        {u"repeat"_s, u"recovery: repetitions per configuration."_s, u"N"_s, u"3"_s},
        {u"delayed-n"_s, u"delayed: tasks."_s, u"N"_s, u"500"_s},
        {u"intervals"_s, u"delayed: scheduler.interval_ms values, comma list."_s, u"LIST"_s, u"25,10"_s},
        {u"retry-workers"_s, u"retry: executor workers, comma list (each beside a plain drain)."_s, u"LIST"_s, u"10,50"_s},
        {u"ws-clients"_s, u"events: WebSocket client counts, comma list, 0 allowed (one drain each)."_s, u"LIST"_s, u"0,10"_s},
        {u"events-n"_s, u"events: backlog drained per client count."_s, u"N"_s, u"20000"_s},
        {u"events-workers"_s, u"events: executor workers."_s, u"N"_s, u"50"_s},
        {u"tracing-n"_s, u"tracing: tasks per drain."_s, u"N"_s, u"20000"_s},
        {u"tracing-workers"_s, u"tracing: executor workers."_s, u"N"_s, u"50"_s},
        {u"tracing-reps"_s, u"tracing: repetitions of each side (off, on), alternating."_s, u"N"_s, u"3"_s},
        {u"scale-n"_s, u"scale: finished tasks in the table (bench/ui/fill.sql)."_s, u"N"_s, u"1000000"_s},
        {u"scale-workers"_s, u"scale: executor workers of the drains."_s, u"N"_s, u"50"_s},
        {u"scale-drains"_s, u"scale: drains on each side (empty, full)."_s, u"N"_s, u"2"_s},
        {u"scale-reps"_s, u"scale: repetitions of each app query."_s, u"N"_s, u"20"_s},
        {u"pause-type"_s, u"Pause these task types through the API (PUT /api/v1/types/NAME/pause) before the first test; the run fails unless GET /api/v1/pauses lists exactly them before the first test and after the last (repeatable or a comma list; a registered type other than noop, which every test runs, e.g. sleep)."_s, u"NAME"_s},
        {u"bulk-n"_s, u"bulk: tasks cancelled by one POST /api/v1/tasks/bulk/cancel (no executor runs; at most 100000, the API's limit). Times the dry-run count, the start (the snapshot) and the run until the operation reports completed; fails unless all N are CANCELLED."_s, u"N"_s, u"100000"_s},
        {u"bulk-reps"_s, u"bulk: repetitions, each on a fresh backlog."_s, u"N"_s, u"1"_s},
        {u"auth"_s, u"Credentials on every request: none (anonymous loopback, as --local), jwt (a login's access token) or token (an operator API token); private servers only."_s, u"MODE"_s, u"none"_s},
        {u"out"_s, u"Also append the JSON lines to FILE."_s, u"FILE"_s},
        {u"quick"_s, u"Small sizes for a smoke run (~30 s)."_s},
    };
    p.addOptions(opts);
    p.process(app);

    BenchOptions o;
    o.taskmilld = p.value(u"taskmilld"_s);
    o.sourceDir = QStringLiteral(TASKMILL_SOURCE_DIR);
    o.url = QUrl(p.value(u"url"_s));
    o.postgresUrl = p.value(u"postgres"_s);
    o.redisUrl = p.value(u"redis"_s);
    o.dir = p.value(u"dir"_s);
    o.keepDir = p.isSet(u"keep"_s);
    o.tests = p.value(u"tests"_s).split(u',', Qt::SkipEmptyParts);
    o.pgSettings = p.values(u"pg-setting"_s);
    o.apiSet = p.values(u"api-set"_s);
    o.executorSet = p.values(u"executor-set"_s);
    o.pgStatStatements = p.isSet(u"pg-stat-statements"_s);
    o.outFile = p.value(u"out"_s);
    for (const QString &v : p.values(u"pause-type"_s))
        for (const QString &name : v.split(u',', Qt::SkipEmptyParts))
            o.pauseTypes.append(name.trimmed());
    o.pauseTypes.removeDuplicates();
    if (o.pauseTypes.contains(u"noop"_s)) {
        std::fprintf(stderr, "taskmill-bench: --pause-type noop would hold every task the tests make\n");
        return 2;
    }
    o.auth = p.value(u"auth"_s);
    if (o.auth != u"none" && o.auth != u"jwt" && o.auth != u"token") {
        std::fprintf(stderr, "taskmill-bench: --auth must be none, jwt or token\n");
        return 2;
    }
    if (o.auth != u"none") {
        if (!o.url.isEmpty()) {
            std::fprintf(stderr, "taskmill-bench: --auth needs private servers (no --url)\n");
            return 2;
        }
        qputenv("TASKMILL_AUTH_LOCAL_ANONYMOUS", "false"); // the processes we start must want the credentials
    }
    if (p.isSet(u"quick"_s)) {
        o.singleN = 500;
        o.batchN = o.drainN = 3000;
        o.drainWorkers = {1, 10};
        o.rates = {200};
        o.durationS = 3;
        o.capS = 30;
        o.eventsN = 3000;
        o.tracingN = 3000;
    }
    bool ok = true;
    const auto number = [&](const QString &name, auto *field) {
        if (!p.isSet(name) && p.isSet(u"quick"_s))
            return;
        bool good = false;
        const double v = p.value(name).toDouble(&good);
        if (!good || v <= 0) {
            std::fprintf(stderr, "taskmill-bench: --%s must be a positive number\n", qPrintable(name));
            ok = false;
            return;
        }
        *field = std::remove_pointer_t<decltype(field)>(v);
    };
    number(u"n"_s, &o.singleN);
    number(u"batch-n"_s, &o.batchN);
    number(u"batch"_s, &o.batchSize);
    number(u"drain-n"_s, &o.drainN);
    number(u"cap"_s, &o.capS);
    number(u"duration"_s, &o.durationS);
    number(u"e2e-workers"_s, &o.e2eWorkers);
    number(u"repeat"_s, &o.repeat);
    number(u"delayed-n"_s, &o.delayedN);
    number(u"events-n"_s, &o.eventsN);
    number(u"events-workers"_s, &o.eventsWorkers);
    number(u"tracing-n"_s, &o.tracingN);
    number(u"tracing-workers"_s, &o.tracingWorkers);
    number(u"tracing-reps"_s, &o.tracingReps);
    number(u"scale-n"_s, &o.scaleN);
    number(u"scale-workers"_s, &o.scaleWorkers);
    number(u"scale-drains"_s, &o.scaleDrains);
    number(u"scale-reps"_s, &o.scaleReps);
    number(u"bulk-n"_s, &o.bulkN);
    number(u"bulk-reps"_s, &o.bulkReps);
    {
        QList<int> clients; // 0 is a valid count (the baseline), which parseList rejects
        for (const QString &part : p.value(u"ws-clients"_s).split(u',', Qt::SkipEmptyParts)) {
            bool good = false;
            const int k = part.trimmed().toInt(&good);
            if (!good || k < 0 || k > 1000)
                ok = false;
            clients.append(k);
        }
        if (clients.isEmpty())
            ok = false;
        o.wsClients = clients;
    }
    for (const auto &[name, field] : {std::pair{u"recovery-v"_s, &o.recoveryVs}, std::pair{u"intervals"_s, &o.intervals},
                                      std::pair{u"retry-workers"_s, &o.retryWorkers}})
        if (!parseList(p.value(name), field))
            ok = false;
    if ((p.isSet(u"concurrency"_s) || !p.isSet(u"quick"_s)) && !parseList(p.value(u"concurrency"_s), &o.concurrency))
        ok = false;
    if ((p.isSet(u"workers"_s) || !p.isSet(u"quick"_s)) && !parseList(p.value(u"workers"_s), &o.drainWorkers))
        ok = false;
    if ((p.isSet(u"rate"_s) || !p.isSet(u"quick"_s)) && !parseList(p.value(u"rate"_s), &o.rates))
        ok = false;
    if (!o.url.isEmpty() && o.postgresUrl.isEmpty()) {
        std::fprintf(stderr, "taskmill-bench: --url needs --postgres (timestamps are read from PostgreSQL)\n");
        ok = false;
    }
    if (!o.url.isEmpty() && o.redisUrl.isEmpty() && (o.tests.contains(u"drain"_s) || o.tests.contains(u"e2e"_s))) {
        std::fprintf(stderr, "taskmill-bench: drain and e2e with --url need --redis (we start the executors)\n");
        ok = false;
    }
    if (!ok)
        return 2;
    taskmill::bench::BenchSuite suite(o);
    return suite.run();
}
