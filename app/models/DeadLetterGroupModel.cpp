// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "models/DeadLetterGroupModel.h"
#include "models/RelativeTime.h"
#include "models/TimeFormat.h"

#include <QLocale>

namespace taskmill {

namespace {
// Errors can be long stack-trace-like texts; the table shows their first line.
QString firstLine(const QString &text)
{
    const qsizetype end = text.indexOf(u'\n');
    return end < 0 ? text : text.left(end) + QStringLiteral(" …");
}
} // namespace

DeadLetterGroupModel::DeadLetterGroupModel(QObject *parent)
    : DeadLetterRowsModel(parent)
{
    new RelativeTimeRefresh(this, {FirstSeen, LastSeen});
}

int DeadLetterGroupModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DeadLetterGroupModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const DeadLetterGroup &group = rowAt(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayData(group, index.column());
    case Qt::ToolTipRole:
        switch (index.column()) {
        case Error: return group.error;
        case FirstSeen: return formatTime(group.firstSeen);
        case LastSeen: return formatTime(group.lastSeen);
        default: return {};
        }
    case Qt::TextAlignmentRole:
        return index.column() == Count ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter)) : QVariant();
    case RawValueRole:
        switch (index.column()) {
        case Error: return group.error;
        case Count: return group.count;
        case Types: return group.types.join(u',');
        case FirstSeen: return group.firstSeen;
        case LastSeen: return group.lastSeen;
        default: return {};
        }
    case GroupRole:
        return QVariant::fromValue(group);
    default:
        return {};
    }
}

QVariant DeadLetterGroupModel::displayData(const DeadLetterGroup &group, int column) const
{
    switch (column) {
    case Error: return group.error.isEmpty() ? tr("(no error message)") : firstLine(group.error);
    case Count: return QLocale().toString(group.count);
    case Types: return group.types.join(QStringLiteral(", "));
    case FirstSeen: return formatRelativeTime(group.firstSeen, QDateTime::currentDateTimeUtc());
    case LastSeen: return formatRelativeTime(group.lastSeen, QDateTime::currentDateTimeUtc());
    default: return {};
    }
}

QVariant DeadLetterGroupModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Error: return tr("Error", "column");
    case Count: return tr("Tasks", "column");
    case Types: return tr("Types", "column");
    case FirstSeen: return tr("First seen", "column");
    case LastSeen: return tr("Last seen", "column");
    default: return {};
    }
}

qint64 DeadLetterGroupModel::totalCount() const
{
    qint64 total = 0;
    for (const DeadLetterGroup &group : rows())
        total += group.count;
    return total;
}

} // namespace taskmill
