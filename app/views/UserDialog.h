// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "views/FormFieldErrors.h"
#include "wire/AccountTypes.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace taskmill {

struct ApiError;
class BackendClient;

// One form for the three account writes of the Users & Tokens page:
// - Create: e-mail, password (typed twice), role, payloads → POST /api/v1/users;
// - EditRole: role and payloads of `user` → PATCH /api/v1/users/{id} {role, payloads};
// - ResetPassword: a new password (typed twice) → PATCH /api/v1/users/{id} {password}.
// The server judges every value: a 422 shows under the field it names, a 409 (e-mail taken) under the
// e-mail; only the repeated password is compared here, since the server never sees the repetition.
// The dialog stays open until the backend has saved.
class UserDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UserDialog)

public:
    enum class Mode { Create, EditRole, ResetPassword };

    // `user` is ignored for Create.
    UserDialog(BackendClient &client, Mode mode, const UserAccount &user = {}, QWidget *parent = nullptr);

    Mode mode() const { return m_mode; }
    QString fieldError(const QString &field) const { return m_fieldErrors.text(field); } // "" when none shown
    QString generalError() const;
    bool isSubmitting() const { return m_submitting; }
    QPushButton *okButton() const;
    QLineEdit *emailEdit() const { return m_email; }
    QLineEdit *passwordEdit() const { return m_password; }
    QLineEdit *repeatEdit() const { return m_repeat; }
    QComboBox *roleCombo() const { return m_role; }
    QCheckBox *payloadsCheck() const { return m_payloads; }

    void submit(); // what OK does

signals:
    void userSaved(const taskmill::UserAccount &user);

private:
    void showError(const ApiError &error);
    void onRoleChanged();

    BackendClient &m_client;
    Mode m_mode;
    UserAccount m_user;
    bool m_submitting = false;
    FormFieldErrors m_fieldErrors{this};
    QLineEdit *m_email = nullptr;
    QLineEdit *m_password = nullptr;
    QLineEdit *m_repeat = nullptr;
    QComboBox *m_role = nullptr;
    QCheckBox *m_payloads = nullptr;
    QLabel *m_generalError = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace taskmill
