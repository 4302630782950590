// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// The pause endpoints of BackendClient (docs/api.md, "Pausing a priority or a type").
#include "client/BackendClient.h"
#include "client/BackendClientCall.h"

#include <QJsonArray>

namespace taskmill {

namespace {
QString pausePath(PauseScope scope, const QString &name)
{
    // Type names are [a-z0-9_.-] and priorities three words; encoding anyway keeps a malformed name from
    // changing the route.
    const QString encoded = QString::fromLatin1(QUrl::toPercentEncoding(name));
    return scope == PauseScope::Priority ? QStringLiteral("/api/v1/queues/%1/pause").arg(encoded)
                                         : QStringLiteral("/api/v1/types/%1/pause").arg(encoded);
}

Result<PauseSet> pauseListFromJson(const QJsonObject &o)
{
    if (!o.value(QStringLiteral("items")).isArray())
        return ApiError::badRequest(QStringLiteral("items must be an array"), QStringLiteral("items"));
    return PauseSet::fromJson(o.value(QStringLiteral("items")).toArray());
}

Result<qint64> resumedFromJson(const QJsonObject &o)
{
    if (o.value(QStringLiteral("paused")).toBool(true))
        return ApiError::badRequest(QStringLiteral("paused must be false"), QStringLiteral("paused"));
    return o.value(QStringLiteral("dispatched")).toInteger();
}
} // namespace

QFuture<Result<PauseSet>> BackendClient::pauses()
{
    return call<PauseSet>(Verb::Get, QStringLiteral("/api/v1/pauses"), {}, {}, objectDecoder<PauseSet>(&pauseListFromJson));
}

QFuture<Result<Pause>> BackendClient::pause(PauseScope scope, const QString &name)
{
    // The answer is a pause item plus "paused": true, which Pause::fromJson ignores.
    return call<Pause>(Verb::Put, pausePath(scope, name), {}, {}, objectDecoder<Pause>(&Pause::fromJson));
}

QFuture<Result<qint64>> BackendClient::resume(PauseScope scope, const QString &name)
{
    return call<qint64>(Verb::Delete, pausePath(scope, name), {}, {}, objectDecoder<qint64>(&resumedFromJson));
}

} // namespace taskmill
