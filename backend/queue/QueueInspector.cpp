// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "queue/QueueInspector.h"

#include <QMap>

#include <algorithm>

namespace taskmill {

namespace {

// XPENDING extended form: [entry id, consumer, idle ms, deliveries] per entry. An error reply (NOGROUP)
// has no elements, so it lists nothing.
void appendEntries(QList<PendingEntry> &out, Priority p, const RedisValue &reply)
{
    for (const RedisValue &e : reply.elements)
        out.append({p, QString::fromLatin1(e.elements.value(0).string), QString::fromUtf8(e.elements.value(1).string), {},
                    e.elements.value(2).integer, e.elements.value(3).integer});
}

// XPENDING summary form: [count, smallest id, greatest id, [[consumer, count], …]]; 0 for an error reply.
qint64 pendingCount(const RedisValue &summary)
{
    return summary.type == RedisValue::Type::Array ? summary.elements.value(0).integer : 0;
}

} // namespace

QueueInspector::QueueInspector(RedisConnection &connection, QByteArray prefix)
    : m_conn(connection), m_stream(connection, std::move(prefix))
{
}

RedisResult<QueueInspector::Depths> QueueInspector::depths()
{
    const QList<Priority> priorities = allPriorities();
    QList<QList<QByteArray>> cmds;
    for (Priority p : priorities) {
        cmds.append({"XLEN", m_stream.streamName(p)});
        cmds.append({"XPENDING", m_stream.streamName(p), m_stream.groupName()});
    }
    auto replies = m_conn.pipeline(cmds);
    if (!replies)
        return replies.error();
    Depths out{};
    for (qsizetype i = 0; i < priorities.size(); ++i) {
        const RedisValue &len = replies->at(2 * i);
        if (len.type == RedisValue::Type::Error)
            return RedisError{RedisError::Kind::Reply, QString::fromUtf8(len.string)};
        const qint64 pending = pendingCount(replies->at(2 * i + 1));
        // An entry deleted while still pending counts in the group but not in the stream.
        out[size_t(priorities.at(i))] = {len.integer, std::max<qint64>(0, len.integer - pending), pending};
    }
    return out;
}

QList<QByteArray> QueueInspector::pendingCommand(Priority p, const PendingFilter &filter) const
{
    QList<QByteArray> cmd{"XPENDING", m_stream.streamName(p), m_stream.groupName()};
    if (filter.minIdleMs > 0)
        cmd << "IDLE" << QByteArray::number(filter.minIdleMs);
    cmd << "-" << "+" << QByteArray::number(filter.limit);
    if (!filter.consumer.isEmpty())
        cmd.append(filter.consumer.toUtf8());
    return cmd;
}

RedisResult<QList<PendingEntry>> QueueInspector::pendingEntries(const PendingFilter &filter)
{
    const QList<Priority> priorities = allPriorities();
    QList<QList<QByteArray>> cmds;
    for (Priority p : priorities)
        cmds.append(pendingCommand(p, filter));
    auto replies = m_conn.pipeline(cmds);
    if (!replies)
        return replies.error();
    QList<PendingEntry> out;
    for (qsizetype i = 0; i < priorities.size(); ++i)
        appendEntries(out, priorities.at(i), replies->at(i));
    return out;
}

RedisResult<PendingReport> QueueInspector::pendingReport(const PendingFilter &filter)
{
    const QList<Priority> priorities = allPriorities();
    QList<QList<QByteArray>> cmds;
    for (Priority p : priorities) {
        cmds.append({"XPENDING", m_stream.streamName(p), m_stream.groupName()});
        cmds.append(pendingCommand(p, filter));
    }
    auto replies = m_conn.pipeline(cmds);
    if (!replies)
        return replies.error();

    PendingReport report;
    QMap<QString, ConsumerPending> consumers;
    for (qsizetype i = 0; i < priorities.size(); ++i) {
        const RedisValue &summary = replies->at(2 * i);
        const RedisValue &entries = replies->at(2 * i + 1);
        report.total += pendingCount(summary);
        // [[consumer, "count"], …]; counts come as bulk strings in RESP2.
        for (const RedisValue &c : summary.elements.value(3).elements) {
            ConsumerPending &cp = consumers[QString::fromUtf8(c.elements.value(0).string)];
            cp.consumer = QString::fromUtf8(c.elements.value(0).string);
            cp.pending += c.elements.value(1).string.toLongLong();
        }
        if (entries.type == RedisValue::Type::Array && entries.elements.size() >= filter.limit)
            report.truncated = true;
        appendEntries(report.entries, priorities.at(i), entries);
    }
    std::stable_sort(report.entries.begin(), report.entries.end(),
                     [](const PendingEntry &a, const PendingEntry &b) { return a.idleMs > b.idleMs; });
    for (const PendingEntry &e : std::as_const(report.entries))
        if (auto it = consumers.find(e.consumer); it != consumers.end())
            it->maxIdleMs = std::max(it->maxIdleMs, e.idleMs);
    if (report.entries.size() > filter.limit) {
        report.truncated = true;
        report.entries.resize(filter.limit);
    }
    report.consumers = consumers.values();

    // The task behind each listed entry; an entry deleted meanwhile has none.
    QList<QPair<Priority, QByteArray>> ids;
    for (const PendingEntry &e : std::as_const(report.entries))
        ids.append({e.priority, e.entry.toLatin1()});
    auto found = m_stream.entries(ids);
    if (!found)
        return found.error();
    for (qsizetype i = 0; i < report.entries.size(); ++i)
        report.entries[i].taskId = found->at(i).taskId;
    return report;
}

} // namespace taskmill
