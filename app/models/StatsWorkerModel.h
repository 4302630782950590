// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/StatsTypes.h"
#include "models/StatsRowModel.h"

namespace taskmill {

// Executors alive (GET /api/v1/stats → workers), one row per consumer, with the tasks each one runs.
class StatsWorkerModel final : public StatsRowModel<WorkerInfo>
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatsWorkerModel)

public:
    enum Column { Consumer, Kind, Host, Types, Busy, Running, Heartbeat, Started, ColumnCount };
    enum Role { RawValueRole = Qt::UserRole + 1 };

    explicit StatsWorkerModel(QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

protected:
    QString keyOf(const WorkerInfo &worker) const override { return worker.consumer; }
};

} // namespace taskmill
