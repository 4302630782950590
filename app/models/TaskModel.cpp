// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "models/TaskModel.h"
#include "models/TimeFormat.h"
#include "wire/TaskIdSearch.h"

#include <QColor>
#include <QLocale>
#include <QSet>

#include <algorithm>

namespace taskmill {

TaskModel::TaskModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

int TaskModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_tasks.size());
}

int TaskModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TaskModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Task &task = m_tasks.at(index.row());
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return displayData(task, column);
    case RawValueRole:
        return rawData(task, column);
    case TaskRole:
        return QVariant::fromValue(task);
    case Qt::ToolTipRole:
        if (column == Id)
            return task.id.toString(QUuid::WithoutBraces);
        if (column == Error || column == Title)
            return displayData(task, column);
        return {};
    case Qt::ForegroundRole:
        if (column == Priority)
            return color(task.priority);
        if (column == Status)
            return color(task.status);
        return {};
    case Qt::DecorationRole:
        return column == Status ? QVariant(color(task.status)) : QVariant();
    case Qt::TextAlignmentRole:
        return column == Attempts || column == Wait || column == Duration ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter))
                                                                            : QVariant();
    default:
        return {};
    }
}

QVariant TaskModel::displayData(const Task &task, int column) const
{
    switch (column) {
    case Id: return TaskIdSearch::shortForm(task.id); // searchable as shown
    case Title: return task.title;
    case Type: return task.type;
    case Priority: return displayName(task.priority);
    case Status: return displayName(task.status);
    case Attempts: return tr("%1/%2", "attempts of max attempts").arg(task.attempts).arg(task.maxAttempts);
    case Created: return formatTime(task.createdAt);
    case Started: return formatTime(task.startedAt);
    case Completed: return formatTime(task.completedAt);
    case Error: return task.error;
    case RunAt: return formatTime(task.runAt);
    case Worker: return task.worker;
    case Wait: return task.startedAt.isValid() ? formatDuration(task.createdAt.msecsTo(task.startedAt)) : QString();
    case Duration:
        return task.startedAt.isValid() && task.completedAt.isValid() ? formatDuration(task.startedAt.msecsTo(task.completedAt))
                                                                      : QString();
    default: return {};
    }
}

QVariant TaskModel::rawData(const Task &task, int column) const
{
    switch (column) {
    case Id: return task.id.toString(QUuid::WithoutBraces);
    case Title: return task.title;
    case Type: return task.type;
    case Priority: return int(task.priority);
    case Status: return int(task.status);
    case Attempts: return task.attempts;
    case Created: return task.createdAt;
    case Started: return task.startedAt;
    case Completed: return task.completedAt;
    case Error: return task.error;
    case RunAt: return task.runAt;
    case Worker: return task.worker;
    case Wait: return task.startedAt.isValid() ? QVariant(task.createdAt.msecsTo(task.startedAt)) : QVariant();
    case Duration:
        return task.startedAt.isValid() && task.completedAt.isValid() ? QVariant(task.startedAt.msecsTo(task.completedAt))
                                                                      : QVariant();
    default: return {};
    }
}

std::optional<TaskSort> TaskModel::sortFor(int column)
{
    switch (column) {
    case Created: return TaskSort::Created;
    case Started: return TaskSort::Started;
    case Completed: return TaskSort::Completed;
    case Priority: return TaskSort::Priority;
    case Status: return TaskSort::Status;
    default: return std::nullopt;
    }
}

int TaskModel::columnFor(TaskSort sort)
{
    switch (sort) {
    case TaskSort::Created: return Created;
    case TaskSort::Started: return Started;
    case TaskSort::Completed: return Completed;
    case TaskSort::Priority: return Priority;
    case TaskSort::Status: return Status;
    }
    return Created;
}

