// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "models/StatsQueueModel.h"

#include "models/TaskModel.h"

#include <QLocale>

namespace taskmill {

StatsQueueModel::StatsQueueModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

int StatsQueueModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : StatsSnapshot::PriorityCount;
}

int StatsQueueModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

qint64 StatsQueueModel::value(int row, int column) const
{
    const QueueDepth &q = m_queues[size_t(priorityOfRow(row))];
    switch (column) {
    case Length: return q.length;
    case Waiting: return q.waiting;
    case Pending: return q.pending;
    default: return 0;
    }
}

QVariant StatsQueueModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    switch (role) {
    case Qt::DisplayRole:
        return m_redisUp ? QLocale().toString(value(index.row(), index.column())) : QStringLiteral("—");
    case RawValueRole:
        return m_redisUp ? QVariant(value(index.row(), index.column())) : QVariant();
    case Qt::TextAlignmentRole:
        return int(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ToolTipRole:
        return m_redisUp ? QVariant() : QVariant(tr("Redis is not answering"));
    default:
        return {};
    }
}

QVariant StatsQueueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical) {
        if (section < 0 || section >= StatsSnapshot::PriorityCount)
            return {};
        if (role == Qt::DisplayRole)
            return TaskModel::displayName(priorityOfRow(section));
        if (role == Qt::ForegroundRole)
            return TaskModel::color(priorityOfRow(section));
        return {};
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case Length: return tr("Entries in the priority stream");
        case Waiting: return tr("Entries no executor has read yet");
        case Pending: return tr("Entries delivered to an executor and not yet acknowledged");
        default: return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Length: return tr("Depth", "queue length");
    case Waiting: return tr("Waiting", "queue entries not delivered");
    case Pending: return tr("Pending", "queue entries delivered, not acknowledged");
    default: return {};
    }
}

void StatsQueueModel::setSnapshot(const StatsSnapshot &snapshot)
{
    int first = -1;
    int last = -1;
    for (int row = 0; row < StatsSnapshot::PriorityCount; ++row) {
        const Priority p = priorityOfRow(row);
        if (snapshot.redisUp == m_redisUp && snapshot.queue(p) == m_queues[size_t(p)])
            continue;
        if (first < 0)
            first = row;
        last = row;
    }
    m_queues = snapshot.queues;
    m_redisUp = snapshot.redisUp;
    if (first >= 0)
        emit dataChanged(index(first, 0), index(last, ColumnCount - 1));
}

} // namespace taskmill
