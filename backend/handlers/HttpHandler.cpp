// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "handlers/HttpHandler.h"

#include "handlers/CurlSupport.h"
#include "handlers/HttpPayload.h"
#include "handlers/SchemaText.h"

#include <QJsonObject>
#include <QStringDecoder>

using namespace Qt::StringLiterals;

namespace taskmill {

namespace {
constexpr long MaxRedirects = 5;
constexpr qsizetype ErrorBodySnippetChars = 200;
constexpr char UserAgent[] = "taskmill-http/1";

// What the server sent back; only the last response's headers are kept (a redirect starts a new set).
struct Response
{
    qint64 maxBodyBytes = 0;
    QByteArray body;
    bool truncated = false;
    QJsonObject headers;
};

size_t onBody(char *data, size_t size, size_t count, void *userp)
{
    auto *r = static_cast<Response *>(userp);
    const qint64 len = qint64(size * count);
    const qint64 room = r->maxBodyBytes - r->body.size();
    if (len > room) {
        // Stop the transfer instead of reading and dropping the rest: the cap also bounds the time and
        // bandwidth spent. The caller treats this write error as a complete, truncated response.
        r->body.append(data, qsizetype(room));
        r->truncated = true;
        return 0;
    }
    r->body.append(data, qsizetype(len));
    return size * count;
}

size_t onHeader(char *data, size_t size, size_t count, void *userp)
{
    auto *r = static_cast<Response *>(userp);
    const QByteArray line = QByteArray(data, qsizetype(size * count)).trimmed();
    if (line.startsWith("HTTP/")) {
        r->headers = {};
    } else if (const qsizetype colon = line.indexOf(':'); colon > 0) {
        const QString name = QString::fromLatin1(line.left(colon).trimmed()).toLower();
        const QString value = QString::fromUtf8(line.mid(colon + 1).trimmed());
        const QString before = r->headers.value(name).toString();
        r->headers.insert(name, before.isEmpty() ? value : before + u", "_s + value);
    }
    return size * count;
}

// Drops an incomplete UTF-8 sequence at the end, which a cut at the byte cap can leave.
QByteArray withoutPartialUtf8Tail(const QByteArray &bytes)
{
    constexpr int MaxSequenceBytes = 4;
    for (int back = 1; back <= MaxSequenceBytes && back <= bytes.size(); ++back) {
        const auto c = quint8(bytes.at(bytes.size() - back));
        if ((c & 0xC0) == 0x80)
            continue; // continuation byte: keep looking for the lead byte
        const int length = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
        return length > back ? bytes.chopped(back) : bytes;
    }
    return bytes;
}

// The body as text when it is UTF-8, else base64 with body_encoding: "base64" (images, archives).
void putBody(QJsonObject &result, const Response &r)
{
    const QByteArray text = r.truncated ? withoutPartialUtf8Tail(r.body) : r.body;
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString decoded = decoder(text);
    if (!decoder.hasError()) {
        result.insert(u"body"_s, decoded);
    } else {
        result.insert(u"body"_s, QString::fromLatin1(r.body.toBase64()));
        result.insert(u"body_encoding"_s, u"base64"_s);
    }
    result.insert(u"body_truncated"_s, r.truncated);
}

void setMethodAndBody(CURL *easy, const HttpRequest &req)
{
    if (req.method == "HEAD") {
        curl_easy_setopt(easy, CURLOPT_NOBODY, 1L);
        return;
    }
    if (req.method == "GET") {
        curl_easy_setopt(easy, CURLOPT_HTTPGET, 1L);
        return;
    }
    // POST without CUSTOMREQUEST lets curl turn it into GET after a 301/302/303, as browsers do.
    if (req.method != "POST")
        curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, req.method.constData());
    if (req.hasBody || req.method == "POST") {
        curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(req.body.size()));
        curl_easy_setopt(easy, CURLOPT_POSTFIELDS, req.body.constData());
    }
}
} // namespace

