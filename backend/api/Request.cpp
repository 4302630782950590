// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "api/Request.h"

#include "api/RouteRegistry.h"

#include "validation/StorableText.h"
#include "validation/TaskValidation.h"

#include <QHostAddress>
#include <QHttpServerRequest>

using namespace Qt::StringLiterals;

namespace taskmill::request {


namespace {
int s_jsonDepthMax = JsonDepthDefault; // set once from api.max_json_depth before the server listens
} // namespace

void setJsonDepthMax(int depth)
{
    s_jsonDepthMax = depth;
}

Result<QJsonDocument> body(const QHttpServerRequest &request, qint64 maxBytes)
{
    const qint64 declared = request.value("content-length").toLongLong();
    const QByteArray bytes = request.body();
    if (declared > maxBytes || bytes.size() > maxBytes)
        return ApiError{ErrorCode::PayloadTooLarge, u"request body is larger than %1 bytes"_s.arg(maxBytes), {}, {}};
    if (bytes.trimmed().isEmpty())
        return ApiError::badRequest(u"request body is empty; expected JSON"_s);
    return parseJsonBody(bytes, s_jsonDepthMax);
}

Result<QJsonObject> objectBody(const QHttpServerRequest &request, qint64 maxBytes, const QString &expected)
{
    auto doc = body(request, maxBytes);
    if (!doc)
        return doc.error();
    if (!doc->isObject())
        return ApiError::badRequest(u"expected "_s + expected);
    return doc->object();
}

Result<QUuid> pathId(const QString &text, const QString &resource)
{
    const QUuid id = QUuid::fromString(text);
    if (id.isNull())
        return ApiError::notFound(u"no %1 with id '%2' (not a UUID)"_s.arg(resource, text));
    return id;
}

QString actor(const QHttpServerRequest &request)
{
    return CallInfo::of(request).actor();
}

CallInfo CallInfo::of(const QHttpServerRequest &request)
{
    return {request.remoteAddress(), request.value("traceparent"), request.value(ActorHeader), request.value(IdempotencyKeyHeader)};
}

QString CallInfo::actor() const
{
    // An authenticated caller is who its credentials say, whatever a header claims (docs/security.md).
    const Principal &p = RouteRegistry::principal();
    if (p.kind != Principal::Kind::Local)
        return p.name + u" (" + p.actor() + u")@" + peer.toString();
    // The local principal (anonymous loopback): the app names its operator in a header.
    QString who = QString::fromUtf8(actorHeader).trimmed().left(ActorMax);
    if (who.isEmpty())
        who = u"anonymous"_s;
    return who + u'@' + peer.toString();
}

std::optional<ApiError> checkStorableText(const QJsonValue &body)
{
    if (auto bad = findUnstorableText(body))
        return unstorableTextError(*bad);
    return std::nullopt;
}

std::optional<ApiError> checkStorableText(const QHttpServerRequest &request)
{
    if (auto bad = findUnstorableQueryItem(request.query()))
        return unstorableTextError(*bad);
    if (!isStorableText(QString::fromUtf8(request.value(ActorHeader))))
        return unstorableTextError(u"X-Taskmill-Actor"_s);
    const QByteArray &bytes = request.body();
    if (!mayHoldUnstorableEscape(bytes))
        return std::nullopt;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes);
    if (auto bad = findUnstorableText(doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object())))
        return unstorableTextError(*bad);
    return std::nullopt;
}

} // namespace taskmill::request
