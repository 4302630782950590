// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include <QList>
#include <QUuid>
#include <QWidget>

class QLabel;
class QTableView;
class QToolButton;

namespace taskmill {

class TaskModel;
class TaskPager;

// The task table with first/previous/next paging controls for the pager's server pages.
class TaskTablePanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TaskTablePanel)

public:
    TaskTablePanel(TaskModel &model, TaskPager &pager, QWidget *parent = nullptr);

    QTableView *view() const { return m_view; }
    QList<QUuid> selectedTaskIds() const;

    QByteArray headerState() const;
    void restoreHeaderState(const QByteArray &state);

signals:
    void selectionChanged();

private:
    void updatePaging();

    TaskModel &m_model;
    TaskPager &m_pager;
    QTableView *m_view = nullptr;
    QToolButton *m_first = nullptr;
    QToolButton *m_previous = nullptr;
    QToolButton *m_next = nullptr;
    QLabel *m_pageLabel = nullptr;
    int m_shownPage = 1;
};

} // namespace taskmill
