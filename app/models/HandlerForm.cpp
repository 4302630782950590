// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "models/HandlerForm.h"

#include "validation/PayloadSchema.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace taskmill {

Result<QJsonObject, QString> HandlerForm::checkSchema(const QString &text)
{
    if (text.trimmed().isEmpty())
        return QJsonObject();
    const QByteArray utf8 = text.toUtf8();
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(utf8, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        // The offset counts UTF-8 bytes; people read lines and columns.
        const QByteArray before = utf8.left(parseError.offset);
        const int line = int(before.count('\n') + 1);
        const int column = int(QString::fromUtf8(before.mid(before.lastIndexOf('\n') + 1)).size() + 1);
        return tr("Not valid JSON at line %1, column %2: %3.").arg(line).arg(column).arg(parseError.errorString());
    }
    if (!doc.isObject())
        return tr("A schema is a JSON object, e.g. {\"type\": \"object\"}.");
    // The server's limit, measured as it measures it.
    if (QJsonDocument(doc.object()).toJson(QJsonDocument::Compact).size() > limits::HandlerSchemaBytesMax)
        return tr("The schema may have at most %1 kB.").arg(limits::HandlerSchemaBytesMax / 1024);
    const auto compiled = PayloadSchema::compile(doc.object());
    if (!compiled)
        return tr("Not a valid JSON Schema (draft-07): %1").arg(compiled.error());
    return doc.object();
}

Result<HandlerSpec> HandlerForm::validate(const HandlerSpec &base, bool creating) const
{
    HandlerSpec spec = base;
    if (creating) {
        if (!isValidHandlerName(name))
            return ApiError::validation(QStringLiteral("name"),
                                        tr("Use 1 to 64 characters: a-z, digits, _ . - starting with a letter or digit."));
        spec.name = name;
        spec.kind = HandlerKind::External;
    }
    if (description.size() > limits::HandlerDescriptionMax)
        return ApiError::validation(QStringLiteral("description"),
                                    tr("The description may have at most %1 characters (it has %2).")
                                        .arg(limits::HandlerDescriptionMax)
                                        .arg(description.size()));
    // A built-in's schema is taskmilld's and is not sent; only an external one is judged here.
    if (spec.kind == HandlerKind::External) {
        const Result<QJsonObject, QString> schema = checkSchema(schemaText);
        if (!schema)
            return ApiError::validation(QStringLiteral("schema"), schema.error());
        spec.schema = *schema;
    }
    spec.description = description;
    spec.defaultPriority = defaultPriority;
    spec.maxAttempts = maxAttempts;
    spec.timeoutMs = timeoutMs;
    spec.concurrency = concurrency;
    spec.enabled = enabled;
    return spec;
}

HandlerForm HandlerForm::fromHandler(const HandlerSpec &handler)
{
    HandlerForm form;
    form.name = handler.name;
    form.description = handler.description;
    form.schemaText = QString::fromUtf8(QJsonDocument(handler.schema).toJson(QJsonDocument::Indented)).trimmed();
    form.defaultPriority = handler.defaultPriority;
    form.maxAttempts = handler.maxAttempts;
    form.timeoutMs = handler.timeoutMs;
    form.concurrency = handler.concurrency;
    form.enabled = handler.enabled;
    return form;
}

} // namespace taskmill
