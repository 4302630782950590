// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "views/CreateTaskDialog.h"

#include "client/BackendClient.h"
#include "models/CreateTaskForm.h"
#include "models/TaskModel.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace taskmill {

CreateTaskDialog::CreateTaskDialog(BackendClient &client, QWidget *parent)
    : QDialog(parent)
    , m_client(client)
{
    setWindowTitle(tr("New Task"));
    setObjectName(QStringLiteral("createTaskDialog"));

    m_type = new QComboBox(this);
    m_type->setObjectName(QStringLiteral("typeEdit"));
    m_type->setEditable(true);
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
    m_payload = new QPlainTextEdit(this);
    m_payload->setObjectName(QStringLiteral("payloadEdit"));
    m_payload->setTabChangesFocus(true);
    m_payload->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_payload->setPlainText(QStringLiteral("{}"));

    auto *form = new QFormLayout;
    addField(form, tr("&Type:"), QStringLiteral("type"), m_type);
    addField(form, tr("T&itle:"), QStringLiteral("title"), m_title);
    addField(form, tr("&Description:"), QStringLiteral("description"), m_description);
    addField(form, tr("&Priority:"), QStringLiteral("priority"), m_priority);
    addField(form, tr("P&ayload (JSON):"), QStringLiteral("payload"), m_payload);

    m_generalError = new QLabel(this);
    m_generalError->setObjectName(QStringLiteral("generalError"));
    m_generalError->setWordWrap(true);
    m_generalError->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_generalError->hide();

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Create", "task"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &CreateTaskDialog::submit);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &CreateTaskDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_generalError);
    layout->addWidget(m_buttons);
    resize(520, sizeHint().height());
}

QWidget *CreateTaskDialog::addField(QFormLayout *form, const QString &label, const QString &field, QWidget *editor)
{
    auto *error = new QLabel(this);
    error->setObjectName(field + QStringLiteral("Error"));
    error->setWordWrap(true);
    error->setStyleSheet(QStringLiteral("color: #c62828;"));
    error->hide();
    auto *box = new QWidget(this);
    auto *column = new QVBoxLayout(box);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(2);
    column->addWidget(editor);
    column->addWidget(error);
    form->addRow(label, box);
    if (auto *buddy = qobject_cast<QLabel *>(form->labelForField(box)))
        buddy->setBuddy(editor);
    m_errorLabels.insert(field, error);
    m_editors.insert(field, editor);
    return box;
}

QString CreateTaskDialog::fieldError(const QString &field) const
{
    const QLabel *label = m_errorLabels.value(field);
    return label && !label->isHidden() ? label->text() : QString();
}

QString CreateTaskDialog::generalError() const
{
    return m_generalError->isHidden() ? QString() : m_generalError->text();
}

void CreateTaskDialog::submit()
{
    if (m_submitting)
        return;
    clearErrors();
    CreateTaskForm form;
    form.type = m_type->currentText();
    form.title = m_title->text();
    form.description = m_description->toPlainText();
    form.priority = Priority(m_priority->currentData().toInt());
    form.payloadText = m_payload->toPlainText();
    const Result<CreateTaskRequest> request = form.validate();
    if (!request) {
        showError(request.error());
        return;
    }

    m_submitting = true;
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    m_client.createTask(*request).then(this, [this](Result<Task> result) {
        m_submitting = false;
        m_buttons->button(QDialogButtonBox::Ok)->setEnabled(true);
        if (!result) {
            showError(result.error());
            return;
        }
        emit taskCreated(*result);
        // Type, priority and payload stay for the next task of the same kind.
        m_title->clear();
        m_description->clear();
        accept();
    });
}

void CreateTaskDialog::clearErrors()
{
    for (QLabel *label : std::as_const(m_errorLabels))
        label->hide();
    m_generalError->hide();
}

void CreateTaskDialog::showError(const ApiError &error)
{
    // Server fields may be nested ("payload.ms"); the editor is the top-level key.
    const QString field = error.field.section(u'.', 0, 0).section(u'[', 0, 0);
    if (QLabel *label = m_errorLabels.value(field)) {
        label->setText(error.message);
        label->show();
        m_editors.value(field)->setFocus();
        return;
    }
    m_generalError->setText(error.code == ErrorCode::Unavailable || error.code == ErrorCode::Internal
                                ? tr("The task was not created: %1").arg(error.message)
                                : error.message);
    m_generalError->show();
}

} // namespace taskmill
