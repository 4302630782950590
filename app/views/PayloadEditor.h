// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QWidget>

#include <memory>

class QCheckBox;
class QPlainTextEdit;

namespace taskmill {

class PayloadSchema;
class SchemaForm;

// The payload of a new task: a form generated from its handler's schema (SchemaForm) with a toggle to the
// whole payload as JSON, or only the JSON editor for a handler whose schema names no properties. Form and
// JSON stay in sync: the toggle carries the values across. check() judges the payload with the server's
// own PayloadSchema, puts each violation under its input and returns what concerns no single input.
class PayloadEditor final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PayloadEditor)

public:
    explicit PayloadEditor(QWidget *parent = nullptr);

    // Rebuilds the form for `schema`; values of properties the old and new schema share are kept.
    void setSchema(const QJsonObject &schema);
    bool hasForm() const;
    bool isJsonMode() const;
    void setJsonMode(bool json); // refused (stays JSON) while the JSON text is not an object

    QString text() const; // the payload as JSON text, whichever view is shown
    void setText(const QString &text);

    struct Check
    {
        bool valid = true;
        QString general; // payload-wide problems, one per line; "" when none
    };
    Check check();
    // Shows a server's schema violations ([{path, message}]) like check() does; returns the general ones.
    QString showViolations(const QJsonArray &violations);

    SchemaForm *form() const { return m_form; }
    QPlainTextEdit *jsonEditor() const { return m_json; }
    QCheckBox *jsonToggle() const { return m_toggle; }

signals:
    void edited();

private:
    void showView();

    QJsonObject m_schema;
    std::shared_ptr<const PayloadSchema> m_compiled; // null for a schema the app cannot compile
    SchemaForm *m_form = nullptr;
    QPlainTextEdit *m_json = nullptr;
    QCheckBox *m_toggle = nullptr;
};

} // namespace taskmill
