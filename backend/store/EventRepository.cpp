// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "store/EventRepository.h"

#include "store/Database.h"
#include "store/TaskRow.h"

#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace taskmill {

namespace {
constexpr qint64 NotifierLockKey = 0x746d2d6e6f746966; // "tm-notif"
}

Result<bool> EventRepository::tryLead()
{
    QSqlQuery q(m_db);
    if (!q.exec(u"SELECT pg_try_advisory_lock(%1)"_s.arg(NotifierLockKey)) || !q.next())
        return dbError(q.lastError(), u"notifier lock"_s);
    return q.value(0).toBool();
}

Result<EventCursor> EventRepository::cursor()
{
    QSqlQuery q(m_db);
    if (!q.exec(u"SELECT last_xid::text, last_id, revision FROM notifier_state WHERE id = 1"_s) || !q.next())
        return dbError(q.lastError(), u"read notifier cursor"_s);
    return EventCursor{q.value(0).toString(), q.value(1).toLongLong(), q.value(2).toLongLong()};
}

Result<Unit> EventRepository::saveCursor(const EventCursor &c)
{
    QSqlQuery q(m_db);
    q.prepare(u"UPDATE notifier_state SET last_xid = ?::xid8, last_id = ?, revision = ? WHERE id = 1"_s);
    q.addBindValue(c.xid);
    q.addBindValue(c.id);
    q.addBindValue(c.revision);
    if (!q.exec())
        return dbError(q.lastError(), u"save notifier cursor"_s);
    return Unit{};
}

Result<QList<OutboxRow>> EventRepository::nextRows(const EventCursor &after, int limit)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(u"SELECT h.id, h.xid::text, h.task_id, h.from_status, h.to_status, h.at, coalesce(h.worker, ''), h.attempt, "
              "coalesce(h.message, ''), coalesce(t.type, ''), coalesce(t.priority, 1), coalesce(t.title, '') "
              "FROM task_history h LEFT JOIN tasks t ON t.id = h.task_id "
              "WHERE (h.xid, h.id) > (?::xid8, ?) AND h.xid < pg_snapshot_xmin(pg_current_snapshot()) "
              "ORDER BY h.xid, h.id LIMIT ?"_s);
    q.addBindValue(after.xid);
    q.addBindValue(after.id);
    q.addBindValue(limit);
    if (!q.exec())
        return dbError(q.lastError(), u"read outbox"_s);
    QList<OutboxRow> rows;
    while (q.next()) {
        OutboxRow r;
        r.id = q.value(0).toLongLong();
        r.xid = q.value(1).toString();
        TaskEvent &e = r.event;
        e.taskId = QUuid::fromString(q.value(2).toString());
        if (!q.value(3).isNull())
            e.from = statusFromString(q.value(3).toString());
        e.status = statusFromString(q.value(4).toString()).value_or(Status::New);
        e.at = q.value(5).toDateTime().toUTC();
        e.worker = q.value(6).toString();
        e.attempt = q.value(7).toInt();
        e.message = q.value(8).toString();
        e.type = q.value(9).toString();
        e.priority = priorityFromDb(q.value(10).toInt());
        e.title = q.value(11).toString();
        e.kind = TaskEvent::kindOf(e.from, e.status, e.message);
        rows.append(r);
    }
    return rows;
}

} // namespace taskmill
