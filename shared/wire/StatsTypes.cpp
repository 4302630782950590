// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "wire/StatsTypes.h"

#include "codec/TaskJson.h"

#include <QJsonArray>

#include <optional>

using namespace Qt::StringLiterals;

namespace taskmill {

namespace {

// Reads fields of one object and keeps the first failure, so a parser reads straight through and checks
// once at the end. Child readers (array elements, nested objects) report into the same slot with their path.
class Reader
{
public:
    Reader(const QJsonObject &o, std::optional<ApiError> &error, QString prefix = {})
        : m_o(o), m_error(error), m_prefix(std::move(prefix))
    {
    }

    bool ok() const { return !m_error.has_value(); }
    QString path(const QString &key) const { return m_prefix.isEmpty() ? key : m_prefix + u'.' + key; }
    Reader child(const QJsonObject &o, const QString &path) const { return Reader(o, m_error, path); }

    void fail(const QString &key, const QString &what)
    {
        if (!m_error)
            m_error = ApiError::badRequest(u"%1 must be %2"_s.arg(path(key), what), path(key));
    }

    qint64 integer(const QString &key, bool required = true)
    {
        const QJsonValue v = m_o.value(key);
        if (v.isUndefined() && !required)
            return 0;
        // Counts and times are integers well inside 2^53: a fraction or a negative value is a broken answer.
        if (!v.isDouble() || v.toDouble() < 0 || v.toDouble() != double(v.toInteger()))
            fail(key, u"a non-negative integer"_s);
        return v.toInteger();
    }

    QString string(const QString &key, bool nullable = false)
    {
        const QJsonValue v = m_o.value(key);
        if (v.isString() || (nullable && (v.isNull() || v.isUndefined())))
            return v.toString();
        fail(key, u"a string"_s);
        return {};
    }

    QDateTime time(const QString &key, bool nullable = false)
    {
        const QJsonValue v = m_o.value(key);
        if (nullable && (v.isNull() || v.isUndefined()))
            return {};
        const QDateTime t = parseTimestamp(v.toString());
        if (!v.isString() || !t.isValid())
            fail(key, u"an RFC 3339 timestamp"_s);
        return t;
    }

    QUuid uuid(const QString &key, bool nullable = false)
    {
        const QJsonValue v = m_o.value(key);
        if (nullable && (v.isNull() || v.isUndefined()))
            return {};
        const QUuid id = QUuid::fromString(v.toString());
        if (!v.isString() || id.isNull())
            fail(key, u"a UUID"_s);
        return id;
    }

    bool boolean(const QString &key)
    {
        const QJsonValue v = m_o.value(key);
        if (!v.isBool())
            fail(key, u"true or false"_s);
        return v.toBool();
    }

    Priority priority(const QString &key)
    {
        const std::optional<Priority> p = priorityFromString(m_o.value(key).toString());
        if (!p)
            fail(key, u"LOW, MEDIUM or HIGH"_s);
        return p.value_or(Priority::Medium);
    }

    QJsonObject object(const QString &key)
    {
        const QJsonValue v = m_o.value(key);
        if (!v.isObject())
            fail(key, u"an object"_s);
        return v.toObject();
    }

