// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "models/EventLogModel.h"

#include <QSortFilterProxyModel>

namespace taskmill {

// What the events panel shows: one category and a case-insensitive text that must occur in the task's
// title, id, or the message. An empty filter shows everything.
struct EventLogFilter
{
    enum class Category {
        All,
        Problems, // errors and warnings: failures, dead letters, attempt failures, hand-backs, backend notices
        Notices,  // backend notices only
        TaskKind, // one task event kind: `kind`
    };
    Category category = Category::All;
    TaskEvent::Kind kind = TaskEvent::Kind::Created;
    QString text;

    bool matches(const EventLogEntry &entry) const;
    bool operator==(const EventLogFilter &) const = default;
};

// Filters an EventLogModel by EventLogFilter; rows keep the log's order (oldest first).
class EventLogFilterModel final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventLogFilterModel)

public:
    explicit EventLogFilterModel(QObject *parent = nullptr);

    const EventLogFilter &filter() const { return m_filter; }
    void setFilter(const EventLogFilter &filter);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    EventLogFilter m_filter;
};

} // namespace taskmill
