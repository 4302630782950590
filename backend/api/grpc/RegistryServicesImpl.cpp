// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "api/grpc/RegistryServicesImpl.h"

#include "api/DeadLetterHandler.h"
#include "api/HandlersHandler.h"
#include "api/grpc/ProtoJson.h"
#include "api/grpc/TaskServiceImpl.h"

#include <QJsonArray>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace taskmill::grpcapi {

namespace {
const QString HandlerPrefix = u"/taskmill.v1.HandlerService/"_s;
const QString DeadLetterPrefix = u"/taskmill.v1.DeadLetterService/"_s;

QJsonArray idsOf(const google::protobuf::RepeatedPtrField<std::string> &ids)
{
    QJsonArray a;
    for (const std::string &id : ids)
        a.append(QString::fromStdString(id));
    return a;
}
} // namespace

grpc::ServerUnaryReactor *HandlerServiceImpl::List(grpc::CallbackServerContext *context, const v1::ListHandlersRequest *, v1::ListHandlersResponse *reply)
{
    return m_bridge.unary(context, HandlerPrefix + u"List", QJsonValue(), [this](const request::CallInfo &, ReplyTarget &&target) {
        m_handlers.list(std::move(target));
    }, reply);
}

grpc::ServerUnaryReactor *HandlerServiceImpl::Get(grpc::CallbackServerContext *context, const v1::HandlerName *request, v1::Handler *reply)
{
    const QString name = QString::fromStdString(request->name());
    return m_bridge.unary(context, HandlerPrefix + u"Get", QJsonValue(name), [this, name](const request::CallInfo &, ReplyTarget &&target) {
        m_handlers.get(name, std::move(target));
    }, reply);
}

grpc::ServerUnaryReactor *HandlerServiceImpl::Create(grpc::CallbackServerContext *context, const v1::Handler *request, v1::Handler *reply)
{
    const QJsonObject body = toRestJson(*request);
    return m_bridge.unary(context, HandlerPrefix + u"Create", body, [this, body](const request::CallInfo &, ReplyTarget &&target) {
        m_handlers.create(body, std::move(target));
    }, reply);
}

grpc::ServerUnaryReactor *HandlerServiceImpl::Update(grpc::CallbackServerContext *context, const v1::Handler *request, v1::Handler *reply)
{
    const QString name = QString::fromStdString(request->name());
    const QJsonObject body = toRestJson(*request);
    return m_bridge.unary(context, HandlerPrefix + u"Update", body, [this, name, body](const request::CallInfo &, ReplyTarget &&target) {
        m_handlers.update(name, body, std::move(target));
    }, reply);
}

grpc::ServerUnaryReactor *HandlerServiceImpl::Delete(grpc::CallbackServerContext *context, const v1::DeleteHandlerRequest *request, v1::DeleteHandlerResponse *reply)
{
    const QString name = QString::fromStdString(request->name());
    const bool force = request->force();
    return m_bridge.unary(context, HandlerPrefix + u"Delete", QJsonValue(name), [this, name, force](const request::CallInfo &call, ReplyTarget &&target) {
        m_handlers.remove(name, force, call, std::move(target));
    }, reply);
}

grpc::ServerUnaryReactor *DeadLetterServiceImpl::List(grpc::CallbackServerContext *context, const v1::ListDeadLettersRequest *request, v1::ListTasksResponse *reply)
{
    QUrlQuery query;
    const auto add = [&query](const QString &key, const std::string &value) {
        if (!value.empty())
            query.addQueryItem(key, QString::fromStdString(value));
    };
    add(u"q"_s, request->q());
    add(u"type"_s, request->type());
    if (request->priority() != v1::PRIORITY_UNSPECIFIED)
        query.addQueryItem(u"priority"_s, QString::fromStdString(v1::Priority_Name(request->priority())).mid(int(sizeof("PRIORITY_")) - 1));
    if (request->limit() != 0)
        query.addQueryItem(u"limit"_s, QString::number(request->limit()));
    add(u"sort"_s, request->sort());
    add(u"order"_s, request->order());
    add(u"after"_s, request->cursor()); // the dead-letter list pages by the last id (keyset in any order)
    return m_bridge.unary(context, DeadLetterPrefix + u"List", toRestJson(*request), [this, query](const request::CallInfo &, ReplyTarget &&target) {
        m_deadLetters.list(query, std::move(target));
    }, reply, [](QJsonObject answer) {
        answer.insert(u"next_cursor"_s, answer.value(u"next_after"_s));
        return answer;
    });
}

grpc::ServerUnaryReactor *DeadLetterServiceImpl::Get(grpc::CallbackServerContext *context, const v1::TaskIdRequest *request, v1::GetTaskResponse *reply)
{
    const QString id = QString::fromStdString(request->id());
    return m_bridge.unary(context, DeadLetterPrefix + u"Get", QJsonValue(id), [this, id](const request::CallInfo &, ReplyTarget &&target) {
        m_deadLetters.get(id, std::move(target));
    }, reply);
}

grpc::ServerUnaryReactor *DeadLetterServiceImpl::Requeue(grpc::CallbackServerContext *context, const v1::RequeueRequest *request, v1::RequeueResponse *reply)
{
    const QJsonObject body = toRestJson(*request);
    if (request->has_payload() && request->ids_size() != 1)
        return GrpcBridge::refused(context, ApiError::validation(u"payload"_s, u"an edited payload requeues exactly one task: name one id"_s));
    const bool one = request->has_payload();
    const QString id = one ? QString::fromStdString(request->ids(0)) : QString();
    return m_bridge.unary(context, DeadLetterPrefix + u"Requeue", body, [this, body, one, id](const request::CallInfo &call, ReplyTarget &&target) {
        if (one)
            m_deadLetters.requeueOne(id, body, call, std::move(target));
        else
            m_deadLetters.requeueSelection(QJsonObject{{u"ids"_s, body.value(u"ids"_s)}}, call, std::move(target));
    }, reply, [one](const QJsonObject &answer) {
        // One task's REST answer is the task itself.
        return one ? QJsonObject{{u"ids"_s, QJsonArray{answer.value(u"id"_s)}}, {u"count"_s, 1}} : answer;
    });
}

grpc::ServerUnaryReactor *DeadLetterServiceImpl::Purge(grpc::CallbackServerContext *context, const v1::PurgeRequest *request, v1::PurgeResponse *reply)
{
    const QJsonObject body{{u"ids"_s, idsOf(request->ids())}};
    return m_bridge.unary(context, DeadLetterPrefix + u"Purge", body, [this, body](const request::CallInfo &call, ReplyTarget &&target) {
        m_deadLetters.purgeSelection(QString(), body, call, std::move(target));
    }, reply);
}

} // namespace taskmill::grpcapi