QVariant TaskModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole)
        return sortFor(section) ? tr("Click to sort all tasks by this column") : tr("Tasks cannot be sorted by this column");
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Id: return tr("Id", "column");
    case Title: return tr("Title", "column");
    case Type: return tr("Type", "column");
    case Priority: return tr("Priority", "column");
    case Status: return tr("Status", "column");
    case Attempts: return tr("Attempts", "column");
    case Created: return tr("Created", "column");
    case Started: return tr("Started", "column");
    case Completed: return tr("Completed", "column");
    case Error: return tr("Error", "column");
    case RunAt: return tr("Run at", "column");
    case Worker: return tr("Worker", "column");
    case Wait: return tr("Wait", "column: started minus created");
    case Duration: return tr("Duration", "column: completed minus started");
    default: return {};
    }
}

void TaskModel::applyPage(const QList<Task> &page)
{
    QList<Task> next;
    QSet<QUuid> nextIds;
    next.reserve(page.size());
    for (const Task &task : page) {
        if (!nextIds.contains(task.id)) {
            nextIds.insert(task.id);
            next.append(task);
        }
    }
    removeMissing(nextIds);

    // Every remaining row is in `next`. Walk `next` in order: a row already in place is updated,
    // an unknown id starts a span of inserts, a known id further down is moved up to its place.
    // Positions before `i` never change again, so the recorded changed rows stay valid.
    QSet<QUuid> shown;
    for (const Task &task : std::as_const(m_tasks))
        shown.insert(task.id);
    QList<int> changed;
    for (int i = 0; i < int(next.size()); ++i) {
        const Task &wanted = next.at(i);
        if (!shown.contains(wanted.id)) {
            int last = i;
            while (last + 1 < int(next.size()) && !shown.contains(next.at(last + 1).id))
                ++last;
            beginInsertRows({}, i, last);
            for (int k = i; k <= last; ++k)
                m_tasks.insert(k, next.at(k));
            endInsertRows();
            i = last;
            continue;
        }
        if (m_tasks.at(i).id != wanted.id) {
            int from = i + 1;
            while (m_tasks.at(from).id != wanted.id)
                ++from;
            beginMoveRows({}, from, from, {}, i);
            m_tasks.move(from, i);
            endMoveRows();
        }
        if (m_tasks.at(i) != wanted) {
            m_tasks[i] = wanted;
            changed.append(i);
        }
    }
    reindex();
    emitChangedSpans(changed);
}

QList<Task> TaskModel::updateTasks(const QList<Task> &tasks)
{
    QList<int> changed;
    for (const Task &task : tasks) {
        const int row = rowOf(task.id);
        if (row < 0 || m_tasks.at(row) == task)
            continue;
        m_tasks[row] = task;
        changed.append(row);
    }
    std::sort(changed.begin(), changed.end());
    changed.erase(std::unique(changed.begin(), changed.end()), changed.end());
    emitChangedSpans(changed);
    QList<Task> updated;
    for (int row : std::as_const(changed))
        updated.append(m_tasks.at(row));
    return updated;
}

QList<Task> TaskModel::applyEvents(const QList<TaskEvent> &events)
{
    // Fold all events of one task first, so a burst costs one dataChanged per span, not per event.
    QHash<QUuid, Task> next;
    QList<QUuid> order;
    for (const TaskEvent &event : events) {
        const int row = rowOf(event.taskId);
        if (row < 0)
            continue;
        auto it = next.find(event.taskId);
        if (it == next.end()) {
            it = next.insert(event.taskId, m_tasks.at(row));
            order.append(event.taskId);
        }
        *it = withEvent(*it, event);
    }
    QList<Task> tasks;
    for (const QUuid &id : std::as_const(order))
        tasks.append(next.value(id));
    return updateTasks(tasks);
}

Task TaskModel::withEvent(Task task, const TaskEvent &event)
{
    using Kind = TaskEvent::Kind;
    task.status = event.status;
    task.priority = event.priority;
    if (!event.type.isEmpty())
        task.type = event.type;
    if (!event.title.isEmpty())
        task.title = event.title;
    if (event.at.isValid())
        task.updatedAt = event.at;
    if (event.attempt > 0)
        task.attempts = event.attempt;
    if (!event.worker.isEmpty())
        task.worker = event.worker;
    switch (event.kind) {
    case Kind::Started:
        if (!task.startedAt.isValid())
            task.startedAt = event.at;
        break;
    case Kind::AttemptFailed:
        task.error = event.message;
        break;
    case Kind::Failed:
    case Kind::DeadLettered:
        task.completedAt = event.at;
        if (!event.message.isEmpty())
            task.error = event.message;
        if (event.kind == Kind::DeadLettered)
            task.deadLetteredAt = event.at;
        break;
    case Kind::Completed:
    case Kind::Cancelled:
        task.completedAt = event.at;
        break;
    case Kind::Requeued:
        task.completedAt = {};
        task.deadLetteredAt = {};
        break;
    case Kind::Created:
    case Kind::Dispatched:
    case Kind::Due:
    case Kind::HandedBack:
        break;
    }
    return task;
}

