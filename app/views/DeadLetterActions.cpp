// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "views/DeadLetterActions.h"

#include "models/CallerAccess.h"
#include "wire/PermissionNames.h"

#include "client/BackendClient.h"
#include "models/DeadLetterModel.h"
#include "models/DeadLetterPager.h"
#include "views/PageAction.h"

#include <QAction>
#include <QMessageBox>
#include <QPushButton>
#include <QSet>
#include <QStyle>
#include <QWidget>

#include <limits>

namespace taskmill {

DeadLetterActions::DeadLetterActions(BackendClient &client, DeadLetterPager &pager, DeadLetterModel &tasks,
                                     QWidget *page)
    : QObject(page)
    , m_client(client)
    , m_pager(pager)
    , m_tasks(tasks)
    , m_page(page)
{
    m_requeue = pageAction(page, QStyle::SP_MediaPlay, tr("&Requeue"), QStringLiteral("requeueDeadLettersAction"));
    m_requeue->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    m_requeue->setToolTip(tr("Run the selected tasks again (or, with no task selected, the whole selected group)"));
    connect(m_requeue, &QAction::triggered, this, &DeadLetterActions::requeue);

    m_purge = pageAction(page, QStyle::SP_TrashIcon, tr("&Purge…"), QStringLiteral("purgeDeadLettersAction"));
    m_purge->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_Delete));
    m_purge->setToolTip(tr("Delete the selected tasks (or, with no task selected, the whole selected group) for good"));
    connect(m_purge, &QAction::triggered, this, &DeadLetterActions::purge);

    m_purgeAll = pageAction(page, QStyle::SP_DialogDiscardButton, tr("Purge &All…"),
                            QStringLiteral("purgeAllDeadLettersAction"));
    connect(m_purgeAll, &QAction::triggered, this, &DeadLetterActions::purgeAll);

    m_refresh = pageAction(page, QStyle::SP_BrowserReload, tr("Re&load", "dead letters"),
                           QStringLiteral("reloadDeadLettersAction"));
    connect(m_refresh, &QAction::triggered, &m_pager, &DeadLetterPager::refresh);
    updateEnabled();
}

void DeadLetterActions::setScope(const QList<QUuid> &selectedIds, const std::optional<DeadLetterGroup> &selectedGroup)
{
    m_selectedIds = selectedIds;
    // A group without an error text cannot be named by the `error` filter (empty means "any").
    m_selectedGroup = selectedGroup && !selectedGroup->error.isEmpty() ? selectedGroup : std::nullopt;
    updateEnabled();
}

void DeadLetterActions::requeue()
{
    if (m_busy)
        return;
    if (!m_selectedIds.isEmpty()) {
        run(Command::Requeue, DeadLetterSelection::ofIds(m_selectedIds));
    } else if (m_selectedGroup) {
        DeadLetterFilter filter = m_pager.search();
        filter.error = m_selectedGroup->error;
        confirm(Command::Requeue, DeadLetterSelection::ofFilter(filter), tr("Group: %1").arg(m_selectedGroup->error));
    } else if (!m_pager.search().isEmpty()) {
        confirm(Command::Requeue, DeadLetterSelection::ofFilter(m_pager.search()), tr("Every dead letter the search matches."));
    }
}

void DeadLetterActions::purge()
{
    if (m_busy)
        return;
    if (!m_selectedIds.isEmpty()) {
        askConfirmation(Command::Purge, DeadLetterSelection::ofIds(m_selectedIds), QString(), m_selectedIds.size());
    } else if (m_selectedGroup) {
        DeadLetterFilter filter = m_pager.search();
        filter.error = m_selectedGroup->error;
        confirm(Command::Purge, DeadLetterSelection::ofFilter(filter), tr("Group: %1").arg(m_selectedGroup->error));
    } else if (!m_pager.search().isEmpty()) {
        purgeAll(); // what the page lists
    }
}

void DeadLetterActions::purgeAll()
{
    if (m_busy)
        return;
    // With a search on, "all" means all that the page lists: the count in the dialog says how many.
    if (m_pager.search().isEmpty())
        confirm(Command::Purge, DeadLetterSelection::everything(), QString());
    else
        confirm(Command::Purge, DeadLetterSelection::ofFilter(m_pager.search()), tr("Every dead letter the search matches."));
}

