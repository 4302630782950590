// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "model/TaskEvent.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QList>

#include <optional>

namespace taskmill {

// One line of the events panel: a task event from the event stream, or something the app noticed about
// the backend (connection lost or restored, degraded health, a local backend failure).
struct EventLogEntry
{
    enum class Severity { Info, Warning, Error };

    QDateTime at;
    Severity severity = Severity::Info;
    std::optional<TaskEvent::Kind> kind; // set for task events; empty for backend notices
    QUuid taskId;
    QString title; // task title (or type when untitled)
    QString message;

    static EventLogEntry fromEvent(const TaskEvent &event);
    static EventLogEntry notice(Severity severity, const QString &message, const QDateTime &at = QDateTime::currentDateTime());
    bool operator==(const EventLogEntry &) const = default;
};

// Recent entries, oldest first, bounded to capacity() rows: appending past it drops the oldest rows.
// Fed in batches: each append() is at most one removal span at the top and one insertion span at the
// bottom, never a reset, so views keep their selection and a proxy filters only the new rows.
class EventLogModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventLogModel)

public:
    enum Column { Time, Kind, Task, Message, ColumnCount };
    enum Role { RawValueRole = Qt::UserRole + 1, EntryRole };
    static constexpr int DefaultCapacity = 2000;

    explicit EventLogModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    int capacity() const { return m_capacity; }
    void setCapacity(int rows); // drops the oldest rows when shrinking
    void append(const QList<EventLogEntry> &entries);
    void appendEvents(const QList<taskmill::TaskEvent> &events);
    void appendNotice(EventLogEntry::Severity severity, const QString &message);
    void clear();

    const EventLogEntry &entryAt(int row) const { return m_entries.at(row); }

    // Translated name of a task event kind ("Dead-lettered") and of the backend-notice category.
    static QString kindName(TaskEvent::Kind kind);
    static QString noticeName();

private:
    void dropOldest(int count);

    QList<EventLogEntry> m_entries;
    int m_capacity = DefaultCapacity;
};

} // namespace taskmill

Q_DECLARE_METATYPE(taskmill::EventLogEntry)
