// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "views/TaskActions.h"

#include "client/BackendClient.h"
#include "models/TaskPager.h"
#include "views/CreateTaskDialog.h"
#include "views/TaskTablePanel.h"

#include <QAction>
#include <QMessageBox>
#include <QPushButton>
#include <QStyle>
#include <QWidget>

#include <memory>

namespace taskmill {

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

    m_cancel = new QAction(style->standardIcon(QStyle::SP_DialogCancelButton), tr("&Cancel Selected…"), this);
    m_cancel->setObjectName(QStringLiteral("cancelTasksAction"));
    m_cancel->setShortcut(QKeySequence::Delete);
    connect(m_cancel, &QAction::triggered, this, &TaskActions::cancelSelected);

    m_refresh = new QAction(style->standardIcon(QStyle::SP_BrowserReload), tr("&Refresh"), this);
    m_refresh->setObjectName(QStringLiteral("refreshAction"));
    m_refresh->setShortcut(QKeySequence::Refresh);
    connect(m_refresh, &QAction::triggered, &m_pager, &TaskPager::refresh);

    connect(&m_table, &TaskTablePanel::selectionChanged, this, &TaskActions::updateEnabled);
    updateEnabled();
}

CreateTaskDialog *TaskActions::createDialog() const
{
    return m_dialog;
}

void TaskActions::openCreateDialog()
{
    if (!m_dialog) {
        m_dialog = new CreateTaskDialog(m_client, m_window);
        connect(m_dialog, &CreateTaskDialog::taskCreated, this, [this](const Task &task) {
            emit statusMessagePosted(tr("Created task %1.").arg(task.id.toString(QUuid::WithoutBraces)));
            m_pager.refresh();
        });
    }
    m_dialog->open();
    m_dialog->raise();
    m_dialog->activateWindow();
}

void TaskActions::cancelSelected()
{
    const QList<QUuid> ids = m_table.selectedTaskIds();
    if (ids.isEmpty())
        return;
    auto *box = new QMessageBox(QMessageBox::Question, tr("Cancel Tasks", "dialog title"),
                                tr("Cancel %n selected task(s)? Running tasks stop at their next cancellation check.",
                                   nullptr, int(ids.size())),
                                QMessageBox::NoButton, m_window);
    box->setObjectName(QStringLiteral("cancelConfirmation"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *yes = box->addButton(tr("Cancel Tasks", "button"), QMessageBox::AcceptRole);
    box->addButton(tr("Keep Running"), QMessageBox::RejectRole);
    box->setDefaultButton(yes);
    connect(box, &QMessageBox::finished, this, [this, box, yes, ids] {
        if (box->clickedButton() == yes)
            cancelTasks(ids);
    });
    box->open();
}

void TaskActions::cancelTasks(const QList<QUuid> &ids)
{
    // One summary for the whole selection instead of a message box per failed task.
    struct Batch
    {
        qsizetype remaining = 0;
        QStringList failures;
    };
    auto batch = std::make_shared<Batch>();
    batch->remaining = ids.size();
    for (const QUuid &id : ids) {
        m_client.cancelTask(id).then(this, [this, batch, id, count = ids.size()](Result<Task> result) {
            if (!result)
                batch->failures << tr("Task %1: %2").arg(id.toString(QUuid::WithoutBraces).left(8),
                                                          result.error().message);
            if (--batch->remaining > 0)
                return;
            m_pager.refresh();
            if (batch->failures.isEmpty())
                emit statusMessagePosted(tr("Cancelled %n task(s).", nullptr, int(count)));
            else
                showError(tr("Cancel Tasks", "dialog title"),
                          tr("Some tasks were not cancelled:\n%1").arg(batch->failures.join(u'\n')));
        });
    }
}

void TaskActions::showError(const QString &title, const QString &text)
{
    auto *box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Ok, m_window);
    box->setObjectName(QStringLiteral("actionError"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setModal(false);
    box->show();
}

void TaskActions::updateEnabled()
{
    m_cancel->setEnabled(!m_table.selectedTaskIds().isEmpty());
}

} // namespace taskmill
