// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "model/Task.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace taskmill {

// The process's Prometheus metrics (prefix taskmill_). Counters and histograms are process-local: every
// taskmilld process (api, executor, …) exposes its own and Prometheus sums them across processes.
// All recording functions are thread-safe and cheap (a shared-lock hash lookup and atomic adds), so they
// may be called on hot paths; the label sets are bounded (task types, priorities, route patterns).
// A static facade rather than an injected object on purpose: the hooks sit deep in store and queue code
// (every failed query, every broken Redis socket), where threading a registry through would touch every
// constructor for one counter.
class Metrics final
{
public:
    enum class TaskEvent {
        Created,       // committed by the api writer
        Completed,     // an attempt succeeded, or a task was completed by hand
        AttemptFailed, // an attempt failed (retried or final)
        Retried,       // a failed attempt was scheduled for another attempt
        DeadLettered,  // a final failure went to the dead-letter queue
        Cancelled,     // cancelled through the API or observed cancelled by its handler
    };

    static void countTask(TaskEvent event, const QString &type, Priority priority, quint64 n = 1);
    // Handler run time of one attempt, whatever its outcome.
    static void observeTaskDuration(const QString &type, double seconds);
    // One answered HTTP request; `route` is the registered pattern, never the raw path.
    static void observeHttpRequest(const QString &route, const QString &method, int status, double seconds);
    // kind: "connect" (cannot open a connection), "connection" (lost mid-query), "query" (any other failure).
    static void countDbError(const char *kind);
    // kind: "connect", "connection_broken", "timeout". Error replies (BUSYGROUP, …) are answers, not counted.
    static void countRedisError(const char *kind);
    // A step that failed and was handled (retried, backed off, left for the reconciler) rather than
    // failing a request: operation names a closed set of steps (Failure below).
    enum class Failure {
        MarkDispatched,   // NEW → PENDING after XADD; the reconciler or the claim cover it
        Dispatch,         // XADD of committed tasks; the reconciler dispatches them later
        Claim,            // the executor's claim; retried with backoff, entries stay pending
        MaterializeFast,  // writing a "fast" task's row from its stream entry; entry stays pending
        Quarantined,      // an entry whose row PostgreSQL refused, dead-lettered with the reason
        RecordResult,     // recording attempt results; retried, entries stay pending
        Ack,              // XACK/XDEL after a recorded result; a reclaim acknowledges them later
        HandBack,         // giving running tasks back at shutdown; reclaim covers them
        GroupWrite,       // a grouped insert failed and its requests were retried one by one
        CancelSignal,     // the cancel message to the executor; its periodic check covers it
        SchemaVersion,    // reading the schema version for /ready
        HandlerRegistry,  // an executor's refresh of the handler registry; the last copy stays in use
    };
    static void countFailure(Failure what);
    // Finished tasks removed after their retention period (scheduler), by their status.
    static void countExpired(Status status, quint64 n);
    // Finished spans by what became of them: "exported" (a collector accepted them) or "dropped".
    static void countSpans(const char *outcome, quint64 n);

    // Process identity, rendered as taskmill_build_info{version, roles} 1.
    static void setBuildInfo(const QString &version, const QString &roles);

    // A gauge read at scrape time (queue depths); rendered after the recorded metrics.
    struct Gauge
    {
        QByteArray name;
        QByteArray help;
        QList<QPair<QByteArray, QString>> labels;
        double value = 0;
    };

    // Prometheus text exposition format 0.0.4. Families with no samples yet are still announced with
    // HELP and TYPE so a dashboard can tell "zero so far" from "not exported".
    static QByteArray render(const QList<Gauge> &scrapeGauges = {});
    static constexpr const char *contentType = "text/plain; version=0.0.4; charset=utf-8";

};

} // namespace taskmill
