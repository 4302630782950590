// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "handlers/CurlSupport.h"
#include "wire/Result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QUrl>

namespace taskmill {

// The http handler's payload, checked and ready for curl.
struct HttpRequest
{
    QByteArray method = "POST";
    QUrl url;
    CurlList headers; // "Name: value" lines, Content-Type filled in for a body
    QByteArray body;
    bool hasBody = false;
    int timeoutMs = 30'000;
};

// Reads {method, url, headers, body, timeout_ms}. The api validated the payload against the schema; this
// also rejects what the schema cannot express (a URL that does not parse, a header that would inject
// another header, a body on GET or HEAD) with a message naming the field: a permanent failure.
Result<HttpRequest, QString> parseHttpPayload(const QJsonObject &payload);

} // namespace taskmill
