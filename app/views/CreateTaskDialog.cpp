// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "views/CreateTaskDialog.h"
#include "models/TimeFormat.h"

#include "client/BackendClient.h"
#include "models/CreateTaskForm.h"
#include "models/TaskModel.h"
#include "views/PayloadEditor.h"

#include <QCheckBox>
#include <QCoreApplication>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QSpinBox>

#include "validation/TaskValidation.h"

#include <limits>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSignalBlocker>
#include <QMessageBox>
#include <QPushButton>
#include <QShowEvent>
#include <QUuid>
#include <QVBoxLayout>

namespace taskmill {

namespace {
constexpr int DialogWidth = 560; // px: a generated form's labels and inputs side by side
}

CreateTaskDialog::CreateTaskDialog(BackendClient &client, QWidget *parent)
    : QDialog(parent)
    , m_client(client)
{
    setWindowTitle(tr("New Task"));
    setObjectName(QStringLiteral("createTaskDialog"));

    m_type = new QComboBox(this);
    m_type->setObjectName(QStringLiteral("typeEdit"));
    m_type->setEditable(true);
    // Until the registry answers (or when it cannot), the two types every taskmilld has.
    m_type->addItems({QStringLiteral("noop"), QStringLiteral("sleep")});
    m_title = new QLineEdit(this);
    m_title->setObjectName(QStringLiteral("titleEdit"));
    m_title->setPlaceholderText(tr("Short description shown in the task list"));
    m_description = new QPlainTextEdit(this);
    m_description->setObjectName(QStringLiteral("descriptionEdit"));
    m_description->setTabChangesFocus(true);
    m_description->setFixedHeight(m_description->fontMetrics().lineSpacing() * 4 + 12);
    m_priority = new QComboBox(this);
    m_priority->setObjectName(QStringLiteral("priorityCombo"));
    for (Priority p : allPriorities())
        m_priority->addItem(TaskModel::displayName(p), int(p));
    m_priority->setCurrentIndex(m_priority->findData(int(Priority::Medium)));
    m_payload = new PayloadEditor(this);
    m_payload->setObjectName(QStringLiteral("payloadEditor"));

    // When: now, or later at a chosen time.
    auto *when = new QWidget(this);
    auto *whenRow = new QHBoxLayout(when);
    whenRow->setContentsMargins(0, 0, 0, 0);
    m_delayed = new QCheckBox(tr("Later, at", "run the task later, at [time]"), when);
    m_delayed->setObjectName(QStringLiteral("delayedCheck"));
    m_runAt = new QDateTimeEdit(QDateTime::currentDateTime().addSecs(3600), when);
    m_runAt->setObjectName(QStringLiteral("runAtEdit"));
    m_runAt->setCalendarPopup(true);
    m_runAt->setDisplayFormat(dateTimeFormat(TimePrecision::Seconds));
    m_runAt->setEnabled(false);
    connect(m_delayed, &QCheckBox::toggled, m_runAt, &QWidget::setEnabled);
    whenRow->addWidget(m_delayed);
    whenRow->addWidget(m_runAt, 1);

    m_maxAttempts = new QSpinBox(this);
    m_maxAttempts->setObjectName(QStringLiteral("maxAttemptsSpin"));
    // One past the limit is allowed in the editor, so the shared rule (not the widget) reports it.
    m_maxAttempts->setRange(0, limits::MaxAttemptsMax + 1);
    m_maxAttempts->setValue(3);

    m_retry = new QGroupBox(tr("Custom retry policy"), this);
    m_retry->setObjectName(QStringLiteral("retryPolicyGroup"));
    m_retry->setCheckable(true);
    m_retry->setChecked(false);
    m_strategy = new QComboBox(m_retry);
    m_strategy->setObjectName(QStringLiteral("strategyCombo"));
    m_strategy->addItem(tr("Exponential", "retry strategy"), int(RetryPolicy::Strategy::Exponential));
    m_strategy->addItem(tr("Linear", "retry strategy"), int(RetryPolicy::Strategy::Linear));
    m_strategy->addItem(tr("Constant", "retry strategy"), int(RetryPolicy::Strategy::Constant));
    auto delaySpin = [this](const QString &name, int value) {
        auto *spin = new QSpinBox(m_retry);
        spin->setObjectName(name);
        spin->setRange(0, std::numeric_limits<int>::max());
        spin->setSingleStep(500);
        spin->setSuffix(tr(" ms", "milliseconds suffix"));
        spin->setValue(value);
        return spin;
    };
    const RetryPolicy defaults;
    m_baseMs = delaySpin(QStringLiteral("baseDelaySpin"), int(defaults.baseMs));
    m_maxMs = delaySpin(QStringLiteral("maxDelaySpin"), int(defaults.maxMs));
    auto *retryForm = new QFormLayout(m_retry);
    retryForm->addRow(tr("&Strategy:"), m_strategy);
    retryForm->addRow(tr("&First delay:"), m_baseMs);
    retryForm->addRow(tr("&Longest delay:"), m_maxMs);

    auto *form = new QFormLayout;
    m_fieldErrors.addField(form, tr("&Type:"), QStringLiteral("type"), m_type);
    m_fieldErrors.addField(form, tr("T&itle:"), QStringLiteral("title"), m_title);
    m_fieldErrors.addField(form, tr("&Description:"), QStringLiteral("description"), m_description);
    m_fieldErrors.addField(form, tr("&Priority:"), QStringLiteral("priority"), m_priority);
    m_fieldErrors.addField(form, tr("P&ayload:"), QStringLiteral("payload"), m_payload);
    m_fieldErrors.setFocusTarget(QStringLiteral("payload"), m_payload->jsonEditor());
    m_fieldErrors.addField(form, tr("&Run:"), QStringLiteral("run_at"), when);
    m_fieldErrors.setFocusTarget(QStringLiteral("run_at"), m_runAt);
    m_fieldErrors.addField(form, tr("&Attempts:"), QStringLiteral("max_attempts"), m_maxAttempts);
    m_fieldErrors.addField(form, QString(), QStringLiteral("retry_policy"), m_retry);
    m_fieldErrors.setFocusTarget(QStringLiteral("retry_policy"), m_baseMs);

    m_generalError = FormFieldErrors::createErrorLabel(this);
    m_generalError->setObjectName(QStringLiteral("generalError"));

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Create", "task"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &CreateTaskDialog::submit);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &CreateTaskDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_generalError);
    layout->addWidget(m_buttons);
    resize(DialogWidth, sizeHint().height());

    m_payloadTimer.setSingleShot(true);
    m_payloadTimer.setInterval(PayloadCheckDelayMs);
    connect(&m_payloadTimer, &QTimer::timeout, this, &CreateTaskDialog::checkPayloadNow);
    connect(m_payload, &PayloadEditor::edited, &m_payloadTimer, qOverload<>(&QTimer::start));
    connect(m_type, &QComboBox::currentTextChanged, this, &CreateTaskDialog::applyHandlerSchema);
    m_pristine = std::make_unique<CreateTaskForm>(this->form());
}

QPushButton *CreateTaskDialog::createButton() const
{
    return m_buttons->button(QDialogButtonBox::Ok);
}

void CreateTaskDialog::showEvent(QShowEvent *event)
{
    QDialog::showEvent(event);
    if (!event->spontaneous())
        refreshHandlers();
}

void CreateTaskDialog::refreshHandlers()
{
    m_client.listHandlers().then(this, [this](Result<QList<HandlerSpec>> handlers) {
        // Without the registry the dialog works as a plain JSON form; the server judges the payload on create.
        if (!handlers)
            return;
        const QString typed = m_type->currentText();
        m_schemas.clear();
        const QSignalBlocker blocker(m_type);
        m_type->clear();
        for (const HandlerSpec &h : *handlers) {
            m_schemas.insert(h.name, h.schema);
            m_type->addItem(h.name);
            m_type->setItemData(m_type->count() - 1, h.description, Qt::ToolTipRole);
        }
        m_type->setCurrentText(typed);
        applyHandlerSchema();
        // Then the types tasks already have (aliases, external workers' types not registered as handlers):
        // what the server knows, not only what it describes.
        m_client.taskTypes().then(this, [this](Result<QStringList> types) {
            if (!types)
                return;
            const QString current = m_type->currentText();
            const QSignalBlocker again(m_type);
            for (const QString &type : *types)
                if (m_type->findText(type) < 0)
                    m_type->addItem(type);
            m_type->setCurrentText(current);
        });
    });
}

void CreateTaskDialog::startNew()
{
    CreateTaskForm fresh;
    fresh.type = m_type->count() > 0 ? m_type->itemText(0) : QStringLiteral("noop"); // the list's first type
    setForm(fresh);
    clearErrors();
}

namespace {
bool sameForm(const CreateTaskForm &a, const CreateTaskForm &b)
{
    return a.type.trimmed() == b.type.trimmed() && a.title == b.title && a.description == b.description
           && a.priority == b.priority && a.payloadText.trimmed() == b.payloadText.trimmed() && a.delayed == b.delayed
           && (!a.delayed || a.runAt == b.runAt) && a.maxAttempts == b.maxAttempts && a.customRetry == b.customRetry
           && (!a.customRetry
               || (a.retryPolicy.strategy == b.retryPolicy.strategy && a.retryPolicy.baseMs == b.retryPolicy.baseMs
                   && a.retryPolicy.maxMs == b.retryPolicy.maxMs));
}
} // namespace

void CreateTaskDialog::reject()
{
    if (m_submitting || !m_pristine || sameForm(form(), *m_pristine)) {
        rejectNow();
        return;
    }
    auto *box = new QMessageBox(QMessageBox::Question, windowTitle(), tr("Discard this task? What you typed is lost."),
                                QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("discardConfirmation"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *discard = box->addButton(tr("Discard"), QMessageBox::DestructiveRole);
    QPushButton *keep = box->addButton(tr("Keep Editing"), QMessageBox::RejectRole);
    box->setDefaultButton(keep); // Escape twice must not lose the work
    connect(box, &QMessageBox::finished, this, [this, box, discard] {
        if (box->clickedButton() == discard)
            rejectNow();
    });
    box->open();
}

QList<ApiError> CreateTaskDialog::allErrors(CreateTaskForm form)
{
    constexpr int MaxRounds = 12; // more than the form has fields
    QList<ApiError> errors;
    for (int round = 0; round < MaxRounds; ++round) {
        const Result<CreateTaskRequest> r = form.validate();
        if (r)
            break;
        const ApiError e = r.error();
        errors.append(e);
        const QString field = e.field;
        if (field == u"type")
            form.type = QStringLiteral("noop");
        else if (field == u"title")
            form.title = QStringLiteral("t");
        else if (field == u"description")
            form.description.clear();
        else if (field.startsWith(u"payload"))
            form.payloadText = QStringLiteral("{}");
        else if (field == u"run_at")
            form.delayed = false;
        else if (field == u"max_attempts")
            form.maxAttempts = CreateTaskForm{}.maxAttempts;
        else if (field.startsWith(u"retry_policy"))
            form.customRetry = false;
        else
            break; // a field we cannot stand in for: report what we have
    }
    return errors;
}

void CreateTaskDialog::applyHandlerSchema()
{
    m_payload->setSchema(m_schemas.value(m_type->currentText().trimmed()));
    // Each handler's form has its own height: fit it rather than squeeze the inputs or leave a gap. Not now:
    // the new inputs are shown by queued calls, and until then the layout measures the old editor.
    QMetaObject::invokeMethod(this, &CreateTaskDialog::fitHeight, Qt::QueuedConnection);
    checkPayloadNow();
}

void CreateTaskDialog::fitHeight()
{
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    layout()->activate();
    // At the dialog's own width: word-wrapped labels measured at the hint's narrower width ask for too much.
    const int needed = layout()->hasHeightForWidth() ? layout()->totalHeightForWidth(width()) : sizeHint().height();
    if (isVisible() && needed != height())
        resize(width(), needed);
}

void CreateTaskDialog::checkPayloadNow()
{
    m_payloadTimer.stop();
    const PayloadEditor::Check check = m_payload->check();
    m_payloadValid = check.valid;
    if (check.general.isEmpty())
        m_fieldErrors.hide(QStringLiteral("payload"));
    else
        m_fieldErrors.show(QStringLiteral("payload"), check.general, false);
    updateCreateButton();
}

void CreateTaskDialog::updateCreateButton()
{
    createButton()->setEnabled(m_payloadValid && !m_submitting);
}

QString CreateTaskDialog::fieldError(const QString &field) const
{
    return m_fieldErrors.text(field);
}

QString CreateTaskDialog::generalError() const
{
    return m_generalError->isHidden() ? QString() : m_generalError->text();
}

CreateTaskForm CreateTaskDialog::form() const
{
    CreateTaskForm form;
    form.type = m_type->currentText();
    form.title = m_title->text();
    form.description = m_description->toPlainText();
    form.priority = Priority(m_priority->currentData().toInt());
    form.payloadText = m_payload->text();
    form.delayed = m_delayed->isChecked();
    form.runAt = m_runAt->dateTime();
    form.maxAttempts = m_maxAttempts->value();
    form.customRetry = m_retry->isChecked();
    form.retryPolicy.strategy = RetryPolicy::Strategy(m_strategy->currentData().toInt());
    form.retryPolicy.baseMs = m_baseMs->value();
    form.retryPolicy.maxMs = m_maxMs->value();
    return form;
}

void CreateTaskDialog::setForm(const CreateTaskForm &form)
{
    clearErrors();
    m_type->setCurrentText(form.type); // builds the type's form before the payload fills it
    m_title->setText(form.title);
    m_description->setPlainText(form.description);
    m_priority->setCurrentIndex(m_priority->findData(int(form.priority)));
    m_payload->setText(form.payloadText);
    m_delayed->setChecked(form.delayed);
    if (form.runAt.isValid())
        m_runAt->setDateTime(form.runAt.toLocalTime());
    m_maxAttempts->setValue(form.maxAttempts);
    m_retry->setChecked(form.customRetry);
    m_strategy->setCurrentIndex(qMax(0, m_strategy->findData(int(form.retryPolicy.strategy))));
    m_baseMs->setValue(int(qMin<qint64>(form.retryPolicy.baseMs, std::numeric_limits<int>::max())));
    m_maxMs->setValue(int(qMin<qint64>(form.retryPolicy.maxMs, std::numeric_limits<int>::max())));
    checkPayloadNow();
    m_pristine = std::make_unique<CreateTaskForm>(this->form());
}

CreateTaskDialog::~CreateTaskDialog() = default;

void CreateTaskDialog::submit()
{
    if (m_submitting)
        return;
    clearErrors();
    checkPayloadNow(); // an edit still waiting for its debounced check must not slip through
    if (!m_payloadValid)
        return;
    const Result<CreateTaskRequest> request = form().validate();
    if (!request) {
        // Every wrong field at once, the first one focused.
        const QList<ApiError> errors = allErrors(form());
        for (qsizetype i = errors.size() - 1; i >= 0; --i)
            showError(errors.at(i));
        return;
    }

    m_submitting = true;
    updateCreateButton();
    const QByteArray sent = QJsonDocument(request->toJson()).toJson(QJsonDocument::Compact);
    if (sent != m_sentRequest || m_idempotencyKey.isEmpty()) {
        m_sentRequest = sent;
        m_idempotencyKey = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    }
    m_client.createTask(*request, m_idempotencyKey).then(this, [this](Result<Task> result) {
        m_submitting = false;
        updateCreateButton();
        if (!result) {
            showError(result.error());
            return;
        }
        emit taskCreated(*result);
        m_pristine.reset(); // created: nothing typed is lost by closing
        accept();
    });
}

void CreateTaskDialog::clearErrors()
{
    m_fieldErrors.clear();
    m_generalError->hide();
}

void CreateTaskDialog::showError(const ApiError &error)
{
    // validation_failed: each violation at its input; the summary message only for what fits none.
    if (error.code == ErrorCode::SchemaViolation && !error.details.isEmpty()) {
        const QString general = m_payload->showViolations(error.details);
        if (!general.isEmpty())
            m_fieldErrors.show(QStringLiteral("payload"), general);
        return;
    }
    if (m_fieldErrors.show(error.field, error.message))
        return;
    m_generalError->setText(error.code == ErrorCode::Unavailable || error.code == ErrorCode::Internal
                                ? tr("The task was not created: %1").arg(error.message)
                                : error.message);
    m_generalError->show();
}

} // namespace taskmill
