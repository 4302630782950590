// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "support/TestHttp.h"

#include <QBuffer>
#include <QEventLoop>
#include <QJsonArray>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

namespace taskmill::test {

namespace {

QByteArray jsonBytes(const QJsonValue &value)
{
    if (value.isObject())
        return QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    if (value.isArray())
        return QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact);
    // A scalar at top level: wrap in an array and strip the brackets (QJsonDocument only holds containers).
    const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return wrapped.mid(1, wrapped.size() - 2);
}

bool hasHeader(const TestHttp::Headers &headers, const QByteArray &name)
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

} // namespace

QByteArray TestHttp::Reply::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

TestHttp::TestHttp(const QUrl &baseUrl, int timeoutMs) : m_baseUrl(baseUrl), m_timeoutMs(timeoutMs)
{
    m_manager.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

TestHttp::Reply TestHttp::get(const QString &path, const Headers &headers)
{
    return send("GET", path, {}, headers);
}

TestHttp::Reply TestHttp::post(const QString &path, const QByteArray &body, const Headers &headers)
{
    return send("POST", path, body, headers);
}

TestHttp::Reply TestHttp::post(const QString &path, const QJsonValue &body, const Headers &headers)
{
    return send("POST", path, jsonBytes(body), headers);
}

TestHttp::Reply TestHttp::put(const QString &path, const QJsonValue &body, const Headers &headers)
{
    return send("PUT", path, jsonBytes(body), headers);
}

TestHttp::Reply TestHttp::patch(const QString &path, const QJsonValue &body, const Headers &headers)
{
    return send("PATCH", path, jsonBytes(body), headers);
}

TestHttp::Reply TestHttp::del(const QString &path, const Headers &headers)
{
    return send("DELETE", path, {}, headers);
}

TestHttp::Reply TestHttp::send(const QByteArray &verb, const QString &path, const QByteArray &body,
                               const Headers &headers)
{
    QNetworkRequest request(m_baseUrl.resolved(QUrl(path)));
    // Plain HTTP/1.1, as taskmilld speaks it: no h2c upgrade attempt in the way of what the server answers.
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    for (const auto &[name, value] : m_defaultHeaders) {
        if (!hasHeader(headers, name))
            request.setRawHeader(name, value);
    }
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    if (!body.isEmpty() && !hasHeader(headers, "Content-Type") && !hasHeader(m_defaultHeaders, "Content-Type"))
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));

    QBuffer buffer;
    buffer.setData(body);
    buffer.open(QIODevice::ReadOnly);
    QNetworkReply *reply = body.isEmpty() && verb != "POST" && verb != "PUT" && verb != "PATCH"
                               ? m_manager.sendCustomRequest(request, verb)
                               : m_manager.sendCustomRequest(request, verb, &buffer);

    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    bool timedOut = false;
    QObject::connect(&timer, &QTimer::timeout, &loop, [&] {
        timedOut = true;
        reply->abort();
    });
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    timer.start(m_timeoutMs);
    if (!reply->isFinished())
        loop.exec();

    Reply result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    result.headers = reply->rawHeaderPairs();
    if (timedOut)
        result.error = QStringLiteral("timeout after %1 ms").arg(m_timeoutMs);
    else if (result.status == 0)
        result.error = reply->errorString();
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(result.body, &parseError);
    if (parseError.error == QJsonParseError::NoError)
        result.json = doc;
    delete reply;
    return result;
}

} // namespace taskmill::test
