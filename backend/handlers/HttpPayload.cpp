// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "handlers/HttpPayload.h"

#include "handlers/UrlPolicy.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace taskmill {

namespace {
constexpr int DefaultTimeoutMs = 30'000;
constexpr int MaxTimeoutMs = 600'000;
const QByteArrayList Methods = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"};

// RFC 9110 token characters: a header name with anything else (':', spaces, CR, LF) could smuggle a second header.
bool isToken(const QByteArray &name)
{
    static const QByteArray extra = "!#$%&'*+-.^_`|~";
    if (name.isEmpty())
        return false;
    for (char c : name) {
        const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!alnum && !extra.contains(c))
            return false;
    }
    return true;
}

// Any JSON value as compact JSON text (a scalar is not a JSON document in Qt: wrap it and unwrap it).
QByteArray jsonText(const QJsonValue &v)
{
    if (v.isObject())
        return QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact);
    if (v.isArray())
        return QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact);
    const QByteArray wrapped = QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact);
    return wrapped.mid(1, wrapped.size() - 2);
}
} // namespace

Result<HttpRequest, QString> parseHttpPayload(const QJsonObject &payload)
{
    HttpRequest req;
    const QJsonValue method = payload.value(u"method"_s);
    if (!method.isUndefined()) {
        req.method = method.toString().toLatin1();
        if (!method.isString() || !Methods.contains(req.method))
            return u"payload.method must be one of GET, POST, PUT, PATCH, DELETE, HEAD"_s;
    }

    const QJsonValue url = payload.value(u"url"_s);
    if (!url.isString())
        return u"payload.url must be a string"_s;
    req.url = QUrl(url.toString(), QUrl::StrictMode);
    if (const QString why = checkHttpUrl(req.url); !why.isEmpty())
        return QString(u"payload.url: "_s + why);

    const QJsonValue timeout = payload.value(u"timeout_ms"_s);
    if (!timeout.isUndefined()) {
        const double t = timeout.toDouble(-1);
        if (!timeout.isDouble() || t < 1 || t > MaxTimeoutMs || t != double(qint64(t)))
            return u"payload.timeout_ms must be an integer from 1 to 600000"_s;
        req.timeoutMs = int(t);
    } else {
        req.timeoutMs = DefaultTimeoutMs;
    }

    bool hasContentType = false;
    const QJsonValue headers = payload.value(u"headers"_s);
    if (!headers.isUndefined() && !headers.isObject())
        return u"payload.headers must be an object of strings"_s;
    const QJsonObject headerObject = headers.toObject();
    for (auto it = headerObject.begin(); it != headerObject.end(); ++it) {
        const QByteArray name = it.key().toLatin1();
        if (!isToken(name) || name != it.key().toUtf8())
            return u"payload.headers: '%1' is not a valid header name"_s.arg(it.key());
        if (!it.value().isString())
            return u"payload.headers.%1 must be a string"_s.arg(it.key());
        const QByteArray value = it.value().toString().toUtf8();
        if (value.contains('\r') || value.contains('\n') || value.contains('\0'))
            return u"payload.headers.%1 may not contain line breaks"_s.arg(it.key());
        hasContentType = hasContentType || name.compare("content-type", Qt::CaseInsensitive) == 0;
        // "Name;" is curl's spelling of a header sent with an empty value ("Name:" would remove it).
        req.headers.append(value.isEmpty() ? QByteArray(name + ';') : QByteArray(name + ": " + value));
    }

    const QJsonValue body = payload.value(u"body"_s);
    if (!body.isUndefined()) {
        if (req.method == "GET" || req.method == "HEAD")
            return u"payload.body is not allowed with %1"_s.arg(QString::fromLatin1(req.method));
        req.hasBody = true;
        req.body = body.isString() ? body.toString().toUtf8() : jsonText(body);
        if (!hasContentType)
            req.headers.append(body.isString() ? "Content-Type: text/plain; charset=utf-8" : "Content-Type: application/json");
    }
    // curl sends "Expect: 100-continue" before bodies over 1 MiB and waits up to a second for an answer
    // that many webhook receivers never send.
    req.headers.append("Expect:");
    return req;
}

} // namespace taskmill
