// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "views/TaskActions.h"

#include "models/CallerAccess.h"
#include "wire/PermissionNames.h"

#include "client/BackendClient.h"
#include "models/CreateTaskForm.h"
#include "models/TaskModel.h"
#include "models/TaskPager.h"
#include "views/BulkTaskActions.h"
#include "views/CreateTaskDialog.h"
#include "views/ErrorText.h"
#include "views/TaskTablePanel.h"

#include <QAction>
#include <QClipboard>
#include <QGuiApplication>
#include <QMessageBox>
#include <QPushButton>
#include <QStyle>
#include <QTableView>
#include <QWidget>

namespace taskmill {

namespace {
// Failed items listed in the summary; the rest are counted.
constexpr int ListedFailures = 20;
} // namespace

TaskActions::TaskActions(BackendClient &client, TaskPager &pager, TaskTablePanel &table, QWidget *window)
    : QObject(window)
    , m_client(client)
    , m_pager(pager)
    , m_table(table)
    , m_window(window)
{
    QStyle *style = window->style();
    m_newTask = new QAction(style->standardIcon(QStyle::SP_FileIcon), tr("&New Task…"), this);
    m_newTask->setObjectName(QStringLiteral("newTaskAction"));
    m_newTask->setShortcut(QKeySequence::New);
    connect(m_newTask, &QAction::triggered, this, &TaskActions::openCreateDialog);

    m_duplicate = new QAction(style->standardIcon(QStyle::SP_FileDialogNewFolder), tr("&Duplicate…"), this);
    m_duplicate->setObjectName(QStringLiteral("duplicateTaskAction"));
    m_duplicate->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    m_duplicate->setToolTip(tr("Create a new task from the selected one, with changes"));
    connect(m_duplicate, &QAction::triggered, this, &TaskActions::duplicateSelected);

    m_cancel = new QAction(style->standardIcon(QStyle::SP_DialogCancelButton), tr("&Cancel Selected…"), this);
    m_cancel->setObjectName(QStringLiteral("cancelTasksAction"));
    m_cancel->setShortcut(QKeySequence::Delete);
    connect(m_cancel, &QAction::triggered, this, &TaskActions::cancelSelected);

    m_retry = new QAction(style->standardIcon(QStyle::SP_MediaPlay), tr("Re&try Now"), this);
    m_retry->setObjectName(QStringLiteral("retryTasksAction"));
    m_retry->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_retry->setToolTip(tr("Run failed, cancelled or waiting tasks again now"));
    connect(m_retry, &QAction::triggered, this, &TaskActions::retrySelected);

    m_refresh = new QAction(style->standardIcon(QStyle::SP_BrowserReload), tr("&Refresh"), this);
    m_refresh->setObjectName(QStringLiteral("refreshAction"));
    m_refresh->setShortcut(QKeySequence::Refresh);
    connect(m_refresh, &QAction::triggered, &m_pager, &TaskPager::refresh);

    // Ctrl+C on the table copies whole ids (the ID column shows the first 8 characters only); only while the
    // table has focus, so other pages and text fields keep their own copy.
    m_copyId = new QAction(tr("Copy &Full ID"), this);
    m_copyId->setObjectName(QStringLiteral("copyTaskIdAction"));
    m_copyId->setShortcut(QKeySequence::Copy);
    m_copyId->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_copyId, &QAction::triggered, this, &TaskActions::copySelectedIds);

    m_bulk = new BulkTaskActions(client, [&pager] { return pager.filter(); }, window);
    connect(m_bulk, &BulkTaskActions::statusMessagePosted, this, &TaskActions::statusMessagePosted);
    connect(m_bulk, &BulkTaskActions::tasksChanged, &m_pager, &TaskPager::refresh);

    connect(&m_table, &TaskTablePanel::selectionChanged, this, &TaskActions::updateEnabled);
    // A selected task that finishes or fails changes what applies to it.
    if (QAbstractItemModel *model = m_table.view()->model())
        connect(model, &QAbstractItemModel::dataChanged, this, &TaskActions::updateEnabled);
    updateEnabled();
}

