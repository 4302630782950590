// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "models/EventLogFilterModel.h"

#include <QTimer>
#include <QUuid>
#include <QWidget>

class QComboBox;
class QLineEdit;
class QTableView;

namespace taskmill {

class EventLogModel;

// Dock content: the recent events log with a category box and a text filter (debounced while typing).
// Follows the newest row while the view is scrolled to the bottom; stays put when the user scrolled up.
class EventsPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventsPanel)

public:
    static constexpr int TypingDelayMs = 300;

    explicit EventsPanel(EventLogModel &log, QWidget *parent = nullptr);

    EventLogFilterModel *filterModel() const { return m_filter; }
    QTableView *view() const { return m_view; }
    QLineEdit *searchEdit() const { return m_search; }
    QComboBox *categoryBox() const { return m_category; }
    EventLogFilter currentFilter() const;

signals:
    void taskActivated(const QUuid &taskId); // double-click or Enter on a task's event

private:
    void applyFilter();

    EventLogModel &m_log;
    EventLogFilterModel *m_filter = nullptr;
    QTableView *m_view = nullptr;
    QLineEdit *m_search = nullptr;
    QComboBox *m_category = nullptr;
    QTimer m_debounce;
    bool m_followTail = true;
};

} // namespace taskmill
