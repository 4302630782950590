// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "views/TokenDialog.h"

#include "client/BackendClient.h"
#include "models/CallerAccess.h"
#include "views/DialogSubmit.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace taskmill {

namespace {
constexpr int DialogWidth = 480;
const QString AdminRole = QStringLiteral("admin");
// Workers lease and complete tasks, which takes the operator role: the usual reason to make a token.
const QString DefaultRole = QStringLiteral("operator");
} // namespace

TokenDialog::TokenDialog(BackendClient &client, QWidget *parent)
    : QDialog(parent)
    , m_client(client)
{
    setObjectName(QStringLiteral("tokenDialog"));
    setWindowTitle(tr("New API Token"));
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("nameEdit"));
    m_name->setPlaceholderText(tr("Who or what uses it, e.g. image workers"));
    m_role = new QComboBox(this);
    m_role->setObjectName(QStringLiteral("roleCombo"));
    for (const QString &role : accountRoleNames())
        m_role->addItem(CallerAccess::roleName(role), role);
    m_role->setCurrentIndex(qMax(0, m_role->findData(DefaultRole)));
    m_payloads = new QCheckBox(tr("May see task payloads, results and errors (workers need this)"), this);
    m_payloads->setObjectName(QStringLiteral("payloadsCheck"));
    m_types = new QLineEdit(this);
    m_types->setObjectName(QStringLiteral("typesEdit"));
    m_types->setPlaceholderText(tr("All task types"));
    m_types->setToolTip(tr("A comma-separated list of the task types this token may create and lease; empty for all"));

    auto *form = new QFormLayout;
    m_fieldErrors.addField(form, tr("&Name:"), QStringLiteral("name"), m_name);
    m_fieldErrors.addField(form, tr("R&ole:"), QStringLiteral("role"), m_role);
    m_fieldErrors.addField(form, QString(), QStringLiteral("payloads"), m_payloads);
    m_fieldErrors.addField(form, tr("Task &types:"), QStringLiteral("types"), m_types);

    m_generalError = FormFieldErrors::createErrorLabel(this);
    m_generalError->setObjectName(QStringLiteral("generalError"));
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    okButton()->setText(tr("Create", "token"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &TokenDialog::submit);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &TokenDialog::reject);
    connect(m_role, &QComboBox::currentIndexChanged, this, &TokenDialog::onRoleChanged);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form, 1);
    layout->addWidget(m_generalError);
    layout->addWidget(m_buttons);
    onRoleChanged();
    resize(DialogWidth, sizeHint().height());
}

QPushButton *TokenDialog::okButton() const
{
    return m_buttons->button(QDialogButtonBox::Ok);
}

QString TokenDialog::generalError() const
{
    return m_generalError->isHidden() ? QString() : m_generalError->text();
}

NewToken TokenDialog::token() const
{
    NewToken t{m_name->text().trimmed(), m_role->currentData().toString(), m_payloads->isChecked(), {}};
    for (const QString &part : m_types->text().split(u','))
        if (!part.trimmed().isEmpty())
            t.types << part.trimmed();
    return t;
}

void TokenDialog::onRoleChanged()
{
    // Admin tokens always see payloads (docs/security.md).
    const bool admin = m_role->currentData().toString() == AdminRole;
    if (admin)
        m_payloads->setChecked(true);
    m_payloads->setEnabled(!admin);
}

void TokenDialog::submit()
{
    if (m_submitting)
        return;
    m_fieldErrors.clear();
    m_generalError->hide();
    finishSubmit<CreatedToken>(this, m_submitting, okButton(), m_client.createToken(token()),
                               [this](const ApiError &e) { showError(e); },
                               [this](const CreatedToken &created) { emit tokenCreated(created); });
}

void TokenDialog::showError(const ApiError &error)
{
    if (m_fieldErrors.show(error.field, error.message))
        return;
    m_generalError->setText(tr("The token was not created: %1").arg(error.message));
    m_generalError->show();
}

} // namespace taskmill
