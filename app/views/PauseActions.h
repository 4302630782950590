// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/PauseTypes.h"

#include <QObject>
#include <QPointer>

class QAction;
class QWidget;

namespace taskmill {

class BackendClient;
class CallerAccess;
class PauseState;

// Pause and Resume for the priority (Monitor page) or task type (Handlers page) selected on a page: two
// page actions, each enabled only when it applies to the target's state in PauseState, both disabled with a
// reason when the role lacks tasks.operate or the app is offline (CallerAccess::restrict). No confirmation:
// a pause holds work back and loses nothing, and Resume undoes it. The answer updates PauseState at once;
// a failure shows in a non-modal message box (ErrorText), a success as a status line.
class PauseActions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PauseActions)

public:
    PauseActions(BackendClient &client, PauseState &state, PauseScope scope, QWidget *page);
    void setAccess(const CallerAccess *access); // may be null: everything allowed

    QAction *pauseAction() const { return m_pause; }
    QAction *resumeAction() const { return m_resume; }
    PauseScope scope() const { return m_scope; }
    QString target() const { return m_target; }

    // `name`: the wire name (HIGH, a task type); empty when nothing is selected. `label`: how the page shows it.
    void setTarget(const QString &name, const QString &label);
    void pauseTarget();
    void resumeTarget();

signals:
    void statusMessagePosted(const QString &message);

private:
    void updateActions();
    void showError(const QString &text);

    BackendClient &m_client;
    PauseState &m_state;
    const PauseScope m_scope;
    QWidget *m_page;
    QString m_target;
    QString m_label;
    bool m_busy = false; // a pause or resume is in flight
    QPointer<const CallerAccess> m_access;
    QAction *m_pause = nullptr;
    QAction *m_resume = nullptr;
};

} // namespace taskmill
