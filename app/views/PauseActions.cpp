// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "views/PauseActions.h"

#include "client/BackendClient.h"
#include "models/CallerAccess.h"
#include "models/PauseState.h"
#include "views/ErrorText.h"
#include "views/PageAction.h"
#include "wire/PermissionNames.h"

#include <QAction>
#include <QMessageBox>

#include <limits>

namespace taskmill {

PauseActions::PauseActions(BackendClient &client, PauseState &state, PauseScope scope, QWidget *page)
    : QObject(page)
    , m_client(client)
    , m_state(state)
    , m_scope(scope)
    , m_page(page)
{
    const bool queue = scope == PauseScope::Priority;
    m_pause = pageAction(page, QStyle::SP_MediaPause, queue ? tr("&Pause Queue") : tr("&Pause Type"),
                         queue ? QStringLiteral("pauseQueueAction") : QStringLiteral("pauseTypeAction"));
    m_resume = pageAction(page, QStyle::SP_MediaPlay, queue ? tr("&Resume Queue") : tr("&Resume Type"),
                          queue ? QStringLiteral("resumeQueueAction") : QStringLiteral("resumeTypeAction"));
    connect(m_pause, &QAction::triggered, this, &PauseActions::pauseTarget);
    connect(m_resume, &QAction::triggered, this, &PauseActions::resumeTarget);
    connect(&m_state, &PauseState::changed, this, &PauseActions::updateActions);
    updateActions();
}

void PauseActions::setAccess(const CallerAccess *access)
{
    m_access = access;
    if (access)
        connect(access, &CallerAccess::changed, this, &PauseActions::updateActions);
    updateActions();
}

void PauseActions::setTarget(const QString &name, const QString &label)
{
    m_target = name;
    m_label = label.isEmpty() ? name : label;
    updateActions();
}

void PauseActions::pauseTarget()
{
    if (m_target.isEmpty() || m_busy)
        return;
    m_busy = true;
    updateActions();
    m_client.pause(m_scope, m_target).then(this, [this, label = m_label](Result<Pause> result) {
        m_busy = false;
        if (result)
            m_state.applyPaused(*result);
        updateActions();
        if (!result) {
            showError(tr("%1 was not paused.\n%2").arg(label, ErrorText::full(result.error())));
            return;
        }
        emit statusMessagePosted(m_scope == PauseScope::Priority ? tr("Paused the %1 queue.").arg(label)
                                                                 : tr("Paused tasks of type %1.").arg(label));
    });
}

void PauseActions::resumeTarget()
{
    if (m_target.isEmpty() || m_busy)
        return;
    m_busy = true;
    updateActions();
    m_client.resume(m_scope, m_target).then(this, [this, name = m_target, label = m_label](Result<qint64> result) {
        m_busy = false;
        if (result)
            m_state.applyResumed(m_scope, name);
        updateActions();
        if (!result) {
            showError(tr("%1 was not resumed.\n%2").arg(label, ErrorText::full(result.error())));
            return;
        }
        const int n = int(qMin<qint64>(*result, std::numeric_limits<int>::max()));
        emit statusMessagePosted(m_scope == PauseScope::Priority
                                     ? tr("Resumed the %1 queue; %Ln held task(s) dispatched again.", nullptr, n).arg(label)
                                     : tr("Resumed tasks of type %1; %Ln held task(s) dispatched again.", nullptr, n).arg(label));
    });
}

void PauseActions::showError(const QString &text)
{
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Pause", "dialog title"), text, QMessageBox::Ok, m_page);
    box->setObjectName(QStringLiteral("pauseActionError"));
    box->setTextFormat(Qt::PlainText); // server messages are not markup
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setModal(false);
    box->show();
}

void PauseActions::updateActions()
{
    const bool selected = !m_target.isEmpty();
    const bool paused = selected && m_state.isPaused(m_scope, m_target);
    m_pause->setEnabled(selected && !paused && !m_busy);
    m_resume->setEnabled(selected && paused && !m_busy);
    const bool queue = m_scope == PauseScope::Priority;
    m_pause->setToolTip(paused ? (queue ? tr("This queue is paused already.") : tr("This type is paused already."))
                               : queue ? tr("Hold back the queued tasks of this priority until it is resumed: nothing "
                                            "starts them, new ones are accepted and wait, nothing is lost")
                                       : tr("Hold back the queued tasks of this type until it is resumed: nothing "
                                            "starts them, new ones are accepted and wait, nothing is lost"));
    m_resume->setToolTip(selected && !paused ? (queue ? tr("This queue is not paused.") : tr("This type is not paused."))
                                             : queue ? tr("Start the tasks of this priority again")
                                                     : tr("Start the tasks of this type again"));
    if (m_access)
        for (QAction *action : {m_pause, m_resume})
            m_access->restrict(action, permission::OperateTasks);
}

} // namespace taskmill
