// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "Transport.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

#include <stdexcept>

using namespace Qt::StringLiterals;

namespace taskmill::sdk::detail {

namespace {
// How often a request in flight asks `cancelled`: bounds how late a stop breaks off a long poll.
constexpr int CancelPollMs = 50;
const QByteArray UserAgent = "taskmill-cpp/" TASKMILL_SDK_VERSION;
} // namespace

Transport::Transport(const QUrl &server, const QString &token, int timeoutMs)
    : m_timeoutMs(timeoutMs)
{
    if (!server.isValid() || (server.scheme() != u"http" && server.scheme() != u"https") || server.host().isEmpty())
        throw std::invalid_argument("taskmill: not an http(s) URL: " + server.toString().toStdString());
    QUrl base = server.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::StripTrailingSlash);
    m_base = base.toString(QUrl::FullyEncoded);
    if (!token.isEmpty())
        m_authorization = "Bearer " + token.toUtf8();
}

QString Transport::segment(const QString &text)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(text));
}

Result<QJsonValue> Transport::request(const QByteArray &method, const QString &path,
                                      const std::optional<QJsonObject> &body, int timeoutMs,
                                      const std::function<bool()> &cancelled) const
{
    return send(method, path, body, timeoutMs, cancelled, {});
}

Result<QJsonValue> Transport::request(const QByteArray &method, const QString &path, const QJsonObject &body,
                                      const Headers &headers) const
{
    return send(method, path, body, 0, {}, headers);
}

Result<QJsonValue> Transport::send(const QByteArray &method, const QString &path, const std::optional<QJsonObject> &body,
                                   int timeoutMs, const std::function<bool()> &cancelled, const Headers &headers) const
{
    const QString where = QString::fromLatin1(method) + u' ' + m_base + u"/api/v1"_s + path;
    if (!QCoreApplication::instance())
        return ApiError::transport(where + u": no QCoreApplication (the HTTP client needs one)"_s);
    QNetworkRequest request(QUrl(m_base + u"/api/v1"_s + path, QUrl::StrictMode));
    request.setRawHeader("Accept", "application/json");
    request.setRawHeader("User-Agent", UserAgent);
    if (!m_authorization.isEmpty())
        request.setRawHeader("Authorization", m_authorization);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    QByteArray data;
    if (body) {
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        data = QJsonDocument(*body).toJson(QJsonDocument::Compact);
    }

    QNetworkAccessManager network;
    QNetworkReply *reply = network.sendCustomRequest(request, method, data);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QString brokenOff;
    QTimer deadline;
    deadline.setSingleShot(true);
    QObject::connect(&deadline, &QTimer::timeout, &loop, [&] {
        brokenOff = u"timed out"_s;
        reply->abort();
    });
    deadline.start(timeoutMs > 0 ? timeoutMs : m_timeoutMs);
    QTimer poll;
    if (cancelled) {
        QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
            if (cancelled()) {
                brokenOff = u"cancelled"_s;
                reply->abort();
            }
        });
        poll.start(CancelPollMs);
    }
    if (!reply->isFinished())
        loop.exec();

    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray payload = reply->readAll();
    const QString errorText = reply->errorString();
    delete reply;
    if (!brokenOff.isEmpty() && status == 0) {
        ApiError error = ApiError::transport(where + u": "_s + brokenOff);
        if (brokenOff == u"timed out")
            error.code = u"timeout"_s;
        return error;
    }
    if (status == 0)
        return ApiError::transport(where + u": "_s + errorText);
    if (status >= 400)
        return ApiError::fromResponse(status, payload);
    if (payload.trimmed().isEmpty())
        return QJsonValue(QJsonValue::Null);
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(payload, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        // A 2xx that is not JSON means something other than taskmilld answered (a proxy, a wrong port).
        return ApiError::transport(where + u": answer is not JSON: "_s + QString::fromUtf8(payload.left(120)));
    }
    return document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
}

} // namespace taskmill::sdk::detail
