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

// Form for POST /api/v1/tokens: a name, a role, whether it sees payloads, and the task types it may
// create and lease (a comma list; empty: every type). A 422 shows under the field it names. On success
// tokenCreated() carries the secret, which the caller shows once (TokenSecretDialog) and nobody keeps.
class TokenDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TokenDialog)

public:
    explicit TokenDialog(BackendClient &client, QWidget *parent = nullptr);

    QString fieldError(const QString &field) const { return m_fieldErrors.text(field); }
    QString generalError() const;
    QPushButton *okButton() const;
    QLineEdit *nameEdit() const { return m_name; }
    QComboBox *roleCombo() const { return m_role; }
    QCheckBox *payloadsCheck() const { return m_payloads; }
    QLineEdit *typesEdit() const { return m_types; }
    NewToken token() const; // what is typed now

    void submit(); // what OK does

signals:
    void tokenCreated(const taskmill::CreatedToken &token);

private:
    void showError(const ApiError &error);
    void onRoleChanged();

    BackendClient &m_client;
    bool m_submitting = false;
    FormFieldErrors m_fieldErrors{this};
    QLineEdit *m_name = nullptr;
    QComboBox *m_role = nullptr;
    QCheckBox *m_payloads = nullptr;
    QLineEdit *m_types = nullptr;
    QLabel *m_generalError = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace taskmill
