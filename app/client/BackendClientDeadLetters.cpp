// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// The dead-letter endpoints of BackendClient (docs/api.md, "Dead-letter queue").
#include "client/BackendClient.h"
#include "client/BackendClientCall.h"

#include "codec/TaskJson.h"

#include <QJsonDocument>

namespace taskmill {

namespace {
const QString DlqPath = QStringLiteral("/api/v1/dlq");

QString deadLetterPath(const QUuid &id, const QString &suffix = {})
{
    return DlqPath + u'/' + id.toString(QUuid::WithoutBraces) + suffix;
}

QUrlQuery filterQuery(const DeadLetterFilter &filter)
{
    // addToQuery percent-encodes the values itself, so an error text with '&', '+' or '%' survives.
    QUrlQuery query;
    filter.addToQuery(query);
    return query;
}

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}
} // namespace

QFuture<Result<QList<DeadLetterGroup>>> BackendClient::deadLetterGroups(const DeadLetterFilter &filter, int limit)
{
    using Groups = QList<DeadLetterGroup>;
    QUrlQuery query = filterQuery(filter);
    query.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    return call<Groups>(Verb::Get, DlqPath + QStringLiteral("/groups"), query, {},
                        objectDecoder<Groups>(&deadLetterGroupsFromJson));
}

QFuture<Result<TaskPage>> BackendClient::listDeadLetters(const DeadLetterFilter &filter, int limit, const QUuid &after,
                                                         const DeadLetterOrder &order)
{
    QUrlQuery query = filterQuery(filter);
    order.addToQuery(query);
    query.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    if (!after.isNull())
        query.addQueryItem(QStringLiteral("after"), after.toString(QUuid::WithoutBraces));
    return call<TaskPage>(Verb::Get, DlqPath, query, {}, objectDecoder<TaskPage>(&TaskPage::fromJson));
}

QFuture<Result<qint64>> BackendClient::countDeadLetters(const DeadLetterFilter &filter)
{
    QUrlQuery query = filterQuery(filter);
    query.addQueryItem(QStringLiteral("limit"), QStringLiteral("1"));
    const auto parse = [](const QJsonObject &o) -> Result<qint64> {
        if (!o.value(QStringLiteral("total")).isDouble())
            return ApiError::badRequest(QStringLiteral("total must be a number"), QStringLiteral("total"));
        return o.value(QStringLiteral("total")).toInteger();
    };
    return call<qint64>(Verb::Get, DlqPath, query, {}, objectDecoder<qint64>(parse));
}

QFuture<Result<DeadLetterDetails>> BackendClient::deadLetter(const QUuid &id)
{
    return call<DeadLetterDetails>(Verb::Get, deadLetterPath(id), {}, {},
                                   objectDecoder<DeadLetterDetails>(&DeadLetterDetails::fromJson));
}

QFuture<Result<Task>> BackendClient::requeueDeadLetter(const QUuid &id, const std::optional<QJsonObject> &payload)
{
    const QByteArray body = payload ? compact(QJsonObject{{QStringLiteral("payload"), *payload}}) : QByteArray();
    return call<Task>(Verb::Post, deadLetterPath(id, QStringLiteral("/requeue")), {}, body,
                      objectDecoder<Task>(&taskFromJson));
}

QFuture<Result<DeadLetterBulkResult>> BackendClient::requeueDeadLetters(const DeadLetterSelection &selection)
{
    return call<DeadLetterBulkResult>(Verb::Post, DlqPath + QStringLiteral("/requeue"), {}, compact(selection.toJson()),
                                      objectDecoder<DeadLetterBulkResult>(&DeadLetterBulkResult::fromJson));
}

QFuture<Result<DeadLetterBulkResult>> BackendClient::purgeDeadLetters(const DeadLetterSelection &selection)
{
    return call<DeadLetterBulkResult>(Verb::Post, DlqPath + QStringLiteral("/purge"), {}, compact(selection.toJson()),
                                      objectDecoder<DeadLetterBulkResult>(&DeadLetterBulkResult::fromJson));
}

} // namespace taskmill
