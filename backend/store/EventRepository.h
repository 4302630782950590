// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/Result.h"
#include "model/TaskEvent.h"

#include <QSqlDatabase>

namespace taskmill {

// Position of the notifier in the outbox (task_history): the last published row, by (xid, id), and the
// revision it was given.
struct EventCursor
{
    QString xid = QStringLiteral("0"); // xid8 as text
    qint64 id = 0;
    qint64 revision = 0;
};

struct OutboxRow
{
    TaskEvent event; // revision not yet assigned
    QString xid;
    qint64 id = 0;
};

// SQL for the notifier: reads committed history rows in commit-safe order and keeps the cursor.
class EventRepository final
{
public:
    explicit EventRepository(QSqlDatabase db) : m_db(std::move(db)) {}

    // Leadership: one publisher at a time (session advisory lock, released when the connection closes).
    Result<bool> tryLead();
    Result<EventCursor> cursor();
    Result<Unit> saveCursor(const EventCursor &cursor);
    // Rows after `after` from transactions that finished before every transaction still running, so no
    // row can later appear before them; in (xid, id) order.
    Result<QList<OutboxRow>> nextRows(const EventCursor &after, int limit);

private:
    QSqlDatabase m_db;
};

} // namespace taskmill
