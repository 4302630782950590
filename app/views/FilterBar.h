// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/TaskFilter.h"
#include "wire/TaskQueryTypes.h"

#include <QDateTime>
#include <QHash>
#include <QTimer>
#include <QWidget>

class QAction;
class QComboBox;
class QDateTimeEdit;
class QLineEdit;
class QToolButton;

namespace taskmill {

// Priority and status toggles with live counts, a task-type choice, a created-time range and a search
// field over title, description and payload. filterChanged fires through one single-shot timer: at once
// for clicks and choices, SearchDebounceMs after the last keystroke while typing. No toggle checked in a
// group means "any" (the TaskFilter rule). Counts and types are pushed in (setCounts, setTypes) by
// whoever fetches them; the bar itself never talks to the backend.
class FilterBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FilterBar)

public:
    static constexpr int SearchDebounceMs = 300;

    // Created-time ranges; the relative ones are anchored at the moment they are chosen.
    enum class TimeRange { Any, Last15Minutes, LastHour, Last24Hours, Last7Days, Custom };
    Q_ENUM(TimeRange)

    explicit FilterBar(QWidget *parent = nullptr);

    TaskFilter filter() const;
    // Sets every toggle, the type, the time range and the search text to `filter` (absolute bounds become
    // the custom range; ids are searched as text, like showTask), then emits filterChanged once.
    void setFilter(const TaskFilter &filter);
    void clear();
    // Only the task with this id: every other key cleared, its full id in the search (docs/api.md: q finds ids).
    void showTask(const QUuid &id);

    // The toggles show these numbers; estimated counts are marked as such.
    void setCounts(const taskmill::TaskCounts &counts);
    void clearCounts();
    // The type choice offers these (the current choice stays, even if no longer listed).
    void setTypes(const QStringList &types);

    void setTimeRange(TimeRange range);
    void setCustomRange(const QDateTime &from, const QDateTime &to); // selects Custom
    TimeRange timeRange() const;

    QAction *searchAction() const { return m_searchAction; } // Ctrl+F: focus and select the search text
    QToolButton *toggle(taskmill::Status status) const { return m_statusToggles.value(status); }
    QToolButton *toggle(taskmill::Priority priority) const { return m_priorityToggles.value(priority); }

signals:
    void filterChanged(const taskmill::TaskFilter &filter);

private:
    QToolButton *addToggle(const QString &objectName, const QColor &color);
    void updateToggleTexts();
    void onTimeRangeActivated();

    QHash<taskmill::Priority, QToolButton *> m_priorityToggles;
    QHash<taskmill::Status, QToolButton *> m_statusToggles;
    QComboBox *m_type = nullptr;
    QComboBox *m_time = nullptr;
    QDateTimeEdit *m_from = nullptr;
    QDateTimeEdit *m_to = nullptr;
    QLineEdit *m_search = nullptr;
    QAction *m_searchAction = nullptr;
    QTimer m_debounce;
    TaskFilter m_lastEmitted;
    QDateTime m_rangeFrom; // of a relative range, fixed when chosen
    std::optional<TaskCounts> m_counts;
};

} // namespace taskmill
