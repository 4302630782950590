// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// The handler-registry endpoints of BackendClient (docs/handlers.md, "The registry API").
#include "client/BackendClient.h"
#include "client/BackendClientCall.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace taskmill {

namespace {
const QString HandlersPath = QStringLiteral("/api/v1/handlers");

QString handlerPath(const QString &name)
{
    // Names are [a-z0-9_.-]; encoding anyway keeps a malformed one from changing the route.
    return HandlersPath + u'/' + QString::fromLatin1(QUrl::toPercentEncoding(name));
}

// The fields a client may write. Counts, kind and timestamps are the server's; the retry policy is sent
// back as it was read, so an edit of the other fields does not reset it.
QJsonObject editableFields(const HandlerSpec &spec, bool withSchema)
{
    QJsonObject o{{QStringLiteral("description"), spec.description},
                  {QStringLiteral("default_priority"), toString(spec.defaultPriority)},
                  {QStringLiteral("max_attempts"), spec.maxAttempts},
                  {QStringLiteral("retry_policy"),
                   spec.retryPolicy ? QJsonValue(spec.retryPolicy->toJson()) : QJsonValue(QJsonValue::Null)},
                  {QStringLiteral("timeout_ms"), spec.timeoutMs},
                  {QStringLiteral("concurrency"), spec.concurrency},
                  {QStringLiteral("enabled"), spec.enabled}};
    if (withSchema)
        o.insert(QStringLiteral("schema"), spec.schema);
    return o;
}

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

Result<QList<HandlerSpec>> handlerListFromJson(const QJsonObject &o)
{
    if (!o.value(QStringLiteral("items")).isArray())
        return ApiError::badRequest(QStringLiteral("items must be an array"), QStringLiteral("items"));
    QList<HandlerSpec> handlers;
    for (const QJsonValue &v : o.value(QStringLiteral("items")).toArray()) {
        Result<HandlerSpec> handler = HandlerSpec::fromJson(v.toObject());
        if (!handler)
            return handler.error();
        handlers.append(*handler);
    }
    return handlers;
}

Result<HandlerDeleted> handlerDeletedFromJson(const QJsonObject &o)
{
    if (!o.value(QStringLiteral("deleted")).isString())
        return ApiError::badRequest(QStringLiteral("deleted must be a string"), QStringLiteral("deleted"));
    return HandlerDeleted{o.value(QStringLiteral("deleted")).toString(), o.value(QStringLiteral("cancelled")).toInteger()};
}
} // namespace

QFuture<Result<QList<HandlerSpec>>> BackendClient::listHandlers()
{
    using Handlers = QList<HandlerSpec>;
    return call<Handlers>(Verb::Get, HandlersPath, {}, {}, objectDecoder<Handlers>(&handlerListFromJson));
}

QFuture<Result<HandlerSpec>> BackendClient::getHandler(const QString &name)
{
    return call<HandlerSpec>(Verb::Get, handlerPath(name), {}, {}, objectDecoder<HandlerSpec>(&HandlerSpec::fromJson));
}

QFuture<Result<HandlerSpec>> BackendClient::createHandler(const HandlerSpec &spec)
{
    QJsonObject body = editableFields(spec, true);
    body.insert(QStringLiteral("name"), spec.name);
    if (!spec.retryPolicy)
        body.remove(QStringLiteral("retry_policy")); // a new handler without one takes the server's default anyway
    return call<HandlerSpec>(Verb::Post, HandlersPath, {}, compact(body),
                             objectDecoder<HandlerSpec>(&HandlerSpec::fromJson));
}

QFuture<Result<HandlerSpec>> BackendClient::updateHandler(const HandlerSpec &spec)
{
    QJsonObject body = editableFields(spec, spec.kind == HandlerKind::External);
    body.insert(QStringLiteral("version"), spec.version);
    return call<HandlerSpec>(Verb::Put, handlerPath(spec.name), {}, compact(body),
                             objectDecoder<HandlerSpec>(&HandlerSpec::fromJson));
}

QFuture<Result<HandlerDeleted>> BackendClient::deleteHandler(const QString &name, bool force)
{
    QUrlQuery query;
    if (force)
        query.addQueryItem(QStringLiteral("force"), QStringLiteral("true"));
    return call<HandlerDeleted>(Verb::Delete, handlerPath(name), query, {},
                                objectDecoder<HandlerDeleted>(&handlerDeletedFromJson));
}

} // namespace taskmill
