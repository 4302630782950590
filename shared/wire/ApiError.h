// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace taskmill {

// The closed set of failures the API reports. httpStatus() is the only place that maps them to HTTP;
// every error body on the wire is {"error": {"code", "message", "field"}}.
enum class ErrorCode {
    BadRequest,      // 400: malformed JSON, wrong query syntax
    Validation,      // 422: well-formed but invalid values (field names the culprit)
    SchemaViolation, // 422 "validation_failed": a payload its handler's JSON Schema rejects (details list each)
    Unauthorized,    // 401
    Forbidden,       // 403
    NotFound,        // 404: unknown route or id (a malformed id is also 404: no such resource)
    Conflict,        // 409: the state forbids the action (cancel a finished task)
    LeaseLost,       // 409 "lease_lost": an external worker's lease expired or was reclaimed; nothing written
    PayloadTooLarge, // 413: body over the configured limit
    UnsupportedMediaType, // 415: a state-changing request whose body is not application/json (CSRF defence)
    MisdirectedRequest,   // 421: a Host header naming none of the server's names (DNS rebinding defence)
    TooManyRequests, // 429: a rate limit or login throttle; retryAfterS says when to come back
    Gone,            // 410: a revision that expired
    Unavailable,     // 503: PostgreSQL or Redis is down
    Timeout,         // 504: a query ran past its statement timeout (a search too broad); the message hints why
    Internal,        // 500: a bug; logged with details, the client sees a generic message
};

struct ApiError
{
    ErrorCode code = ErrorCode::Internal;
    QString message;
    QString field; // empty when no single field is at fault
    // SchemaViolation: every violation as {"path": JSON Pointer into the field, "message"}; a batch's paths
    // start with the item, e.g. "/3/payload/to".
    QJsonArray details;
    int retryAfterS = 0; // TooManyRequests: sent as Retry-After (seconds)

    static ApiError badRequest(const QString &message, const QString &field = {});
    static ApiError validation(const QString &field, const QString &message);
    static ApiError notFound(const QString &message);
    static ApiError conflict(const QString &message);
    static ApiError schemaViolation(const QString &field, const QString &message, const QJsonArray &details);
    static ApiError leaseLost(const QString &message);
    static ApiError unavailable(const QString &message);
    static ApiError internal(const QString &message);

    QJsonObject toJson() const;
    static ApiError fromJson(const QJsonObject &body, int httpStatus);
};

// Every code, for loops that must not miss one.
QList<ErrorCode> allErrorCodes();
int httpStatus(ErrorCode code);
// The gRPC status code (grpc::StatusCode's number) of the same error: the gRPC API's one mapping (docs/api.md).
int grpcStatusCode(ErrorCode code);
QString toString(ErrorCode code);          // stable snake_case code on the wire
ErrorCode errorCodeFromHttpStatus(int status);

} // namespace taskmill
