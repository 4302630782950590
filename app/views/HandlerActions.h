// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/HandlerTypes.h"

#include <QObject>
#include <QPointer>

#include <optional>

class QAction;
class QMessageBox;
class QWidget;

namespace taskmill {

class BackendClient;
class CallerAccess;
class HandlerDialog;
class HandlerModel;

// The commands of the Handlers page as QActions: new and edit (HandlerDialog), enable/disable (one action
// whose text follows the selected handler), delete and reload. Delete reads the handler again, so the
// confirmation names its unfinished (queued + running) tasks as they are now; with some, the only way on
// is "Delete and cancel N tasks", which sends force=true. Built-ins cannot be deleted: the action is
// disabled and its tooltip says why. Failures show in a non-modal message box, successes as a status line.
class HandlerActions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HandlerActions)

public:
    HandlerActions(BackendClient &client, HandlerModel &model, QWidget *page);
    // Disables what the caller's role does not allow (with a tooltip saying so); may be null.
    void setAccess(const CallerAccess *access);

    QAction *newAction() const { return m_new; }
    QAction *editAction() const { return m_edit; }
    QAction *toggleAction() const { return m_toggle; }
    QAction *deleteAction() const { return m_delete; }
    QAction *refreshAction() const { return m_refresh; }
    HandlerDialog *dialog() const;              // the open dialog, else null
    QMessageBox *deleteConfirmation() const;    // the open confirmation, else null

    void setSelected(const std::optional<HandlerSpec> &handler);
    void openNewDialog();
    void editSelected();
    void toggleSelected();
    void deleteSelected(); // reads the handler, then asks

signals:
    void statusMessagePosted(const QString &message);

private:
    void openDialog(const std::optional<HandlerSpec> &handler);
    void askDeleteConfirmation(const HandlerSpec &handler);
    void deleteHandler(const QString &name, bool force);
    void showError(const QString &title, const QString &text);
    void updateActions();

    BackendClient &m_client;
    HandlerModel &m_model;
    QWidget *m_page;
    std::optional<HandlerSpec> m_selected;
    bool m_busy = false; // a toggle or delete is in flight
    QPointer<const CallerAccess> m_access;
    QAction *m_new = nullptr;
    QAction *m_edit = nullptr;
    QAction *m_toggle = nullptr;
    QAction *m_delete = nullptr;
    QAction *m_refresh = nullptr;
    QPointer<HandlerDialog> m_dialog;
    QPointer<QMessageBox> m_confirmation;
};

} // namespace taskmill
