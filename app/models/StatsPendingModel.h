// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/StatsTypes.h"
#include "models/StatsRowModel.h"

#include <QHash>

namespace taskmill {

// The Redis Streams pending list (GET /api/v1/stats/pending): one row per entry, keyed by stream and
// entry id. An entry idle longer than the visibility timeout is "stuck" (StuckRole, highlighted): its
// consumer died or hangs, and an executor will reclaim it. Entries of a consumer without a live
// heartbeat say so in the consumer column.
class StatsPendingModel final : public StatsRowModel<PendingEntry>
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatsPendingModel)

public:
    enum Column { Consumer, Priority, Task, Idle, Deliveries, Entry, ColumnCount };
    enum Role { RawValueRole = Qt::UserRole + 1, StuckRole };

    explicit StatsPendingModel(QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setReport(const PendingReport &report);
    const PendingReport &report() const { return m_report; }
    int stuckCount() const;

    // "850 ms", "12.4 s", "3 min 5 s", "2 h 10 min".
    static QString formatDuration(qint64 ms);

protected:
    QString keyOf(const PendingEntry &e) const override { return toString(e.priority) + u'/' + e.entry; }

private:
    PendingReport m_report; // without its entries (they are the rows)
    QHash<QString, bool> m_alive;
};

} // namespace taskmill
