// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// taskmill-ui-bench: the desktop app's responsiveness with a million tasks (issue 6). Starts its own
// private PostgreSQL + Redis + taskmilld on 127.0.0.1, fills the database, runs the real MainWindow
// (offscreen unless QT_QPA_PLATFORM says otherwise) and prints a table and one JSON line; see
// docs/benchmarks.md "Desktop app with 1,000,000 tasks".
#include "UiBench.h"

#include <QCommandLineParser>

#include <cstdio>

using namespace Qt::StringLiterals;

int main(int argc, char **argv)
{
    // The taskmilld processes it starts serve 127.0.0.1 without credentials, as --local does (docs/security.md).
    if (!qEnvironmentVariableIsSet("TASKMILL_AUTH_LOCAL_ANONYMOUS"))
        qputenv("TASKMILL_AUTH_LOCAL_ANONYMOUS", "true");
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    Q_INIT_RESOURCE(taskmill);
    taskmill::uibench::BenchApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"taskmill-ui-bench"_s);
    QCommandLineParser p;
    p.setApplicationDescription(
        u"Measures the desktop app against a private backend holding N tasks: connect -> first rows painted, "
        "filter change -> new rows painted, and the longest UI-thread stall and RSS while the backend pushes "
        "task events at a fixed rate."_s);
    p.addHelpOption();
    p.addOptions({
        {u"taskmilld"_s, u"taskmilld binary."_s, u"PATH"_s, QStringLiteral(TASKMILLD_DEFAULT_PATH)},
        {u"dir"_s, u"Work dir (servers, logs). A dir holding a filled cluster is reused without refilling."_s, u"DIR"_s},
        {u"keep"_s, u"Keep the temporary work dir."_s},
        {u"tasks"_s, u"Tasks in the database."_s, u"N"_s, u"1000000"_s},
        {u"connect-reps"_s, u"App starts measured."_s, u"N"_s, u"5"_s},
        {u"filter-reps"_s, u"Repetitions of the filter-change sequence."_s, u"N"_s, u"5"_s},
        {u"rate"_s, u"Task events per second from the update driver."_s, u"R"_s, u"5000"_s},
        {u"seconds"_s, u"Duration of the live updates."_s, u"S"_s, u"20"_s},
        {u"driver"_s, u"Live phases, comma list: updates (real task row updates + history), outbox (history rows only)."_s, u"LIST"_s, u"updates,outbox"_s},
        {u"out"_s, u"Also append the JSON line to FILE."_s, u"FILE"_s},
    });
    p.process(app);
    taskmill::uibench::UiBenchOptions o;
    o.taskmilld = p.value(u"taskmilld"_s);
    o.sqlDir = QStringLiteral(TASKMILL_UI_BENCH_SQL_DIR);
    o.dir = p.value(u"dir"_s);
    o.keep = p.isSet(u"keep"_s);
    o.outFile = p.value(u"out"_s);
    bool ok = true;
    const auto number = [&](const QString &name, double min) {
        bool good = false;
        const double v = p.value(name).toDouble(&good);
        if (!good || v < min) {
            std::fprintf(stderr, "taskmill-ui-bench: --%s must be a number >= %g\n", qPrintable(name), min);
            ok = false;
        }
        return v;
    };
    o.tasks = qint64(number(u"tasks"_s, 1000));
    o.connectReps = int(number(u"connect-reps"_s, 1));
    o.filterReps = int(number(u"filter-reps"_s, 1));
    o.rate = number(u"rate"_s, 4);
    o.seconds = number(u"seconds"_s, 1);
    o.driverModes = p.value(u"driver"_s).split(u',', Qt::SkipEmptyParts);
    for (const QString &m : std::as_const(o.driverModes))
        if (m != u"updates" && m != u"outbox") {
            std::fprintf(stderr, "taskmill-ui-bench: --driver takes updates and/or outbox\n");
            ok = false;
        }
    if (!ok)
        return 2;
    taskmill::uibench::UiBench bench(app, o);
    return bench.run();
}
