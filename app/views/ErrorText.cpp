// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "views/ErrorText.h"

#include "wire/ApiError.h"

#include <QStringList>

namespace taskmill {

QString ErrorText::summary(const ApiError &error)
{
    switch (error.code) {
    case ErrorCode::BadRequest: return tr("The server did not understand the request.");
    case ErrorCode::Validation:
    case ErrorCode::SchemaViolation: return tr("A value was refused.");
    case ErrorCode::Unauthorized: return tr("The server needs you to log in again.");
    case ErrorCode::Forbidden: return tr("Your role does not allow this.");
    case ErrorCode::NotFound: return tr("It no longer exists on the server.");
    case ErrorCode::Conflict: return tr("Its current state does not allow this.");
    case ErrorCode::LeaseLost: return tr("The worker's lease had already expired.");
    case ErrorCode::PayloadTooLarge: return tr("The request is larger than the server accepts.");
    case ErrorCode::UnsupportedMediaType:
    case ErrorCode::MisdirectedRequest: return tr("The server refused the request as unsafe.");
    case ErrorCode::TooManyRequests: return tr("Too many requests: the server asks to wait.");
    case ErrorCode::Gone: return tr("The data asked for has expired on the server.");
    case ErrorCode::Unavailable: return tr("The server or its database is not reachable.");
    case ErrorCode::Timeout: return tr("The server took too long: narrow the filter or search.");
    case ErrorCode::Internal: return tr("The server failed unexpectedly.");
    }
    return tr("The server failed unexpectedly.");
}

QString ErrorText::full(const ApiError &error)
{
    QStringList lines{summary(error)};
    if (!error.field.isEmpty())
        lines << tr("Field: %1").arg(error.field);
    if (!error.message.isEmpty())
        lines << tr("Server: %1").arg(error.message);
    return lines.join(u'\n');
}

} // namespace taskmill
