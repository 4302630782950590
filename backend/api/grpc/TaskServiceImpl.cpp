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

TaskServiceImpl::Reactor *TaskServiceImpl::Create(Context *context, const v1::CreateTaskRequest *request, v1::Task *reply)
{
    const QJsonObject body = toRestJson(*request);
    return m_bridge.unary(context, ServicePrefix + u"Create", body, [this, body](const request::CallInfo &call, ReplyTarget &&target) {
        m_tasks.createTask(call, body, std::move(target));
    }, reply);
}

TaskServiceImpl::Reactor *TaskServiceImpl::CreateBatch(Context *context, const v1::CreateBatchRequest *request,
                                          v1::CreateBatchResponse *reply)
{
    QJsonArray items;
    for (const v1::CreateTaskRequest &item : request->items())
        items.append(toRestJson(item));
    return m_bridge.unary(context, ServicePrefix + u"CreateBatch", items, [this, items](const request::CallInfo &call, ReplyTarget &&target) {
        m_tasks.createTasks(call, items, std::move(target));
    }, reply);
}

TaskServiceImpl::Reactor *TaskServiceImpl::Get(Context *context, const v1::GetTaskRequest *request, v1::GetTaskResponse *reply)
{
    const QString id = QString::fromStdString(request->id());
    const bool history = request->with_history();
    // The "full" view answers {task, history} in one read; without history only the task is read.
    return m_bridge.unary(context, ServicePrefix + u"Get", QJsonValue(id), [this, id, history](const request::CallInfo &, ReplyTarget &&target) {
        m_tasks.getTask(id, history ? u"full"_s : QString(), std::move(target));
    }, reply, [history](const QJsonObject &answer) { return history ? answer : QJsonObject{{u"task"_s, answer}}; });
}

TaskServiceImpl::Reactor *TaskServiceImpl::List(Context *context, const v1::ListTasksRequest *request, v1::ListTasksResponse *reply)
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
    const QJsonValue text = toRestJson(*request); // its strings are checked as a REST query's are
    return m_bridge.unary(context, ServicePrefix + u"List", text, [this, query](const request::CallInfo &, ReplyTarget &&target) {
        m_tasks.listTasks(query, std::move(target));
    }, reply);
}

TaskServiceImpl::Reactor *TaskServiceImpl::Cancel(Context *context, const v1::TaskIdRequest *request, v1::Task *reply)
{
    const QString id = QString::fromStdString(request->id());
    return m_bridge.unary(context, ServicePrefix + u"Cancel", QJsonValue(id), [this, id](const request::CallInfo &, ReplyTarget &&target) {
        m_tasks.finishTask(id, Status::Cancelled, std::move(target));
    }, reply);
}

TaskServiceImpl::Reactor *TaskServiceImpl::Retry(Context *context, const v1::TaskIdRequest *request, v1::Task *reply)
{
    const QString id = QString::fromStdString(request->id());
    return m_bridge.unary(context, ServicePrefix + u"Retry", QJsonValue(id), [this, id](const request::CallInfo &call, ReplyTarget &&target) {
        m_tasks.retryTask(id, call, std::move(target));
    }, reply);
}

} // namespace taskmill::grpcapi