void TaskModel::clear()
{
    if (m_tasks.isEmpty())
        return;
    beginResetModel();
    m_tasks.clear();
    m_rowById.clear();
    endResetModel();
}

void TaskModel::removeMissing(const QSet<QUuid> &keep)
{
    // Bottom-up, so the rows of spans not yet removed keep their numbers.
    for (int row = int(m_tasks.size()) - 1; row >= 0; --row) {
        if (keep.contains(m_tasks.at(row).id))
            continue;
        const int last = row;
        while (row > 0 && !keep.contains(m_tasks.at(row - 1).id))
            --row;
        beginRemoveRows({}, row, last);
        m_tasks.remove(row, last - row + 1);
        endRemoveRows();
    }
}

void TaskModel::emitChangedSpans(const QList<int> &rows)
{
    for (qsizetype i = 0; i < rows.size();) {
        qsizetype j = i;
        while (j + 1 < rows.size() && rows.at(j + 1) == rows.at(j) + 1)
            ++j;
        emit dataChanged(index(rows.at(i), 0), index(rows.at(j), ColumnCount - 1));
        i = j + 1;
    }
}

void TaskModel::reindex()
{
    m_rowById.clear();
    for (int row = 0; row < int(m_tasks.size()); ++row)
        m_rowById.insert(m_tasks.at(row).id, row);
}

QString TaskModel::displayName(taskmill::Priority priority)
{
    switch (priority) {
    case taskmill::Priority::Low: return tr("Low", "priority");
    case taskmill::Priority::Medium: return tr("Medium", "priority");
    case taskmill::Priority::High: return tr("High", "priority");
    }
    return {};
}

QString TaskModel::displayName(taskmill::Status status)
{
    switch (status) {
    case taskmill::Status::New: return tr("New", "status");
    case taskmill::Status::Pending: return tr("Pending", "status");
    case taskmill::Status::InProgress: return tr("In progress", "status");
    case taskmill::Status::Completed: return tr("Completed", "status");
    case taskmill::Status::Failed: return tr("Failed", "status");
    case taskmill::Status::Cancelled: return tr("Cancelled", "status");
    case taskmill::Status::Postponed: return tr("Postponed", "status");
    case taskmill::Status::RetryWaiting: return tr("Waiting to retry", "status");
    }
    return {};
}

QColor TaskModel::color(taskmill::Priority priority)
{
    switch (priority) {
    case taskmill::Priority::Low: return QColor(0x75, 0x75, 0x75);
    case taskmill::Priority::Medium: return QColor(0x1e, 0x63, 0xb4);
    case taskmill::Priority::High: return QColor(0xc6, 0x28, 0x28);
    }
    return {};
}

QColor TaskModel::color(taskmill::Status status)
{
    switch (status) {
    case taskmill::Status::New: return QColor(0x60, 0x7d, 0x8b);
    case taskmill::Status::Pending: return QColor(0x1e, 0x88, 0xe5);
    case taskmill::Status::InProgress: return QColor(0x8e, 0x24, 0xaa);
    case taskmill::Status::Completed: return QColor(0x2e, 0x7d, 0x32);
    case taskmill::Status::Failed: return QColor(0xc6, 0x28, 0x28);
    case taskmill::Status::Cancelled: return QColor(0x75, 0x75, 0x75);
    case taskmill::Status::Postponed: return QColor(0x6d, 0x4c, 0x41);
    case taskmill::Status::RetryWaiting: return QColor(0xef, 0x6c, 0x00);
    }
    return {};
}

} // namespace taskmill
