// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "models/StatsPendingModel.h"

#include "models/TaskModel.h"

#include <QColor>
#include <QLocale>

namespace taskmill {

StatsPendingModel::StatsPendingModel(QObject *parent)
    : StatsRowModel<PendingEntry>(parent)
{
}

int StatsPendingModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString StatsPendingModel::formatDuration(qint64 ms)
{
    if (ms < 1000)
        return tr("%1 ms").arg(ms);
    if (ms < 60'000)
        return tr("%1 s").arg(QLocale().toString(double(ms) / 1000.0, 'f', 1));
    const qint64 s = ms / 1000;
    if (s < 3600)
        return tr("%1 min %2 s").arg(s / 60).arg(s % 60);
    return tr("%1 h %2 min").arg(s / 3600).arg(s % 3600 / 60);
}

QVariant StatsPendingModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const PendingEntry &e = m_rows.at(index.row());
    const bool stuck = m_report.isStuck(e);
    const bool alive = m_alive.value(e.consumer, false);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Consumer: return alive ? e.consumer : tr("%1 (no heartbeat)").arg(e.consumer);
        case Priority: return TaskModel::displayName(e.priority);
        case Task: return e.taskId.isNull() ? tr("(deleted)", "stream entry without a task") : e.taskId.toString(QUuid::WithoutBraces);
        case Idle: return formatDuration(e.idleMs);
        case Deliveries: return QLocale().toString(e.deliveries);
        case Entry: return e.entry;
        default: return {};
        }
    case RawValueRole:
        switch (index.column()) {
        case Consumer: return e.consumer;
        case Priority: return int(e.priority);
        case Task: return e.taskId.toString(QUuid::WithoutBraces);
        case Idle: return e.idleMs;
        case Deliveries: return e.deliveries;
        case Entry: return e.entry;
        default: return {};
        }
    case StuckRole:
        return stuck;
    case Qt::BackgroundRole:
        return stuck ? QVariant(QColor(255, 205, 160)) : QVariant();
    case Qt::ForegroundRole:
        if (stuck)
            return QColor(Qt::black); // readable on the highlight in dark themes too
        if (index.column() == Consumer && !alive)
            return QColor(Qt::darkRed);
        return {};
    case Qt::ToolTipRole:
        if (stuck)
            return tr("Idle for %1, longer than the visibility timeout (%2): the consumer died or hangs; "
                      "an executor will reclaim this entry.")
                .arg(formatDuration(e.idleMs), formatDuration(m_report.visibilityTimeoutMs));
        return {};
    case Qt::TextAlignmentRole:
        return index.column() == Idle || index.column() == Deliveries ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter))
                                                                      : QVariant();
    default:
        return {};
    }
}

QVariant StatsPendingModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Consumer: return tr("Consumer");
    case Priority: return tr("Priority");
    case Task: return tr("Task");
    case Idle: return tr("Idle");
    case Deliveries: return tr("Deliveries");
    case Entry: return tr("Entry", "stream entry id");
    default: return {};
    }
}

void StatsPendingModel::setReport(const PendingReport &report)
{
    QHash<QString, bool> alive;
    for (const ConsumerPending &c : report.consumers)
        alive.insert(c.consumer, c.alive);
    const bool contextChanged = alive != m_alive || report.visibilityTimeoutMs != m_report.visibilityTimeoutMs;
    m_alive = alive;
    m_report = report;
    m_report.entries.clear();
    setRows(report.entries);
    // Liveness and the timeout colour rows whose own data did not change.
    if (contextChanged && !m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
}

int StatsPendingModel::stuckCount() const
{
    return int(std::count_if(m_rows.cbegin(), m_rows.cend(), [this](const PendingEntry &e) { return m_report.isStuck(e); }));
}

} // namespace taskmill
