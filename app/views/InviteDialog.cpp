// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "views/InviteDialog.h"

#include "client/BackendClient.h"
#include "models/CallerAccess.h"
#include "views/DialogSubmit.h"
#include "wire/AccountTypes.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace taskmill {

namespace {
constexpr int DialogWidth = 460;
constexpr int MinDays = 1;
// Self-registration is for people who use the app, not for workers (those get API tokens): the least role.
const QString DefaultRole = QStringLiteral("user");
} // namespace

InviteDialog::InviteDialog(BackendClient &client, QWidget *parent)
    : QDialog(parent)
    , m_client(client)
{
    setObjectName(QStringLiteral("inviteDialog"));
    setWindowTitle(tr("New Invite"));
    m_role = new QComboBox(this);
    m_role->setObjectName(QStringLiteral("roleCombo"));
    for (const QString &role : accountRoleNames())
        m_role->addItem(CallerAccess::roleName(role), role);
    m_role->setCurrentIndex(qMax(0, m_role->findData(DefaultRole)));
    m_role->setToolTip(tr("The role of the account made with this invite"));
    m_email = new QLineEdit(this);
    m_email->setObjectName(QStringLiteral("emailEdit"));
    m_email->setPlaceholderText(tr("Anyone with the code"));
    m_email->setToolTip(tr("If given, only this address can register with the invite"));
    m_days = new QSpinBox(this);
    m_days->setObjectName(QStringLiteral("daysSpin"));
    m_days->setRange(MinDays, MaxDays);
    m_days->setValue(DefaultDays);

    auto *form = new QFormLayout;
    m_fieldErrors.addField(form, tr("R&ole:"), QStringLiteral("role"), m_role);
    m_fieldErrors.addField(form, tr("&E-mail (optional):"), QStringLiteral("email"), m_email);
    m_fieldErrors.addField(form, tr("&Valid for (days):"), QStringLiteral("ttl_s"), m_days);

    m_generalError = FormFieldErrors::createErrorLabel(this);
    m_generalError->setObjectName(QStringLiteral("generalError"));
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    okButton()->setText(tr("Create", "invite"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &InviteDialog::submit);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &InviteDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form, 1);
    layout->addWidget(m_generalError);
    layout->addWidget(m_buttons);
    resize(DialogWidth, sizeHint().height());
}

QPushButton *InviteDialog::okButton() const
{
    return m_buttons->button(QDialogButtonBox::Ok);
}

QString InviteDialog::generalError() const
{
    return m_generalError->isHidden() ? QString() : m_generalError->text();
}

NewInvite InviteDialog::invite() const
{
    NewInvite invite;
    invite.role = m_role->currentData().toString();
    invite.email = m_email->text().trimmed();
    invite.ttlS = m_days->value() * SecondsPerDay;
    return invite;
}

void InviteDialog::submit()
{
    if (m_submitting)
        return;
    m_fieldErrors.clear();
    m_generalError->hide();
    finishSubmit<CreatedInvite>(this, m_submitting, okButton(), m_client.createInvite(invite()),
                                [this](const ApiError &e) { showError(e); },
                                [this](const CreatedInvite &created) { emit inviteCreated(created); });
}

void InviteDialog::showError(const ApiError &error)
{
    if (m_fieldErrors.show(error.field, error.message))
        return;
    m_generalError->setText(tr("The invite was not created: %1").arg(error.message));
    m_generalError->show();
}

} // namespace taskmill
