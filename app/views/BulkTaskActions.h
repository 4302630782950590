// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/BulkTypes.h"

#include <QObject>
#include <QPointer>

#include <functional>

class QAction;
class QMessageBox;
class QWidget;

namespace taskmill {

class BackendClient;
class BulkOperationRun;
class BulkProgressDialog;
class CallerAccess;

// "Cancel All Matching…" and "Retry All Matching…" for the Tasks page (docs/app.md): every task the current filter
// matches, however many pages, changed server-side (docs/api.md, "Bulk operations by filter"). Asks the server for
// the exact number first and confirms with it (Enter keeps the tasks as they are); a changed number is asked again.
// Then a non-modal progress window with Stop; at the end a summary in the status bar and, when tasks could not be
// changed, a non-modal list of them. One operation at a time: choosing an action while one runs shows its progress.
class BulkTaskActions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BulkTaskActions)

public:
    // `currentFilter` is what the task table shows now (TaskPager::filter()).
    BulkTaskActions(BackendClient &client, std::function<TaskFilter()> currentFilter, QWidget *window);

    QAction *cancelAllAction() const { return m_cancelAll; }
    QAction *retryAllAction() const { return m_retryAll; }
    // Disables what the caller's role does not allow (cancel: tasks.cancel, retry: tasks.operate); may be null.
    void setAccess(const CallerAccess *access);
    // Only on the Tasks page: elsewhere the actions are disabled, saying so.
    void setPageActive(bool active);

    void cancelAllMatching();
    void retryAllMatching();

    // The dialogs, for tests; null when not open.
    QMessageBox *confirmation() const;
    BulkProgressDialog *progressDialog() const;

signals:
    void statusMessagePosted(const QString &message);
    void tasksChanged(); // an operation ended: the table should reload

private:
    void begin(BulkAction action);
    void confirm(BulkAction action, const TaskFilter &filter, qint64 count, bool changed);
    void onFinished(const BulkOperation &operation);
    void showError(const QString &title, const QString &text);
    QString title(BulkAction action) const;
    static QString describe(const TaskFilter &filter);
    void updateEnabled();

    BackendClient &m_client;
    std::function<TaskFilter()> m_currentFilter;
    QWidget *m_window;
    QAction *m_cancelAll = nullptr;
    QAction *m_retryAll = nullptr;
    BulkOperationRun *m_run = nullptr;
    TaskFilter m_filter; // of the operation being started: a changed count is confirmed for it again
    QPointer<BulkProgressDialog> m_progress;
    QPointer<QMessageBox> m_confirmation;
    QPointer<const CallerAccess> m_access;
    bool m_pageActive = true;
    bool m_counting = false; // a count or a start is on its way: a second click waits for it
};

} // namespace taskmill
