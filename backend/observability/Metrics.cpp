// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "observability/Metrics.h"

#include <QHash>
#include <QStringList>

#include <algorithm>
#include <cmath>
#include <array>
#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <vector>

namespace taskmill {

namespace {

QByteArray escapeLabel(const QString &value)
{
    QByteArray out;
    for (const char c : value.toUtf8()) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '"')
            out += "\\\"";
        else if (c == '\n')
            out += "\\n";
        else
            out += c;
    }
    return out;
}

QByteArray number(double v)
{
    if (std::isinf(v))
        return v > 0 ? "+Inf" : "-Inf";
    return QByteArray::number(v, 'g', 17);
}

QByteArray labelText(const std::vector<QByteArray> &names, const QStringList &values, const QByteArray &extra = {})
{
    QByteArray out;
    for (size_t i = 0; i < names.size(); ++i) {
        if (!out.isEmpty())
            out += ',';
        out += names[i] + "=\"" + escapeLabel(values.value(qsizetype(i))) + '"';
    }
    if (!extra.isEmpty())
        out += (out.isEmpty() ? "" : ",") + extra;
    return out.isEmpty() ? out : '{' + out + '}';
}

// Cells live as long as the process (labels are bounded), so a pointer handed out under the shared
// lock stays valid after it is released; only the first use of a label set takes the exclusive lock.
template<typename Cell>
class Family
{
public:
    Family(QByteArray name, QByteArray help, std::vector<QByteArray> labels)
        : m_name(std::move(name)), m_help(std::move(help)), m_labels(std::move(labels))
    {
    }

    template<typename... Args>
    Cell &cell(const QStringList &values, Args &&...args)
    {
        {
            std::shared_lock lock(m_mutex);
            if (auto it = m_cells.find(values); it != m_cells.end())
                return *it->second;
        }
        std::unique_lock lock(m_mutex);
        auto &slot = m_cells[values];
        if (!slot)
            slot = std::make_unique<Cell>(std::forward<Args>(args)...);
        return *slot;
    }

    template<typename F>
    void forEach(F &&f) const
    {
        std::shared_lock lock(m_mutex);
        for (const auto &[values, cell] : m_cells) // std::map: stable, sorted output
            f(values, *cell);
    }

    const QByteArray &name() const { return m_name; }
    const QByteArray &help() const { return m_help; }
    const std::vector<QByteArray> &labels() const { return m_labels; }

private:
    QByteArray m_name, m_help;
    std::vector<QByteArray> m_labels;
    mutable std::shared_mutex m_mutex;
    std::map<QStringList, std::unique_ptr<Cell>> m_cells;
};

struct CounterCell
{
    std::atomic<quint64> value{0};
};

struct HistogramCell
{
    explicit HistogramCell(size_t buckets) : counts(buckets + 1) {}
    std::vector<std::atomic<quint64>> counts; // per bucket, not cumulative; last = above every bound
    std::atomic<double> sum{0};
};

class Histogram
{
public:
    Histogram(QByteArray name, QByteArray help, std::vector<QByteArray> labels, std::vector<double> bounds)
        : family(std::move(name), std::move(help), std::move(labels)), bounds(std::move(bounds))
    {
    }

    void observe(const QStringList &values, double v)
    {
        HistogramCell &c = family.cell(values, bounds.size());
        const size_t i = size_t(std::lower_bound(bounds.begin(), bounds.end(), v) - bounds.begin());
        c.counts[i].fetch_add(1, std::memory_order_relaxed);
        c.sum.fetch_add(v, std::memory_order_relaxed);
    }

    void render(QByteArray &out) const
    {
        out += "# HELP " + family.name() + ' ' + family.help() + "\n# TYPE " + family.name() + " histogram\n";
        family.forEach([&](const QStringList &values, const HistogramCell &c) {
            quint64 cumulative = 0;
            for (size_t i = 0; i <= bounds.size(); ++i) {
                cumulative += c.counts[i].load(std::memory_order_relaxed);
                const QByteArray le = "le=\"" + (i < bounds.size() ? number(bounds[i]) : QByteArray("+Inf")) + '"';
                out += family.name() + "_bucket" + labelText(family.labels(), values, le) + ' '
                    + QByteArray::number(cumulative) + '\n';
            }
            out += family.name() + "_sum" + labelText(family.labels(), values) + ' ' + number(c.sum.load()) + '\n';
            out += family.name() + "_count" + labelText(family.labels(), values) + ' ' + QByteArray::number(cumulative)
                + '\n';
        });
    }

    Family<HistogramCell> family;
    std::vector<double> bounds;
};

void renderCounters(QByteArray &out, const Family<CounterCell> &f, bool zeroWhenEmpty = false)
{
    out += "# HELP " + f.name() + ' ' + f.help() + "\n# TYPE " + f.name() + " counter\n";
    bool any = false;
    f.forEach([&](const QStringList &values, const CounterCell &c) {
        any = true;
        out += f.name() + labelText(f.labels(), values) + ' ' + QByteArray::number(c.value.load()) + '\n';
    });
    if (!any && zeroWhenEmpty)
        out += f.name() + " 0\n";
}

