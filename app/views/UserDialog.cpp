// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "views/UserDialog.h"

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
constexpr int DialogWidth = 460;
const QString AdminRole = QStringLiteral("admin");

QLineEdit *hiddenTextEdit(const QString &name, QWidget *parent)
{
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(name);
    edit->setEchoMode(QLineEdit::Password);
    return edit;
}
} // namespace

UserDialog::UserDialog(BackendClient &client, Mode mode, const UserAccount &user, QWidget *parent)
    : QDialog(parent)
    , m_client(client)
    , m_mode(mode)
    , m_user(user)
{
    setObjectName(QStringLiteral("userDialog"));
    auto *form = new QFormLayout;
    if (mode == Mode::Create) {
        setWindowTitle(tr("Add User"));
        m_email = new QLineEdit(this);
        m_email->setObjectName(QStringLiteral("emailEdit"));
        m_email->setPlaceholderText(QStringLiteral("ops@example.org"));
        m_fieldErrors.addField(form, tr("&E-mail:"), QStringLiteral("email"), m_email);
    } else {
        setWindowTitle(mode == Mode::EditRole ? tr("Edit Role of %1").arg(user.email) : tr("Reset Password of %1").arg(user.email));
        auto *who = new QLabel(user.email, this);
        who->setTextFormat(Qt::PlainText); // e-mails are typed by admins; never read as markup
        form->addRow(tr("User:"), who);
    }
    if (mode != Mode::EditRole) {
        m_password = hiddenTextEdit(QStringLiteral("passwordEdit"), this);
        m_fieldErrors.addField(form, mode == Mode::Create ? tr("&Password:") : tr("New &password:"), QStringLiteral("password"),
                               m_password);
        m_repeat = hiddenTextEdit(QStringLiteral("repeatEdit"), this);
        m_fieldErrors.addField(form, tr("&Repeat:", "password"), QStringLiteral("repeat"), m_repeat);
    }
    if (mode != Mode::ResetPassword) {
        m_role = new QComboBox(this);
        m_role->setObjectName(QStringLiteral("roleCombo"));
        for (const QString &role : accountRoleNames())
            m_role->addItem(CallerAccess::roleName(role), role);
        const int current = m_role->findData(mode == Mode::Create ? QStringLiteral("viewer") : user.role);
        m_role->setCurrentIndex(qMax(0, current));
        m_fieldErrors.addField(form, tr("R&ole:"), QStringLiteral("role"), m_role);
        m_payloads = new QCheckBox(tr("May see task payloads, results and errors"), this);
        m_payloads->setObjectName(QStringLiteral("payloadsCheck"));
        m_payloads->setChecked(mode == Mode::EditRole && user.payloads);
        m_fieldErrors.addField(form, QString(), QStringLiteral("payloads"), m_payloads);
        connect(m_role, &QComboBox::currentIndexChanged, this, &UserDialog::onRoleChanged);
        onRoleChanged();
    }

    m_generalError = FormFieldErrors::createErrorLabel(this);
    m_generalError->setObjectName(QStringLiteral("generalError"));
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    okButton()->setText(mode == Mode::Create ? tr("Add", "user") : tr("Save", "user"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &UserDialog::submit);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &UserDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form, 1);
    layout->addWidget(m_generalError);
    layout->addWidget(m_buttons);
    resize(DialogWidth, sizeHint().height());
}

QPushButton *UserDialog::okButton() const
{
    return m_buttons->button(QDialogButtonBox::Ok);
}

QString UserDialog::generalError() const
{
    return m_generalError->isHidden() ? QString() : m_generalError->text();
}

void UserDialog::onRoleChanged()
{
    // Admins always see payloads (docs/security.md): the box says so instead of offering a choice.
    const bool admin = m_role->currentData().toString() == AdminRole;
    if (admin)
        m_payloads->setChecked(true);
    m_payloads->setEnabled(!admin);
}

void UserDialog::submit()
{
    if (m_submitting)
        return;
    m_fieldErrors.clear();
    m_generalError->hide();
    if (m_repeat && m_repeat->text() != m_password->text()) {
        m_fieldErrors.show(QStringLiteral("repeat"), tr("The two passwords differ."));
        return;
    }
    QFuture<Result<UserAccount>> saved;
    if (m_mode == Mode::Create) {
        saved = m_client.createUser({m_email->text().trimmed(), m_password->text(), m_role->currentData().toString(),
                                     m_payloads->isChecked()});
    } else {
        UserChange change;
        if (m_mode == Mode::EditRole) {
            change.role = m_role->currentData().toString();
            change.payloads = m_payloads->isChecked();
        } else {
            change.password = m_password->text();
        }
        saved = m_client.updateUser(m_user.id, change);
    }
    finishSubmit<UserAccount>(this, m_submitting, okButton(), saved, [this](const ApiError &e) { showError(e); },
                              [this](const UserAccount &user) { emit userSaved(user); });
}

void UserDialog::showError(const ApiError &error)
{
    if (error.code == ErrorCode::Conflict && m_mode == Mode::Create && m_fieldErrors.show(QStringLiteral("email"), error.message))
        return; // the only conflict of a create: the e-mail is taken
    if (m_fieldErrors.show(error.field, error.message))
        return;
    m_generalError->setText(tr("The account was not saved: %1").arg(error.message));
    m_generalError->show();
}

} // namespace taskmill
