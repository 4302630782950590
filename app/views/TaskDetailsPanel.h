// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/ServerInfo.h"
#include "model/Task.h"
#include "model/TaskEvent.h"

#include <QHash>
#include <QWidget>

class QAction;
class QLabel;
class QFormLayout;
class QUrl;
class QPlainTextEdit;
class QProgressBar;
class QTableWidget;
class QTabWidget;

namespace taskmill {

class BackendClient;
class TaskTimeline;

// Every field of one task, its payload and result as indented JSON, and its status history (loaded with
// BackendClient::taskHistory) as a table under a to-scale TaskTimeline. MainWindow feeds it the selected task and the pager's updates; an event for
// the shown task reloads the history. Shows a placeholder while no single task is selected.
// "Open Trace" fills the backend's tracing.link_template (GET /api/v1/info, fetched at start and after every
// (re)connection) with the task's trace id and opens it with QDesktopServices; without a template it is
// disabled and its tooltip says why.
// A task leased by an external worker also shows the worker's last reported progress and message and when
// its lease ends; those rows are hidden for tasks that carry none.
class TaskDetailsPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TaskDetailsPanel)

public:
    explicit TaskDetailsPanel(BackendClient &client, QWidget *parent = nullptr);

    QUuid taskId() const { return m_task.id; } // null while nothing is shown
    QAction *copyTraceIdAction() const { return m_copyTraceId; }
    QAction *openTraceAction() const { return m_openTrace; }
    QString traceLinkTemplate() const { return m_serverInfo.traceLinkTemplate; }

    void showTask(const taskmill::Task &task); // a different id also reloads the history
    void clear();
    // Refreshes the fields when `tasks` contains the shown task.
    void updateTasks(const QList<taskmill::Task> &tasks);
    // Reloads the history when one of `events` concerns the shown task.
    void onEventsApplied(const QList<taskmill::TaskEvent> &events);

    static bool isOpenableLink(const QUrl &url); // http(s) with a host: the only links the app opens
    static QString resultText(const taskmill::Task &task); // the Result tab: JSON, or why there is none

signals:
    void statusMessagePosted(const QString &message);

private:
    void fillFields();
    void addLeaseRows(QFormLayout *form, QWidget *page);
    void fillLease();
    void loadHistory();
    void fillHistory(const QList<TaskHistoryEntry> &history);
    void copyTraceId();
    void openTrace();
    void loadServerInfo();
    void updateTraceActions();

    BackendClient &m_client;
    Task m_task;
    quint64 m_historyGeneration = 0; // answers for a task no longer shown are dropped
    QLabel *m_placeholder = nullptr;
    QTabWidget *m_tabs = nullptr;
    QHash<QString, QLabel *> m_fields; // keyed by objectName of the value label
    QFormLayout *m_form = nullptr;
    QWidget *m_progressRow = nullptr; // bar + the worker's last message; a row only while a worker reported
    QProgressBar *m_progress = nullptr;
    QLabel *m_progressMessage = nullptr;
    QLabel *m_lease = nullptr;
    QPlainTextEdit *m_payload = nullptr;
    QPlainTextEdit *m_result = nullptr;
    TaskTimeline *m_timeline = nullptr;
    QTableWidget *m_history = nullptr;
    QLabel *m_historyError = nullptr;
    QAction *m_copyTraceId = nullptr;
    QAction *m_openTrace = nullptr;
    ServerInfo m_serverInfo;
};

} // namespace taskmill
