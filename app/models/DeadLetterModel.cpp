// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "models/DeadLetterModel.h"
#include "models/RelativeTime.h"
#include "models/TimeFormat.h"
#include "wire/TaskIdSearch.h"

namespace taskmill {

DeadLetterModel::DeadLetterModel(QObject *parent)
    : DeadLetterRowsModel(parent)
{
    new RelativeTimeRefresh(this, {DeadLettered});
}

std::optional<DeadLetterOrder::Key> DeadLetterModel::sortFor(int column)
{
    switch (column) {
    case Title: return DeadLetterOrder::Key::Title;
    case Type: return DeadLetterOrder::Key::Type;
    case Attempts: return DeadLetterOrder::Key::Attempts;
    case DeadLettered: return DeadLetterOrder::Key::DeadLettered;
    default: return std::nullopt;
    }
}

int DeadLetterModel::columnFor(DeadLetterOrder::Key key)
{
    switch (key) {
    case DeadLetterOrder::Key::Title: return Title;
    case DeadLetterOrder::Key::Type: return Type;
    case DeadLetterOrder::Key::Attempts: return Attempts;
    case DeadLetterOrder::Key::Created: // no column of its own: the nearest time shown
    case DeadLetterOrder::Key::DeadLettered: break;
    }
    return DeadLettered;
}

int DeadLetterModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DeadLetterModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Task &task = rowAt(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayData(task, index.column());
    case RawValueRole:
        return rawData(task, index.column());
    case TaskRole:
        return QVariant::fromValue(task);
    case Qt::ToolTipRole:
        if (index.column() == Id)
            return task.id.toString(QUuid::WithoutBraces);
        if (index.column() == DeadLettered)
            return formatTime(task.deadLetteredAt);
        if (index.column() == Error || index.column() == Title)
            return displayData(task, index.column());
        return {};
    case Qt::TextAlignmentRole:
        return index.column() == Attempts ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter)) : QVariant();
    default:
        return {};
    }
}

QVariant DeadLetterModel::displayData(const Task &task, int column) const
{
    switch (column) {
    case Id: return TaskIdSearch::shortForm(task.id); // searchable as shown, like the Tasks table
    case Title: return task.title;
    case Type: return task.type;
    case Attempts: return tr("%1/%2", "attempts of max attempts").arg(task.attempts).arg(task.maxAttempts);
    case DeadLettered: return formatRelativeTime(task.deadLetteredAt, QDateTime::currentDateTimeUtc());
    case Error: return task.error;
    default: return {};
    }
}

QVariant DeadLetterModel::rawData(const Task &task, int column) const
{
    switch (column) {
    case Id: return task.id.toString(QUuid::WithoutBraces);
    case Title: return task.title;
    case Type: return task.type;
    case Attempts: return task.attempts;
    case DeadLettered: return task.deadLetteredAt;
    case Error: return task.error;
    default: return {};
    }
}

QVariant DeadLetterModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Id: return tr("Id", "column");
    case Title: return tr("Title", "column");
    case Type: return tr("Type", "column");
    case Attempts: return tr("Attempts", "column");
    case DeadLettered: return tr("Dead-lettered", "column");
    case Error: return tr("Error", "column");
    default: return {};
    }
}

} // namespace taskmill