void DeadLetterActions::confirm(Command command, const DeadLetterSelection &selection, const QString &scope)
{
    // The group's count in the table may be seconds old: the dialog shows what the backend has now.
    m_busy = true;
    updateEnabled();
    m_client.countDeadLetters(selection.filter).then(this, [this, command, selection, scope](Result<qint64> count) {
        m_busy = false;
        updateEnabled();
        if (!count) {
            showError(tr("Dead Letters", "dialog title"),
                      tr("Could not count the dead letters: %1").arg(count.error().message));
            return;
        }
        if (*count == 0) {
            emit statusMessagePosted(tr("No dead letters match any more."));
            m_pager.refresh();
            return;
        }
        askConfirmation(command, selection, scope, *count);
    });
}

void DeadLetterActions::askConfirmation(Command command, const DeadLetterSelection &selection, const QString &scope,
                                        qint64 count)
{
    const bool purging = command == Command::Purge;
    const int n = int(qMin<qint64>(count, std::numeric_limits<int>::max()));
    QString text;
    if (purging && selection.all)
        text = tr("Permanently delete all %Ln dead-lettered task(s) and their history?", nullptr, n);
    else if (purging)
        text = tr("Permanently delete %Ln dead-lettered task(s) and their history?", nullptr, n);
    else
        text = tr("Requeue %Ln task(s)? They run again from attempt 1.", nullptr, n);
    auto *box = new QMessageBox(purging ? QMessageBox::Warning : QMessageBox::Question,
                                purging ? tr("Purge Dead Letters", "dialog title") : tr("Requeue Dead Letters", "dialog title"),
                                text, QMessageBox::NoButton, m_page);
    box->setObjectName(purging ? QStringLiteral("purgeConfirmation") : QStringLiteral("requeueConfirmation"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    if (!scope.isEmpty())
        box->setInformativeText(scope);
    else if (purging)
        box->setInformativeText(tr("This cannot be undone. The audit log records who purged them."));
    QPushButton *yes = box->addButton(purging ? tr("Purge %Ln Task(s)", nullptr, n) : tr("Requeue %Ln Task(s)", nullptr, n),
                                      purging ? QMessageBox::DestructiveRole : QMessageBox::AcceptRole);
    yes->setObjectName(QStringLiteral("confirmButton"));
    QPushButton *no = box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(purging ? no : yes);
    connect(box, &QMessageBox::finished, this, [this, box, yes, command, selection] {
        if (box->clickedButton() == yes)
            run(command, selection);
    });
    m_confirmation = box;
    box->open();
}

void DeadLetterActions::run(Command command, const DeadLetterSelection &selection)
{
    m_busy = true;
    updateEnabled();
    const bool purging = command == Command::Purge;
    auto future = purging ? m_client.purgeDeadLetters(selection) : m_client.requeueDeadLetters(selection);
    future.then(this, [this, purging, selection](Result<DeadLetterBulkResult> result) {
        m_busy = false;
        updateEnabled();
        if (!result) {
            showError(purging ? tr("Purge Dead Letters", "dialog title") : tr("Requeue Dead Letters", "dialog title"),
                      (purging ? tr("Nothing was purged: %1") : tr("Nothing was requeued: %1")).arg(result.error().message));
            return;
        }
        // Rows known to be gone leave at once; the refresh that follows settles everything else.
        QSet<QUuid> gone(result->ids.cbegin(), result->ids.cend());
        if (purging)
            gone.unite(QSet<QUuid>(selection.ids.cbegin(), selection.ids.cend()));
        if (selection.all || (!selection.filter.isEmpty() && m_pager.filter() == selection.filter))
            m_tasks.clear();
        else
            m_tasks.removeKeys(gone);
        const int n = int(result->count);
        emit statusMessagePosted(purging ? tr("Purged %Ln dead-lettered task(s).", nullptr, n)
                                         : tr("Requeued %Ln task(s).", nullptr, n));
        emit changed();
    });
}

void DeadLetterActions::showError(const QString &title, const QString &text)
{
    auto *box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Ok, m_page);
    box->setObjectName(QStringLiteral("deadLetterActionError"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setModal(false);
    box->show();
}

void DeadLetterActions::setAccess(const CallerAccess *access)
{
    m_access = access;
    if (access)
        connect(access, &CallerAccess::changed, this, &DeadLetterActions::updateEnabled);
    updateEnabled();
}

void DeadLetterActions::updateEnabled()
{
    const bool scoped = !m_selectedIds.isEmpty() || m_selectedGroup.has_value() || !m_pager.search().isEmpty();
    m_requeue->setEnabled(!m_busy && scoped);
    m_purge->setEnabled(!m_busy && scoped);
    m_purgeAll->setEnabled(!m_busy);
    if (m_access) {
        m_access->restrict(m_requeue, permission::ManageDeadLetters);
        m_access->restrict(m_purge, permission::Admin);
        m_access->restrict(m_purgeAll, permission::Admin);
    }
}

} // namespace taskmill
