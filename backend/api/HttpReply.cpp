// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "api/HttpReply.h"

#include "observability/Logging.h"

#include <QHttpServerResponder>
#include <QJsonDocument>
#include <QPointer>
#include <QTcpSocket>

#include <memory>

namespace taskmill {

HttpReply HttpReply::json(const QJsonObject &o, int status)
{
    return {status, QJsonDocument(o).toJson(QJsonDocument::Compact), "application/json", {}};
}

HttpReply HttpReply::json(const QJsonArray &a, int status)
{
    return {status, QJsonDocument(a).toJson(QJsonDocument::Compact), "application/json", {}};
}

HttpReply HttpReply::error(const ApiError &e)
{
    return json(e.toJson(), httpStatus(e.code));
}

void respond(QHttpServerResponder &&responder, const HttpReply &reply)
{
    QTcpSocket *socket = responder.socket();
    if (!socket || !socket->isOpen())
        return;
    responder.writeStatusLine(QHttpServerResponder::StatusCode(reply.status));
    responder.writeHeader("Content-Type", reply.contentType);
    responder.writeHeader("Content-Length", QByteArray::number(reply.body.size()));
    for (const auto &[k, v] : reply.headers)
        responder.writeHeader(k, v);
    responder.writeBody(reply.body);
}

void respondLater(QObject *context, QHttpServerResponder &&responder, QFuture<HttpReply> future)
{
    auto holder = std::make_shared<QHttpServerResponder>(std::move(responder));
    QPointer<QTcpSocket> socket = holder->socket();
    future
        .then(context,
              [holder, socket](const HttpReply &reply) {
                  if (socket)
                      respond(std::move(*holder), reply);
              })
        .onFailed(context, [holder, socket] {
            qCCritical(lcApi) << "request handler threw";
            if (socket)
                respond(std::move(*holder), HttpReply::error(ApiError::internal(QStringLiteral("internal error"))));
        });
}

} // namespace taskmill
