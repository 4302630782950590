// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "models/StatsCountsModel.h"

#include "models/TaskModel.h"

#include <QLocale>

namespace taskmill {

StatsCountsModel::StatsCountsModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

int StatsCountsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : StatsSnapshot::StatusCount;
}

int StatsCountsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

qint64 StatsCountsModel::value(int row, int column) const
{
    const auto status = Status(row);
    return column == Total ? m_snapshot.countOf(status) : m_snapshot.count(status, Priority(column));
}

QVariant StatsCountsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    switch (role) {
    case Qt::DisplayRole:
        // The server estimates a status past the count it makes on every poll (docs/events.md).
        return m_snapshot.isEstimated(Status(index.row()))
            ? tr("≈%1", "estimated count").arg(QLocale().toString(value(index.row(), index.column())))
            : QLocale().toString(value(index.row(), index.column()));
    case Qt::ToolTipRole:
        return m_snapshot.isEstimated(Status(index.row()))
            ? tr("Estimated: the server counts a status exactly only while it holds few tasks.")
            : QVariant();
    case RawValueRole:
        return value(index.row(), index.column());
    case Qt::TextAlignmentRole:
        return int(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ForegroundRole:
        // Zeros recede so the cells that matter stand out.
        return value(index.row(), index.column()) == 0 ? QVariant(QColor(Qt::gray)) : QVariant();
    default:
        return {};
    }
}

QVariant StatsCountsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical) {
        if (section < 0 || section >= StatsSnapshot::StatusCount)
            return {};
        if (role == Qt::DisplayRole)
            return TaskModel::displayName(Status(section));
        if (role == Qt::ForegroundRole)
            return TaskModel::color(Status(section));
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Low: return TaskModel::displayName(Priority::Low);
    case Medium: return TaskModel::displayName(Priority::Medium);
    case High: return TaskModel::displayName(Priority::High);
    case Total: return tr("Total", "sum over priorities");
    default: return {};
    }
}

void StatsCountsModel::setSnapshot(const StatsSnapshot &snapshot)
{
    int first = -1;
    int last = -1;
    for (int row = 0; row < StatsSnapshot::StatusCount; ++row) {
        if (snapshot.counts[size_t(row)] == m_snapshot.counts[size_t(row)]
            && snapshot.isEstimated(Status(row)) == m_snapshot.isEstimated(Status(row)))
            continue;
        if (first < 0)
            first = row;
        last = row;
    }
    m_snapshot = snapshot;
    if (first >= 0)
        emit dataChanged(index(first, 0), index(last, ColumnCount - 1),
                         {Qt::DisplayRole, RawValueRole, Qt::ForegroundRole, Qt::ToolTipRole});
}

} // namespace taskmill
