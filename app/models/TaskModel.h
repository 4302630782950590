// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/TaskFilter.h"
#include "model/Task.h"
#include "model/TaskEvent.h"

#include <QAbstractTableModel>
#include <QColor>
#include <QHash>
#include <QList>
#include <QSet>

namespace taskmill {

// One row per task of the current server page, keyed by id. applyPage() turns a fresh page into
// removes, inserts, moves and updates against the rows already shown, so persistent indexes (selection,
// current row, scroll anchor) survive a refresh; updates are grouped into one dataChanged per
// contiguous span of rows. Display text, raw values and colours come from here; delegates only paint.
class TaskModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TaskModel)

public:
    // New columns go at the end: saved header layouts keep their meaning.
    enum Column { Id, Title, Type, Priority, Status, Attempts, Created, Started, Completed, Error, RunAt, Worker, Wait,
                  Duration, ColumnCount };
    enum Role {
        RawValueRole = Qt::UserRole + 1, // sortable value: QString id, int enum, QDateTime, int attempts
        TaskRole,                        // the whole Task
    };

    explicit TaskModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Replaces the rows with `page` (server order), keeping rows whose id stays. Duplicate ids keep the first.
    void applyPage(const QList<Task> &page);
    void clear();
    // Replaces the shown rows whose id matches a task in `tasks`; others are ignored. Returns the rows' tasks.
    QList<Task> updateTasks(const QList<Task> &tasks);
    // Applies events (revision order) to the rows they concern, in place; events for tasks not shown are
    // ignored. Returns the updated tasks, so the caller can tell which no longer match its filter.
    QList<Task> applyEvents(const QList<TaskEvent> &events);
    // `task` as it stands after `event`: the fields an event carries (status, attempt, worker, times, error).
    static Task withEvent(Task task, const TaskEvent &event);

    const QList<Task> &tasks() const { return m_tasks; }
    const Task &taskAt(int row) const { return m_tasks.at(row); }
    int rowOf(const QUuid &id) const { return m_rowById.value(id, -1); }

    // The server sort a column header stands for; nullopt for columns the server cannot sort by.
    static std::optional<taskmill::TaskSort> sortFor(int column);
    static int columnFor(taskmill::TaskSort sort);

    // Translated names and colours shared by the model and the filter bar.
    static QString displayName(taskmill::Priority priority);
    static QString displayName(taskmill::Status status);
    static QColor color(taskmill::Priority priority);
    static QColor color(taskmill::Status status);

private:
    QVariant displayData(const Task &task, int column) const;
    QVariant rawData(const Task &task, int column) const;
    void removeMissing(const QSet<QUuid> &keep);
    void emitChangedSpans(const QList<int> &rows);
    void reindex();

    QList<Task> m_tasks;
    QHash<QUuid, int> m_rowById;
};

} // namespace taskmill

Q_DECLARE_METATYPE(taskmill::Task)
