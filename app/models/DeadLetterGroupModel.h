// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/DeadLetterTypes.h"
#include "models/DeadLetterRowsModel.h"

namespace taskmill {

// The groups of the dead-letter queue (GET /api/v1/dlq/groups), one row per distinct final error,
// in server order (largest first). Fed whole answers through applyRows(); rows keyed by the error text.
class DeadLetterGroupModel final : public DeadLetterRowsModel<DeadLetterGroup, QString>
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeadLetterGroupModel)

public:
    enum Column { Error, Count, Types, FirstSeen, LastSeen, ColumnCount };
    enum Role {
        RawValueRole = Qt::UserRole + 1, // sortable value: QString, qint64 count, QDateTime
        GroupRole,                       // the whole DeadLetterGroup
    };

    explicit DeadLetterGroupModel(QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    qint64 totalCount() const; // dead letters in all shown groups

protected:
    QString keyOf(const DeadLetterGroup &group) const override { return group.error; }

private:
    QVariant displayData(const DeadLetterGroup &group, int column) const;
};

} // namespace taskmill
