// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "views/HandlerActions.h"

#include "models/CallerAccess.h"
#include "wire/PermissionNames.h"

#include "client/BackendClient.h"
#include "models/HandlerModel.h"
#include "views/HandlerDialog.h"
#include "views/PageAction.h"

#include <QAction>
#include <QMessageBox>
#include <QPushButton>
#include <QStyle>
#include <QWidget>

#include <limits>

namespace taskmill {

HandlerActions::HandlerActions(BackendClient &client, HandlerModel &model, QWidget *page)
    : QObject(page)
    , m_client(client)
    , m_model(model)
    , m_page(page)
{
    m_new = pageAction(page, QStyle::SP_FileIcon, tr("&New…", "handler"), QStringLiteral("newHandlerAction"));
    m_new->setToolTip(tr("Register a new task type with its payload schema"));
    connect(m_new, &QAction::triggered, this, &HandlerActions::openNewDialog);
    m_edit = pageAction(page, QStyle::SP_FileDialogDetailedView, tr("&Edit…", "handler"), QStringLiteral("editHandlerAction"));
    connect(m_edit, &QAction::triggered, this, &HandlerActions::editSelected);
    // Stop and tick, not pause and play: those belong to Pause / Resume Type beside it.
    m_toggle = pageAction(page, QStyle::SP_MediaStop, tr("Disa&ble", "handler"), QStringLiteral("toggleHandlerAction"));
    connect(m_toggle, &QAction::triggered, this, &HandlerActions::toggleSelected);
    m_delete = pageAction(page, QStyle::SP_TrashIcon, tr("&Delete…", "handler"), QStringLiteral("deleteHandlerAction"));
    connect(m_delete, &QAction::triggered, this, &HandlerActions::deleteSelected);
    m_refresh = pageAction(page, QStyle::SP_BrowserReload, tr("Re&load", "handlers"), QStringLiteral("reloadHandlersAction"));
    connect(m_refresh, &QAction::triggered, &m_model, &HandlerModel::refresh);
    updateActions();
}

HandlerDialog *HandlerActions::dialog() const
{
    return m_dialog;
}

QMessageBox *HandlerActions::deleteConfirmation() const
{
    return m_confirmation;
}

void HandlerActions::setSelected(const std::optional<HandlerSpec> &handler)
{
    m_selected = handler;
    updateActions();
}

void HandlerActions::openNewDialog()
{
    openDialog(std::nullopt);
}

void HandlerActions::editSelected()
{
    if (m_selected)
        openDialog(m_selected);
}

void HandlerActions::openDialog(const std::optional<HandlerSpec> &handler)
{
    if (m_dialog) // one at a time: a second would race the first for the same version
        m_dialog->close();
    auto *dialog = new HandlerDialog(m_client, m_page);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (handler)
        dialog->setHandler(*handler);
    connect(dialog, &HandlerDialog::handlerSaved, this, [this, creating = !handler](const HandlerSpec &saved) {
        emit statusMessagePosted(creating ? tr("Registered handler %1.").arg(saved.name)
                                          : tr("Saved handler %1.").arg(saved.name));
        m_model.refresh();
    });
    m_dialog = dialog;
    dialog->open();
}

void HandlerActions::toggleSelected()
{
    if (!m_selected || m_busy)
        return;
    HandlerSpec changed = *m_selected;
    changed.enabled = !changed.enabled;
    m_busy = true;
    updateActions();
    m_client.updateHandler(changed).then(this, [this, changed](Result<HandlerSpec> result) {
        m_busy = false;
        updateActions();
        m_model.refresh();
        if (result) {
            emit statusMessagePosted(result->enabled ? tr("Enabled handler %1.").arg(result->name)
                                                     : tr("Disabled handler %1.").arg(result->name));
        } else if (result.error().code == ErrorCode::Conflict) {
            // The row was older than the stored handler: the refresh shows what it is now.
            emit statusMessagePosted(tr("%1 was changed meanwhile and has been reloaded; try again.").arg(changed.name));
        } else {
            showError(tr("Handlers", "dialog title"),
                      tr("The handler %1 was not changed: %2").arg(changed.name, result.error().message));
        }
    });
}

void HandlerActions::deleteSelected()
{
    if (!m_selected || m_selected->kind == HandlerKind::Builtin || m_busy)
        return;
    // The row's counts may be seconds old: the confirmation shows what the backend has now.
    m_busy = true;
    updateActions();
    m_client.getHandler(m_selected->name).then(this, [this](Result<HandlerSpec> fresh) {
        m_busy = false;
        updateActions();
        if (!fresh) {
            m_model.refresh();
            showError(tr("Delete Handler", "dialog title"),
                      tr("Could not read the handler: %1").arg(fresh.error().message));
            return;
        }
        askDeleteConfirmation(*fresh);
    });
}

void HandlerActions::askDeleteConfirmation(const HandlerSpec &handler)
{
    const qint64 unfinished = handler.queued + handler.running;
    const int n = int(qMin<qint64>(unfinished, std::numeric_limits<int>::max()));
    auto *box = new QMessageBox(m_page);
    box->setObjectName(QStringLiteral("deleteHandlerConfirmation"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowTitle(tr("Delete Handler", "dialog title"));
    box->setTextFormat(Qt::PlainText);
    QPushButton *yes = nullptr;
    if (unfinished == 0) {
        box->setIcon(QMessageBox::Question);
        box->setText(tr("Delete the handler %1? Tasks of this type cannot be created until it is registered again.")
                         .arg(handler.name));
        yes = box->addButton(tr("Delete", "handler"), QMessageBox::DestructiveRole);
    } else {
        box->setIcon(QMessageBox::Warning);
        box->setText(tr("%1 has %Ln unfinished task(s) (queued or running). Deleting the handler cancels them; "
                        "the audit log records who did it.", nullptr, n)
                         .arg(handler.name));
        yes = box->addButton(tr("Delete and Cancel %Ln Task(s)", nullptr, n), QMessageBox::DestructiveRole);
    }
    yes->setObjectName(QStringLiteral("confirmButton"));
    QPushButton *no = box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(no);
    connect(box, &QMessageBox::finished, this, [this, box, yes, name = handler.name, force = unfinished > 0] {
        if (box->clickedButton() == yes)
            deleteHandler(name, force);
    });
    m_confirmation = box;
    box->open();
}

void HandlerActions::deleteHandler(const QString &name, bool force)
{
    m_busy = true;
    updateActions();
    m_client.deleteHandler(name, force).then(this, [this, name, force](Result<HandlerDeleted> result) {
        m_busy = false;
        updateActions();
        m_model.refresh();
        if (result) {
            const int n = int(qMin<qint64>(result->cancelled, std::numeric_limits<int>::max()));
            emit statusMessagePosted(n == 0 ? tr("Deleted handler %1.").arg(name)
                                            : tr("Deleted handler %1 and cancelled %Ln task(s).", nullptr, n).arg(name));
        } else if (result.error().code == ErrorCode::Conflict && !force) {
            // Tasks arrived between the confirmation and the delete: ask again with the new count.
            if (m_selected && m_selected->name == name)
                deleteSelected();
            else
                showError(tr("Delete Handler", "dialog title"), result.error().message);
        } else {
            showError(tr("Delete Handler", "dialog title"),
                      tr("The handler %1 was not deleted: %2").arg(name, result.error().message));
        }
    });
}

void HandlerActions::showError(const QString &title, const QString &text)
{
    auto *box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Ok, m_page);
    box->setObjectName(QStringLiteral("handlerActionError"));
    box->setTextFormat(Qt::PlainText); // server messages are not markup
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setModal(false);
    box->show();
}

void HandlerActions::setAccess(const CallerAccess *access)
{
    m_access = access;
    if (access)
        connect(access, &CallerAccess::changed, this, &HandlerActions::updateActions);
    updateActions();
}

void HandlerActions::updateActions()
{
    const bool selected = m_selected.has_value();
    const bool builtin = selected && m_selected->kind == HandlerKind::Builtin;
    m_edit->setEnabled(selected);
    m_toggle->setEnabled(selected && !m_busy);
    const bool enabled = !selected || m_selected->enabled;
    m_toggle->setText(enabled ? tr("Disa&ble", "handler") : tr("Ena&ble", "handler"));
    m_toggle->setIcon(m_page->style()->standardIcon(enabled ? QStyle::SP_MediaStop : QStyle::SP_DialogApplyButton));
    m_toggle->setToolTip(enabled ? tr("Stop running tasks of this type; they wait until it is enabled again")
                                 : tr("Run tasks of this type again"));
    m_delete->setEnabled(selected && !builtin && !m_busy);
    m_delete->setToolTip(builtin ? tr("Built-in handlers are part of taskmilld and cannot be deleted; disable it instead.")
                                 : tr("Delete the selected handler"));
    m_new->setEnabled(true);
    if (m_access)
        for (QAction *action : {m_new, m_edit, m_toggle, m_delete})
            m_access->restrict(action, permission::Admin);
}

} // namespace taskmill
