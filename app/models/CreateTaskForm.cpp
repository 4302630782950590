// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "models/CreateTaskForm.h"

#include "validation/TaskValidation.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace taskmill {

Result<CreateTaskRequest> CreateTaskForm::validate() const
{
    const QString trimmed = payloadText.trimmed();
    QJsonParseError parseError;
    const QJsonDocument payload =
        QJsonDocument::fromJson(trimmed.isEmpty() ? QByteArrayLiteral("{}") : trimmed.toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return ApiError::validation(QStringLiteral("payload"), tr("Not valid JSON: %1 (at character %2).")
                                                                   .arg(parseError.errorString())
                                                                   .arg(parseError.offset));

    const QJsonObject body{
        {QStringLiteral("type"), type.trimmed()},
        {QStringLiteral("title"), title},
        {QStringLiteral("description"), description},
        {QStringLiteral("priority"), toString(priority)},
        {QStringLiteral("payload"), payload.isObject() ? QJsonValue(payload.object()) : QJsonValue(payload.array())},
    };
    Result<CreateTaskRequest> request = parseCreateTask(body);
    if (request)
        return request;

    // parseCreateTask words its errors for the wire, in English; the form explains the same rule.
    ApiError error = request.error();
    if (error.field == u"type")
        error.message = tr("Use 1 to %1 characters: letters A-Z, digits, _ . : -").arg(limits::TypeMax);
    else if (error.field == u"title")
        error.message = tr("The title may have at most %1 characters (it has %2).")
                            .arg(limits::TitleMax)
                            .arg(title.size());
    else if (error.field == u"description")
        error.message = tr("The description may have at most %1 characters.").arg(limits::DescriptionMax);
    else if (error.field == u"payload")
        error.message = tr("The payload must be a JSON object, e.g. {\"ms\": 250}.");
    return error;
}

} // namespace taskmill
