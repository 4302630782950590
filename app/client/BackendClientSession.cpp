// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
//
// The login session of a password profile (docs/app.md, "Logging in"): the user name and password are
// sent once to POST /api/v1/auth/login; every request then carries the short-lived access token, which
// is renewed with the refresh token (POST /api/v1/auth/refresh, rotated on every use) before it expires.
// A refused refresh falls back to a login with the password; a refused login is an authentication
// failure. Requests that need a token while none is held wait for the one login in flight. A registration
// (POST /api/register) answers as a login does, and its tokens start the session of the account it made.
#include "client/BackendClient.h"
#include "client/BackendClientCall.h"

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
    const QByteArray body = refresh
        ? json(QJsonObject{{QStringLiteral("refresh_token"), QString::fromLatin1(m_refreshToken)}})
        : json(QJsonObject{{QStringLiteral("email"), m_profile.user}, {QStringLiteral("password"), m_secret}});
    m_sessionReply = postOpen(refresh ? QStringLiteral("/api/v1/auth/refresh") : QStringLiteral("/api/v1/auth/login"), body,
                              [this, refresh](const RawResponse &answer) {
                                  m_sessionReply = nullptr;
                                  onSessionAnswer(refresh, answer);
                              });
}

QNetworkReply *BackendClient::postOpen(const QString &path, const QByteArray &body, Handler onDone)
{
    QNetworkRequest request(endpoint(path, {}));
    request.setTransferTimeout(m_timeoutMs);
    request.setRawHeader("Accept", "application/json");
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("taskmill/" TASKMILL_VERSION));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    applyTls(request);
    QNetworkReply *reply = m_network.post(request, body);
    m_pending.insert(reply);
    enforcePins(reply); // a password must not reach a server the pins refuse
    connect(reply, &QNetworkReply::finished, this, [this, reply, onDone = std::move(onDone)] {
        m_pending.remove(reply);
        reply->deleteLater();
        RawResponse answer;
        answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (answer.status != 0 && !pinFailure(*reply).isEmpty())
            answer.status = 0;
        if (answer.status == 0)
            answer.transportError = transportErrorMessage(*reply);
        else
            answer.body = reply->readAll();
        answer.retryAfterS = reply->rawHeader("Retry-After").toInt();
        onDone(answer);
    });
    return reply;
}

void BackendClient::onSessionAnswer(bool wasRefresh, const RawResponse &answer)
{
    if (answer.status == HttpOk || answer.status == HttpCreated) {
        if (adoptSession(QJsonDocument::fromJson(answer.body).object())) {
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

bool BackendClient::adoptSession(const QJsonObject &answer)
{
    const QByteArray access = answer.value(QStringLiteral("access_token")).toString().toLatin1();
    if (access.isEmpty())
        return false;
    const int expiresInS = answer.value(QStringLiteral("expires_in")).toInt();
    m_sessionRetryAt = QDeadlineTimer(); // expired: nothing to wait for
    m_accessToken = access;
    // Empty from a server without refresh tokens: the next renewal logs in.
    m_refreshToken = answer.value(QStringLiteral("refresh_token")).toString().toLatin1();
    if (expiresInS > 0)
        m_renewTimer.start(qMax(MinRenewMs, int(qint64(expiresInS) * 1000 * RenewPercent / 100)));
    m_eventStream->setAuthorization(authorizationHeader());
    // A stream refused for want of a token reconnects now instead of after its backoff.
    if (m_eventStream->isOpen() && !m_eventStream->isConnected())
        m_eventStream->open();
    emit credentialsChanged();
    return true;
}

QFuture<Result<UserAccount>> BackendClient::registerAccount(const Registration &registration)
{
    auto promise = std::make_shared<QPromise<Result<UserAccount>>>();
    promise->start();
    QFuture<Result<UserAccount>> future = promise->future();
    postOpen(QStringLiteral("/api/register"), json(registration.toJson()), [this, promise, registration](const RawResponse &answer) {
        if (answer.status == 0 && !m_aborting)
            onConnectionLost(answer.transportError);
        promise->addResult(onRegistered(registration, answer));
        promise->finish();
    });
    return future;
}

Result<UserAccount> BackendClient::onRegistered(const Registration &registration, const RawResponse &answer)
{
    const Result<QJsonObject> o = decodeObject(answer);
    if (!o)
        return o.error();
    Result<UserAccount> user = UserAccount::fromJson(o->value(QStringLiteral("user")).toObject());
    if (!user)
        return unexpectedResponse(user.error());
    if (!usesSession() || m_profile.user.trimmed().compare(user->email, Qt::CaseInsensitive) != 0)
        return user;
    // This client logs in as the new account: its tokens save a login, and the password serves the next one.
    // A login still in flight with an older password decides for itself; the new password is used after it.
    m_secret = registration.password;
    if (!m_sessionReply) {
        clearSession();
        if (!adoptSession(*o))
            return unexpectedResponse(ApiError::badRequest(tr("the registration answer has no access_token")));
        finishSessionWaiters(nullptr);
    }
    if (m_state == ConnectionState::AuthenticationFailed)
        retryNow();
    return user;
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
