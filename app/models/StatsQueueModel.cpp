// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "models/StatsQueueModel.h"

#include "models/TaskModel.h"
#include "models/TimeFormat.h"

#include <QColor>
#include <QFont>
#include <QLocale>
#include <QTextDocument>

#include <algorithm>
#include <utility>

namespace taskmill {

namespace {
// The orange of "Connecting…" in the status bar: held back, not failed.
const QColor PausedColor(0xef, 0x6c, 0x00);
} // namespace

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
    if (index.column() == State)
        return stateData(index.row(), role);
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

QVariant StatsQueueModel::stateData(int row, int role) const
{
    const QString name = toString(priorityOfRow(row));
    const auto pause = std::find_if(m_pauses.items.cbegin(), m_pauses.items.cend(),
                                    [&](const Pause &p) { return p.scope == PauseScope::Priority && p.name == name; });
    const bool paused = pause != m_pauses.items.cend();
    switch (role) {
    case Qt::DisplayRole:
        return paused ? tr("Paused", "queue state") : tr("Active", "queue state");
    case RawValueRole:
        return paused;
    case Qt::ToolTipRole:
        // Who paused it is the server's text: escaped, so a tooltip never renders it as markup.
        return paused ? Qt::convertFromPlainText(tr("Paused by %1 at %2").arg(pause->pausedBy, formatTime(pause->pausedAt)),
                                                      Qt::WhiteSpaceNormal)
                      : tr("Executors start queued tasks of this priority");
    case Qt::ForegroundRole:
        return paused ? QVariant(PausedColor) : QVariant();
    case Qt::FontRole: {
        if (!paused)
            return {};
        QFont bold;
        bold.setBold(true);
        return bold;
    }
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
        case State: return tr("Whether executors start tasks of this priority, or it is paused");
        default: return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Length: return tr("Depth", "queue length");
    case Waiting: return tr("Waiting", "queue entries not delivered");
    case Pending: return tr("Pending", "queue entries delivered, not acknowledged");
    case State: return tr("State", "queue: active or paused");
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
        emit dataChanged(index(first, 0), index(last, State - 1));
}

void StatsQueueModel::setPauses(const PauseSet &pauses)
{
    const PauseSet old = std::exchange(m_pauses, pauses);
    // Who and when may change too (a resume and a new pause): the rows whose pause item differs.
    int first = -1;
    int last = -1;
    for (int row = 0; row < StatsSnapshot::PriorityCount; ++row) {
        const QString name = toString(priorityOfRow(row));
        const auto item = [&name](const PauseSet &set) {
            QList<Pause> found;
            for (const Pause &p : set.items)
                if (p.scope == PauseScope::Priority && p.name == name)
                    found.append(p);
            return found;
        };
        if (item(old) == item(pauses))
            continue;
        if (first < 0)
            first = row;
        last = row;
    }
    if (first >= 0)
        emit dataChanged(index(first, State), index(last, State));
}

} // namespace taskmill
