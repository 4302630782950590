// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "FakeReply.h"

#include <QHash>
#include <QList>
#include <QNetworkAccessManager>

#include <functional>

namespace taskmill::test {

// A network manager that never touches the network: every request is recorded and answered with
// the CannedResponse routed for "VERB /path" (the query string is ignored), else with the fallback
// (connection refused unless changed). Each finished reply is recorded too.
class FakeNetworkAccessManager final : public QNetworkAccessManager
{
public:
    struct SentRequest
    {
        QByteArray verb;
        QUrl url;
        QByteArray body;
        QNetworkRequest request;
    };

    explicit FakeNetworkAccessManager(QObject *parent = nullptr);

    void route(const QByteArray &verb, const QString &path, const CannedResponse &response);
    void setFallback(const CannedResponse &response) { m_fallback = response; }
    void clearRoutes() { m_routes.clear(); }
    // Answers the next request to "VERB /path" with `response`, before (and instead of) its route; queued.
    void routeOnce(const QByteArray &verb, const QString &path, const CannedResponse &response);

    QList<SentRequest> sent;
    qsizetype countSent(const QByteArray &verb, const QString &path = {}) const;
    // Requests whose reply has finished (answered, failed or aborted), in that order: its receivers have
    // handled it by the time the event loop polls again. Evidence for "that answer changed nothing".
    QList<SentRequest> answered;
    qsizetype countAnswered(const QByteArray &verb, const QString &path = {}) const;

protected:
    QNetworkReply *createRequest(Operation op, const QNetworkRequest &request, QIODevice *outgoingData) override;

private:
    QHash<QString, CannedResponse> m_routes;
    QHash<QString, QList<CannedResponse>> m_once;
    CannedResponse m_fallback = CannedResponse::refused();
};

} // namespace taskmill::test
