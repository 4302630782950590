// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "api/RequestGuard.h"

#include "config/BackendConfig.h"

#include <QHostAddress>
#include <QUrl>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace taskmill {

namespace {
// "name", "name:port", "1.2.3.4:80", "[::1]:8080" -> the host part, lower case, brackets removed.
QString hostPart(const QByteArray &authority)
{
    QString text = QString::fromLatin1(authority).trimmed().toLower();
    if (text.startsWith(u'[')) {
        const qsizetype end = text.indexOf(u']');
        return end > 0 ? text.mid(1, end - 1) : QString();
    }
    const qsizetype colon = text.indexOf(u':');
    return colon >= 0 ? text.left(colon) : text;
}

bool isStateChanging(QHttpServerRequest::Method m)
{
    return m == QHttpServerRequest::Method::Post || m == QHttpServerRequest::Method::Put
        || m == QHttpServerRequest::Method::Patch || m == QHttpServerRequest::Method::Delete;
}
} // namespace

RequestGuard::RequestGuard(const BackendConfig &config)
    : m_listenHost(config.listenHost.toLower()), m_hosts(config.allowedHosts), m_origins(config.allowedOrigins),
      m_maxSearchChars(config.maxSearchChars), m_maxParamChars(config.maxParamChars)
{
}

bool RequestGuard::hostAllowed(const QByteArray &host) const
{
    const QString name = hostPart(host);
    if (name.isEmpty())
        return false;
    // An IP literal cannot be a rebinding attack: that needs a name the attacker's DNS answers for.
    if (!QHostAddress(name).isNull())
        return true;
    if (name == u"localhost" || name == m_listenHost)
        return true;
    for (const QString &allowed : m_hosts)
        if (hostPart(allowed.toLatin1()) == name)
            return true;
    return false;
}

bool RequestGuard::isJsonContentType(const QByteArray &contentType)
{
    // "application/json", optionally with parameters ("; charset=utf-8"), any case.
    const QByteArray media = contentType.split(';').first().trimmed().toLower();
    return media == "application/json";
}

std::optional<ApiError> RequestGuard::checkOrigin(const QByteArray &host, const QByteArray &origin) const
{
    if (!host.isEmpty() && !hostAllowed(host))
        return ApiError{ErrorCode::MisdirectedRequest,
                        u"this server does not answer to the name '%1': add it to api.allowed_hosts"_s.arg(hostPart(host)),
                        u"Host"_s, {}};
    if (origin.isEmpty())
        return std::nullopt;
    const QString text = QString::fromLatin1(origin).trimmed().toLower();
    if (m_origins.contains(text))
        return std::nullopt;
    // Same origin: a page this server served itself (the API docs page) calling back.
    const QUrl url(text);
    if (url.isValid() && (url.scheme() == u"http" || url.scheme() == u"https") && !host.isEmpty()
        && url.authority().toLower() == QString::fromLatin1(host).trimmed().toLower())
        return std::nullopt;
    return ApiError{ErrorCode::Forbidden,
                    u"requests from pages of '%1' are not allowed: add the origin to api.allowed_origins"_s.arg(text),
                    u"Origin"_s, {}};
}

std::optional<ApiError> RequestGuard::check(const QHttpServerRequest &request) const
{
    if (auto e = checkOrigin(request.value("host"), request.value("origin")))
        return e;
    for (const auto &[key, value] : request.query().queryItems(QUrl::FullyDecoded)) {
        const int max = key == u"q" ? m_maxSearchChars : m_maxParamChars;
        if (value.size() > max || key.size() > m_maxParamChars)
            return ApiError::validation(key.left(100), u"'%1' is %2 characters long; at most %3 are accepted"_s
                                                           .arg(key.left(100)).arg(value.size()).arg(max));
    }
    if (!isStateChanging(request.method()))
        return std::nullopt;
    const QByteArray contentType = request.value("content-type");
    if ((!request.body().isEmpty() || !contentType.isEmpty()) && !isJsonContentType(contentType))
        return ApiError{ErrorCode::UnsupportedMediaType,
                        contentType.isEmpty() ? u"a request body must be sent with Content-Type: application/json"_s
                                              : u"Content-Type '%1' is not accepted: send application/json"_s
                                                    .arg(QString::fromLatin1(contentType.left(100))),
                        u"Content-Type"_s, {}};
    return std::nullopt;
}

} // namespace taskmill
