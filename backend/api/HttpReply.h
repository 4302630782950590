// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/ApiError.h"
#include "wire/Result.h"

#include <QByteArray>
#include <QFuture>
#include <QFutureWatcher>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QPair>

#include <functional>
#include <optional>
#include <utility>

class QObject;
class QTcpSocket;

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

// Where a route's reply goes: the HTTP responder of a REST request, or the callback of another transport (the
// gRPC bridge, api/grpc) that gets the same reply, redacted for the same caller, on the server thread. Every
// route handler takes one, so REST and gRPC run the same code; a responder converts implicitly.
class ReplyTarget
{
public:
    ReplyTarget(QHttpServerResponder &&responder) : m_responder(std::move(responder)) {}
    using Sink = std::function<void(const HttpReply &reply)>;
    explicit ReplyTarget(Sink sink) : m_sink(std::move(sink)) {}
    ReplyTarget(ReplyTarget &&) = default;
    ReplyTarget &operator=(ReplyTarget &&) = default;

    // The HTTP connection, or nullptr for a callback.
    QTcpSocket *socket() const { return m_responder ? m_responder->socket() : nullptr; }
    bool isHttp() const { return m_responder.has_value(); }
    // Writes `reply` (once): to the socket when it is still open, else to the callback.
    void write(const HttpReply &reply);

private:
    std::optional<QHttpServerResponder> m_responder;
    Sink m_sink;
};

namespace detail {
// respondLater()'s hand-off: `watcher` (given its future by the caller right after) becomes a child of
// `context` and, once the future is finished, calls `reply` on context's thread and writes what it returns
// (nullopt: canceled, nothing to write; a throw: the work threw, 500). Then it deletes itself.
void respondWhenFinished(QObject *context, ReplyTarget &&target, QFutureWatcherBase *watcher,
                         std::function<std::optional<HttpReply>()> reply);
} // namespace detail

// Writes `reply` now, or the one `future` finishes with, on `context`'s thread (the server's) once it is
// finished; `toReply` turns a result into the reply there. Safe when the client disconnected meanwhile: Qt
// 6.4's responder holds a raw socket pointer, so it is checked first. Nothing is written if `context` goes
// first or the future is canceled; an exception from the work or `toReply` is a bug: logged critical, 500.
// Never QFuture::then() on a future another thread is finishing: Qt 6.4 runs a continuation attached while
// the future turns finished twice, the second time with a moved-from promise (a crash, docs/security.md).
// A QFutureWatcher hears "finished" exactly once however the two threads interleave.
void respond(ReplyTarget &&target, const HttpReply &reply);

template<typename T, typename F>
void respondLater(QObject *context, ReplyTarget &&target, QFuture<T> future, F toReply)
{
    auto *watcher = new QFutureWatcher<T>;
    detail::respondWhenFinished(context, std::move(target), watcher,
                                [future, toReply = std::move(toReply)]() mutable -> std::optional<HttpReply> {
                                    future.waitForFinished(); // finished already: rethrows what the work threw
                                    if (future.isCanceled() || future.resultCount() == 0)
                                        return std::nullopt;
                                    return toReply(future.result());
                                });
    watcher->setFuture(future);
}

inline void respondLater(QObject *context, ReplyTarget &&target, QFuture<HttpReply> future)
{
    respondLater(context, std::move(target), std::move(future), [](const HttpReply &reply) { return reply; });
}

} // namespace taskmill
