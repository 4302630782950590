// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "views/HandlerDialog.h"

#include "client/BackendClient.h"
#include "models/HandlerForm.h"
#include "models/TaskModel.h"
#include "validation/TaskValidation.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace taskmill {

namespace {
constexpr int DescriptionLines = 3;
constexpr int SchemaLines = 12;   // at first; an error under the editor takes its room from these
constexpr int SchemaMinLines = 5;
constexpr int DialogWidth = 560;

QSpinBox *spinBox(const QString &name, int min, int max, QWidget *parent)
{
    auto *spin = new QSpinBox(parent);
    spin->setObjectName(name);
    spin->setRange(min, max);
    spin->setGroupSeparatorShown(true);
    return spin;
}

int textHeight(const QPlainTextEdit *edit, int lines)
{
    return edit->fontMetrics().lineSpacing() * lines + 2 * edit->frameWidth() + 8;
}
} // namespace

HandlerDialog::HandlerDialog(BackendClient &client, QWidget *parent)
    : QDialog(parent)
    , m_client(client)
{
    setObjectName(QStringLiteral("handlerDialog"));
    setWindowTitle(tr("New Handler"));

    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("nameEdit"));
    m_name->setPlaceholderText(tr("The task type, e.g. resize_image"));
    m_description = new QPlainTextEdit(this);
    m_description->setObjectName(QStringLiteral("descriptionEdit"));
    m_description->setTabChangesFocus(true);
    m_description->setFixedHeight(textHeight(m_description, DescriptionLines));
    m_priority = new QComboBox(this);
    m_priority->setObjectName(QStringLiteral("priorityCombo"));
    for (Priority p : allPriorities())
        m_priority->addItem(TaskModel::displayName(p), int(p));
    m_maxAttempts = spinBox(QStringLiteral("maxAttemptsSpin"), 1, limits::MaxAttemptsMax, this);
    m_timeout = spinBox(QStringLiteral("timeoutSpin"), 0, limits::HandlerTimeoutMsMax, this);
    m_timeout->setSingleStep(1000);
    m_timeout->setSuffix(tr(" ms", "milliseconds suffix"));
    m_timeout->setSpecialValueText(tr("No limit", "timeout"));
    m_concurrency = spinBox(QStringLiteral("concurrencySpin"), 0, limits::HandlerConcurrencyMax, this);
    m_concurrency->setSpecialValueText(tr("Unlimited", "concurrency"));
    m_concurrency->setToolTip(tr("The most tasks of this type running at once, across all executors"));
    m_enabled = new QCheckBox(tr("Run its tasks (when off, they wait)"), this);
    m_enabled->setObjectName(QStringLiteral("enabledCheck"));
    m_schema = new QPlainTextEdit(this);
    m_schema->setObjectName(QStringLiteral("schemaEdit"));
    m_schema->setTabChangesFocus(true);
    m_schema->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_schema->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_schema->setMinimumHeight(textHeight(m_schema, SchemaMinLines));
    m_schemaHint = new QLabel(tr("The schema of a built-in handler is part of taskmilld and cannot be changed."), this);
    m_schemaHint->setObjectName(QStringLiteral("schemaHint"));
    m_schemaHint->setWordWrap(true);
    m_schemaHint->setEnabled(false); // the style's muted text
    m_schemaHint->hide();

    auto *form = new QFormLayout;
    m_fieldErrors.addField(form, tr("&Name:"), QStringLiteral("name"), m_name);
    m_fieldErrors.addField(form, tr("&Description:"), QStringLiteral("description"), m_description);
    m_fieldErrors.addField(form, tr("Default &priority:"), QStringLiteral("default_priority"), m_priority);
    m_fieldErrors.addField(form, tr("&Attempts:"), QStringLiteral("max_attempts"), m_maxAttempts);
    m_fieldErrors.addField(form, tr("&Timeout:"), QStringLiteral("timeout_ms"), m_timeout);
    m_fieldErrors.addField(form, tr("&Concurrency:"), QStringLiteral("concurrency"), m_concurrency);
    m_fieldErrors.addField(form, QString(), QStringLiteral("enabled"), m_enabled);
    m_fieldErrors.addField(form, tr("Payload &schema:"), QStringLiteral("schema"), m_schema);
    form->addRow(QString(), m_schemaHint);

    m_generalError = FormFieldErrors::createErrorLabel(this);
    m_generalError->setObjectName(QStringLiteral("generalError"));
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    okButton()->setText(tr("Create", "handler"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &HandlerDialog::submit);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &HandlerDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form, 1);
    layout->addWidget(m_generalError);
    layout->addWidget(m_buttons);

    m_schemaTimer.setSingleShot(true);
    m_schemaTimer.setInterval(SchemaCheckDelayMs);
    connect(&m_schemaTimer, &QTimer::timeout, this, &HandlerDialog::checkSchemaNow);
    connect(m_schema, &QPlainTextEdit::textChanged, &m_schemaTimer, qOverload<>(&QTimer::start));

    HandlerForm defaults;
    defaults.schemaText = QStringLiteral("{\n  \"type\": \"object\",\n  \"properties\": {}\n}");
    setForm(defaults);
    checkSchemaNow();
    resize(DialogWidth, sizeHint().height() - m_schema->sizeHint().height() + textHeight(m_schema, SchemaLines));
}

