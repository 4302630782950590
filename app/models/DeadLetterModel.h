// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "model/Task.h"
#include "models/DeadLetterRowsModel.h"
#include "wire/DeadLetterFilter.h"

#include <optional>

namespace taskmill {

// One keyset page of dead-lettered tasks (GET /api/v1/dlq) in the page's order, keyed by task id. Fed whole
// pages through applyRows(); rows an action removed go at once through removeKeys().
class DeadLetterModel final : public DeadLetterRowsModel<Task, QUuid>
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeadLetterModel)

public:
    enum Column { Id, Title, Type, Attempts, DeadLettered, Error, ColumnCount };
    enum Role {
        RawValueRole = Qt::UserRole + 1, // sortable value: QString, int attempts, QDateTime
        TaskRole,                        // the whole Task
    };

    explicit DeadLetterModel(QObject *parent = nullptr);

    // The server-side order a header click on `column` means (Id and Error have none), and back.
    static std::optional<DeadLetterOrder::Key> sortFor(int column);
    static int columnFor(DeadLetterOrder::Key key);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

protected:
    QUuid keyOf(const Task &task) const override { return task.id; }

private:
    QVariant displayData(const Task &task, int column) const;
    QVariant rawData(const Task &task, int column) const;
};

} // namespace taskmill
