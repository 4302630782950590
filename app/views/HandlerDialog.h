// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "views/FormFieldErrors.h"
#include "wire/HandlerTypes.h"

#include <QDialog>
#include <QTimer>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace taskmill {

struct ApiError;
class BackendClient;
struct HandlerForm;

// Form for POST /api/v1/handlers (new) and PUT /api/v1/handlers/{name} (setHandler(): edit). The schema
// editor is judged as the user types, SchemaCheckDelayMs after the last key, with the server's own
// PayloadSchema; while it is invalid the error shows under it and OK is disabled. A built-in's name and
// schema are read-only (both belong to taskmilld). Errors show next to their field, client-side or from a
// server 422 `field`; a 409 on create names the taken name, a 409 on edit means someone changed the
// handler since it was read and offers to reload it. The dialog stays open until the backend has saved.
class HandlerDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HandlerDialog)

public:
    static constexpr int SchemaCheckDelayMs = 300;

    explicit HandlerDialog(BackendClient &client, QWidget *parent = nullptr);

    void setHandler(const HandlerSpec &handler); // edit mode; what the user typed is replaced
    bool isEditing() const { return !m_creating; }
    HandlerForm form() const; // what is typed now
    void setForm(const HandlerForm &form);

    QString fieldError(const QString &field) const; // "" when the field has no error shown
    QString generalError() const;
    bool isSubmitting() const { return m_submitting; }
    bool isSchemaValid() const { return m_schemaValid; } // as of the last check
    QPushButton *okButton() const;

    void submit(); // what OK does
    void checkSchemaNow(); // what the debounce timer does

signals:
    void handlerSaved(const taskmill::HandlerSpec &handler);

private:
    void showError(const ApiError &error);
    void offerReload(const QString &message);
    void updateOkButton();

    BackendClient &m_client;
    HandlerSpec m_base; // the handler as read (edit) or the defaults (new)
    bool m_creating = true;
    bool m_submitting = false;
    bool m_schemaValid = true;
    QTimer m_schemaTimer;
    QLineEdit *m_name = nullptr;
    QPlainTextEdit *m_description = nullptr;
    QComboBox *m_priority = nullptr;
    QSpinBox *m_maxAttempts = nullptr;
    QSpinBox *m_timeout = nullptr;
    QSpinBox *m_concurrency = nullptr;
    QCheckBox *m_enabled = nullptr;
    QPlainTextEdit *m_schema = nullptr;
    QLabel *m_schemaHint = nullptr;
    QLabel *m_generalError = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    FormFieldErrors m_fieldErrors{this};
};

} // namespace taskmill
