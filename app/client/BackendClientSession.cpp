// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
//
// The login session of a password profile (docs/app.md, "Logging in"): the user name and password are
// sent once to POST /api/v1/auth/login; every request then carries the short-lived access token, which
// is renewed with the refresh token (POST /api/v1/auth/refresh, rotated on every use) before it expires.
// A refused refresh falls back to a login with the password; a refused login is an authentication
// failure. Requests that need a token while none is held wait for the one login in flight.
#include "client/BackendClient.h"

#include "client/EventStream.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace taskmill {

namespace {
constexpr int HttpOk = 200;
constexpr int HttpCreated = 201;
constexpr int HttpUnauthorized = 401;
constexpr int HttpForbidden = 403;
// Renew when this share of the token's lifetime has passed: early enough for a slow server, late enough
// not to rotate refresh tokens needlessly.
constexpr int RenewPercent = 80;
constexpr int MinRenewMs = 5'000; // a server with a tiny TTL must not make the client spin
constexpr int HttpTooManyRequests = 429;
constexpr int HttpBadRequest = 400;
constexpr int HttpUnprocessable = 422;
constexpr int ServerErrorRetryS = 5; // after a 5xx login answer without Retry-After

QByteArray json(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}
} // namespace

void BackendClient::waitForSession(SessionWaiter then)
{
    if (!m_sessionReply && !m_sessionRetryAt.hasExpired()) {
        then(&m_sessionFailure);
        return;
    }
    m_sessionWaiters.append(std::move(then));
    if (!m_sessionReply)
        startSessionRequest();
}

void BackendClient::startSessionRequest()
{
    if (m_sessionReply)
        return;
    const bool refresh = !m_refreshToken.isEmpty();
    if (!refresh && m_secret.isEmpty()) {
        // Nothing to log in with: the login dialog asks (ConnectionSession). Not sent to the server, which
        // would only count a failed login against the account.
        RawResponse failure;
        failure.status = HttpUnauthorized;
        const QString message = tr("no password is stored for %1").arg(m_profile.user);
        failure.body = json(QJsonObject{{QStringLiteral("error"),
                                         QJsonObject{{QStringLiteral("code"), QStringLiteral("unauthorized")},
                                                     {QStringLiteral("message"), message}}}});
        onAuthenticationFailed(message);
        finishSessionWaiters(&failure);
        return;
    }
    QNetworkRequest request(endpoint(refresh ? QStringLiteral("/api/v1/auth/refresh") : QStringLiteral("/api/v1/auth/login"), {}));
    request.setTransferTimeout(m_timeoutMs);
    request.setRawHeader("Accept", "application/json");
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("taskmill/" TASKMILL_VERSION));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    applyTls(request);
    const QByteArray body = refresh
        ? json(QJsonObject{{QStringLiteral("refresh_token"), QString::fromLatin1(m_refreshToken)}})
        : json(QJsonObject{{QStringLiteral("email"), m_profile.user}, {QStringLiteral("password"), m_secret}});
    QNetworkReply *reply = m_network.post(request, body);
    m_sessionReply = reply;
    m_pending.insert(reply);
    enforcePins(reply); // the password must not reach a server the pins refuse
    connect(reply, &QNetworkReply::finished, this, [this, reply, refresh] {
        m_pending.remove(reply);
        reply->deleteLater();
        m_sessionReply = nullptr;
        RawResponse answer;
        answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (answer.status != 0 && !pinFailure(*reply).isEmpty())
            answer.status = 0;
        if (answer.status == 0)
            answer.transportError = transportErrorMessage(*reply);
        else
            answer.body = reply->readAll();
        answer.retryAfterS = reply->rawHeader("Retry-After").toInt();
        onSessionAnswer(refresh, answer);
    });
}

void BackendClient::onSessionAnswer(bool wasRefresh, const RawResponse &answer)
{
    if (answer.status == HttpOk || answer.status == HttpCreated) {
        const QJsonObject o = QJsonDocument::fromJson(answer.body).object();
        const QByteArray access = o.value(QStringLiteral("access_token")).toString().toLatin1();
        const QByteArray refresh = o.value(QStringLiteral("refresh_token")).toString().toLatin1();
        const int expiresInS = o.value(QStringLiteral("expires_in")).toInt();
        if (!access.isEmpty()) {
            m_sessionRetryAt = QDeadlineTimer(); // expired: nothing to wait for
            m_accessToken = access;
            m_refreshToken = refresh; // empty from a server without refresh tokens: the next renewal logs in
            if (expiresInS > 0)
                m_renewTimer.start(qMax(MinRenewMs, int(qint64(expiresInS) * 1000 * RenewPercent / 100)));
            m_eventStream->setAuthorization(authorizationHeader());
            // A stream refused for want of a token reconnects now instead of after its backoff.
            if (m_eventStream->isOpen() && !m_eventStream->isConnected())
                m_eventStream->open();
            emit credentialsChanged();
            finishSessionWaiters(nullptr);
            return;
        }
        RawResponse malformed = answer;
        malformed.status = HttpUnauthorized;
        onAuthenticationFailed(tr("the login answer has no access_token"));
        finishSessionWaiters(&malformed);
        return;
    }
    if (wasRefresh
        && (answer.status == HttpUnauthorized || answer.status == HttpBadRequest || answer.status == HttpUnprocessable)) {
        // The refresh token expired or was revoked (a logout, an admin): log in again with the password.
        m_refreshToken.clear();
        startSessionRequest();
        return;
    }
    if (answer.status == 0) {
        if (!m_aborting)
            onConnectionLost(answer.transportError);
    } else if (answer.status == HttpUnauthorized || answer.status == HttpForbidden) {
        clearSession();
        onAuthenticationFailed(ApiError::fromJson(QJsonDocument::fromJson(answer.body).object(), answer.status).message);
    }
    // Anything else (429 after failed logins, 5xx) reaches the waiting requests as it is, and so do the
    // requests until the server's Retry-After has passed.
    if (answer.status == HttpTooManyRequests || answer.status >= 500) {
        const int waitS = answer.retryAfterS > 0 ? answer.retryAfterS : ServerErrorRetryS;
        m_sessionRetryAt = QDeadlineTimer(qint64(waitS) * 1000);
        m_sessionFailure = answer;
    }
    finishSessionWaiters(&answer);
}

void BackendClient::finishSessionWaiters(const RawResponse *failure)
{
    // Waiters may queue new ones (a request sent from a continuation): take the list first.
    const QList<SessionWaiter> waiters = std::exchange(m_sessionWaiters, {});
    for (const SessionWaiter &then : waiters)
        then(failure);
}

void BackendClient::clearSession()
{
    m_accessToken.clear();
    m_refreshToken.clear();
    m_renewTimer.stop();
    m_sessionRetryAt = QDeadlineTimer(); // expired: nothing to wait for
}

} // namespace taskmill
