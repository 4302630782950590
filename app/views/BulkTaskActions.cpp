// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "views/BulkTaskActions.h"
#include "models/TimeFormat.h"

#include "client/BackendClient.h"
#include "models/BulkOperationRun.h"
#include "models/CallerAccess.h"
#include "models/TaskModel.h"
#include "views/BulkProgressDialog.h"
#include "views/ErrorText.h"
#include "wire/PermissionNames.h"

#include <QAction>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QWidget>

#include <algorithm>
#include <limits>

namespace taskmill {

namespace {
// Failed tasks listed in the summary; the rest are counted (the server keeps the first 100).
constexpr int ListedFailures = 20;

int clampToInt(qint64 n)
{
    return int(std::clamp<qint64>(n, 0, std::numeric_limits<int>::max()));
}
} // namespace

BulkTaskActions::BulkTaskActions(BackendClient &client, std::function<TaskFilter()> currentFilter, QWidget *window)
    : QObject(window), m_client(client), m_currentFilter(std::move(currentFilter)), m_window(window)
{
    m_cancelAll = new QAction(tr("Cancel &All Matching…"), this);
    m_cancelAll->setObjectName(QStringLiteral("cancelAllMatchingAction"));
    connect(m_cancelAll, &QAction::triggered, this, &BulkTaskActions::cancelAllMatching);
    m_retryAll = new QAction(tr("Retry All &Matching…"), this);
    m_retryAll->setObjectName(QStringLiteral("retryAllMatchingAction"));
    connect(m_retryAll, &QAction::triggered, this, &BulkTaskActions::retryAllMatching);

    m_run = new BulkOperationRun(client, this);
    connect(m_run, &BulkOperationRun::progressed, this, [this](const BulkOperation &op) {
        m_counting = false;
        updateEnabled();
        if (m_progress)
            m_progress->showOperation(op);
    });
    connect(m_run, &BulkOperationRun::finished, this, &BulkTaskActions::onFinished);
    connect(m_run, &BulkOperationRun::countChanged, this, [this](qint64 total) {
        m_counting = false;
        updateEnabled();
        if (m_progress)
            m_progress->hide();
        if (total == 0)
            emit statusMessagePosted(tr("No matching tasks are left to change."));
        else
            confirm(m_run->action(), m_filter, total, true);
    });
    connect(m_run, &BulkOperationRun::refused, this, [this](const ApiError &error) {
        m_counting = false;
        updateEnabled();
        if (m_progress)
            m_progress->hide();
        showError(title(m_run->action()), tr("Nothing was changed.") + u'\n' + ErrorText::full(error));
    });
    connect(m_run, &BulkOperationRun::pollFailed, this, [this](const ApiError &error, bool lost) {
        if (m_progress)
            m_progress->showProblem(ErrorText::full(error));
        if (lost) {
            updateEnabled();
            showError(title(m_run->action()), tr("The progress of the operation cannot be followed any more; it may go on "
                                                 "on the server.") + u'\n' + ErrorText::full(error));
        }
    });
    updateEnabled();
}

QMessageBox *BulkTaskActions::confirmation() const
{
    return m_confirmation;
}

BulkProgressDialog *BulkTaskActions::progressDialog() const
{
    return m_progress;
}

QString BulkTaskActions::title(BulkAction action) const
{
    return action == BulkAction::Cancel ? tr("Cancel All Matching Tasks", "dialog title") : tr("Retry All Matching Tasks", "dialog title");
}

void BulkTaskActions::cancelAllMatching()
{
    begin(BulkAction::Cancel);
}

void BulkTaskActions::retryAllMatching()
{
    begin(BulkAction::Retry);
}

void BulkTaskActions::begin(BulkAction action)
{
    if (m_run->isRunning() && m_progress) {
        m_progress->show();
        m_progress->raise();
        return;
    }
    if (m_counting || m_confirmation)
        return;
    m_counting = true;
    updateEnabled();
    // The number in the confirmation is the server's, counted now for exactly this filter and action.
    const TaskFilter filter = m_currentFilter();
    m_client.countBulkAction(action, filter).then(this, [this, action, filter](Result<qint64> count) {
        m_counting = false;
        updateEnabled();
        if (!count) {
            showError(title(action), tr("The matching tasks could not be counted.") + u'\n' + ErrorText::full(count.error()));
            return;
        }
        if (*count == 0) {
            emit statusMessagePosted(action == BulkAction::Cancel ? tr("No task matching the filter can be cancelled.")
                                                                  : tr("No task matching the filter can be retried."));
            return;
        }
        confirm(action, filter, *count, false);
    });
}

void BulkTaskActions::confirm(BulkAction action, const TaskFilter &filter, qint64 count, bool changed)
{
    const bool cancel = action == BulkAction::Cancel;
    const int n = clampToInt(count);
    QStringList text;
    if (changed)
        text << tr("The number of matching tasks changed since you were asked.");
    text << (cancel ? tr("Cancel all %Ln unfinished task(s) matching the filter?", nullptr, n)
                    : tr("Retry all %Ln failed, cancelled or waiting task(s) matching the filter?", nullptr, n));
    text << describe(filter);
    text << (cancel ? tr("Running tasks stop at their next cancellation check. Stopping the operation keeps the tasks "
                         "cancelled so far.")
                    : tr("They run again now. Stopping the operation keeps the tasks retried so far."));
    // One plain-text label: the filter holds the user's search text and the server's type names.
    auto *box = new QMessageBox(QMessageBox::Question, title(action), text.join(QStringLiteral("\n\n")), QMessageBox::NoButton, m_window);
    box->setObjectName(QStringLiteral("bulkConfirmation"));
    box->setTextFormat(Qt::PlainText);
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *yes = box->addButton(cancel ? tr("Cancel %Ln Tasks", nullptr, n) : tr("Retry %Ln Tasks", nullptr, n),
                                      QMessageBox::AcceptRole);
    QPushButton *no = box->addButton(cancel ? tr("Keep Running") : tr("Do Not Retry"), QMessageBox::RejectRole);
    // Enter and Escape leave the tasks as they are: this changes many tasks at once.
    box->setDefaultButton(no);
    box->setEscapeButton(no);
    connect(box, &QMessageBox::finished, this, [this, box, yes, action, filter, count] {
        if (box->clickedButton() != yes)
            return;
        m_filter = filter;
        m_counting = true;
        updateEnabled();
        if (!m_progress) {
            m_progress = new BulkProgressDialog(m_window);
            connect(m_progress, &BulkProgressDialog::stopRequested, m_run, &BulkOperationRun::stop);
        }
        m_progress->begin(action);
        m_progress->show();
        m_progress->raise();
        m_run->start(action, filter, count);
    });
    m_confirmation = box;
    box->open();
}

void BulkTaskActions::onFinished(const BulkOperation &op)
{
    updateEnabled();
    emit tasksChanged();
    if (m_progress)
        m_progress->hide();
    const bool cancel = op.action == BulkAction::Cancel;
    const QLocale locale;
    QString summary;
    if (op.state == BulkState::Completed)
        summary = cancel ? tr("Cancelled %Ln task(s).", nullptr, clampToInt(op.done)) : tr("Retrying %Ln task(s) now.", nullptr, clampToInt(op.done));
    else
        summary = cancel ? tr("Cancelled %1 of %2 matching tasks.").arg(locale.toString(op.done), locale.toString(op.total))
                         : tr("Retried %1 of %2 matching tasks.").arg(locale.toString(op.done), locale.toString(op.total));
    QString why;
    switch (op.state) {
    case BulkState::Stopped: summary = tr("Stopped. %1").arg(summary); break;
    case BulkState::Interrupted: why = tr("The operation was interrupted: %1").arg(op.message); break;
    case BulkState::Failed: why = tr("The operation failed: %1").arg(op.message); break;
    case BulkState::Running:
    case BulkState::Stopping:
    case BulkState::Completed: break;
    }
    emit statusMessagePosted(summary);
    if (op.failed == 0 && why.isEmpty())
        return;
    QStringList lines{summary};
    if (!why.isEmpty())
        lines << why;
    if (op.failed > 0) {
        lines << tr("%Ln task(s) could not be changed:", nullptr, clampToInt(op.failed));
        for (const BulkFailure &f : op.failures.mid(0, ListedFailures))
            lines << tr("Task %1: %2 (%3)").arg(f.id.toString(QUuid::WithoutBraces), ErrorText::summary(f.error), f.error.message);
        if (op.failed > ListedFailures)
            lines << tr("… and %Ln more.", nullptr, clampToInt(op.failed - ListedFailures));
    }
    showError(title(op.action), lines.join(u'\n'));
}

QString BulkTaskActions::describe(const TaskFilter &filter)
{
    QStringList lines;
    QStringList statuses;
    for (Status s : allStatuses())
        if (filter.statuses.contains(s))
            statuses << TaskModel::displayName(s);
    if (!statuses.isEmpty())
        lines << tr("Status: %1").arg(statuses.join(QStringLiteral(", ")));
    QStringList priorities;
    for (Priority p : {Priority::High, Priority::Medium, Priority::Low})
        if (filter.priorities.contains(p))
            priorities << TaskModel::displayName(p);
    if (!priorities.isEmpty())
        lines << tr("Priority: %1").arg(priorities.join(QStringLiteral(", ")));
    if (!filter.types.isEmpty())
        lines << tr("Type: %1").arg(filter.types.join(QStringLiteral(", ")));
    if (!filter.text.isEmpty())
        lines << tr("Search: %1").arg(filter.text);
    if (!filter.ids.isEmpty())
        lines << tr("Only %Ln chosen task(s)", nullptr, int(filter.ids.size()));
    if (filter.createdFrom.isValid())
        lines << tr("Created at or after %1").arg(formatTime(filter.createdFrom, TimePrecision::Minutes));
    if (filter.createdTo.isValid())
        lines << tr("Created before %1").arg(formatTime(filter.createdTo, TimePrecision::Minutes));
    if (lines.isEmpty())
        return tr("No filter is set: this is every task.");
    return tr("Filter:") + u'\n' + lines.join(u'\n');
}

void BulkTaskActions::showError(const QString &title, const QString &text)
{
    auto *box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Ok, m_window);
    box->setObjectName(QStringLiteral("bulkActionError"));
    box->setTextFormat(Qt::PlainText); // server messages
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setModal(false);
    box->show();
}

void BulkTaskActions::setPageActive(bool active)
{
    m_pageActive = active;
    updateEnabled();
}

void BulkTaskActions::setAccess(const CallerAccess *access)
{
    m_access = access;
    if (access)
        connect(access, &CallerAccess::changed, this, &BulkTaskActions::updateEnabled);
    updateEnabled();
}

void BulkTaskActions::updateEnabled()
{
    // While an operation runs the actions stay enabled: choosing one shows its progress.
    const bool enabled = m_pageActive && !m_counting;
    m_cancelAll->setEnabled(enabled);
    m_retryAll->setEnabled(enabled);
    m_cancelAll->setToolTip(m_pageActive ? tr("Cancel every unfinished task the filter matches, on all pages")
                                         : tr("Available on the Tasks page"));
    m_retryAll->setToolTip(m_pageActive ? tr("Retry every failed, cancelled or waiting task the filter matches, on all pages")
                                        : tr("Available on the Tasks page"));
    if (m_access) {
        m_access->restrict(m_cancelAll, permission::CancelTasks);
        m_access->restrict(m_retryAll, permission::OperateTasks);
    }
}

} // namespace taskmill
