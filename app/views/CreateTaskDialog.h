// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "model/Task.h"
#include "views/FormFieldErrors.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QGroupBox;
class QSpinBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace taskmill {

struct ApiError;
class BackendClient;
struct CreateTaskForm;

// Form for POST /api/v1/tasks: type, title, description, priority, payload JSON, an optional run time
// (delayed task), attempts and an optional retry policy. Validates through CreateTaskForm (the shared
// parseCreateTask rules) before sending and shows an error next to the offending field, client-side or
// from a server 422 `field`; the dialog stays open until the backend has created the task. While a create
// is in flight the button is disabled and what the user typed is kept. setForm() prefills it
// ("duplicate with edits").
class CreateTaskDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CreateTaskDialog)

public:
    explicit CreateTaskDialog(BackendClient &client, QWidget *parent = nullptr);

    QString fieldError(const QString &field) const; // "" when the field has no error shown
    QString generalError() const;
    bool isSubmitting() const { return m_submitting; }

    void submit(); // what the Create button does
    void setForm(const CreateTaskForm &form);
    CreateTaskForm form() const; // what is typed now

signals:
    void taskCreated(const taskmill::Task &task);

private:
    void clearErrors();
    void showError(const ApiError &error);

    BackendClient &m_client;
    QComboBox *m_type = nullptr;
    QLineEdit *m_title = nullptr;
    QPlainTextEdit *m_description = nullptr;
    QComboBox *m_priority = nullptr;
    QPlainTextEdit *m_payload = nullptr;
    QCheckBox *m_delayed = nullptr;
    QDateTimeEdit *m_runAt = nullptr;
    QSpinBox *m_maxAttempts = nullptr;
    QGroupBox *m_retry = nullptr;
    QComboBox *m_strategy = nullptr;
    QSpinBox *m_baseMs = nullptr;
    QSpinBox *m_maxMs = nullptr;
    QLabel *m_generalError = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    FormFieldErrors m_fieldErrors{this};
    bool m_submitting = false;
};

} // namespace taskmill
