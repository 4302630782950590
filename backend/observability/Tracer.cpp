// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "observability/Tracer.h"

#include "observability/Metrics.h"

#include "config/BackendConfig.h"
#include "observability/Logging.h"
#include "observability/TraceContext.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace taskmill {

namespace {
constexpr int ExportTimeoutMs = 10'000;
constexpr int ShutdownFlushMs = 2'000;
} // namespace

// The exporter's half, living on Tracer::m_thread: the network manager, the flush timer and the one
// request in flight. Everything here runs on that thread.
class Tracer::Worker final : public QObject
{
public:
    explicit Worker(Tracer &tracer) : m_tracer(tracer) {}

    void start()
    {
        if (m_tracer.m_exporting)
            m_network = new QNetworkAccessManager(this);
        m_timer = new QTimer(this);
        connect(m_timer, &QTimer::timeout, this, [this] { flush(); });
        m_timer->start(m_tracer.m_flushMs);
    }

    // Takes a batch and sends it. With a request in flight it does nothing: that request's end calls
    // flush() again, so at most one batch is on the wire and a slow collector only fills the queue.
    void flush()
    {
        m_tracer.m_wakePending = false;
        while (!m_inFlight) {
            std::deque<SpanData> batch = m_tracer.take(m_tracer.m_batchSize);
            if (batch.empty())
                return;
            if (m_tracer.m_console)
                for (const SpanData &s : batch) {
                    // The line belongs to the span it describes, also in JSON logs.
                    const TraceScope scope({s.traceId, s.spanId});
                    qCInfo(lcTracing).noquote() << consoleLine(s);
                }
            if (m_tracer.m_exporting)
                post(QList<SpanData>(std::make_move_iterator(batch.begin()), std::make_move_iterator(batch.end())));
            else if (m_tracer.queuedCount() < m_tracer.m_batchSize)
                return;
        }
    }

    // At shutdown: send what is left within the deadline, count the rest as dropped, release the
    // network objects on this thread and hand the worker back to `home` for deletion.
    void finish(QThread *home)
    {
        m_timer->stop();
        QDeadlineTimer deadline(ShutdownFlushMs);
        while (!deadline.hasExpired()) {
            if (!m_inFlight)
                flush();
            if (!m_inFlight)
                break;
            QEventLoop loop;
            connect(m_reply, &QNetworkReply::finished, &loop, &QEventLoop::quit, Qt::QueuedConnection);
            QTimer::singleShot(std::max<qint64>(1, deadline.remainingTime()), &loop, &QEventLoop::quit);
            loop.exec();
        }
        if (m_reply)
            m_reply->abort(); // counts its batch as dropped through onFinished
        const auto left = quint64(m_tracer.take(m_tracer.m_queueMax).size());
        m_tracer.m_dropped += left;
        Metrics::countSpans("dropped", left);
        delete m_network;
        m_network = nullptr;
        delete m_timer;
        m_timer = nullptr;
        moveToThread(home);
    }

private:
    void post(const QList<SpanData> &batch)
    {
        QNetworkRequest request{QUrl(m_tracer.m_endpoint)};
        request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
        request.setTransferTimeout(ExportTimeoutMs);
        const QByteArray body = otlpTraceRequest(batch, m_tracer.m_serviceName, QStringLiteral(TASKMILL_VERSION));
        m_inFlight = true;
        m_reply = m_network->post(request, body);
        const quint64 count = quint64(batch.size());
        QNetworkReply *reply = m_reply;
        connect(reply, &QNetworkReply::finished, this, [this, reply, count] { onFinished(reply, count); });
    }

    void onFinished(QNetworkReply *reply, quint64 count)
    {
        reply->deleteLater();
        m_reply = nullptr;
        m_inFlight = false;
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (reply->error() == QNetworkReply::NoError && status / 100 == 2) {
            m_tracer.m_exported += count;
            Metrics::countSpans("exported", count);
            if (m_failing)
                qCInfo(lcTracing).noquote() << "span export to" << m_tracer.m_endpoint << "works again";
            m_failing = false;
        } else {
            m_tracer.m_dropped += count;
            Metrics::countSpans("dropped", count);
            // One warning per outage, not one per batch: a down collector must not flood the log.
            if (!m_failing)
                qCWarning(lcTracing).noquote()
                    << "span export to" << m_tracer.m_endpoint << "failed ("
                    << (status ? u"HTTP %1"_s.arg(status) : reply->errorString())
                    << "); dropping spans until it answers";
            m_failing = true;
        }
        if (m_timer && m_timer->isActive() && m_tracer.queuedCount() >= m_tracer.m_batchSize)
            flush();
    }

    Tracer &m_tracer;
    QNetworkAccessManager *m_network = nullptr;
    QTimer *m_timer = nullptr;
    QNetworkReply *m_reply = nullptr;
    bool m_inFlight = false;
    bool m_failing = false;
};

Tracer::Tracer(const BackendConfig &config)
    : m_endpoint(config.tracingEndpoint), m_serviceName(config.tracingServiceName),
      m_exporting(!config.tracingEndpoint.isEmpty()), m_console(config.tracingConsole),
      m_batchSize(std::max(1, config.tracingBatchSize)), m_flushMs(std::max(1, config.tracingFlushMs)),
      m_queueMax(std::max(config.tracingQueueMax, config.tracingBatchSize))
{
    if (!isEnabled())
        return;
    m_thread.setObjectName(u"tracer"_s);
    m_worker = new Worker(*this);
    m_worker->moveToThread(&m_thread);
    QObject::connect(&m_thread, &QThread::started, m_worker, [w = m_worker] { w->start(); });
    m_thread.start(QThread::LowPriority);
    if (m_exporting)
        qCInfo(lcTracing).noquote() << "exporting spans to" << m_endpoint << "as service" << m_serviceName;
}

Tracer::~Tracer()
{
    if (!m_worker)
        return;
    QThread *home = QThread::currentThread();
    QMetaObject::invokeMethod(m_worker, [this, home] { m_worker->finish(home); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
    delete m_worker;
    const Counters c = counters();
    if (m_exporting)
        qCInfo(lcTracing) << "tracer stopped:" << c.exported << "spans exported," << c.dropped << "dropped";
}

void Tracer::record(SpanData span)
{
    if (!m_worker)
        return;
    qsizetype size = 0;
    {
        std::lock_guard lock(m_mutex);
        if (qsizetype(m_queue.size()) >= m_queueMax) {
            ++m_dropped;
            Metrics::countSpans("dropped", 1);
            return;
        }
        m_queue.push_back(std::move(span));
        size = qsizetype(m_queue.size());
    }
    // A full batch need not wait for the timer; one wake-up at a time keeps the event queue short.
    if (size >= m_batchSize && !m_wakePending.exchange(true))
        QMetaObject::invokeMethod(m_worker, [w = m_worker] { w->flush(); }, Qt::QueuedConnection);
}

std::deque<SpanData> Tracer::take(qsizetype max)
{
    std::lock_guard lock(m_mutex);
    if (qsizetype(m_queue.size()) <= max)
        return std::exchange(m_queue, {});
    std::deque<SpanData> out(std::make_move_iterator(m_queue.begin()), std::make_move_iterator(m_queue.begin() + max));
    m_queue.erase(m_queue.begin(), m_queue.begin() + max);
    return out;
}

qsizetype Tracer::queuedCount() const
{
    std::lock_guard lock(m_mutex);
    return qsizetype(m_queue.size());
}

Tracer::Counters Tracer::counters() const
{
    return {m_exported.load(), m_dropped.load(), quint64(queuedCount())};
}

} // namespace taskmill
