// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/StatsTypes.h"

#include <QAbstractTableModel>

namespace taskmill {

// Task counts by status (rows, in Status order) × priority (columns LOW, MEDIUM, HIGH, then the row
// total), from GET /api/v1/stats. The shape never changes: setSnapshot() emits one dataChanged spanning
// the rows whose numbers changed, and nothing when none did.
class StatsCountsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatsCountsModel)

public:
    enum Column { Low, Medium, High, Total, ColumnCount };
    enum Role { RawValueRole = Qt::UserRole + 1 };

    explicit StatsCountsModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setSnapshot(const StatsSnapshot &snapshot);
    const StatsSnapshot &snapshot() const { return m_snapshot; }

private:
    qint64 value(int row, int column) const;

    StatsSnapshot m_snapshot;
};

} // namespace taskmill