BuiltinHandler httpHandler()
{
    return {u"http"_s,
            u"Sends one HTTP request (a webhook) and completes with the response's status, headers and body. "
            "5xx, 408, 429, timeouts and connection errors are retried; other 4xx fail for good."_s,
            schemaFromText(R"({"type": "object", "required": ["url"], "properties": {
                "method": {"enum": ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"], "default": "POST"},
                "url": {"type": "string", "minLength": 1, "pattern": "^[hH][tT][tT][pP][sS]?://"},
                "headers": {"type": "object", "additionalProperties": {"type": "string"}},
                "body": {},
                "timeout_ms": {"type": "integer", "minimum": 1, "maximum": 600000, "default": 30000}}})"),
            [](const Task &task, CancellationToken &token, const HandlerSettings &settings) {
                return runHttp(task, token, settings, NetworkPolicy::fromSettings(settings));
            }};
}

HandlerOutcome runHttp(const Task &task, CancellationToken &token, const HandlerSettings &settings,
                       const NetworkPolicy &policy)
{
    const Result<HttpRequest, QString> parsed = parseHttpPayload(task.payload);
    if (!parsed)
        return HandlerOutcome::failed(parsed.error(), true);
    const HttpRequest &req = *parsed;
    const QString what = QString::fromLatin1(req.method) + u' ' + req.url.toString(QUrl::RemoveUserInfo);

    CurlEasy easy = makeCurlEasy();
    ConnectGuard guard(policy);
    guard.install(easy.get());
    Response response;
    response.maxBodyBytes = qMax<qint64>(0, settings.httpMaxBodyBytes);
    char errorBuffer[CURL_ERROR_SIZE] = {};
    const QByteArray url = req.url.toEncoded();
    curl_easy_setopt(easy.get(), CURLOPT_URL, url.constData());
    curl_easy_setopt(easy.get(), CURLOPT_ERRORBUFFER, errorBuffer);
    curl_easy_setopt(easy.get(), CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(easy.get(), CURLOPT_MAXREDIRS, MaxRedirects);
    curl_easy_setopt(easy.get(), CURLOPT_TIMEOUT_MS, long(req.timeoutMs));
    curl_easy_setopt(easy.get(), CURLOPT_USERAGENT, UserAgent);
    curl_easy_setopt(easy.get(), CURLOPT_HTTPHEADER, req.headers.get());
    curl_easy_setopt(easy.get(), CURLOPT_WRITEFUNCTION, &onBody);
    curl_easy_setopt(easy.get(), CURLOPT_WRITEDATA, &response);
    curl_easy_setopt(easy.get(), CURLOPT_HEADERFUNCTION, &onHeader);
    curl_easy_setopt(easy.get(), CURLOPT_HEADERDATA, &response);
    setMethodAndBody(easy.get(), req);

    const std::optional<CURLcode> code = performCancellable(easy.get(), token);
    if (!code)
        return HandlerOutcome::cancelled(u"cancelled during %1"_s.arg(what));
    const bool cutAtCap = *code == CURLE_WRITE_ERROR && response.truncated;
    if (*code != CURLE_OK && !cutAtCap) {
        if (guard.refused())
            return HandlerOutcome::failed(guard.refusalMessage(), true);
        return HandlerOutcome::failed(u"%1: %2"_s.arg(what, curlErrorText(*code, errorBuffer)),
                                      !isRetryableCurlError(*code));
    }

    long status = 0;
    curl_easy_getinfo(easy.get(), CURLINFO_RESPONSE_CODE, &status);
    if (status >= 400) {
        const QString snippet = QString::fromUtf8(response.body.left(ErrorBodySnippetChars)).simplified();
        return HandlerOutcome::failed(u"HTTP %1 from %2: %3"_s.arg(status).arg(what, snippet),
                                      !isRetryableHttpStatus(status));
    }
    const char *effectiveUrl = nullptr;
    curl_easy_getinfo(easy.get(), CURLINFO_EFFECTIVE_URL, &effectiveUrl);
    QJsonObject result{{u"status"_s, qint64(status)},
                       {u"headers"_s, response.headers},
                       {u"url"_s, QString::fromUtf8(effectiveUrl ? effectiveUrl : "")}};
    putBody(result, response);
    return HandlerOutcome::completed(result);
}

} // namespace taskmill
