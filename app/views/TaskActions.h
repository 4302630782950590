// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

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
class CallerAccess;
class CreateTaskDialog;
class TaskModel;
class TaskPager;
class TaskTablePanel;

// The task commands of the main window as QActions for menus, toolbars and the table's context menu:
// new (Ctrl+N), duplicate with edits (Ctrl+D, one selected task), cancel (Delete) and retry now (Ctrl+R)
// on every selected task through the bulk endpoints, refresh (F5). Each bulk action reports one summary;
// failed items are listed in a non-modal message box. Nothing here blocks the event loop.
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
    QList<QAction *> taskActions() const; // in menu order, separators as null entries
    CreateTaskDialog *createDialog() const; // null until first opened
    // Disables what the caller's role does not allow (with a tooltip saying so); may be null.
    void setAccess(const CallerAccess *access);

    void openCreateDialog();
    void duplicateSelected(); // the create dialog, prefilled from the selected task
    void cancelSelected();    // asks for confirmation first
    void retrySelected();

signals:
    void statusMessagePosted(const QString &message);

private:
    void cancelTasks(const QList<QUuid> &ids);
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
    QPointer<CreateTaskDialog> m_dialog;
    QPointer<const CallerAccess> m_access;
};

} // namespace taskmill
