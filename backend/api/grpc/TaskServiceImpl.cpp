// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "api/grpc/TaskServiceImpl.h"

#include "api/TasksHandler.h"
#include "api/grpc/ProtoJson.h"
#include "observability/Logging.h"

#include <google/protobuf/util/time_util.h>

#include <QJsonArray>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace taskmill::grpcapi {

namespace {
const QString ServicePrefix = u"/taskmill.v1.TaskService/"_s;

// "STATUS_IN_PROGRESS" → "IN_PROGRESS": the REST spelling after the enum's prefix.
QString restEnum(const std::string &name, const QString &prefix)
{
    const QString n = QString::fromStdString(name);
    return n.startsWith(prefix) ? n.mid(prefix.size()) : n;
}

QString timestamp(const google::protobuf::Timestamp &t)
{
    return QString::fromStdString(google::protobuf::util::TimeUtil::ToString(t));
}
} // namespace

void addFilterToQuery(const v1::TaskFilter &filter, QUrlQuery &query)
{
    QStringList statuses, priorities, types, ids;
    for (int s : filter.statuses())
        statuses << restEnum(v1::Status_Name(s), u"STATUS_"_s);
    for (int p : filter.priorities())
        priorities << restEnum(v1::Priority_Name(p), u"PRIORITY_"_s);
    for (const std::string &t : filter.types())
        types << QString::fromStdString(t);
    for (const std::string &id : filter.ids())
        ids << QString::fromStdString(id);
    const auto add = [&query](const QString &key, const QStringList &values) {
        if (!values.isEmpty())
            query.addQueryItem(key, values.join(u','));
    };
    add(u"status"_s, statuses);
    add(u"priority"_s, priorities);
    add(u"type"_s, types);
    add(u"id"_s, ids);
    if (!filter.q().empty())
        query.addQueryItem(u"q"_s, QString::fromStdString(filter.q()));
    if (filter.has_created_from())
        query.addQueryItem(u"created_from"_s, timestamp(filter.created_from()));
    if (filter.has_created_to())
        query.addQueryItem(u"created_to"_s, timestamp(filter.created_to()));
}

grpc::Status TaskServiceImpl::Create(grpc::ServerContext *context, const v1::CreateTaskRequest *request, v1::Task *reply)
{
    const QJsonObject body = toRestJson(*request);
    return m_bridge.answer(context, ServicePrefix + u"Create", body, [this, body](const request::CallInfo &call, ReplyTarget &&target) {
        m_tasks.createTask(call, body, std::move(target));
    }, reply);
}

grpc::Status TaskServiceImpl::CreateBatch(grpc::ServerContext *context, const v1::CreateBatchRequest *request,
                                          v1::CreateBatchResponse *reply)
{
    QJsonArray items;
    for (const v1::CreateTaskRequest &item : request->items())
        items.append(toRestJson(item));
    return m_bridge.answer(context, ServicePrefix + u"CreateBatch", items, [this, items](const request::CallInfo &call, ReplyTarget &&target) {
        m_tasks.createTasks(call, items, std::move(target));
    }, reply);
}

grpc::Status TaskServiceImpl::Get(grpc::ServerContext *context, const v1::GetTaskRequest *request, v1::GetTaskResponse *reply)
{
    const QString id = QString::fromStdString(request->id());
    QJsonObject task;
    grpc::Status status = m_bridge.run(context, ServicePrefix + u"Get", QJsonValue(id), [this, id](const request::CallInfo &, ReplyTarget &&target) {
        m_tasks.getTask(id, QString(), std::move(target));
    }, &task);
    if (!status.ok())
        return status;
    QJsonObject answer{{u"task"_s, task}};
    if (request->with_history()) {
        QJsonObject history;
        status = m_bridge.run(context, ServicePrefix + u"Get", QJsonValue(id), [this, id](const request::CallInfo &, ReplyTarget &&target) {
            m_tasks.getTask(id, u"history"_s, std::move(target));
        }, &history);
        if (!status.ok())
            return status;
        answer.insert(u"history"_s, history.value(u"items"_s));
    }
    return GrpcBridge::toMessage(answer, reply);
}

grpc::Status TaskServiceImpl::List(grpc::ServerContext *context, const v1::ListTasksRequest *request, v1::ListTasksResponse *reply)
{
    QUrlQuery query;
    addFilterToQuery(request->filter(), query);
    if (request->limit() != 0)
        query.addQueryItem(u"limit"_s, QString::number(request->limit()));
    if (!request->sort().empty())
        query.addQueryItem(u"sort"_s, QString::fromStdString(request->sort()));
    if (!request->order().empty())
        query.addQueryItem(u"order"_s, QString::fromStdString(request->order()));
    if (!request->cursor().empty())
        query.addQueryItem(u"cursor"_s, QString::fromStdString(request->cursor()));
    QJsonObject answer;
    const QJsonValue text = toRestJson(*request); // its strings are checked as a REST query's are
    grpc::Status status = m_bridge.run(context, ServicePrefix + u"List", text, [this, query](const request::CallInfo &, ReplyTarget &&target) {
        m_tasks.listTasks(query, std::move(target));
    }, &answer);
    return status.ok() ? GrpcBridge::toMessage(answer, reply) : status;
}

grpc::Status TaskServiceImpl::Cancel(grpc::ServerContext *context, const v1::TaskIdRequest *request, v1::Task *reply)
{
    const QString id = QString::fromStdString(request->id());
    return m_bridge.answer(context, ServicePrefix + u"Cancel", QJsonValue(id), [this, id](const request::CallInfo &, ReplyTarget &&target) {
        m_tasks.finishTask(id, Status::Cancelled, std::move(target));
    }, reply);
}

grpc::Status TaskServiceImpl::Retry(grpc::ServerContext *context, const v1::TaskIdRequest *request, v1::Task *reply)
{
    const QString id = QString::fromStdString(request->id());
    return m_bridge.answer(context, ServicePrefix + u"Retry", QJsonValue(id), [this, id](const request::CallInfo &call, ReplyTarget &&target) {
        m_tasks.retryTask(id, call, std::move(target));
    }, reply);
}

} // namespace taskmill::grpcapi
