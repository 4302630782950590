// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/AccountTypes.h"
#include "wire/InviteTypes.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

namespace taskmill {

// Shows a new API token's secret or a new invite's code the one time it exists outside the server (which
// keeps only a hash): in a read-only line edit with a Copy button, under a warning that it cannot be shown
// again. The secret is held by the line edit only and cleared when the dialog closes; nothing writes it to
// settings or logs.
class TokenSecretDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TokenSecretDialog)

public:
    TokenSecretDialog(const CreatedToken &token, QWidget *parent = nullptr);
    TokenSecretDialog(const CreatedInvite &invite, QWidget *parent = nullptr);

    QLineEdit *secretEdit() const { return m_secret; }
    QPushButton *copyButton() const { return m_copy; }
    QLabel *warningLabel() const { return m_warning; }

    void copySecret(); // to the clipboard

protected:
    void done(int result) override;

private:
    // What the two kinds of secret differ in: texts (plain text; `intro` may name admin-typed text) and names.
    struct Texts
    {
        QString objectName;
        QString title;
        QString intro;
        QString warning;
    };
    TokenSecretDialog(const Texts &texts, const QString &secret, QWidget *parent);
    static Texts textsFor(const CreatedToken &token);
    static Texts textsFor(const CreatedInvite &invite);

    QLineEdit *m_secret = nullptr;
    QPushButton *m_copy = nullptr;
    QLabel *m_warning = nullptr;
    QLabel *m_copied = nullptr;
};

} // namespace taskmill
