// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/DeadLetterTypes.h"

#include <QMessageBox>
#include <QObject>
#include <QPointer>

#include <optional>

class QAction;
class QWidget;

namespace taskmill {

class BackendClient;
class CallerAccess;
class DeadLetterModel;
class DeadLetterPager;

// The commands of the dead-letter page as QActions (shortcuts live only inside the page):
// - Requeue (Ctrl+Shift+R): the selected tasks, or when none is selected the selected group;
// - Purge… (Shift+Del): the same scope; Purge All…: every dead letter.
// Every command goes through the audited /api/v1/dlq endpoints. A purge, and a requeue of a whole group,
// first asks the backend how many tasks match and shows that exact count in a confirmation dialog
// (objectName "purgeConfirmation" / "requeueConfirmation"; the confirming button is "confirmButton").
// Failures are shown in a non-modal message box; nothing here blocks the event loop.
class DeadLetterActions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeadLetterActions)

public:
    DeadLetterActions(BackendClient &client, DeadLetterPager &pager, DeadLetterModel &tasks, QWidget *page);
    // Disables what the caller's role does not allow (with a tooltip saying so); may be null.
    void setAccess(const CallerAccess *access);

    QAction *requeueAction() const { return m_requeue; }
    QAction *purgeAction() const { return m_purge; }
    QAction *purgeAllAction() const { return m_purgeAll; }
    QAction *refreshAction() const { return m_refresh; }
    QMessageBox *confirmation() const { return m_confirmation; } // the open one, if any
    bool isBusy() const { return m_busy; }

    // What Requeue and Purge act on; the page calls this whenever its selections change.
    void setScope(const QList<QUuid> &selectedIds, const std::optional<DeadLetterGroup> &selectedGroup);

    void requeue();
    void purge();
    void purgeAll();

signals:
    void statusMessagePosted(const QString &message);
    void changed(); // an action went through: the page reloads what it shows

private:
    enum class Command { Requeue, Purge };
    void confirm(Command command, const DeadLetterSelection &selection, const QString &scope);
    void askConfirmation(Command command, const DeadLetterSelection &selection, const QString &scope, qint64 count);
    void run(Command command, const DeadLetterSelection &selection);
    void showError(const QString &title, const QString &text);
    void updateEnabled();

    BackendClient &m_client;
    DeadLetterPager &m_pager;
    DeadLetterModel &m_tasks;
    QWidget *m_page;
    QPointer<const CallerAccess> m_access;
    QAction *m_requeue = nullptr;
    QAction *m_purge = nullptr;
    QAction *m_purgeAll = nullptr;
    QAction *m_refresh = nullptr;
    QList<QUuid> m_selectedIds;
    std::optional<DeadLetterGroup> m_selectedGroup;
    QPointer<QMessageBox> m_confirmation;
    bool m_busy = false;
};

} // namespace taskmill
