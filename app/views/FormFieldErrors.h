// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include <QHash>
#include <QString>

class QFormLayout;
class QLabel;
class QWidget;

namespace taskmill {

// The field errors of a form dialog: each editor gets a hidden red label under it, keyed by the wire
// field name it edits ("payload", "schema"), so a client-side check and a server 422 naming `field`
// land in the same place. Labels show plain text: server messages are never read as markup.
class FormFieldErrors final
{
public:
    explicit FormFieldErrors(QWidget *owner); // the dialog; labels and rows become its children

    // Adds the row "label: editor + error" to `form` and returns the row's widget.
    QWidget *addField(QFormLayout *form, const QString &label, const QString &field, QWidget *editor);
    void setFocusTarget(const QString &field, QWidget *editor); // where show() moves the focus

    // Shows `message` under the field's editor and, unless told not to (a check while the user types
    // elsewhere), focuses it; false when no editor has that field. Nested server fields ("payload.ms",
    // "retry_policy.base_ms") go to their top-level editor.
    bool show(const QString &field, const QString &message, bool focusEditor = true);
    void hide(const QString &field);
    void clear();
    QString text(const QString &field) const; // "" while hidden

    static QLabel *createErrorLabel(QWidget *parent); // red, word-wrapped, plain text, hidden

private:
    QWidget *m_owner;
    QHash<QString, QLabel *> m_labels;
    QHash<QString, QWidget *> m_editors;
};

} // namespace taskmill
