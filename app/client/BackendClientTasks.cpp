// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// The task-view endpoints of BackendClient (docs/api.md, "Task views"): counts, types, retry, bulk actions by ids
// and by filter.
#include "client/BackendClient.h"
#include "client/BackendClientCall.h"

#include "codec/TaskJson.h"
#include "wire/BulkTypes.h"

#include <QJsonDocument>

namespace taskmill {

QFuture<Result<TaskCounts>> BackendClient::taskCounts(const TaskFilter &filter)
{
    QUrlQuery query;
    filter.addToQuery(query);
    return call<TaskCounts>(Verb::Get, QStringLiteral("/api/v1/tasks/counts"), query, {},
                            objectDecoder<TaskCounts>(&TaskCounts::fromJson));
}

QFuture<Result<QStringList>> BackendClient::taskTypes()
{
    return call<QStringList>(Verb::Get, QStringLiteral("/api/v1/tasks/types"), {}, {},
                             objectDecoder<QStringList>(&taskTypesFromJson));
}

QFuture<Result<Task>> BackendClient::retryTask(const QUuid &id)
{
    return call<Task>(Verb::Post, QStringLiteral("/api/v1/tasks/%1/retry").arg(id.toString(QUuid::WithoutBraces)), {},
                      {}, objectDecoder<Task>(&taskFromJson));
}

QFuture<Result<TaskBulkResult>> BackendClient::cancelTasks(const QList<QUuid> &ids)
{
    const QByteArray body = QJsonDocument(TaskIdsRequest{ids}.toJson()).toJson(QJsonDocument::Compact);
    return call<TaskBulkResult>(Verb::Post, QStringLiteral("/api/v1/tasks/cancel"), {}, body,
                                objectDecoder<TaskBulkResult>(&TaskBulkResult::fromJson));
}

QFuture<Result<TaskBulkResult>> BackendClient::retryTasks(const QList<QUuid> &ids)
{
    const QByteArray body = QJsonDocument(TaskIdsRequest{ids}.toJson()).toJson(QJsonDocument::Compact);
    return call<TaskBulkResult>(Verb::Post, QStringLiteral("/api/v1/tasks/retry"), {}, body,
                                objectDecoder<TaskBulkResult>(&TaskBulkResult::fromJson));
}

namespace {
QString bulkPath(BulkAction action)
{
    return QStringLiteral("/api/v1/tasks/bulk/") + toString(action);
}

QString bulkOperationPath(const QUuid &id)
{
    return QStringLiteral("/api/v1/tasks/bulk/") + id.toString(QUuid::WithoutBraces);
}
} // namespace

QFuture<Result<qint64>> BackendClient::countBulkAction(BulkAction action, const TaskFilter &filter)
{
    BulkRequest request;
    request.filter = filter;
    request.dryRun = true;
    return call<qint64>(Verb::Post, bulkPath(action), {}, QJsonDocument(request.toJson()).toJson(QJsonDocument::Compact),
                        objectDecoder<qint64>([](const QJsonObject &o) -> Result<qint64> {
                            auto count = BulkCount::fromJson(o);
                            if (!count)
                                return count.error();
                            return count->total;
                        }));
}

QFuture<Result<BulkOperation>> BackendClient::startBulkAction(BulkAction action, const TaskFilter &filter, qint64 expected)
{
    BulkRequest request;
    request.filter = filter;
    request.expected = expected;
    return call<BulkOperation>(Verb::Post, bulkPath(action), {}, QJsonDocument(request.toJson()).toJson(QJsonDocument::Compact),
                               objectDecoder<BulkOperation>(&BulkOperation::fromJson));
}

QFuture<Result<BulkOperation>> BackendClient::bulkOperation(const QUuid &id)
{
    return call<BulkOperation>(Verb::Get, bulkOperationPath(id), {}, {}, objectDecoder<BulkOperation>(&BulkOperation::fromJson));
}

QFuture<Result<BulkOperation>> BackendClient::stopBulkOperation(const QUuid &id)
{
    return call<BulkOperation>(Verb::Delete, bulkOperationPath(id), {}, {}, objectDecoder<BulkOperation>(&BulkOperation::fromJson));
}

} // namespace taskmill
