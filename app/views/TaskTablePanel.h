// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include <QList>
#include <QUuid>
#include <QWidget>

class QLabel;
class QMenu;
class QTableView;
class QToolButton;

namespace taskmill {

class TaskModel;
class TaskPager;

// The task table with first/previous/next paging controls for the pager's server pages. A click on a
// sortable header sorts on the server (again: reverses); other headers ignore clicks. The header's context
// menu shows and hides columns; columns are dragged to reorder. headerState() holds order, widths,
// hidden columns and the sort, for AppSettings.
class TaskTablePanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TaskTablePanel)

public:
    TaskTablePanel(TaskModel &model, TaskPager &pager, QWidget *parent = nullptr);

    QTableView *view() const { return m_view; }
    QList<QUuid> selectedTaskIds() const;

    QByteArray headerState() const;
    // Restores the layout and hands the saved sort to the pager (before its first load, no extra request).
    void restoreHeaderState(const QByteArray &state);
    // The column chooser of the header's context menu (built on demand; the caller owns it).
    QMenu *createColumnMenu(QWidget *parent);

signals:
    void selectionChanged();

private:
    void updatePaging();
    void onSortIndicatorChanged(int column, Qt::SortOrder order);
    void showSortOf(const TaskPager &pager);

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
