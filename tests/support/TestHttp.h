// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QNetworkAccessManager>
#include <QPair>
#include <QString>
#include <QUrl>

namespace taskmill::test {

// Synchronous HTTP for tests: each call runs a local event loop until the reply finishes or the timeout hits.
// Redirects are not followed, so tests see exactly what the server answered.
class TestHttp
{
    Q_DISABLE_COPY_MOVE(TestHttp)

public:
    using Headers = QList<QPair<QByteArray, QByteArray>>;

    struct Reply
    {
        int status = 0;       // HTTP status; 0 when no response arrived (see error)
        QByteArray body;
        QJsonDocument json;   // parsed body when it is JSON, else null
        Headers headers;      // as received, names as the server spelled them
        QString error;        // transport error or "timeout"; empty on any HTTP response

        QJsonObject obj() const { return json.object(); }
        QByteArray header(const QByteArray &name) const; // case-insensitive; empty when absent
    };

    explicit TestHttp(const QUrl &baseUrl = {}, int timeoutMs = 10000);

    void setBaseUrl(const QUrl &baseUrl) { m_baseUrl = baseUrl; }
    QUrl baseUrl() const { return m_baseUrl; }
    void setTimeout(int timeoutMs) { m_timeoutMs = timeoutMs; }
    // Sent with every request, e.g. {"Authorization", "Bearer …"}; per-call headers with the same name win.
    void setDefaultHeaders(const Headers &headers) { m_defaultHeaders = headers; }

    // `path` is resolved against the base URL and may carry a query ("/api/v1/tasks?status=NEW").
    Reply get(const QString &path, const Headers &headers = {});
    Reply post(const QString &path, const QByteArray &body, const Headers &headers = {});
    Reply post(const QString &path, const QJsonValue &body, const Headers &headers = {}); // application/json
    Reply put(const QString &path, const QJsonValue &body, const Headers &headers = {});
    Reply patch(const QString &path, const QJsonValue &body, const Headers &headers = {});
    Reply del(const QString &path, const Headers &headers = {});
    // Any verb; a non-empty body without a Content-Type header is sent as application/json.
    Reply send(const QByteArray &verb, const QString &path, const QByteArray &body = {}, const Headers &headers = {});

    QNetworkAccessManager &manager() { return m_manager; }

private:
    QNetworkAccessManager m_manager;
    QUrl m_baseUrl;
    int m_timeoutMs;
    Headers m_defaultHeaders;
};

} // namespace taskmill::test
