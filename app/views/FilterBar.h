// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "api/TaskFilter.h"

#include <QHash>
#include <QTimer>
#include <QWidget>

class QLineEdit;
class QToolButton;

namespace taskmill {

// Priority and status toggles plus a search field. filterChanged fires through one single-shot timer:
// at once for clicks, SearchDebounceMs after the last keystroke while typing. No toggle checked in a
// group means "any" (the TaskFilter rule).
class FilterBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FilterBar)

public:
    static constexpr int SearchDebounceMs = 300;

    explicit FilterBar(QWidget *parent = nullptr);

    TaskFilter filter() const;
    void clear();

signals:
    void filterChanged(const taskmill::TaskFilter &filter);

private:
    QToolButton *addToggle(const QString &text, const QColor &color, const QString &objectName);

    QHash<taskmill::Priority, QToolButton *> m_priorityToggles;
    QHash<taskmill::Status, QToolButton *> m_statusToggles;
    QLineEdit *m_search = nullptr;
    QTimer m_debounce;
    TaskFilter m_lastEmitted;
};

} // namespace taskmill
