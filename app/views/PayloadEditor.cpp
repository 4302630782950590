// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "views/PayloadEditor.h"

#include "views/SchemaForm.h"

#include "validation/PayloadSchema.h"

#include <QCheckBox>
#include <QFontDatabase>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace taskmill {

namespace {
constexpr int JsonEditorLines = 6;

QString indented(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Indented)).trimmed();
}

// The typed text as an object; a blank editor is {} (as CreateTaskForm reads it).
std::optional<QJsonObject> parseObject(const QString &text, QString *error = nullptr)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return QJsonObject();
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(trimmed.toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        if (error)
            *error = PayloadEditor::tr("Not valid JSON: %1 (at character %2).").arg(parseError.errorString()).arg(parseError.offset);
        return std::nullopt;
    }
    if (!doc.isObject()) {
        if (error)
            *error = PayloadEditor::tr("The payload must be a JSON object, e.g. {\"ms\": 250}.");
        return std::nullopt;
    }
    return doc.object();
}

QString describe(const QJsonArray &violations)
{
    QStringList lines;
    for (const QJsonValue &v : violations) {
        const QString path = v[QStringLiteral("path")].toString();
        const QString message = SchemaForm::explain(v[QStringLiteral("message")].toString());
        lines.append(path.isEmpty() ? message : PayloadEditor::tr("%1: %2", "schema violation at a JSON path").arg(path, message));
    }
    return lines.join(u'\n');
}
} // namespace

PayloadEditor::PayloadEditor(QWidget *parent)
    : QWidget(parent)
{
    m_toggle = new QCheckBox(tr("Edit as &JSON"), this);
    m_toggle->setObjectName(QStringLiteral("jsonToggle"));
    m_form = new SchemaForm(this);
    m_form->setObjectName(QStringLiteral("schemaForm"));
    m_json = new QPlainTextEdit(this);
    m_json->setObjectName(QStringLiteral("payloadEdit"));
    m_json->setTabChangesFocus(true);
    m_json->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_json->setMinimumHeight(m_json->fontMetrics().lineSpacing() * JsonEditorLines / 2);
    m_json->setPlainText(QStringLiteral("{}"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_toggle);
    layout->addWidget(m_form);
    layout->addWidget(m_json);

    connect(m_toggle, &QCheckBox::toggled, this, &PayloadEditor::setJsonMode);
    connect(m_form, &SchemaForm::edited, this, &PayloadEditor::edited);
    connect(m_json, &QPlainTextEdit::textChanged, this, &PayloadEditor::edited);
    showView();
}

void PayloadEditor::setSchema(const QJsonObject &schema)
{
    if (schema == m_schema)
        return;
    const std::optional<QJsonObject> current = parseObject(text());
    m_schema = schema;
    const auto compiled = PayloadSchema::compile(schema);
    m_compiled = compiled ? *compiled : nullptr;
    const bool formBefore = hasForm() && !isJsonMode();
    m_form->setFields(schemaFields(schema));
    if (hasForm()) {
        // Another handler's properties would only be violations here: keep the ones this schema names.
        const QJsonObject properties = schema.value(QStringLiteral("properties")).toObject();
        const QJsonObject typed = current.value_or(QJsonObject());
        QJsonObject filled = m_form->payload(); // the schema's defaults
        for (auto it = typed.begin(); it != typed.end(); ++it)
            if (properties.contains(it.key()))
                filled.insert(it.key(), it.value());
        m_form->setPayload(filled);
    } else if (formBefore && current) {
        m_json->setPlainText(indented(*current));
    }
    showView();
    emit edited();
}

bool PayloadEditor::hasForm() const
{
    return !m_form->isEmpty();
}

bool PayloadEditor::isJsonMode() const
{
    return !hasForm() || m_toggle->isChecked();
}

void PayloadEditor::setJsonMode(bool json)
{
    if (json) {
        m_json->setPlainText(indented(m_form->payload()));
    } else if (const std::optional<QJsonObject> payload = parseObject(m_json->toPlainText())) {
        m_form->setPayload(*payload);
    } else {
        json = true; // the check shows why; the text stays as typed
    }
    const QSignalBlocker blocker(m_toggle);
    m_toggle->setChecked(json);
    showView();
    emit edited();
}

void PayloadEditor::showView()
{
    m_toggle->setVisible(hasForm());
    m_form->setVisible(!isJsonMode());
    m_json->setVisible(isJsonMode());
}

QString PayloadEditor::text() const
{
    return isJsonMode() ? m_json->toPlainText() : indented(m_form->payload());
}

void PayloadEditor::setText(const QString &text)
{
    m_json->setPlainText(text);
    if (!hasForm())
        return;
    // Text that is no object stays in the JSON view, where the check says what is wrong with it.
    const std::optional<QJsonObject> payload = parseObject(text);
    if (payload)
        m_form->setPayload(*payload);
    const QSignalBlocker blocker(m_toggle);
    m_toggle->setChecked(!payload);
    showView();
    emit edited();
}

PayloadEditor::Check PayloadEditor::check()
{
    m_form->clearErrors();
    // No schema the app can compile, or one that accepts every object: only the submit-time JSON checks.
    if (!m_compiled || m_compiled->acceptsEveryObject())
        return {};
    if (isJsonMode()) {
        QString error;
        const std::optional<QJsonObject> payload = parseObject(m_json->toPlainText(), &error);
        if (!payload)
            return {false, error};
        const QJsonArray violations = m_compiled->violations(*payload);
        return {violations.isEmpty(), describe(violations)};
    }
    const QHash<QString, QString> inputErrors = m_form->inputErrors();
    for (auto it = inputErrors.begin(); it != inputErrors.end(); ++it)
        m_form->showError(it.key(), it.value());
    const QJsonArray violations = m_compiled->violations(m_form->payload());
    return {violations.isEmpty() && inputErrors.isEmpty(), describe(m_form->showViolations(violations))};
}

QString PayloadEditor::showViolations(const QJsonArray &violations)
{
    m_form->clearErrors();
    return describe(isJsonMode() ? violations : m_form->showViolations(violations));
}

} // namespace taskmill
