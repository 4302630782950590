// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

// Private to BackendClient*.cpp: the request/decoder templates, so the endpoint methods can live in
// several source files (tasks, dead letters, monitor) while sharing one transport.
#include "client/BackendClient.h"

#include <QPromise>

#include <memory>

namespace taskmill {

// A 2xx body that does not parse as the documented type is the backend's fault, not the user's:
// report it as BadRequest so no dialog mistakes a response field for one of its input fields.
inline ApiError unexpectedResponse(const ApiError &parseError)
{
    return ApiError::badRequest(BackendClient::tr("Unexpected response from the backend: %1").arg(parseError.message));
}

template<typename T>
BackendClient::Decoder<T> BackendClient::objectDecoder(std::function<Result<T>(const QJsonObject &)> parse) const
{
    return [this, parse = std::move(parse)](const RawResponse &r) -> Result<T> {
        const Result<QJsonObject> object = decodeObject(r);
        if (!object)
            return object.error();
        Result<T> parsed = parse(*object);
        if (!parsed)
            return unexpectedResponse(parsed.error());
        return parsed;
    };
}

template<typename T>
QFuture<Result<T>> BackendClient::call(Verb verb, const QString &path, const QUrlQuery &query, const QByteArray &body,
                                       Decoder<T> decode, const QByteArray &idempotencyKey)
{
    // Shared because the handler is copied into a connection; the promise itself is move-only.
    auto promise = std::make_shared<QPromise<Result<T>>>();
    promise->start();
    QFuture<Result<T>> future = promise->future();
    send(verb, path, query, body, [promise, decode = std::move(decode)](const RawResponse &response) {
        promise->addResult(decode(response));
        promise->finish();
    }, idempotencyKey);
    return future;
}

} // namespace taskmill
