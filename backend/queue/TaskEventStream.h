// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "model/TaskEvent.h"
#include "queue/RedisConnection.h"

namespace taskmill {

// The Redis stream of task events (`<prefix>:events`). Entry ids are "<revision>-0", so a revision is
// found by id and the stream is ordered by revision. It keeps about `retain` recent events; a client
// asking for older ones is told to reload a snapshot (410).
class TaskEventStream final
{
public:
    TaskEventStream(RedisConnection &connection, QByteArray prefix);

    QByteArray name() const { return m_prefix + ":events"; }

    // Appends events (revisions must continue the stream); `cursors` go along so a new leader can resume.
    RedisResult<bool> publish(const QList<TaskEvent> &events, const QList<QByteArray> &cursors, int retain);
    // Events with revision > since, at most `limit`.
    RedisResult<QList<TaskEvent>> after(qint64 since, int limit);
    // Waits up to blockMs for events after `since`.
    RedisResult<QList<TaskEvent>> waitAfter(qint64 since, int limit, int blockMs);
    // Revision of the oldest and newest retained events (0, 0 when empty) and the newest's cursor field.
    struct Bounds
    {
        qint64 oldest = 0;
        qint64 newest = 0;
        QByteArray newestCursor;
    };
    RedisResult<Bounds> bounds();

private:
    static QList<TaskEvent> parse(const QList<RedisValue> &entries);

    RedisConnection &m_conn;
    QByteArray m_prefix;
};

} // namespace taskmill
