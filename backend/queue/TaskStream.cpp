// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "queue/TaskStream.h"

namespace taskmill {

TaskStream::TaskStream(RedisConnection &connection, QByteArray prefix)
    : m_conn(connection), m_prefix(std::move(prefix))
{
}

QByteArray TaskStream::streamName(Priority p, const QString &lane) const
{
    const QByteArray priority = toString(p).toLower().toLatin1();
    if (lane.isEmpty())
        return m_prefix + ":tasks:" + priority;
    return m_prefix + ":type:" + lane.toUtf8() + ':' + priority;
}

Priority TaskStream::priorityOf(const QByteArray &stream) const
{
    const QByteArray last = stream.mid(stream.lastIndexOf(':') + 1);
    for (Priority p : allPriorities())
        if (last == toString(p).toLower().toLatin1())
            return p;
    return Priority::Medium;
}

QString TaskStream::laneOf(const QByteArray &stream) const
{
    const QByteArray typed = m_prefix + ":type:";
    if (!stream.startsWith(typed))
        return {};
    const QByteArray rest = stream.mid(typed.size());
    return QString::fromUtf8(rest.left(rest.lastIndexOf(':')));
}

RedisResult<bool> TaskStream::ensureGroups()
{
    for (Priority p : allPriorities()) {
        // Id 0: a group created after entries were added (Redis restarted from AOF) still sees them.
        auto r = m_conn.command({"XGROUP", "CREATE", streamName(p), groupName(), "0", "MKSTREAM"});
        if (!r && !(r.error().kind == RedisError::Kind::Reply && r.error().message.startsWith(QLatin1String("BUSYGROUP"))))
            return r.error();
    }
    return true;
}

StreamEntry TaskStream::parseEntry(Priority p, const RedisValue &entry)
{
    StreamEntry e{p, entry.elements.value(0).string, {}, {}, {}};
    const auto fields = entry.elements.value(1).elements;
    for (qsizetype i = 0; i + 1 < fields.size(); i += 2) {
        if (fields.at(i).string == "id")
            e.taskId = QUuid::fromString(QLatin1String(fields.at(i + 1).string));
        else if (fields.at(i).string == "task")
            e.taskJson = fields.at(i + 1).string;
    }
    return e;
}

RedisResult<QList<QByteArray>> TaskStream::add(const QList<TaskRef> &tasks, const QList<QByteArray> &taskJson)
{
    QList<QList<QByteArray>> cmds;
    cmds.reserve(tasks.size());
    for (qsizetype i = 0; i < tasks.size(); ++i) {
        const TaskRef &t = tasks.at(i);
        QList<QByteArray> cmd{"XADD", streamName(t.priority, t.lane), "*", "id", t.id.toByteArray(QUuid::WithoutBraces)};
        if (i < taskJson.size())
            cmd << "task" << taskJson.at(i);
        cmds.append(cmd);
    }
    auto replies = m_conn.pipeline(cmds);
    if (!replies)
        return replies.error();
    QList<QByteArray> ids;
    for (const RedisValue &v : *replies) {
        if (v.type != RedisValue::Type::String)
            return RedisError{RedisError::Kind::Reply, QString::fromUtf8(v.string)};
        ids.append(v.string);
    }
    return ids;
}

RedisResult<QList<StreamEntry>> TaskStream::readGroup(const QList<QByteArray> &args)
{
    // A blocking read may take its whole BLOCK time: the connection's timeout gets that plus a margin.
    auto r = m_conn.command(args, args.contains("BLOCK") ? args.at(args.indexOf("BLOCK") + 1).toInt() + BlockMarginMs : -1);
    if (!r && r.error().kind == RedisError::Kind::Reply && r.error().message.startsWith(QLatin1String("NOGROUP"))) {
        // Redis lost its data (restart without persistence, FLUSHALL): recreate and read again.
        auto g = ensureGroups();
        if (!g)
            return g.error();
        r = m_conn.command(args);
    }
    if (!r)
        return r.error();
    QList<StreamEntry> out;
    for (const RedisValue &stream : r->elements) {
        if (stream.elements.size() < 2)
            continue;
        const Priority p = priorityOf(stream.elements.at(0).string);
        const QString lane = laneOf(stream.elements.at(0).string);
        for (const RedisValue &entry : stream.elements.at(1).elements) {
            if (entry.elements.size() < 2)
                continue;
            StreamEntry e = parseEntry(p, entry);
            e.lane = lane;
            out.append(e);
        }
    }
    return out;
}

RedisResult<QList<StreamEntry>> TaskStream::read(const QByteArray &consumer, Priority p, int count)
{
    return readGroup({"XREADGROUP", "GROUP", groupName(), consumer, "COUNT", QByteArray::number(count), "STREAMS",
                      streamName(p), ">"});
}

RedisResult<QList<StreamEntry>> TaskStream::readAny(const QByteArray &consumer, int blockMs, const QStringList &lanes,
                                                   const QList<Priority> &priorities)
{
    QList<QByteArray> streams;
    for (Priority p : priorities) {
        streams << streamName(p);
        for (const QString &lane : lanes)
            streams << streamName(p, lane);
    }
    if (streams.isEmpty())
        return QList<StreamEntry>{};
    return blockingRead(consumer, 1, blockMs, streams);
}

RedisResult<QList<StreamEntry>> TaskStream::blockingRead(const QByteArray &consumer, int count, int blockMs,
                                                        const QList<QByteArray> &streams)
{
    QList<QByteArray> args{"XREADGROUP", "GROUP", groupName(), consumer, "COUNT", QByteArray::number(count), "BLOCK",
                           QByteArray::number(blockMs), "STREAMS"};
    args += streams;
    for (qsizetype i = 0; i < streams.size(); ++i)
        args << ">";
    return readGroup(args);
}

RedisResult<bool> TaskStream::requeue(const QList<StreamEntry> &entries, const QHash<QUuid, QString> &laneOf)
{
    if (entries.isEmpty())
        return true;
    // The new entries first: a failure between the two steps leaves a duplicate (harmless, the claim fences
    // it), never a task in no stream.
    QList<TaskRef> again;
    for (const StreamEntry &e : entries)
        again.append({e.taskId, e.priority, laneOf.value(e.taskId, e.lane)});
    auto added = add(again);
    if (!added)
        return added.error();
    return ack(entries);
}

RedisResult<bool> TaskStream::ensureLaneGroups(const QStringList &lanes)
{
    QList<QList<QByteArray>> cmds;
    for (const QString &lane : lanes)
        for (Priority p : allPriorities())
            cmds.append({"XGROUP", "CREATE", streamName(p, lane), groupName(), "0", "MKSTREAM"});
    auto replies = m_conn.pipeline(cmds);
    if (!replies)
        return replies.error();
    for (const RedisValue &v : *replies)
        if (v.type == RedisValue::Type::Error && !v.string.startsWith("BUSYGROUP"))
            return RedisError{RedisError::Kind::Reply, QString::fromUtf8(v.string)};
    return true;
}

RedisResult<QList<StreamEntry>> TaskStream::readLanes(const QByteArray &consumer, const QStringList &lanes, int count, int blockMs,
                                                     const QList<Priority> &priorities)
{
    // Highest priority first, without blocking: HIGH of every lane, then MEDIUM, then LOW.
    QList<StreamEntry> out;
    if (lanes.isEmpty() || priorities.isEmpty())
        return out;
    for (Priority p : priorities) {
        QList<QByteArray> args{"XREADGROUP", "GROUP", groupName(), consumer, "COUNT", QByteArray::number(count - out.size()), "STREAMS"};
        for (const QString &lane : lanes)
            args << streamName(p, lane);
        for (qsizetype i = 0; i < lanes.size(); ++i)
            args << ">";
        auto got = readGroup(args);
        if (!got)
            return got.error();
        out += *got;
        if (out.size() >= count)
            return out;
    }
    if (!out.isEmpty() || blockMs <= 0)
        return out;
    // Nothing ready: wait on every stream of every lane; the first entry anywhere answers.
    QList<QByteArray> streams;
    for (Priority p : priorities)
        for (const QString &lane : lanes)
            streams << streamName(p, lane);
    return blockingRead(consumer, count, blockMs, streams);
}

RedisResult<QList<bool>> TaskStream::existIn(const QList<QPair<QByteArray, QByteArray>> &streamIds)
{
    QList<QList<QByteArray>> cmds;
    for (const auto &[stream, id] : streamIds)
        cmds.append({"XRANGE", stream, id, id});
    QList<bool> out;
    if (cmds.isEmpty())
        return out;
    auto replies = m_conn.pipeline(cmds);
    if (!replies)
        return replies.error();
    for (const RedisValue &v : *replies)
        out.append(v.type == RedisValue::Type::Array && !v.elements.isEmpty());
    return out;
}

RedisResult<bool> TaskStream::ack(const QList<StreamEntry> &entries)
{
    if (entries.isEmpty())
        return true;
    QList<QList<QByteArray>> cmds;
    for (const StreamEntry &e : entries) {
        cmds.append({"XACK", streamName(e.priority, e.lane), groupName(), e.entryId});
        cmds.append({"XDEL", streamName(e.priority, e.lane), e.entryId});
    }
    auto r = m_conn.pipeline(cmds);
    if (!r)
        return r.error();
    return true;
}

RedisResult<QList<StreamEntry>> TaskStream::autoClaim(const QByteArray &consumer, Priority p, int minIdleMs, int count,
                                                      const QString &lane)
{
    auto r = m_conn.command({"XAUTOCLAIM", streamName(p, lane), groupName(), consumer, QByteArray::number(minIdleMs), "0-0",
                             "COUNT", QByteArray::number(count)});
    if (!r)
        return r.error();
    // [next-start-id, [[id, [field, value…]]…], [deleted ids…]]
    QList<StreamEntry> out;
    if (r->elements.size() < 2)
        return out;
    for (const RedisValue &entry : r->elements.at(1).elements) {
        if (entry.elements.size() < 2)
            continue;
        StreamEntry e = parseEntry(p, entry);
        e.lane = lane;
        if (!e.taskId.isNull())
            out.append(e);
    }
    return out;
}

RedisResult<QList<StreamEntry>> TaskStream::ownPending(const QByteArray &consumer, Priority p, int count, const QString &lane)
{
    return readGroup({"XREADGROUP", "GROUP", groupName(), consumer, "COUNT", QByteArray::number(count), "STREAMS",
                      streamName(p, lane), "0"});
}

RedisResult<bool> TaskStream::touch(const QByteArray &consumer, const QList<StreamEntry> &entries)
{
    // One XCLAIM per stream the entries were read from (a priority's built-in stream or a type's lane).
    QHash<QByteArray, QList<QByteArray>> byStream;
    QList<QByteArray> order;
    for (const StreamEntry &e : entries) {
        const QByteArray name = streamName(e.priority, e.lane);
        if (!byStream.contains(name))
            order.append(name);
        byStream[name].append(e.entryId);
    }
    QList<QList<QByteArray>> cmds;
    for (const QByteArray &name : std::as_const(order)) {
        QList<QByteArray> cmd{"XCLAIM", name, groupName(), consumer, "0"};
        cmd += byStream.value(name);
        cmd.append("JUSTID");
        cmds.append(cmd);
    }
    if (cmds.isEmpty())
        return true;
    auto r = m_conn.pipeline(cmds);
    if (!r)
        return r.error();
    return true;
}

RedisResult<QList<StreamEntry>> TaskStream::entries(const QList<QPair<Priority, QByteArray>> &ids)
{
    QList<QList<QByteArray>> cmds;
    for (const auto &[p, id] : ids)
        cmds.append({"XRANGE", streamName(p), id, id});
    QList<StreamEntry> out;
    if (cmds.isEmpty())
        return out;
    auto r = m_conn.pipeline(cmds);
    if (!r)
        return r.error();
    for (qsizetype i = 0; i < r->size(); ++i) {
        const RedisValue &v = r->at(i);
        const Priority p = ids.at(i).first;
        out.append(v.type == RedisValue::Type::Array && !v.elements.isEmpty() ? parseEntry(p, v.elements.first())
                                                                             : StreamEntry{p, {}, {}, {}, {}});
    }
    return out;
}

RedisResult<QList<bool>> TaskStream::exist(const QList<QPair<Priority, QByteArray>> &ids)
{
    auto found = entries(ids);
    if (!found)
        return found.error();
    QList<bool> out;
    for (const StreamEntry &e : std::as_const(*found))
        out.append(!e.entryId.isEmpty());
    return out;
}

RedisResult<qint64> TaskStream::waitForReplicas(int replicas, int timeoutMs)
{
    auto r = m_conn.command({"WAIT", QByteArray::number(replicas), QByteArray::number(timeoutMs)}, timeoutMs + BlockMarginMs);
    if (!r)
        return r.error();
    return r->integer;
}

} // namespace taskmill