bool TaskActions::canRetry(Status status)
{
    // docs/api.md, "POST /api/v1/tasks/{id}/retry": the others answer 409.
    return status == Status::Failed || status == Status::Cancelled || status == Status::Postponed
           || status == Status::RetryWaiting;
}

bool TaskActions::canCancel(Status status)
{
    return !isTerminal(status);
}

QList<QUuid> TaskActions::selectedIds(bool (*applies)(Status)) const
{
    const auto *model = qobject_cast<const TaskModel *>(m_table.view()->model());
    QList<QUuid> ids;
    for (const QUuid &id : m_table.selectedTaskIds()) {
        const int row = model ? model->rowOf(id) : -1;
        if (row >= 0 && applies(model->taskAt(row).status))
            ids.append(id);
    }
    return ids;
}

void TaskActions::copySelectedIds()
{
    QStringList ids;
    for (const QUuid &id : m_table.selectedTaskIds())
        ids << id.toString(QUuid::WithoutBraces);
    if (ids.isEmpty())
        return;
    QGuiApplication::clipboard()->setText(ids.join(u'\n'));
    emit statusMessagePosted(ids.size() == 1 ? tr("Copied the task ID %1.").arg(ids.first())
                                             : tr("Copied %Ln task ID(s).", nullptr, int(ids.size())));
}

QList<QAction *> TaskActions::taskActions() const
{
    return {m_newTask, m_duplicate, m_copyId, nullptr, m_retry, m_cancel, nullptr, m_bulk->retryAllAction(),
            m_bulk->cancelAllAction(), nullptr, m_refresh};
}

CreateTaskDialog *TaskActions::createDialog() const
{
    return m_dialog;
}

CreateTaskDialog *TaskActions::dialog()
{
    if (!m_dialog) {
        m_dialog = new CreateTaskDialog(m_client, m_window);
        connect(m_dialog, &CreateTaskDialog::taskCreated, this, [this](const Task &task) {
            emit statusMessagePosted(tr("Created task %1.").arg(task.id.toString(QUuid::WithoutBraces)));
            m_pager.refresh();
        });
    }
    return m_dialog;
}

void TaskActions::openCreateDialog()
{
    CreateTaskDialog *d = dialog();
    d->startNew(); // not last time's values and errors
    d->setWindowTitle(tr("New Task"));
    d->open();
    d->raise();
    d->activateWindow();
}

void TaskActions::duplicateSelected()
{
    const QList<QUuid> ids = m_table.selectedTaskIds();
    const auto *model = qobject_cast<const TaskModel *>(m_table.view()->model());
    const int row = ids.size() == 1 && model ? model->rowOf(ids.first()) : -1;
    if (row < 0)
        return;
    if (model->taskAt(row).payloadRedacted) {
        // A copy would go out with an empty payload instead of the one the server withholds.
        showError(tr("Duplicate Task"), tr("This task's payload is withheld from your role, so it cannot be duplicated."));
        return;
    }
    CreateTaskDialog *d = dialog();
    d->setForm(CreateTaskForm::fromTask(model->taskAt(row)));
    d->setWindowTitle(tr("Duplicate Task"));
    d->open();
    d->raise();
    d->activateWindow();
}

