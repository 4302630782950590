// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "observability/Span.h"

#include <QString>
#include <QThread>

#include <atomic>
#include <deque>
#include <memory>
#include <mutex>

namespace taskmill {

struct BackendConfig;

// Finished spans go out from here: to an OTLP/HTTP JSON collector (tracing.endpoint) and/or as one log
// line each under taskmill.backend.tracing (tracing.console). One per process, built by the Daemon and
// shared by the api and the executor.
//
// record() is thread-safe and never waits for the network: it appends to a bounded in-memory queue.
// A thread of its own takes batches of up to tracing.batch_size spans, when that many are queued or every
// tracing.flush_ms, and POSTs them one request at a time. When the queue holds tracing.queue_max spans,
// new spans are dropped; a batch the collector refuses or never answers (10 s) is dropped too. Nothing
// is retried: tracing must never hold back or slow the work it describes. counters() says what happened.
class Tracer final
{
public:
    explicit Tracer(const BackendConfig &config);
    ~Tracer(); // sends what is queued (at most ~2 s), then stops the thread
    Tracer(const Tracer &) = delete;
    Tracer &operator=(const Tracer &) = delete;

    // False when neither export nor console logging is on: callers then skip building spans at all.
    bool isEnabled() const { return m_exporting || m_console; }
    bool isExporting() const { return m_exporting; }

    void record(SpanData span);

    struct Counters
    {
        quint64 exported = 0; // spans a collector accepted (2xx)
        quint64 dropped = 0;  // spans lost: queue full, collector down or refusing, or left at shutdown
        quint64 queued = 0;   // waiting in the queue right now
    };
    Counters counters() const;

private:
    class Worker;
    friend class Worker;
    std::deque<SpanData> take(qsizetype max);
    qsizetype queuedCount() const;

    const QString m_endpoint;
    const QString m_serviceName;
    const bool m_exporting;
    const bool m_console;
    const qsizetype m_batchSize;
    const int m_flushMs;
    const qsizetype m_queueMax;

    mutable std::mutex m_mutex;
    std::deque<SpanData> m_queue;
    std::atomic<bool> m_wakePending{false};
    std::atomic<quint64> m_exported{0};
    std::atomic<quint64> m_dropped{0};

    QThread m_thread;
    Worker *m_worker = nullptr; // lives on m_thread
};

} // namespace taskmill
