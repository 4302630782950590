// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "views/FormFieldErrors.h"

#include <QFormLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace taskmill {

namespace {
const QString ErrorStyle = QStringLiteral("color: #c62828;");
constexpr int ErrorSpacing = 2; // px between an editor and its error: reads as one unit

QString topLevelField(const QString &field)
{
    return field.section(u'.', 0, 0).section(u'[', 0, 0);
}
} // namespace

FormFieldErrors::FormFieldErrors(QWidget *owner)
    : m_owner(owner)
{
}

QLabel *FormFieldErrors::createErrorLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setStyleSheet(ErrorStyle);
    label->hide();
    return label;
}

QWidget *FormFieldErrors::addField(QFormLayout *form, const QString &label, const QString &field, QWidget *editor)
{
    QLabel *error = createErrorLabel(m_owner);
    error->setObjectName(field + QStringLiteral("Error"));
    auto *box = new QWidget(m_owner);
    auto *column = new QVBoxLayout(box);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(ErrorSpacing);
    // The row is no taller than its editor allows: spare height goes to editors that grow, not around
    // fixed-height ones.
    column->setSizeConstraint(QLayout::SetMinAndMaxSize);
    column->addWidget(editor);
    column->addWidget(error);
    form->addRow(label, box);
    if (auto *buddy = qobject_cast<QLabel *>(form->labelForField(box)))
        buddy->setBuddy(editor);
    m_labels.insert(field, error);
    m_editors.insert(field, editor);
    return box;
}

void FormFieldErrors::setFocusTarget(const QString &field, QWidget *editor)
{
    m_editors.insert(field, editor);
}

bool FormFieldErrors::show(const QString &field, const QString &message, bool focusEditor)
{
    // Server fields may be nested ("payload.ms"); the editor is the top-level key.
    const QString key = topLevelField(field);
    QLabel *label = m_labels.value(key);
    if (!label)
        return false;
    label->setText(message);
    label->show();
    if (QWidget *editor = m_editors.value(key); editor && focusEditor)
        editor->setFocus();
    return true;
}

void FormFieldErrors::hide(const QString &field)
{
    if (QLabel *label = m_labels.value(field))
        label->hide();
}

void FormFieldErrors::clear()
{
    for (QLabel *label : std::as_const(m_labels))
        label->hide();
}

QString FormFieldErrors::text(const QString &field) const
{
    const QLabel *label = m_labels.value(field);
    return label && !label->isHidden() ? label->text() : QString();
}

} // namespace taskmill
