// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/Result.h"

#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>

class QHttpServerRequest;

namespace taskmill {

// The one toolkit route handlers read requests with: bodies, ids, the acting operator. Query parameters
// go through shared/wire/QueryParams (queryInt, queryValue), the same functions the app's wire types use.
// Every failure is an ApiError naming the field, ready for HttpReply::error().
namespace request {

// api.max_json_depth for every body(); called once at start.
void setJsonDepthMax(int depth);
// Size (declared and actual) against maxBytes → PayloadTooLarge; empty → BadRequest; then nesting depth and
// JSON syntax.
Result<QJsonDocument> body(const QHttpServerRequest &request, qint64 maxBytes);
// body() that must be a JSON object; `expected` says what the route wants, e.g. "{\"ids\": [...]}".
Result<QJsonObject> objectBody(const QHttpServerRequest &request, qint64 maxBytes,
                               const QString &expected = QStringLiteral("a JSON object"));
// A path id: NotFound (not BadRequest) when it is not a UUID, since no such resource can exist.
Result<QUuid> pathId(const QString &text, const QString &resource = QStringLiteral("task"));
// Who acts, for the audit log: an authenticated caller's name and actor ("ops@example.com (user:3)@10.0.0.5");
// for the local principal the X-Taskmill-Actor header (the app sends its operator's name, at most ActorMax
// characters, "anonymous" when absent) and the peer address: "ops@127.0.0.1".
QString actor(const QHttpServerRequest &request);

// What a route reads of its request beyond the body and path, so another transport (gRPC, api/grpc) can run
// the same handler: the peer, the caller's W3C traceparent and the actor header.
struct CallInfo
{
    QHostAddress peer;
    QByteArray traceparent;
    QByteArray actorHeader;
    QByteArray idempotencyKey; // the Idempotency-Key header (gRPC: metadata idempotency-key); empty: none

    static CallInfo of(const QHttpServerRequest &request);
    QString actor() const; // as actor(request)
};

inline constexpr int ActorMax = 128;
inline constexpr char ActorHeader[] = "x-taskmill-actor";
inline constexpr char IdempotencyKeyHeader[] = "idempotency-key";

// Every string a request carries — query parameters, the actor header, every JSON string and key of the
// body — must be text PostgreSQL can store (validation/StorableText). RouteRegistry runs this before any
// handler, so no route can pass such a value on. A body that is not JSON is left to the handler.
std::optional<ApiError> checkStorableText(const QHttpServerRequest &request);
// The same check of a body that arrived by another transport.
std::optional<ApiError> checkStorableText(const QJsonValue &body);

} // namespace request
} // namespace taskmill
