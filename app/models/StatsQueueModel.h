// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/StatsTypes.h"

#include <QAbstractTableModel>

namespace taskmill {

// Queue depth per priority stream (rows HIGH, MEDIUM, LOW: the order the executor serves them) with
// columns length / waiting / pending. While Redis is down every cell shows a dash. Fixed shape: updates
// are one dataChanged over the rows that changed.
class StatsQueueModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatsQueueModel)

public:
    enum Column { Length, Waiting, Pending, ColumnCount };
    enum Role { RawValueRole = Qt::UserRole + 1 };

    explicit StatsQueueModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setSnapshot(const StatsSnapshot &snapshot);
    static Priority priorityOfRow(int row) { return Priority(StatsSnapshot::PriorityCount - 1 - row); }

private:
    qint64 value(int row, int column) const;

    std::array<QueueDepth, StatsSnapshot::PriorityCount> m_queues{};
    bool m_redisUp = true;
};

} // namespace taskmill
