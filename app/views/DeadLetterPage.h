// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/DeadLetterTypes.h"

#include <QList>
#include <QUuid>
#include <QWidget>

#include <optional>

class QLabel;
class QTableView;
class QToolButton;

namespace taskmill {

class BackendClient;
class DeadLetterActions;
class DeadLetterDetailsPanel;
class DeadLetterFilterBar;
class ExportActions;
class DeadLetterGroupModel;
class DeadLetterModel;
class DeadLetterPager;

// The "Dead Letters" page of the main window: groups by final error (top left), the selected group's
// tasks a server page at a time (bottom left; no group selected = every dead letter) and the selected
// task's attempts and editable payload (right). A search row above narrows both lists (error, title or id,
// type, priority); the task list sorts server-side by a header click and exports like the Tasks page
// (Ctrl+E, what the page lists). Requeue and purge act on the selected tasks, or on the selected group when
// no task is selected, or on everything the search matches. Data loads while the page is shown and follows the event
// stream (DeadLetterPager); a hidden page only notes that something changed.
class DeadLetterPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeadLetterPage)

public:
    explicit DeadLetterPage(BackendClient &client, QWidget *parent = nullptr);

    DeadLetterPager *pager() const { return m_pager; }
    DeadLetterGroupModel *groupModel() const { return m_groupModel; }
    DeadLetterModel *taskModel() const { return m_taskModel; }
    DeadLetterActions *actions() const { return m_actions; }
    DeadLetterDetailsPanel *details() const { return m_details; }
    DeadLetterFilterBar *filterBar() const { return m_filterBar; }
    ExportActions *exportActions() const { return m_export; }
    QAction *copyIdAction() const { return m_copyId; }
    QTableView *groupsView() const { return m_groupsView; }
    QTableView *tasksView() const { return m_tasksView; }

    QList<QUuid> selectedTaskIds() const;
    std::optional<DeadLetterGroup> selectedGroup() const;
    void showAllDeadLetters(); // clears the group selection
    void copySelectedIds();    // whole ids, one a line (the Id column shows the short form)

signals:
    void statusMessagePosted(const QString &message);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    QWidget *createGroupsPane();
    QWidget *createTasksPane();
    void onGroupSelectionChanged();
    void onTaskSelectionChanged();
    void onLoadFailed(const taskmill::ApiError &error);
    void updateLabels();
    void onSortIndicatorChanged(int column, Qt::SortOrder order);
    void showSort();

    BackendClient &m_client;
    DeadLetterGroupModel *m_groupModel = nullptr;
    DeadLetterModel *m_taskModel = nullptr;
    DeadLetterPager *m_pager = nullptr;
    DeadLetterActions *m_actions = nullptr;
    DeadLetterDetailsPanel *m_details = nullptr;
    DeadLetterFilterBar *m_filterBar = nullptr;
    ExportActions *m_export = nullptr;
    QAction *m_copyId = nullptr;
    QTableView *m_groupsView = nullptr;
    QTableView *m_tasksView = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_tasksHeading = nullptr;
    QLabel *m_pageLabel = nullptr;
    QLabel *m_loadError = nullptr;
    QToolButton *m_showAll = nullptr;
    QToolButton *m_previous = nullptr;
    QToolButton *m_next = nullptr;
};

} // namespace taskmill
