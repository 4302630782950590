// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "wire/ApiError.h"

namespace taskmill {

ApiError ApiError::badRequest(const QString &message, const QString &field)
{
    return {ErrorCode::BadRequest, message, field, {}};
}
ApiError ApiError::validation(const QString &field, const QString &message)
{
    return {ErrorCode::Validation, message, field, {}};
}
ApiError ApiError::notFound(const QString &message) { return {ErrorCode::NotFound, message, {}, {}}; }
ApiError ApiError::conflict(const QString &message) { return {ErrorCode::Conflict, message, {}, {}}; }
ApiError ApiError::schemaViolation(const QString &field, const QString &message, const QJsonArray &details)
{
    return {ErrorCode::SchemaViolation, message, field, details};
}
ApiError ApiError::leaseLost(const QString &message) { return {ErrorCode::LeaseLost, message, {}, {}}; }
ApiError ApiError::unavailable(const QString &message) { return {ErrorCode::Unavailable, message, {}, {}}; }
ApiError ApiError::internal(const QString &message) { return {ErrorCode::Internal, message, {}, {}}; }

int httpStatus(ErrorCode code)
{
    switch (code) {
    case ErrorCode::BadRequest: return 400;
    case ErrorCode::Validation: return 422;
    case ErrorCode::SchemaViolation: return 422;
    case ErrorCode::Unauthorized: return 401;
    case ErrorCode::Forbidden: return 403;
    case ErrorCode::NotFound: return 404;
    case ErrorCode::Conflict: return 409;
    case ErrorCode::LeaseLost: return 409;
    case ErrorCode::PayloadTooLarge: return 413;
    case ErrorCode::UnsupportedMediaType: return 415;
    case ErrorCode::MisdirectedRequest: return 421;
    case ErrorCode::TooManyRequests: return 429;
    case ErrorCode::Gone: return 410;
    case ErrorCode::Unavailable: return 503;
    case ErrorCode::Timeout: return 504;
    case ErrorCode::Internal: return 500;
    }
    return 500;
}

int grpcStatusCode(ErrorCode code)
{
    // The numbers of grpc::StatusCode (stable across gRPC releases); shared/ does not link gRPC.
    enum : int { InvalidArgument = 3, DeadlineExceeded = 4, NotFound = 5, PermissionDenied = 7, ResourceExhausted = 8,
                 FailedPrecondition = 9, Aborted = 10, OutOfRange = 11, Internal = 13, Unavailable = 14, Unauthenticated = 16 };
    switch (code) {
    case ErrorCode::BadRequest: return InvalidArgument;
    case ErrorCode::Validation: return InvalidArgument;
    case ErrorCode::SchemaViolation: return InvalidArgument;
    case ErrorCode::Unauthorized: return Unauthenticated;
    case ErrorCode::Forbidden: return PermissionDenied;
    case ErrorCode::NotFound: return NotFound;
    case ErrorCode::Conflict: return FailedPrecondition;
    case ErrorCode::LeaseLost: return Aborted;
    case ErrorCode::PayloadTooLarge: return ResourceExhausted;
    case ErrorCode::UnsupportedMediaType: return InvalidArgument;
    case ErrorCode::MisdirectedRequest: return PermissionDenied;
    case ErrorCode::TooManyRequests: return ResourceExhausted;
    case ErrorCode::Gone: return OutOfRange;
    case ErrorCode::Unavailable: return Unavailable;
    case ErrorCode::Timeout: return DeadlineExceeded;
    case ErrorCode::Internal: return Internal;
    }
    return Internal;
}

QString toString(ErrorCode code)
{
    switch (code) {
    case ErrorCode::BadRequest: return QStringLiteral("bad_request");
    case ErrorCode::Validation: return QStringLiteral("validation");
    case ErrorCode::SchemaViolation: return QStringLiteral("validation_failed");
    case ErrorCode::Unauthorized: return QStringLiteral("unauthorized");
    case ErrorCode::Forbidden: return QStringLiteral("forbidden");
    case ErrorCode::NotFound: return QStringLiteral("not_found");
    case ErrorCode::Conflict: return QStringLiteral("conflict");
    case ErrorCode::LeaseLost: return QStringLiteral("lease_lost");
    case ErrorCode::PayloadTooLarge: return QStringLiteral("payload_too_large");
    case ErrorCode::UnsupportedMediaType: return QStringLiteral("unsupported_media_type");
    case ErrorCode::MisdirectedRequest: return QStringLiteral("misdirected_request");
    case ErrorCode::TooManyRequests: return QStringLiteral("too_many_requests");
    case ErrorCode::Gone: return QStringLiteral("gone");
    case ErrorCode::Unavailable: return QStringLiteral("unavailable");
    case ErrorCode::Timeout: return QStringLiteral("timeout");
    case ErrorCode::Internal: return QStringLiteral("internal");
    }
    return QStringLiteral("internal");
}

QList<ErrorCode> allErrorCodes()
{
    // Order matters to errorCodeFromHttpStatus: the first code of a status is its default.
    return {ErrorCode::BadRequest, ErrorCode::Validation, ErrorCode::SchemaViolation, ErrorCode::Unauthorized,
            ErrorCode::Forbidden, ErrorCode::NotFound, ErrorCode::Conflict, ErrorCode::LeaseLost,
            ErrorCode::PayloadTooLarge, ErrorCode::UnsupportedMediaType, ErrorCode::MisdirectedRequest,
            ErrorCode::TooManyRequests, ErrorCode::Gone, ErrorCode::Unavailable, ErrorCode::Timeout, ErrorCode::Internal};
}

ErrorCode errorCodeFromHttpStatus(int status)
{
    for (ErrorCode c : allErrorCodes())
        if (httpStatus(c) == status)
            return c;
    return ErrorCode::Internal;
}

QJsonObject ApiError::toJson() const
{
    QJsonObject e{{QStringLiteral("code"), toString(code)}, {QStringLiteral("message"), message}};
    if (!field.isEmpty())
        e.insert(QStringLiteral("field"), field);
    if (!details.isEmpty())
        e.insert(QStringLiteral("details"), details);
    return QJsonObject{{QStringLiteral("error"), e}};
}

ApiError ApiError::fromJson(const QJsonObject &body, int status)
{
    const QJsonObject e = body.value(QStringLiteral("error")).toObject();
    ApiError err{errorCodeFromHttpStatus(status), e.value(QStringLiteral("message")).toString(),
                 e.value(QStringLiteral("field")).toString(), e.value(QStringLiteral("details")).toArray()};
    const QString code = e.value(QStringLiteral("code")).toString();
    for (ErrorCode c : allErrorCodes())
        if (toString(c) == code)
            err.code = c;
    if (err.message.isEmpty())
        err.message = QStringLiteral("HTTP %1").arg(status);
    return err;
}

} // namespace taskmill