void TaskActions::cancelSelected()
{
    const QList<QUuid> ids = selectedIds(&canCancel);
    if (ids.isEmpty())
        return;
    auto *box = new QMessageBox(QMessageBox::Question, tr("Cancel Tasks", "dialog title"),
                                tr("Cancel %Ln selected task(s)? Running tasks stop at their next cancellation check.",
                                   nullptr, int(ids.size())),
                                QMessageBox::NoButton, m_window);
    box->setObjectName(QStringLiteral("cancelConfirmation"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *yes = box->addButton(tr("Cancel Tasks", "button"), QMessageBox::AcceptRole);
    QPushButton *keep = box->addButton(tr("Keep Running"), QMessageBox::RejectRole);
    // Enter keeps the tasks: cancelling cannot be undone (purge asks the same way).
    box->setDefaultButton(keep);
    connect(box, &QMessageBox::finished, this, [this, box, yes, ids] {
        if (box->clickedButton() == yes)
            cancelTasks(ids);
    });
    box->open();
}

void TaskActions::cancelTasks(const QList<QUuid> &ids)
{
    m_client.cancelTasks(ids).then(this, [this](Result<TaskBulkResult> result) {
        m_pager.refresh();
        if (!result) {
            showError(tr("Cancel Tasks", "dialog title"), tr("The tasks were not cancelled.") + u'\n' + ErrorText::full(result.error()));
            return;
        }
        report(tr("Cancel Tasks", "dialog title"), *result, tr("Cancelled %Ln task(s).", nullptr, result->succeeded()));
    });
}

void TaskActions::retrySelected()
{
    const QList<QUuid> ids = selectedIds(&canRetry);
    if (ids.isEmpty())
        return;
    m_client.retryTasks(ids).then(this, [this](Result<TaskBulkResult> result) {
        m_pager.refresh();
        if (!result) {
            showError(tr("Retry Tasks", "dialog title"), tr("The tasks were not retried.") + u'\n' + ErrorText::full(result.error()));
            return;
        }
        report(tr("Retry Tasks", "dialog title"), *result, tr("Retrying %Ln task(s) now.", nullptr, result->succeeded()));
    });
}

void TaskActions::report(const QString &title, const TaskBulkResult &result, const QString &done)
{
    if (result.failed() == 0) {
        emit statusMessagePosted(done);
        return;
    }
    QStringList lines;
    for (const TaskBulkResult::Item &item : result.items) {
        if (item.ok)
            continue;
        if (lines.size() == ListedFailures) {
            lines << tr("… and %Ln more.", nullptr, result.failed() - ListedFailures);
            break;
        }
        lines << tr("Task %1: %2 (%3)").arg(item.id.toString(QUuid::WithoutBraces), ErrorText::summary(item.error), item.error.message);
    }
    const QString summary = result.succeeded() > 0 ? done + u'\n' : QString();
    showError(title, summary + tr("%Ln task(s) could not be changed:", nullptr, result.failed()) + u'\n'
                         + lines.join(u'\n'));
}

void TaskActions::showError(const QString &title, const QString &text)
{
    auto *box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Ok, m_window);
    box->setObjectName(QStringLiteral("actionError"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setModal(false);
    box->show();
}

void TaskActions::setPageActive(bool active)
{
    m_pageActive = active;
    m_bulk->setPageActive(active);
    updateEnabled();
}

void TaskActions::setAccess(const CallerAccess *access)
{
    m_access = access;
    if (access)
        connect(access, &CallerAccess::changed, this, &TaskActions::updateEnabled);
    m_bulk->setAccess(access);
    updateEnabled();
}

void TaskActions::updateEnabled()
{
    const qsizetype selected = m_pageActive ? m_table.selectedTaskIds().size() : 0;
    const qsizetype cancellable = m_pageActive ? selectedIds(&canCancel).size() : 0;
    const qsizetype retryable = m_pageActive ? selectedIds(&canRetry).size() : 0;
    m_newTask->setEnabled(true);
    m_copyId->setEnabled(selected > 0);
    m_cancel->setEnabled(cancellable > 0);
    m_cancel->setToolTip(selected > 0 && cancellable == 0 ? tr("The selected tasks have already finished.")
                                                          : tr("Cancel the selected tasks that have not finished"));
    m_retry->setEnabled(retryable > 0);
    m_retry->setToolTip(selected > 0 && retryable == 0
                            ? tr("Only failed, cancelled, postponed or waiting tasks can be retried.")
                            : tr("Run failed, cancelled or waiting tasks again now"));
    m_duplicate->setEnabled(selected == 1);
    if (m_access) {
        m_access->restrict(m_newTask, permission::CreateTasks);
        m_access->restrict(m_duplicate, permission::CreateTasks);
        m_access->restrict(m_cancel, permission::CancelTasks);
        m_access->restrict(m_retry, permission::OperateTasks);
    }
}

} // namespace taskmill
