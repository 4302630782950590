// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "models/EventLogModel.h"
#include "models/TimeFormat.h"

#include "models/TaskModel.h"

#include <QColor>

namespace taskmill {

EventLogEntry EventLogEntry::fromEvent(const TaskEvent &event)
{
    EventLogEntry e;
    e.at = event.at.isValid() ? event.at : QDateTime::currentDateTime();
    e.kind = event.kind;
    e.taskId = event.taskId;
    e.title = event.title.isEmpty() ? event.type : event.title;
    e.message = event.message;
    switch (event.kind) {
    case TaskEvent::Kind::DeadLettered:
    case TaskEvent::Kind::Failed:
        e.severity = Severity::Error;
        break;
    case TaskEvent::Kind::AttemptFailed:
    case TaskEvent::Kind::HandedBack:
        e.severity = Severity::Warning;
        break;
    default:
        e.severity = Severity::Info;
    }
    if (e.message.isEmpty() && !event.worker.isEmpty())
        e.message = EventLogModel::tr("on %1, attempt %2").arg(event.worker).arg(event.attempt);
    return e;
}

EventLogEntry EventLogEntry::notice(Severity severity, const QString &message, const QDateTime &at)
{
    EventLogEntry e;
    e.at = at;
    e.severity = severity;
    e.message = message;
    return e;
}

EventLogModel::EventLogModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

int EventLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int EventLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString EventLogModel::kindName(TaskEvent::Kind kind)
{
    switch (kind) {
    case TaskEvent::Kind::Created: return tr("Created", "event");
    case TaskEvent::Kind::Dispatched: return tr("Dispatched", "event");
    case TaskEvent::Kind::Started: return tr("Started", "event");
    case TaskEvent::Kind::AttemptFailed: return tr("Attempt failed", "event");
    case TaskEvent::Kind::Completed: return tr("Completed", "event");
    case TaskEvent::Kind::Failed: return tr("Failed", "event");
    case TaskEvent::Kind::DeadLettered: return tr("Dead-lettered", "event");
    case TaskEvent::Kind::Cancelled: return tr("Cancelled", "event");
    case TaskEvent::Kind::Requeued: return tr("Requeued", "event");
    case TaskEvent::Kind::Due: return tr("Due", "event");
    case TaskEvent::Kind::HandedBack: return tr("Handed back", "event");
    }
    return {};
}

QString EventLogModel::noticeName()
{
    return tr("Backend", "event log category for connection and health notices");
}

QVariant EventLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const EventLogEntry &e = m_entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Time: return formatClock(e.at, TimePrecision::Milliseconds);
        case Kind: return e.kind ? kindName(*e.kind) : noticeName();
        case Task:
            if (e.taskId.isNull())
                return QString();
            return e.title.isEmpty() ? e.taskId.toString(QUuid::WithoutBraces).left(8)
                                     : tr("%1 (%2)", "task title (short id)").arg(e.title, e.taskId.toString(QUuid::WithoutBraces).left(8));
        case Message: return e.message;
        default: return {};
        }
    case RawValueRole:
        return index.column() == Time ? QVariant(e.at) : data(index, Qt::DisplayRole);
    case EntryRole:
        return QVariant::fromValue(e);
    case Qt::ToolTipRole:
        if (index.column() == Task && !e.taskId.isNull())
            return e.taskId.toString(QUuid::WithoutBraces);
        if (index.column() == Message)
            return e.message;
        if (index.column() == Time)
            return e.at.toLocalTime().toString(Qt::ISODateWithMs);
        return {};
    case Qt::ForegroundRole:
        if (index.column() != Kind && index.column() != Message)
            return {};
        if (e.severity == EventLogEntry::Severity::Error)
            return QColor(Qt::red).darker(120);
        if (e.severity == EventLogEntry::Severity::Warning)
            return QColor(200, 120, 0);
        return {};
    default:
        return {};
    }
}

QVariant EventLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Time: return tr("Time");
    case Kind: return tr("Kind", "event kind");
    case Task: return tr("Task");
    case Message: return tr("Message");
    default: return {};
    }
}

void EventLogModel::setCapacity(int rows)
{
    m_capacity = std::max(1, rows);
    if (m_entries.size() > m_capacity)
        dropOldest(int(m_entries.size()) - m_capacity);
}

void EventLogModel::dropOldest(int count)
{
    if (count <= 0)
        return;
    beginRemoveRows({}, 0, count - 1);
    m_entries.remove(0, count);
    endRemoveRows();
}

void EventLogModel::append(const QList<EventLogEntry> &entries)
{
    if (entries.isEmpty())
        return;
    // Only the newest `capacity` of a huge batch can survive; the rest is never inserted.
    const qsizetype keep = std::min<qsizetype>(entries.size(), m_capacity);
    const qsizetype overflow = m_entries.size() + keep - m_capacity;
    if (overflow > 0)
        dropOldest(int(overflow));
    const int first = int(m_entries.size());
    beginInsertRows({}, first, first + int(keep) - 1);
    m_entries.append(entries.mid(entries.size() - keep));
    endInsertRows();
}

void EventLogModel::appendEvents(const QList<TaskEvent> &events)
{
    QList<EventLogEntry> entries;
    entries.reserve(events.size());
    for (const TaskEvent &e : events)
        entries.append(EventLogEntry::fromEvent(e));
    append(entries);
}

void EventLogModel::appendNotice(EventLogEntry::Severity severity, const QString &message)
{
    append({EventLogEntry::notice(severity, message)});
}

void EventLogModel::clear()
{
    dropOldest(int(m_entries.size()));
}

} // namespace taskmill
