// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// The task-view endpoints of BackendClient (docs/api.md, "Task views"): counts, types, retry, bulk actions.
#include "client/BackendClient.h"
#include "client/BackendClientCall.h"

#include "codec/TaskJson.h"

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

} // namespace taskmill
