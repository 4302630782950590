// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/StatsTypes.h"

#include <QAbstractTableModel>

namespace taskmill {

// Queue depth per priority stream (rows HIGH, MEDIUM, LOW: the order the executor serves them) with
// columns length / waiting / pending and whether the priority is paused (who paused it and when in the
// tooltip). While Redis is down every depth shows a dash. Fixed shape: updates are one dataChanged over the
// rows that changed.
class StatsQueueModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatsQueueModel)

public:
    enum Column { Length, Waiting, Pending, State, ColumnCount };
    enum Role { RawValueRole = Qt::UserRole + 1 };

    explicit StatsQueueModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setSnapshot(const StatsSnapshot &snapshot); // depths only: pauses come from setPauses()
    void setPauses(const PauseSet &pauses);
    bool isPaused(int row) const { return m_pauses.priorityPaused(priorityOfRow(row)); }
    static Priority priorityOfRow(int row) { return Priority(StatsSnapshot::PriorityCount - 1 - row); }

private:
    qint64 value(int row, int column) const;
    QVariant stateData(int row, int role) const;

    std::array<QueueDepth, StatsSnapshot::PriorityCount> m_queues{};
    bool m_redisUp = true;
    PauseSet m_pauses;
};

} // namespace taskmill
