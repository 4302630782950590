// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "models/CreateTaskForm.h"

#include "codec/TaskJson.h"
#include "validation/StorableText.h"
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

    QJsonObject body{
        {QStringLiteral("type"), type.trimmed()},
        {QStringLiteral("title"), title},
        {QStringLiteral("description"), description},
        {QStringLiteral("priority"), toString(priority)},
        {QStringLiteral("payload"), payload.isObject() ? QJsonValue(payload.object()) : QJsonValue(payload.array())},
        {QStringLiteral("max_attempts"), maxAttempts},
    };
    if (delayed) {
        if (!runAt.isValid())
            return ApiError::validation(QStringLiteral("run_at"), tr("Choose when the task should run."));
        body.insert(QStringLiteral("run_at"), formatTimestamp(runAt.toUTC()));
    }
    if (customRetry)
        body.insert(QStringLiteral("retry_policy"), retryPolicy.toJson());
    // The server refuses text PostgreSQL cannot store; say so here, at the field, in the UI language.
    if (auto bad = findUnstorableText(body)) {
        const QString field = bad->section(u'.', 0, 0).section(u'[', 0, 0); // "payload.a[2]" → the payload editor
        return ApiError::validation(field, tr("%1 contains a character that cannot be stored: NUL (\\u0000) or an "
                                              "unpaired surrogate such as \\ud800. Remove it.")
                                               .arg(*bad));
    }
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
    else if (error.field == u"max_attempts")
        error.message = tr("Use 1 to %1 attempts.").arg(limits::MaxAttemptsMax);
    else if (error.field == u"retry_policy.max_ms")
        error.message = tr("The longest delay must be at least the first delay, and at most 7 days.");
    else if (error.field == u"retry_policy.base_ms")
        error.message = tr("The first delay must be from 0 to 7 days.");
    else if (error.field == u"retry_policy.strategy")
        error.message = tr("Choose constant, linear or exponential.");
    else if (error.field == u"retry_policy.jitter")
        error.message = tr("Jitter is a fraction from 0 to 1.");
    return error;
}

CreateTaskForm CreateTaskForm::fromTask(const Task &task)
{
    CreateTaskForm form;
    form.type = task.type;
    form.title = task.title;
    form.description = task.description;
    form.priority = task.priority;
    form.payloadText = QString::fromUtf8(QJsonDocument(task.payload).toJson(QJsonDocument::Indented)).trimmed();
    form.maxAttempts = task.maxAttempts;
    form.customRetry = task.retryPolicy.has_value();
    if (task.retryPolicy)
        form.retryPolicy = *task.retryPolicy;
    // A copy runs now unless its original was still waiting for a future time.
    form.delayed = task.runAt.isValid() && task.runAt > QDateTime::currentDateTimeUtc();
    if (form.delayed)
        form.runAt = task.runAt;
    return form;
}

} // namespace taskmill
