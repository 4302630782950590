// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include <QObject>
#include <QPointer>
#include <QUuid>

class QAction;
class QWidget;

namespace taskmill {

struct ApiError;
class BackendClient;
class CreateTaskDialog;
class TaskPager;
class TaskTablePanel;

// The task commands of the main window (new, cancel selected, refresh) as QActions for menus and
// toolbars. Failed actions are reported in a non-modal message box; nothing here blocks the event loop.
class TaskActions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TaskActions)

public:
    TaskActions(BackendClient &client, TaskPager &pager, TaskTablePanel &table, QWidget *window);

    QAction *newTaskAction() const { return m_newTask; }
    QAction *cancelAction() const { return m_cancel; }
    QAction *refreshAction() const { return m_refresh; }
    CreateTaskDialog *createDialog() const; // null until first opened

    void openCreateDialog();
    void cancelSelected(); // asks for confirmation first

signals:
    void statusMessagePosted(const QString &message);

private:
    void cancelTasks(const QList<QUuid> &ids);
    void showError(const QString &title, const QString &text);
    void updateEnabled();

    BackendClient &m_client;
    TaskPager &m_pager;
    TaskTablePanel &m_table;
    QWidget *m_window;
    QAction *m_newTask = nullptr;
    QAction *m_cancel = nullptr;
    QAction *m_refresh = nullptr;
    QPointer<CreateTaskDialog> m_dialog;
};

} // namespace taskmill
