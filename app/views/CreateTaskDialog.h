// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "model/Task.h"
#include "views/FormFieldErrors.h"

#include <QDialog>

#include <memory>
#include <QHash>
#include <QJsonObject>
#include <QTimer>

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
class QPushButton;

namespace taskmill {

struct ApiError;
class BackendClient;
struct CreateTaskForm;
class PayloadEditor;

// Form for POST /api/v1/tasks: type, title, description, priority, payload JSON, an optional run time
// (delayed task), attempts and an optional retry policy. Validates through CreateTaskForm (the shared
// parseCreateTask rules) before sending and shows an error next to the offending field, client-side or
// from a server 422 `field`; the dialog stays open until the backend has created the task. While a create
// is in flight the button is disabled and what the user typed is kept. setForm() prefills it
// ("duplicate with edits").
// The type is one of the registered handlers (BackendClient::listHandlers, asked again each time the dialog
// opens; any name may still be typed). For a handler whose schema names properties the payload is a
// generated form (PayloadEditor) with a JSON toggle; PayloadCheckDelayMs after the last edit the payload is
// judged with the server's own PayloadSchema, each violation shows at its input and Create is disabled
// while there is one. A server 422 validation_failed puts its details in the same places.
class CreateTaskDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CreateTaskDialog)

public:
    static constexpr int PayloadCheckDelayMs = 300;

    explicit CreateTaskDialog(BackendClient &client, QWidget *parent = nullptr);
    ~CreateTaskDialog() override;

    QString fieldError(const QString &field) const; // "" when the field has no error shown
    QString generalError() const;
    bool isSubmitting() const { return m_submitting; }
    bool isPayloadValid() const { return m_payloadValid; } // as of the last check
    PayloadEditor *payloadEditor() const { return m_payload; }
    QPushButton *createButton() const;
    void checkPayloadNow(); // what the debounce timer does
    void refreshHandlers();  // what opening the dialog does

    void submit(); // what the Create button does
    void setForm(const CreateTaskForm &form); // also what Escape compares against ("edited?")
    void startNew();  // a fresh form with no error left from last time: what New Task opens
    void reject() override; // asks before throwing away edits
    CreateTaskForm form() const; // what is typed now

signals:
    void taskCreated(const taskmill::Task &task);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void applyHandlerSchema();
    void fitHeight();
    void updateCreateButton();
    void clearErrors();
    void rejectNow() { QDialog::reject(); }
    // Every problem the form has, not only the first: validate() stops at one, so each field found wrong
    // is replaced by a valid stand-in and the form checked again.
    static QList<ApiError> allErrors(CreateTaskForm form);
    void showError(const ApiError &error);

    BackendClient &m_client;
    QComboBox *m_type = nullptr;
    QLineEdit *m_title = nullptr;
    QPlainTextEdit *m_description = nullptr;
    QComboBox *m_priority = nullptr;
    PayloadEditor *m_payload = nullptr;
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
    // The Idempotency-Key of the request last sent and that request: pressing Create again after an error or a
    // timeout sends the same key while the request is unchanged, so a create that did land is not made twice.
    QByteArray m_sentRequest;
    QByteArray m_idempotencyKey;
    std::unique_ptr<CreateTaskForm> m_pristine; // the form as set or opened; Escape asks when it differs
    bool m_payloadValid = true;
    QTimer m_payloadTimer;
    QHash<QString, QJsonObject> m_schemas; // handler name → payload schema, as last listed
};

} // namespace taskmill
