// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "taskmill_sdk/ApiError.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace taskmill::sdk {

namespace {
// How much of a body that is not a taskmilld error goes into the message.
constexpr int ForeignBodyChars = 200;
} // namespace

ApiError ApiError::fromResponse(int status, const QByteArray &body)
{
    const QJsonValue error = QJsonDocument::fromJson(body).object().value(u"error"_s);
    if (!error.isObject() || !error.toObject().value(u"code"_s).isString()) {
        // Still an ApiError, so that no failure goes unreported even when a proxy answered.
        const QString text = QString::fromUtf8(body.left(ForeignBodyChars)).trimmed();
        return {status, u"http_%1"_s.arg(status), text.isEmpty() ? u"HTTP %1 with no error body"_s.arg(status) : text, {}, {}};
    }
    const QJsonObject o = error.toObject();
    return {status, o.value(u"code"_s).toString(), o.value(u"message"_s).toString(), o.value(u"field"_s).toString(),
            o.value(u"details"_s).toArray()};
}

QString ApiError::toString() const
{
    QString text = status ? u"%1 %2: %3"_s.arg(status).arg(code, message) : message;
    if (!field.isEmpty())
        text += u" (field "_s + field + u')';
    return text;
}

} // namespace taskmill::sdk
