// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "models/SchemaFields.h"

#include <QHash>
#include <QJsonObject>
#include <QWidget>

class QFormLayout;
class QLabel;

namespace taskmill {

// The payload of a new task as one input per property of its handler's schema (SchemaField says which
// editor). An input left empty is not in the payload, so "missing required property" is reported where
// the user can fix it; keys the schema does not name (typed in the JSON view) are kept as they were.
// Editors are named "payloadField_<property>", their error labels "payloadField_<property>Error".
class SchemaForm final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SchemaForm)

public:
    explicit SchemaForm(QWidget *parent = nullptr);

    void setFields(const QList<SchemaField> &fields); // rebuilds every input, filled with schema defaults
    bool isEmpty() const { return m_inputs.isEmpty(); }
    QWidget *editor(const QString &property) const;

    QJsonObject payload() const;
    void setPayload(const QJsonObject &payload);
    // Property JSON editors whose text does not parse, with the parser's message; payload() leaves them out.
    QHash<QString, QString> inputErrors() const;

    // Puts each violation ([{path, message}], paths relative to the payload) under its property's input and
    // returns the ones that concern no single input.
    QJsonArray showViolations(const QJsonArray &violations);
    void showError(const QString &property, const QString &message);
    void clearErrors();
    QString fieldError(const QString &property) const; // "" while none is shown

    // valijson's English message for the common rules said in the UI language (bounds without "20.000000");
    // any other message as it is.
    static QString explain(const QString &message);

signals:
    void edited(); // the user (or setPayload) changed a value

private:
    struct Input
    {
        SchemaField field;
        QWidget *editor = nullptr;
        QLabel *error = nullptr;
    };
    QWidget *createEditor(const SchemaField &field);
    QJsonValue value(const Input &input) const; // Undefined when not set
    void setValue(const Input &input, const QJsonValue &value);
    const Input *find(const QString &property) const;

    QFormLayout *m_form = nullptr;
    QLabel *m_requiredHint = nullptr;
    QList<Input> m_inputs;
    QJsonObject m_extra; // keys of the last setPayload() that no input edits
};

} // namespace taskmill
