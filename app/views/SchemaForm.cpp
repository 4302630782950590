// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "views/SchemaForm.h"

#include "views/FormFieldErrors.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QSpinBox>
#include <QVBoxLayout>

#include <limits>

namespace taskmill {

namespace {
using Kind = SchemaField::Kind;

// Spin boxes without a schema bound stop here: wide enough for counts and sizes, narrow enough that the
// editor does not grow to fit a 20-digit range.
constexpr double UnboundedSpinLimit = 1'000'000'000;
constexpr int JsonEditorLines = 3;
constexpr int ErrorSpacing = 2; // px between an input and its error, as in FormFieldErrors

QString compactJson(const QJsonValue &value)
{
    const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(wrapped.mid(1, wrapped.size() - 2));
}

// The range a spin box offers: the schema's bounds and the value shown, one below for "not set" when the
// property is optional (its special value text). A value outside the bounds (from the JSON view or a
// duplicated task) widens the range, so it is shown as it is and the schema check reports it.
template<typename Spin>
void fitRange(Spin *spin, const SchemaField &f, std::optional<double> shown, double step)
{
    double lo = f.minimum.value_or(-UnboundedSpinLimit);
    double hi = f.maximum.value_or(UnboundedSpinLimit);
    if (shown) {
        lo = std::min(lo, *shown);
        hi = std::max(hi, *shown);
    }
    spin->setRange(f.required ? lo : lo - step, hi);
}
} // namespace

SchemaForm::SchemaForm(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_form = new QFormLayout;
    m_form->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(m_form);
    m_requiredHint = new QLabel(tr("* required"), this);
    m_requiredHint->setObjectName(QStringLiteral("requiredHint"));
    m_requiredHint->setEnabled(false); // the style's muted text
    layout->addWidget(m_requiredHint);
    // Spare height collects below the form; QFormLayout would give it to the last row.
    layout->addStretch();
}

void SchemaForm::setFields(const QList<SchemaField> &fields)
{
    while (m_form->rowCount() > 0)
        m_form->removeRow(0);
    m_inputs.clear();
    m_extra = {};
    bool anyRequired = false;
    for (const SchemaField &f : fields) {
        Input input{f, createEditor(f), FormFieldErrors::createErrorLabel(this)};
        input.error->setObjectName(input.editor->objectName() + QStringLiteral("Error"));
        auto *box = new QWidget(this);
        auto *column = new QVBoxLayout(box);
        column->setContentsMargins(0, 0, 0, 0);
        column->setSpacing(ErrorSpacing);
        column->addWidget(input.editor);
        column->addWidget(input.error);
        const QString label = f.required ? tr("%1 *:", "required form field").arg(f.title)
                                         : tr("%1:", "form label").arg(f.title);
        m_form->addRow(label, box);
        if (auto *buddy = qobject_cast<QLabel *>(m_form->labelForField(box))) {
            buddy->setTextFormat(Qt::PlainText); // titles come from the schema, written by whoever registered it
            buddy->setBuddy(input.editor);
            buddy->setToolTip(f.description);
        }
        input.editor->setToolTip(f.description);
        anyRequired = anyRequired || f.required;
        m_inputs.append(input);
        setValue(input, f.defaultValue);
    }
    m_requiredHint->setVisible(anyRequired);
}

QWidget *SchemaForm::createEditor(const SchemaField &f)
{
    QWidget *editor = nullptr;
    switch (f.kind) {
    case Kind::Text: {
        auto *edit = new QLineEdit(this);
        connect(edit, &QLineEdit::textChanged, this, &SchemaForm::edited);
        editor = edit;
        break;
    }
    case Kind::StringList: {
        auto *edit = new QLineEdit(this);
        edit->setPlaceholderText(tr("Comma-separated values, e.g. a, b, c"));
        connect(edit, &QLineEdit::textChanged, this, &SchemaForm::edited);
        editor = edit;
        break;
    }
    case Kind::Choice: {
        auto *combo = new QComboBox(this);
        if (!f.required)
            combo->addItem(tr("(not set)", "optional choice"), QVariant());
        for (const QString &choice : f.choices)
            combo->addItem(choice, choice);
        connect(combo, &QComboBox::currentIndexChanged, this, &SchemaForm::edited);
        editor = combo;
        break;
    }
    case Kind::Integer: {
        auto *spin = new QSpinBox(this);
        if (!f.required)
            spin->setSpecialValueText(tr("not set", "optional number"));
        fitRange(spin, f, std::nullopt, 1);
        spin->setValue(spin->minimum());
        connect(spin, &QSpinBox::valueChanged, this, &SchemaForm::edited);
        editor = spin;
        break;
    }
    case Kind::Number: {
        auto *spin = new QDoubleSpinBox(this);
        spin->setDecimals(SchemaField::NumberDecimals);
        if (!f.required)
            spin->setSpecialValueText(tr("not set", "optional number"));
        fitRange(spin, f, std::nullopt, 1);
        spin->setValue(spin->minimum());
        connect(spin, &QDoubleSpinBox::valueChanged, this, &SchemaForm::edited);
        editor = spin;
        break;
    }
    case Kind::Boolean: {
        auto *check = new QCheckBox(this);
        // Optional: the third state means "leave it out", so the handler's own default applies.
        check->setTristate(!f.required);
        connect(check, &QCheckBox::stateChanged, this, &SchemaForm::edited);
        editor = check;
        break;
    }
    case Kind::Json: {
        auto *edit = new QPlainTextEdit(this);
        edit->setTabChangesFocus(true);
        edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        edit->setPlaceholderText(tr("JSON value"));
        edit->setFixedHeight(edit->fontMetrics().lineSpacing() * JsonEditorLines + 12);
        connect(edit, &QPlainTextEdit::textChanged, this, &SchemaForm::edited);
        editor = edit;
        break;
    }
    }
    editor->setObjectName(QStringLiteral("payloadField_") + f.name);
    return editor;
}

QJsonValue SchemaForm::value(const Input &input) const
{
    const SchemaField &f = input.field;
    switch (f.kind) {
    case Kind::Text: {
        const QString text = static_cast<QLineEdit *>(input.editor)->text();
        return text.isEmpty() ? QJsonValue(QJsonValue::Undefined) : QJsonValue(text);
    }
    case Kind::StringList: {
        const QString text = static_cast<QLineEdit *>(input.editor)->text();
        if (text.trimmed().isEmpty())
            return f.required ? QJsonValue(QJsonArray()) : QJsonValue(QJsonValue::Undefined);
        QJsonArray items;
        for (const QString &item : text.split(u','))
            if (!item.trimmed().isEmpty())
                items.append(item.trimmed());
        return items;
    }
    case Kind::Choice: {
        const QVariant data = static_cast<QComboBox *>(input.editor)->currentData();
        return data.isValid() ? QJsonValue(data.toString()) : QJsonValue(QJsonValue::Undefined);
    }
    case Kind::Integer: {
        const auto *spin = static_cast<QSpinBox *>(input.editor);
        return !f.required && spin->value() == spin->minimum() ? QJsonValue(QJsonValue::Undefined) : QJsonValue(spin->value());
    }
    case Kind::Number: {
        const auto *spin = static_cast<QDoubleSpinBox *>(input.editor);
        return !f.required && spin->value() == spin->minimum() ? QJsonValue(QJsonValue::Undefined) : QJsonValue(spin->value());
    }
    case Kind::Boolean: {
        const Qt::CheckState state = static_cast<QCheckBox *>(input.editor)->checkState();
        return state == Qt::PartiallyChecked ? QJsonValue(QJsonValue::Undefined) : QJsonValue(state == Qt::Checked);
    }
    case Kind::Json: {
        const QString text = static_cast<QPlainTextEdit *>(input.editor)->toPlainText().trimmed();
        const QJsonDocument doc = QJsonDocument::fromJson(QByteArray("[" + text.toUtf8() + "]"));
        return text.isEmpty() || !doc.isArray() || doc.array().size() != 1 ? QJsonValue(QJsonValue::Undefined)
                                                                           : doc.array().first();
    }
    }
    return QJsonValue::Undefined;
}

void SchemaForm::setValue(const Input &input, const QJsonValue &v)
{
    const SchemaField &f = input.field;
    const bool unset = v.isUndefined();
    switch (f.kind) {
    case Kind::Text:
        static_cast<QLineEdit *>(input.editor)->setText(v.toString());
        break;
    case Kind::StringList: {
        QStringList items;
        for (const QJsonValue &item : v.toArray())
            items.append(item.toString());
        static_cast<QLineEdit *>(input.editor)->setText(items.join(QStringLiteral(", ")));
        break;
    }
    case Kind::Choice: {
        auto *combo = static_cast<QComboBox *>(input.editor);
        combo->setCurrentIndex(unset ? 0 : std::max(0, combo->findData(v.toString())));
        break;
    }
    case Kind::Integer: {
        auto *spin = static_cast<QSpinBox *>(input.editor);
        fitRange(spin, f, unset ? std::nullopt : std::optional<double>(v.toInteger()), 1);
        spin->setValue(unset ? spin->minimum() : int(v.toInteger()));
        break;
    }
    case Kind::Number: {
        auto *spin = static_cast<QDoubleSpinBox *>(input.editor);
        fitRange(spin, f, unset ? std::nullopt : std::optional<double>(v.toDouble()), 1);
        spin->setValue(unset ? spin->minimum() : v.toDouble());
        break;
    }
    case Kind::Boolean: {
        auto *check = static_cast<QCheckBox *>(input.editor);
        check->setCheckState(unset && !f.required ? Qt::PartiallyChecked : v.toBool() ? Qt::Checked : Qt::Unchecked);
        break;
    }
    case Kind::Json:
        static_cast<QPlainTextEdit *>(input.editor)->setPlainText(unset ? QString() : compactJson(v));
        break;
    }
}

QWidget *SchemaForm::editor(const QString &property) const
{
    const Input *input = find(property);
    return input ? input->editor : nullptr;
}

const SchemaForm::Input *SchemaForm::find(const QString &property) const
{
    for (const Input &input : m_inputs)
        if (input.field.name == property)
            return &input;
    return nullptr;
}

QJsonObject SchemaForm::payload() const
{
    QJsonObject out = m_extra;
    for (const Input &input : m_inputs) {
        const QJsonValue v = value(input);
        if (v.isUndefined())
            out.remove(input.field.name);
        else
            out.insert(input.field.name, v);
    }
    return out;
}

void SchemaForm::setPayload(const QJsonObject &payload)
{
    m_extra = payload;
    for (const Input &input : std::as_const(m_inputs)) {
        setValue(input, payload.value(input.field.name));
        m_extra.remove(input.field.name);
    }
}

QHash<QString, QString> SchemaForm::inputErrors() const
{
    QHash<QString, QString> errors;
    for (const Input &input : m_inputs) {
        if (input.field.kind != Kind::Json)
            continue;
        const QString text = static_cast<QPlainTextEdit *>(input.editor)->toPlainText().trimmed();
        QJsonParseError error;
        QJsonDocument::fromJson(QByteArray("[" + text.toUtf8() + "]"), &error);
        if (!text.isEmpty() && error.error != QJsonParseError::NoError)
            errors.insert(input.field.name, tr("Not valid JSON: %1.").arg(error.errorString()));
    }
    return errors;
}

QJsonArray SchemaForm::showViolations(const QJsonArray &violations)
{
    QJsonArray elsewhere;
    for (const QJsonValue &v : violations) {
        const QJsonObject violation = v.toObject();
        const QString property = violationField(violation);
        if (!find(property)) {
            elsewhere.append(violation);
            continue;
        }
        // Inside a property edited as JSON, say where: "/options/dpi" → "at /dpi: …".
        const QString path = violation.value(QStringLiteral("path")).toString();
        const QString inner = path.section(u'/', 2);
        const QString message = explain(violation.value(QStringLiteral("message")).toString());
        showError(property, inner.isEmpty() ? message
                                            : tr("at /%1: %2", "schema violation inside a property").arg(inner, message));
    }
    return elsewhere;
}

void SchemaForm::showError(const QString &property, const QString &message)
{
    const Input *input = find(property);
    if (!input)
        return;
    // Several rules may fail for one property: list them all.
    const QString shown = input->error->isHidden() ? QString() : input->error->text();
    input->error->setText(shown.isEmpty() ? message : shown + u'\n' + message);
    input->error->show();
}

void SchemaForm::clearErrors()
{
    for (const Input &input : std::as_const(m_inputs))
        input.error->hide();
}

QString SchemaForm::explain(const QString &message)
{
    static const QRegularExpression bound(QStringLiteral("^Expected number (less|greater) than( or equal to)? (\\S+)$"));
    static const QRegularExpression missing(QStringLiteral("^Missing required property '(.+)'"));
    static const QRegularExpression length(QStringLiteral("^String should be no (fewer|more) than (\\d+)"));
    if (const QRegularExpressionMatch m = bound.match(message); m.hasMatch()) {
        const QString limit = QString::number(m.captured(3).toDouble()); // "20.000000" → "20"
        const bool inclusive = !m.captured(2).isEmpty();
        if (m.captured(1) == u"less")
            return inclusive ? tr("Must be at most %1.").arg(limit) : tr("Must be less than %1.").arg(limit);
        return inclusive ? tr("Must be at least %1.").arg(limit) : tr("Must be greater than %1.").arg(limit);
    }
    if (const QRegularExpressionMatch m = missing.match(message); m.hasMatch())
        return tr("%1 is required.").arg(m.captured(1));
    if (const QRegularExpressionMatch m = length.match(message); m.hasMatch())
        return m.captured(1) == u"fewer" ? tr("Use at least %1 characters.").arg(m.captured(2))
                                         : tr("Use at most %1 characters.").arg(m.captured(2));
    if (message.startsWith(QStringLiteral("Failed to match against any enum values")))
        return tr("Choose one of the allowed values.");
    if (message.startsWith(QStringLiteral("Value type not permitted by 'type' constraint")))
        return tr("This kind of value is not allowed here.");
    if (message.startsWith(QStringLiteral("Failed to match regex specified by 'pattern' constraint")))
        return tr("Does not match the required pattern.");
    return message;
}

QString SchemaForm::fieldError(const QString &property) const
{
    const Input *input = find(property);
    return input && !input->error->isHidden() ? input->error->text() : QString();
}

} // namespace taskmill
