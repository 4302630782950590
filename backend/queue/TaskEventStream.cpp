// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "queue/TaskEventStream.h"

#include "queue/TaskStream.h"

#include <QJsonDocument>

namespace taskmill {

TaskEventStream::TaskEventStream(RedisConnection &connection, QByteArray prefix) : m_conn(connection), m_prefix(std::move(prefix)) {}

RedisResult<bool> TaskEventStream::publish(const QList<TaskEvent> &events, const QList<QByteArray> &cursors, int retain)
{
    QList<QList<QByteArray>> cmds;
    for (qsizetype i = 0; i < events.size(); ++i)
        cmds.append({"XADD", name(), "MAXLEN", "~", QByteArray::number(retain), QByteArray::number(events.at(i).revision) + "-0",
                     "event", QJsonDocument(events.at(i).toJson()).toJson(QJsonDocument::Compact), "cursor", cursors.value(i)});
    auto r = m_conn.pipeline(cmds);
    if (!r)
        return r.error();
    for (const RedisValue &v : *r)
        if (v.type == RedisValue::Type::Error)
            return RedisError{RedisError::Kind::Reply, QString::fromUtf8(v.string)};
    return true;
}

QList<TaskEvent> TaskEventStream::parse(const QList<RedisValue> &entries)
{
    QList<TaskEvent> out;
    for (const RedisValue &entry : entries) {
        const auto fields = entry.elements.value(1).elements;
        for (qsizetype i = 0; i + 1 < fields.size(); i += 2)
            if (fields.at(i).string == "event")
                if (auto e = TaskEvent::fromJson(QJsonDocument::fromJson(fields.at(i + 1).string).object()))
                    out.append(*e);
    }
    return out;
}

RedisResult<QList<TaskEvent>> TaskEventStream::after(qint64 since, int limit)
{
    auto r = m_conn.command({"XRANGE", name(), QByteArray::number(since + 1) + "-0", "+", "COUNT", QByteArray::number(limit)});
    if (!r)
        return r.error();
    return parse(r->elements);
}

RedisResult<QList<TaskEvent>> TaskEventStream::waitAfter(qint64 since, int limit, int blockMs)
{
    auto r = m_conn.command({"XREAD", "COUNT", QByteArray::number(limit), "BLOCK", QByteArray::number(blockMs), "STREAMS",
                             name(), QByteArray::number(since) + "-0"},
                            blockMs + TaskStream::BlockMarginMs);
    if (!r)
        return r.error();
    if (r->isNil() || r->elements.isEmpty())
        return QList<TaskEvent>{};
    return parse(r->elements.at(0).elements.value(1).elements);
}

RedisResult<TaskEventStream::Bounds> TaskEventStream::bounds()
{
    auto r = m_conn.pipeline({{"XRANGE", name(), "-", "+", "COUNT", "1"}, {"XREVRANGE", name(), "+", "-", "COUNT", "1"}});
    if (!r)
        return r.error();
    Bounds b;
    auto revisionOf = [](const RedisValue &reply) -> qint64 {
        if (reply.elements.isEmpty())
            return 0;
        const QByteArray id = reply.elements.at(0).elements.value(0).string;
        return id.left(id.indexOf('-')).toLongLong();
    };
    b.oldest = revisionOf(r->at(0));
    b.newest = revisionOf(r->at(1));
    if (!r->at(1).elements.isEmpty()) {
        const auto fields = r->at(1).elements.at(0).elements.value(1).elements;
        for (qsizetype i = 0; i + 1 < fields.size(); i += 2)
            if (fields.at(i).string == "cursor")
                b.newestCursor = fields.at(i + 1).string;
    }
    return b;
}

} // namespace taskmill
