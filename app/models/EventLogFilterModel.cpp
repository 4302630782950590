// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "models/EventLogFilterModel.h"

namespace taskmill {

bool EventLogFilter::matches(const EventLogEntry &entry) const
{
    switch (category) {
    case Category::All:
        break;
    case Category::Problems:
        if (entry.severity == EventLogEntry::Severity::Info)
            return false;
        break;
    case Category::Notices:
        if (entry.kind)
            return false;
        break;
    case Category::TaskKind:
        if (entry.kind != kind)
            return false;
        break;
    }
    const QString needle = text.trimmed();
    if (needle.isEmpty())
        return true;
    return entry.title.contains(needle, Qt::CaseInsensitive) || entry.message.contains(needle, Qt::CaseInsensitive)
        || (!entry.taskId.isNull() && entry.taskId.toString(QUuid::WithoutBraces).contains(needle, Qt::CaseInsensitive));
}

EventLogFilterModel::EventLogFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
}

void EventLogFilterModel::setFilter(const EventLogFilter &filter)
{
    if (filter == m_filter)
        return;
    m_filter = filter;
    invalidateFilter();
}

bool EventLogFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const auto *log = qobject_cast<const EventLogModel *>(sourceModel());
    if (!log || sourceParent.isValid())
        return false;
    return m_filter.matches(log->entryAt(sourceRow));
}

} // namespace taskmill
