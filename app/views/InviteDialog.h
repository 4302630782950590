// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "views/FormFieldErrors.h"
#include "wire/InviteTypes.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace taskmill {

struct ApiError;
class BackendClient;

// Form for POST /api/v1/invites: the role the new account gets, optionally the only e-mail that may use the
// invite, and how many days it stays valid. A 422 shows under the field it names (ttl_s under the days). On
// success inviteCreated() carries the code, which the caller shows once (TokenSecretDialog) and nobody keeps.
class InviteDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InviteDialog)

public:
    static constexpr int DefaultDays = 7;
    static constexpr int SecondsPerDay = 86'400;
    static constexpr int MaxDays = NewInvite::MaxTtlS / SecondsPerDay; // the server's limit

    explicit InviteDialog(BackendClient &client, QWidget *parent = nullptr);

    QString fieldError(const QString &field) const { return m_fieldErrors.text(field); } // "" when none shown
    QString generalError() const;
    QPushButton *okButton() const;
    QComboBox *roleCombo() const { return m_role; }
    QLineEdit *emailEdit() const { return m_email; }
    QSpinBox *daysSpin() const { return m_days; }
    NewInvite invite() const; // what is chosen now

    void submit(); // what OK does

signals:
    void inviteCreated(const taskmill::CreatedInvite &invite);

private:
    void showError(const ApiError &error);

    BackendClient &m_client;
    bool m_submitting = false;
    FormFieldErrors m_fieldErrors{this};
    QComboBox *m_role = nullptr;
    QLineEdit *m_email = nullptr;
    QSpinBox *m_days = nullptr;
    QLabel *m_generalError = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace taskmill
