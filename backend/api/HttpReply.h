// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/ApiError.h"
#include "wire/Result.h"

#include <QByteArray>
#include <QFuture>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QPair>

class QHttpServerResponder;
class QObject;

namespace taskmill {

// A finished HTTP answer, built on any thread and written by the server thread.
struct HttpReply
{
    int status = 200;
    QByteArray body;
    QByteArray contentType = "application/json";
    QList<QPair<QByteArray, QByteArray>> headers;

    static HttpReply json(const QJsonObject &o, int status = 200);
    static HttpReply json(const QJsonArray &a, int status = 200);
    static HttpReply error(const ApiError &e); // the only place an ApiError becomes HTTP
    template<typename T, typename F>
    static HttpReply from(const Result<T> &r, F &&toJson, int status = 200)
    {
        return r ? json(toJson(*r), status) : error(r.error());
    }
};

// Writes `reply` now, or when `future` finishes (continuation on `context`'s thread). Safe when the
// client disconnected meanwhile: Qt 6.4's responder holds a raw socket pointer, so it is checked first.
void respond(QHttpServerResponder &&responder, const HttpReply &reply);
void respondLater(QObject *context, QHttpServerResponder &&responder, QFuture<HttpReply> future);

} // namespace taskmill