void HandlerDialog::setHandler(const HandlerSpec &handler)
{
    m_base = handler;
    m_creating = false;
    setWindowTitle(tr("Edit Handler %1").arg(handler.name));
    okButton()->setText(tr("Save", "handler"));
    m_name->setReadOnly(true);
    const bool builtin = handler.kind == HandlerKind::Builtin;
    m_schema->setReadOnly(builtin);
    m_schemaHint->setVisible(builtin);
    setForm(HandlerForm::fromHandler(handler));
    checkSchemaNow();
}

HandlerForm HandlerDialog::form() const
{
    HandlerForm form;
    form.name = m_name->text().trimmed();
    form.description = m_description->toPlainText();
    form.schemaText = m_schema->toPlainText();
    form.defaultPriority = Priority(m_priority->currentData().toInt());
    form.maxAttempts = m_maxAttempts->value();
    form.timeoutMs = m_timeout->value();
    form.concurrency = m_concurrency->value();
    form.enabled = m_enabled->isChecked();
    return form;
}

void HandlerDialog::setForm(const HandlerForm &form)
{
    m_fieldErrors.clear();
    m_generalError->hide();
    m_name->setText(form.name);
    m_description->setPlainText(form.description);
    m_schema->setPlainText(form.schemaText);
    m_priority->setCurrentIndex(qMax(0, m_priority->findData(int(form.defaultPriority))));
    m_maxAttempts->setValue(form.maxAttempts);
    m_timeout->setValue(form.timeoutMs);
    m_concurrency->setValue(form.concurrency);
    m_enabled->setChecked(form.enabled);
}

QString HandlerDialog::fieldError(const QString &field) const
{
    return m_fieldErrors.text(field);
}

QString HandlerDialog::generalError() const
{
    return m_generalError->isHidden() ? QString() : m_generalError->text();
}

QPushButton *HandlerDialog::okButton() const
{
    return m_buttons->button(QDialogButtonBox::Ok);
}

void HandlerDialog::checkSchemaNow()
{
    m_schemaTimer.stop();
    // A built-in's schema is not sent, so nothing the editor holds can block a save.
    const Result<QJsonObject, QString> schema = m_schema->isReadOnly() ? Result<QJsonObject, QString>(QJsonObject())
                                                                        : HandlerForm::checkSchema(m_schema->toPlainText());
    m_schemaValid = schema.ok();
    if (m_schemaValid)
        m_fieldErrors.hide(QStringLiteral("schema"));
    else
        m_fieldErrors.show(QStringLiteral("schema"), schema.error(), false);
    updateOkButton();
}

void HandlerDialog::updateOkButton()
{
    okButton()->setEnabled(m_schemaValid && !m_submitting);
}

void HandlerDialog::submit()
{
    if (m_submitting)
        return;
    checkSchemaNow();
    m_fieldErrors.clear();
    m_generalError->hide();
    const Result<HandlerSpec> spec = form().validate(m_base, m_creating);
    if (!spec) {
        showError(spec.error());
        return;
    }
    m_submitting = true;
    updateOkButton();
    auto saved = m_creating ? m_client.createHandler(*spec) : m_client.updateHandler(*spec);
    saved.then(this, [this](Result<HandlerSpec> result) {
        m_submitting = false;
        updateOkButton();
        if (!result) {
            showError(result.error());
            return;
        }
        emit handlerSaved(*result);
        accept();
    });
}

void HandlerDialog::showError(const ApiError &error)
{
    if (error.code == ErrorCode::Conflict && m_creating) {
        m_fieldErrors.show(QStringLiteral("name"), error.message); // the only conflict of a create
        return;
    }
    if (error.code == ErrorCode::Conflict) {
        offerReload(error.message);
        return;
    }
    if (m_fieldErrors.show(error.field, error.message))
        return;
    m_generalError->setText(error.code == ErrorCode::Unavailable || error.code == ErrorCode::Internal
                                ? tr("The handler was not saved: %1").arg(error.message)
                                : error.message);
    m_generalError->show();
}

void HandlerDialog::offerReload(const QString &message)
{
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Handler Changed", "dialog title"),
                                tr("Someone changed %1 after you opened it, so your changes were not saved.\n\n"
                                   "Reload it to see the current values (your changes here are lost), or keep "
                                   "editing and save again after a reload.")
                                    .arg(m_base.name),
                                QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("staleVersionQuestion"));
    box->setTextFormat(Qt::PlainText);
    box->setDetailedText(message);
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *reload = box->addButton(tr("Reload", "handler"), QMessageBox::AcceptRole);
    reload->setObjectName(QStringLiteral("reloadButton"));
    box->addButton(tr("Keep Editing"), QMessageBox::RejectRole);
    box->setDefaultButton(reload);
    connect(box, &QMessageBox::finished, this, [this, box, reload] {
        if (box->clickedButton() != reload)
            return;
        m_client.getHandler(m_base.name).then(this, [this](Result<HandlerSpec> fresh) {
            if (fresh)
                setHandler(*fresh);
            else
                showError(fresh.error().code == ErrorCode::Conflict ? ApiError::badRequest(fresh.error().message)
                                                                    : fresh.error());
        });
    });
    box->open();
}

} // namespace taskmill
