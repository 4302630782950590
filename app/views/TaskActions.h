// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "model/Task.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QUuid>

class QAction;
class QWidget;

namespace taskmill {

struct ApiError;
struct TaskBulkResult;
class BackendClient;
class BulkTaskActions;
class CallerAccess;
class CreateTaskDialog;
class TaskModel;
class TaskPager;
class TaskTablePanel;

// The task commands of the main window as QActions for menus, toolbars and the table's context menu:
// new (Ctrl+N), duplicate with edits (Ctrl+D, one selected task), cancel (Delete) and retry now (Ctrl+R)
// on the selected tasks they apply to (cancel: unfinished ones; retry: failed, cancelled, postponed or
// waiting ones — disabled with a tooltip saying why when none is), through the bulk endpoints; copy full
// ID (Ctrl+C in the table); refresh (F5). Each bulk action reports one summary; failed items are listed
// in a non-modal message box, in the user's language. Cancel and retry of every task the filter matches are
// BulkTaskActions, listed here too. Nothing here blocks the event loop.
class TaskActions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TaskActions)

public:
    TaskActions(BackendClient &client, TaskPager &pager, TaskTablePanel &table, QWidget *window);

    QAction *newTaskAction() const { return m_newTask; }
    QAction *duplicateAction() const { return m_duplicate; }
    QAction *cancelAction() const { return m_cancel; }
    QAction *retryAction() const { return m_retry; }
    QAction *refreshAction() const { return m_refresh; }
    QAction *copyIdAction() const { return m_copyId; }
    BulkTaskActions *bulkActions() const { return m_bulk; } // Cancel / Retry All Matching…
    QList<QAction *> taskActions() const; // in menu order, separators as null entries
    CreateTaskDialog *createDialog() const; // null until first opened
    // Disables what the caller's role does not allow (with a tooltip saying so); may be null.
    void setAccess(const CallerAccess *access);
    // False while another page is shown: the commands on the Tasks page's selection are disabled (their
    // shortcuts with them); New Task and Refresh stay.
    void setPageActive(bool active);

    void openCreateDialog();
    void duplicateSelected(); // the create dialog, prefilled from the selected task
    void cancelSelected();    // asks for confirmation first
    void retrySelected();
    void copySelectedIds(); // full ids, one per line

    static bool canRetry(Status status);
    static bool canCancel(Status status);

signals:
    void statusMessagePosted(const QString &message);

private:
    void cancelTasks(const QList<QUuid> &ids);
    QList<QUuid> selectedIds(bool (*applies)(Status)) const; // the selected tasks an action applies to
    void report(const QString &title, const TaskBulkResult &result, const QString &done);
    void showError(const QString &title, const QString &text);
    void updateEnabled();
    CreateTaskDialog *dialog();

    BackendClient &m_client;
    TaskPager &m_pager;
    TaskTablePanel &m_table;
    QWidget *m_window;
    QAction *m_newTask = nullptr;
    QAction *m_duplicate = nullptr;
    QAction *m_cancel = nullptr;
    QAction *m_retry = nullptr;
    QAction *m_refresh = nullptr;
    QAction *m_copyId = nullptr;
    BulkTaskActions *m_bulk = nullptr;
    bool m_pageActive = true;
    QPointer<CreateTaskDialog> m_dialog;
    QPointer<const CallerAccess> m_access;
};

} // namespace taskmill