    // Calls `element(reader)` for every element, which must be an object.
    template<typename F>
    void each(const QString &key, F &&element)
    {
        const QJsonValue v = m_o.value(key);
        if (!v.isArray()) {
            fail(key, u"an array"_s);
            return;
        }
        const QJsonArray a = v.toArray();
        for (qsizetype i = 0; i < a.size() && ok(); ++i) {
            const QString at = u"%1[%2]"_s.arg(path(key)).arg(i);
            if (!a.at(i).isObject()) {
                if (!m_error)
                    m_error = ApiError::badRequest(u"%1 must be an object"_s.arg(at), at);
                return;
            }
            Reader r(a.at(i).toObject(), m_error, at);
            element(r);
        }
    }

private:
    QJsonObject m_o;
    std::optional<ApiError> &m_error;
    QString m_prefix;
};

template<typename T>
Result<T> finish(T value, const std::optional<ApiError> &error)
{
    if (error)
        return *error;
    return value;
}

PendingEntry readPendingEntry(Reader &r)
{
    PendingEntry e;
    e.priority = r.priority(u"priority"_s);
    e.entry = r.string(u"entry"_s);
    e.consumer = r.string(u"consumer"_s);
    e.taskId = r.uuid(u"task_id"_s, true);
    e.idleMs = r.integer(u"idle_ms"_s);
    e.deliveries = r.integer(u"deliveries"_s);
    return e;
}

WorkerInfo readWorker(Reader &r)
{
    WorkerInfo w;
    w.consumer = r.string(u"consumer"_s);
    w.host = r.string(u"host"_s);
    w.pid = int(r.integer(u"pid"_s));
    w.threads = int(r.integer(u"threads"_s));
    w.startedAt = r.time(u"started_at"_s);
    w.heartbeatAt = r.time(u"heartbeat_at"_s);
    r.each(u"running"_s, [&w](Reader &t) {
        w.running.append({t.uuid(u"id"_s), t.string(u"type"_s), t.string(u"title"_s), t.time(u"started_at"_s, true)});
    });
    return w;
}

QJsonArray toJsonArray(const QList<PendingEntry> &entries)
{
    QJsonArray a;
    for (const PendingEntry &e : entries)
        a.append(e.toJson());
    return a;
}

} // namespace

QJsonObject PendingEntry::toJson() const
{
    return QJsonObject{{u"priority"_s, toString(priority)},
                       {u"entry"_s, entry},
                       {u"consumer"_s, consumer},
                       {u"task_id"_s, taskId.isNull() ? QJsonValue() : QJsonValue(taskId.toString(QUuid::WithoutBraces))},
                       {u"idle_ms"_s, idleMs},
                       {u"deliveries"_s, deliveries}};
}

Result<PendingEntry> PendingEntry::fromJson(const QJsonObject &o)
{
    std::optional<ApiError> error;
    Reader r(o, error);
    return finish(readPendingEntry(r), error);
}

QJsonObject WorkerInfo::toJson() const
{
    QJsonArray tasks;
    for (const RunningTask &t : running)
        tasks.append(QJsonObject{{u"id"_s, t.id.toString(QUuid::WithoutBraces)},
                                 {u"type"_s, t.type},
                                 {u"title"_s, t.title},
                                 {u"started_at"_s, t.startedAt.isValid() ? QJsonValue(formatTimestamp(t.startedAt)) : QJsonValue()}});
    return QJsonObject{{u"consumer"_s, consumer},
                       {u"host"_s, host},
                       {u"pid"_s, pid},
                       {u"threads"_s, threads},
                       {u"started_at"_s, formatTimestamp(startedAt)},
                       {u"heartbeat_at"_s, formatTimestamp(heartbeatAt)},
                       {u"running"_s, tasks},
                       {u"kind"_s, kind},
                       {u"types"_s, QJsonArray::fromStringList(types)}};
}

Result<WorkerInfo> WorkerInfo::fromJson(const QJsonObject &o)
{
    std::optional<ApiError> error;
    Reader r(o, error);
    WorkerInfo w = readWorker(r);
    // Optional: servers before external workers send neither.
    if (o.value(u"kind"_s).isString())
        w.kind = o.value(u"kind"_s).toString();
    for (const QJsonValue &t : o.value(u"types"_s).toArray())
        w.types.append(t.toString());
    return finish(std::move(w), error);
}

qint64 StatsSnapshot::countOf(Status s) const
{
    qint64 n = 0;
    for (qint64 c : counts[size_t(s)])
        n += c;
    return n;
}

QJsonObject StatsSnapshot::toJson() const
{
    QJsonObject byStatus;
    for (Status s : allStatuses()) {
        QJsonObject byPriority;
        for (Priority p : allPriorities())
            byPriority.insert(toString(p), count(s, p));
        byStatus.insert(toString(s), byPriority);
    }
    QJsonObject queueObject;
    if (redisUp)
        for (Priority p : allPriorities())
            queueObject.insert(toString(p), QJsonObject{{u"length"_s, queue(p).length},
                                                        {u"waiting"_s, queue(p).waiting},
                                                        {u"pending"_s, queue(p).pending}});
    QJsonArray estimatedArray;
    for (Status st : allStatuses())
        if (estimated.contains(st))
            estimatedArray.append(toString(st));
    QJsonArray workerArray;
    for (const WorkerInfo &w : workers)
        workerArray.append(w.toJson());
    return QJsonObject{{u"counts"_s, byStatus},
                       {u"counts_exact"_s, estimated.isEmpty()},
                       {u"counts_estimated"_s, estimatedArray},
                       {u"last_minute"_s, QJsonObject{{u"completed"_s, completedLastMinute},
                                                      {u"failed"_s, failedLastMinute},
                                                      {u"retried"_s, retriedLastMinute}}},
                       {u"workers"_s, workerArray},
                       {u"queues"_s, queueObject},
                       {u"pending"_s, toJsonArray(pending)},
                       {u"redis"_s, redisUp ? u"up"_s : u"down"_s},
                       {u"visibility_timeout_ms"_s, visibilityTimeoutMs},
                       {u"pauses"_s, pauses.toJson()}};
}

Result<StatsSnapshot> StatsSnapshot::fromJson(const QJsonObject &o)
{
    std::optional<ApiError> error;
    Reader r(o, error);
    StatsSnapshot s;
    // A status or priority the server does not list has no tasks / no stream yet.
    const QJsonObject counts = r.object(u"counts"_s);
    Reader countReader = r.child(counts, r.path(u"counts"_s));
    for (Status status : allStatuses()) {
        if (!counts.contains(toString(status)))
            continue;
        Reader byPriority = r.child(countReader.object(toString(status)), countReader.path(toString(status)));
        for (Priority p : allPriorities())
            s.setCount(status, p, byPriority.integer(toString(p), false));
    }
    // Older servers send neither key: every count exact.
    for (const QJsonValue &v : o.value(u"counts_estimated"_s).toArray())
        if (const auto st = statusFromString(v.toString()))
            s.estimated.insert(*st);
    const QString redis = r.string(u"redis"_s);
    if (r.ok() && redis != u"up" && redis != u"down")
        r.fail(u"redis"_s, u"\"up\" or \"down\""_s);
    s.redisUp = redis == u"up";
    const QJsonObject queues = r.object(u"queues"_s);
    Reader queueReader = r.child(queues, r.path(u"queues"_s));
    for (Priority p : allPriorities()) {
        if (!queues.contains(toString(p)))
            continue;
        Reader depth = r.child(queueReader.object(toString(p)), queueReader.path(toString(p)));
        s.queues[size_t(p)] = {depth.integer(u"length"_s), depth.integer(u"waiting"_s), depth.integer(u"pending"_s)};
    }
    r.each(u"pending"_s, [&s](Reader &e) { s.pending.append(readPendingEntry(e)); });
    r.each(u"workers"_s, [&s](Reader &w) { s.workers.append(readWorker(w)); });
    Reader lastMinute = r.child(r.object(u"last_minute"_s), r.path(u"last_minute"_s));
    s.completedLastMinute = lastMinute.integer(u"completed"_s);
    s.failedLastMinute = lastMinute.integer(u"failed"_s);
    s.retriedLastMinute = lastMinute.integer(u"retried"_s, false);
    s.visibilityTimeoutMs = r.integer(u"visibility_timeout_ms"_s, false);
    // Servers before pauses send no key: nothing is paused.
    if (const QJsonValue v = o.value(u"pauses"_s); r.ok() && !v.isUndefined()) {
        if (!v.isArray()) {
            r.fail(u"pauses"_s, u"an array"_s);
        } else if (Result<PauseSet> pauses = PauseSet::fromJson(v.toArray()); pauses) {
            s.pauses = *pauses;
        } else {
            // PauseSet names the element as items[i].field; here the array is "pauses".
            const QString field = pauses.error().field.isEmpty() ? u"pauses"_s
                                                                 : u"pauses"_s + pauses.error().field.mid(qsizetype(5));
            error = ApiError::badRequest(pauses.error().message, field);
        }
    }
    return finish(std::move(s), error);
}

QJsonObject ThroughputHistory::toJson() const
{
    QJsonArray a;
    for (const ThroughputBucket &b : buckets)
        a.append(QJsonObject{{u"start"_s, formatTimestamp(b.start)},
                             {u"completed"_s, b.completed},
                             {u"failed"_s, b.failed},
                             {u"cancelled"_s, b.cancelled}});
    return QJsonObject{{u"step"_s, stepSeconds}, {u"from"_s, formatTimestamp(from)}, {u"to"_s, formatTimestamp(to)},
                       {u"buckets"_s, a}};
}

Result<ThroughputHistory> ThroughputHistory::fromJson(const QJsonObject &o)
{
    std::optional<ApiError> error;
    Reader r(o, error);
    ThroughputHistory h;
    h.stepSeconds = int(r.integer(u"step"_s));
    if (r.ok() && (h.stepSeconds < 1 || h.stepSeconds > MaxStepSeconds))
        r.fail(u"step"_s, u"from 1 to %1"_s.arg(MaxStepSeconds));
    h.from = r.time(u"from"_s);
    h.to = r.time(u"to"_s);
    r.each(u"buckets"_s, [&h](Reader &b) {
        h.buckets.append({b.time(u"start"_s), b.integer(u"completed"_s), b.integer(u"failed"_s),
                          b.integer(u"cancelled"_s, false)});
    });
    return finish(std::move(h), error);
}

QJsonObject PendingReport::toJson() const
{
    QJsonArray consumerArray;
    for (const ConsumerPending &c : consumers)
        consumerArray.append(QJsonObject{{u"consumer"_s, c.consumer},
                                         {u"pending"_s, c.pending},
                                         {u"max_idle_ms"_s, c.maxIdleMs},
                                         {u"alive"_s, c.alive}});
    return QJsonObject{{u"visibility_timeout_ms"_s, visibilityTimeoutMs},
                       {u"total"_s, total},
                       {u"truncated"_s, truncated},
                       {u"consumers"_s, consumerArray},
                       {u"entries"_s, toJsonArray(entries)}};
}

Result<PendingReport> PendingReport::fromJson(const QJsonObject &o)
{
    std::optional<ApiError> error;
    Reader r(o, error);
    PendingReport p;
    p.visibilityTimeoutMs = r.integer(u"visibility_timeout_ms"_s);
    p.total = r.integer(u"total"_s);
    p.truncated = r.boolean(u"truncated"_s);
    r.each(u"consumers"_s, [&p](Reader &c) {
        p.consumers.append({c.string(u"consumer"_s), c.integer(u"pending"_s), c.integer(u"max_idle_ms"_s, false),
                            c.boolean(u"alive"_s)});
    });
    r.each(u"entries"_s, [&p](Reader &e) { p.entries.append(readPendingEntry(e)); });
    return finish(std::move(p), error);
}

QJsonObject TaskNotification::toJson() const
{
    return QJsonObject{{u"operation"_s, operation == Operation::Update ? u"UPDATE"_s : u"INSERT"_s},
                       {u"id"_s, id.toString(QUuid::WithoutBraces)},
                       {u"description"_s, description},
                       {u"created_at"_s, formatTimestamp(createdAt)},
                       {u"completed_at"_s,
                        completedAt.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(formatTimestamp(completedAt))},
                       {u"trace_id"_s, traceId},
                       {u"span_id"_s, spanId}};
}

} // namespace taskmill