struct Registry
{
    // Indexed by Metrics::TaskEvent.
    std::array<Family<CounterCell>, 6> tasks{{
        {"taskmill_tasks_created_total", "Tasks committed by the API.", {"type", "priority"}},
        {"taskmill_tasks_completed_total", "Tasks that completed (by a handler or by hand).", {"type", "priority"}},
        {"taskmill_task_attempts_failed_total", "Attempts that failed, retried or not.", {"type", "priority"}},
        {"taskmill_tasks_retried_total", "Failed attempts scheduled for another attempt.", {"type", "priority"}},
        {"taskmill_tasks_dead_lettered_total", "Tasks moved to the dead-letter queue.", {"type", "priority"}},
        {"taskmill_tasks_cancelled_total", "Tasks cancelled.", {"type", "priority"}},
    }};
    Histogram taskDuration{"taskmill_task_duration_seconds", "Handler run time of one attempt.", {"type"},
                           {0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300}};
    Histogram http{"taskmill_http_request_duration_seconds",
                   "HTTP requests by route pattern, method and status code, from handler start to reply written.",
                   {"route", "method", "code"},
                   {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}};
    Family<CounterCell> dbErrors{"taskmill_db_errors_total", "PostgreSQL errors by kind (connect, connection, value, query).",
                                 {"kind"}};
    Family<CounterCell> redisErrors{"taskmill_redis_errors_total",
                                    "Redis errors by kind (connect, connection_broken, timeout).", {"kind"}};
    Family<CounterCell> failures{"taskmill_handled_failures_total",
                                 "Steps that failed and were handled (retried, backed off or left to the reconciler), by operation.",
                                 {"operation"}};
    Family<CounterCell> expired{"taskmill_tasks_expired_total",
                                "Finished tasks removed after their retention period, by status.", {"status"}};
    Family<CounterCell> spans{"taskmill_tracing_spans_total",
                              "Finished trace spans by outcome: exported to the collector or dropped (queue full, collector down).",
                              {"outcome"}};
    std::mutex infoMutex;
    QString version, roles;
};

Registry &registry()
{
    static Registry r;
    return r;
}

} // namespace

void Metrics::countTask(TaskEvent event, const QString &type, Priority priority, quint64 n)
{
    registry().tasks.at(size_t(event)).cell({type, toString(priority).toLower()}).value.fetch_add(n, std::memory_order_relaxed);
}

void Metrics::observeTaskDuration(const QString &type, double seconds)
{
    registry().taskDuration.observe({type}, seconds);
}

void Metrics::observeHttpRequest(const QString &route, const QString &method, int status, double seconds)
{
    registry().http.observe({route, method, QString::number(status)}, seconds);
}

void Metrics::countDbError(const char *kind)
{
    registry().dbErrors.cell({QString::fromLatin1(kind)}).value.fetch_add(1, std::memory_order_relaxed);
}

void Metrics::countRedisError(const char *kind)
{
    registry().redisErrors.cell({QString::fromLatin1(kind)}).value.fetch_add(1, std::memory_order_relaxed);
}

void Metrics::countFailure(Failure what)
{
    static const char *const names[] = {"mark_dispatched", "dispatch",  "claim",   "materialize_fast",
                                        "quarantined",     "record_result", "ack", "hand_back",
                                        "group_write",     "cancel_signal", "schema_version", "handler_registry"};
    static_assert(std::size(names) == size_t(Failure::HandlerRegistry) + 1);
    registry().failures.cell({QString::fromLatin1(names[size_t(what)])}).value.fetch_add(1, std::memory_order_relaxed);
}

void Metrics::countExpired(Status status, quint64 n)
{
    registry().expired.cell({toString(status).toLower()}).value.fetch_add(n, std::memory_order_relaxed);
}

void Metrics::countSpans(const char *outcome, quint64 n)
{
    registry().spans.cell({QString::fromLatin1(outcome)}).value.fetch_add(n, std::memory_order_relaxed);
}

void Metrics::setBuildInfo(const QString &version, const QString &roles)
{
    Registry &r = registry();
    std::lock_guard lock(r.infoMutex);
    r.version = version;
    r.roles = roles;
}

QByteArray Metrics::render(const QList<Gauge> &scrapeGauges)
{
    Registry &r = registry();
    QByteArray out;
    out.reserve(16 * 1024);
    {
        std::lock_guard lock(r.infoMutex);
        out += "# HELP taskmill_build_info Version and roles of this taskmilld process.\n"
               "# TYPE taskmill_build_info gauge\n"
               "taskmill_build_info{version=\"" + escapeLabel(r.version) + "\",roles=\"" + escapeLabel(r.roles) + "\"} 1\n";
    }
    for (const auto &f : r.tasks)
        renderCounters(out, f);
    r.taskDuration.render(out);
    r.http.render(out);
    renderCounters(out, r.dbErrors);
    renderCounters(out, r.redisErrors);
    renderCounters(out, r.failures);
    renderCounters(out, r.expired);
    renderCounters(out, r.spans);

    // Samples of one gauge family must be contiguous under one HELP/TYPE header.
    QByteArray current;
    for (const Gauge &g : scrapeGauges) {
        if (g.name != current) {
            out += "# HELP " + g.name + ' ' + g.help + "\n# TYPE " + g.name + " gauge\n";
            current = g.name;
        }
        std::vector<QByteArray> names;
        QStringList values;
        for (const auto &[k, v] : g.labels) {
            names.push_back(k);
            values << v;
        }
        out += g.name + labelText(names, values) + ' ' + number(g.value) + '\n';
    }
    return out;
}

} // namespace taskmill
