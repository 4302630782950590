// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "client/BackendClient.h"
#include "client/BackendClientCall.h"

#include "client/EventStream.h"
#include "client/PublicKeyPin.h"
#include "codec/TaskJson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPromise>
#include <QRandomGenerator>
#include <QSslCertificate>

#include <memory>

#include <pwd.h>
#include <unistd.h>

namespace taskmill {

namespace {
constexpr int HttpServiceUnavailable = 503;
constexpr int HttpUnauthorized = 401;
constexpr int JitterPercent = 20;

QString taskPath(const QUuid &id, const QString &suffix = {})
{
    return QStringLiteral("/api/v1/tasks/") + id.toString(QUuid::WithoutBraces) + suffix;
}
} // namespace

BackendClient::BackendClient(QNetworkAccessManager &network, ConnectionProfile profile, QObject *parent)
    : QObject(parent)
    , m_ownNetwork(profile.isTls() && !profile.pinnedKeys.isEmpty() ? std::make_unique<QNetworkAccessManager>() : nullptr)
    , m_network(m_ownNetwork ? *m_ownNetwork : network)
    , m_profile(std::move(profile))
{
    if (m_ownNetwork) {
        m_ownNetwork->setProxy(network.proxy());
        m_ownNetwork->setRedirectPolicy(network.redirectPolicy());
    }
    m_eventStream = new EventStream(m_profile.baseUrl, this);
    // The socket hears first: a closed stream is the quickest sign that the server went away, a new
    // subscription the quickest that it is back. Either way probe now, not at the next interval or backoff.
    connect(m_eventStream, &EventStream::connectedChanged, this, [this](bool subscribed) {
        if (m_probing && m_state != ConnectionState::AuthenticationFailed
            && subscribed != (m_state == ConnectionState::Connected))
            probe();
    });
    m_probeTimer.setSingleShot(true);
    connect(&m_probeTimer, &QTimer::timeout, this, &BackendClient::probe);
    m_renewTimer.setSingleShot(true);
    connect(&m_renewTimer, &QTimer::timeout, this, [this] {
        // The old access token stays in use until the new one arrives.
        if (usesSession() && !m_sessionReply && m_state != ConnectionState::AuthenticationFailed)
            startSessionRequest();
    });

    m_ssl = QSslConfiguration::defaultConfiguration();
    if (!m_profile.verifyPeer)
        m_ssl.setPeerVerifyMode(QSslSocket::VerifyNone);
    if (!m_profile.caCertificateFile.isEmpty()) {
        // Added to the system CAs: a private CA must not make public certificates untrusted.
        if (!m_ssl.addCaCertificates(m_profile.caCertificateFile))
            m_lastError = tr("No certificate could be read from %1.").arg(m_profile.caCertificateFile);
    }
    if (m_profile.isTls())
        m_pins = PublicKeyPin::normalisedAll(m_profile.pinnedKeys);
    m_eventStream->setSslConfiguration(m_ssl);
    m_eventStream->setPinnedKeys(m_pins);
    m_eventStream->setAuthorization(authorizationHeader());
}

BackendClient::~BackendClient()
{
    // Nobody may observe a half-destroyed client: finish every future silently.
    blockSignals(true);
    abortAll();
}

void BackendClient::setProbeInterval(int ms)
{
    m_probeIntervalMs = ms;
    if (m_state == ConnectionState::Connected && m_probeTimer.isActive())
        m_probeTimer.start(ms);
}

void BackendClient::connectToBackend()
{
    m_probing = true;
    m_failures = 0;
    if (m_state != ConnectionState::Connected)
        setState(ConnectionState::Connecting);
    probe();
}

void BackendClient::disconnectFromBackend()
{
    m_probing = false;
    m_probeTimer.stop();
    setState(ConnectionState::Disconnected);
}

void BackendClient::abortAll()
{
    m_aborting = true;
    const QSet<QNetworkReply *> pending = m_pending;
    for (QNetworkReply *reply : pending)
        reply->abort();
    m_aborting = false;
}

QFuture<Result<HealthInfo>> BackendClient::health()
{
    const auto decode = [this](const RawResponse &r) -> Result<HealthInfo> {
        // A degraded backend answers 503 with the same body: it is reachable, only a dependency is down.
        if (r.status == HttpServiceUnavailable) {
            const QJsonObject o = QJsonDocument::fromJson(r.body).object();
            if (o.contains(QStringLiteral("status")))
                return HealthInfo::fromJson(o);
        }
        const Result<QJsonObject> o = decodeObject(r);
        if (!o)
            return o.error();
        if (!o->value(QStringLiteral("status")).isString())
            return unexpectedResponse(ApiError::badRequest(tr("the health answer has no status")));
        return HealthInfo::fromJson(*o);
    };
    return call<HealthInfo>(Verb::Get, QStringLiteral("/health"), {}, {}, decode);
}

QFuture<Result<TaskPage>> BackendClient::listTasks(const TaskListQuery &query)
{
    return call<TaskPage>(Verb::Get, QStringLiteral("/api/v1/tasks"), query.toQuery(), {},
                          objectDecoder<TaskPage>(&TaskPage::fromJson));
}

QFuture<Result<Task>> BackendClient::getTask(const QUuid &id)
{
    return call<Task>(Verb::Get, taskPath(id), {}, {}, objectDecoder<Task>(&taskFromJson));
}

QFuture<Result<QList<TaskHistoryEntry>>> BackendClient::taskHistory(const QUuid &id)
{
    using History = QList<TaskHistoryEntry>;
    const auto parse = [](const QJsonObject &o) -> Result<History> {
        if (!o.value(QStringLiteral("items")).isArray())
            return ApiError::badRequest(QStringLiteral("items must be an array"), QStringLiteral("items"));
        History entries;
        for (const QJsonValue &v : o.value(QStringLiteral("items")).toArray()) {
            Result<TaskHistoryEntry> entry = historyEntryFromJson(v.toObject());
            if (!entry)
                return entry.error();
            entries.append(*entry);
        }
        return entries;
    };
    return call<History>(Verb::Get, taskPath(id, QStringLiteral("/history")), {}, {}, objectDecoder<History>(parse));
}

QFuture<Result<Task>> BackendClient::createTask(const CreateTaskRequest &request, const QByteArray &idempotencyKey)
{
    const QByteArray body = QJsonDocument(request.toJson()).toJson(QJsonDocument::Compact);
    return call<Task>(Verb::Post, QStringLiteral("/api/v1/tasks"), {}, body, objectDecoder<Task>(&taskFromJson), idempotencyKey);
}

QFuture<Result<Task>> BackendClient::cancelTask(const QUuid &id)
{
    return call<Task>(Verb::Delete, taskPath(id), {}, {}, objectDecoder<Task>(&taskFromJson));
}

QFuture<Result<EventsPage>> BackendClient::events(qint64 since, int limit)
{
    const auto parse = [](const QJsonObject &o) -> Result<EventsPage> {
        if (!o.value(QStringLiteral("events")).isArray())
            return ApiError::badRequest(QStringLiteral("events must be an array"), QStringLiteral("events"));
        if (!o.value(QStringLiteral("revision")).isDouble())
            return ApiError::badRequest(QStringLiteral("revision must be a number"), QStringLiteral("revision"));
        EventsPage page;
        page.revision = o.value(QStringLiteral("revision")).toInteger();
        page.head = o.value(QStringLiteral("head")).toInteger(page.revision);
        for (const QJsonValue &v : o.value(QStringLiteral("events")).toArray()) {
            Result<TaskEvent> event = TaskEvent::fromJson(v.toObject());
            if (!event)
                return event.error();
            page.events.append(*event);
        }
        return page;
    };
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("since"), QString::number(since));
    query.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    return call<EventsPage>(Verb::Get, QStringLiteral("/api/v1/events"), query, {}, objectDecoder<EventsPage>(parse));
}

void BackendClient::send(Verb verb, const QString &path, const QUrlQuery &query, const QByteArray &body, Handler onDone,
                         const QByteArray &idempotencyKey)
{
    if (usesSession() && m_accessToken.isEmpty()) {
        waitForSession([this, verb, path, query, body, idempotencyKey, onDone = std::move(onDone)](const RawResponse *failure) {
            if (failure)
                onDone(*failure);
            else
                sendNow(verb, path, query, body, onDone, false, idempotencyKey);
        });
        return;
    }
    sendNow(verb, path, query, body, std::move(onDone), false, idempotencyKey);
}

void BackendClient::sendNow(Verb verb, const QString &path, const QUrlQuery &query, const QByteArray &body,
                            Handler onDone, bool retried, const QByteArray &idempotencyKey)
{
    QNetworkRequest request(endpoint(path, query));
    prepare(request);
    if (!idempotencyKey.isEmpty())
        request.setRawHeader("Idempotency-Key", idempotencyKey);
    QNetworkReply *reply = nullptr;
    switch (verb) {
    case Verb::Get:
        reply = m_network.get(request);
        break;
    case Verb::Post:
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        reply = m_network.post(request, body);
        break;
    case Verb::Put:
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        reply = m_network.put(request, body);
        break;
    case Verb::Patch: // QNetworkAccessManager has no patch(): a custom verb with a body
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        reply = m_network.sendCustomRequest(request, QByteArrayLiteral("PATCH"), body);
        break;
    case Verb::Delete:
        reply = m_network.deleteResource(request);
        break;
    }
    m_pending.insert(reply);
    enforcePins(reply);
    const QByteArray sentToken = m_accessToken;
    const QByteArray sentAuthorization = authorizationHeader();
    connect(reply, &QNetworkReply::finished, this,
            [this, reply, verb, path, query, body, retried, idempotencyKey, sentToken, sentAuthorization, onDone = std::move(onDone)] {
        m_pending.remove(reply);
        reply->deleteLater();
        RawResponse response;
        response.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (response.status != 0 && !pinFailure(*reply).isEmpty())
            response.status = 0; // answered over a connection the pins refuse: not an answer from our server
        if (response.status == 0) {
            response.transportError = transportErrorMessage(*reply);
            if (!m_aborting)
                onConnectionLost(response.transportError);
        } else {
            response.body = reply->readAll();
            if (response.status == HttpUnauthorized && usesSession() && !retried && !sentToken.isEmpty()) {
                // The access token expired or was revoked (a logout elsewhere, a server restart with a new
                // key): renew it once and send again; only a failing login is an authentication failure.
                if (m_accessToken == sentToken)
                    m_accessToken.clear();
                waitForSession([this, verb, path, query, body, idempotencyKey, onDone](const RawResponse *failure) {
                    if (failure)
                        onDone(*failure);
                    else
                        sendNow(verb, path, query, body, onDone, true, idempotencyKey);
                });
                return;
            }
            if (response.status == HttpUnauthorized && !retried && !usesSession()
                && sentAuthorization != authorizationHeader()) {
                // Refused with credentials that have been replaced meanwhile (a local backend's token file read
                // while this request was out): that says nothing about the new ones; send it again with them.
                sendNow(verb, path, query, body, onDone, true, idempotencyKey);
                return;
            }
            if (response.status == HttpUnauthorized)
                onAuthenticationFailed(ApiError::fromJson(QJsonDocument::fromJson(response.body).object(),
                                                          response.status)
                                           .message);
        }
        onDone(response);
    });
}

QUrl BackendClient::endpoint(const QString &path, const QUrlQuery &query) const
{
    QUrl url = m_profile.baseUrl;
    QString basePath = url.path();
    while (basePath.endsWith(u'/'))
        basePath.chop(1);
    url.setPath(basePath + path);
    url.setQuery(query);
    return url;
}

QString BackendClient::transportErrorMessage(const QNetworkReply &reply) const
{
    if (const QString refused = pinFailure(reply); !refused.isEmpty())
        return refused;
    const QString where = m_profile.baseUrl.toDisplayString();
    if (m_aborting)
        return tr("The request to %1 was cancelled.").arg(where);
    switch (reply.error()) {
    case QNetworkReply::ConnectionRefusedError:
        return tr("Cannot connect to %1: connection refused.").arg(where);
    case QNetworkReply::OperationCanceledError: // what a transfer timeout reports
    case QNetworkReply::TimeoutError:
        return tr("%1 did not answer within %2 s.").arg(where).arg(m_timeoutMs / 1000.0, 0, 'g', 3);
    default:
        return tr("Cannot reach %1: %2").arg(where, reply.errorString());
    }
}

Result<QJsonObject> BackendClient::decodeObject(const RawResponse &r) const
{
    if (r.status == 0)
        return ApiError::unavailable(r.transportError);
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(r.body, &parseError);
    if (r.status >= 400)
        return ApiError::fromJson(doc.object(), r.status); // a non-JSON error body still maps by status
    if (parseError.error != QJsonParseError::NoError)
        return ApiError::badRequest(tr("The backend sent malformed JSON (HTTP %1, offset %2: %3).")
                                        .arg(r.status)
                                        .arg(parseError.offset)
                                        .arg(parseError.errorString()));
    if (!doc.isObject())
        return ApiError::badRequest(tr("The backend sent JSON that is not an object (HTTP %1).").arg(r.status));
    return doc.object();
}

void BackendClient::probe()
{
    if (m_probeInFlight)
        return;
    m_probeTimer.stop();
    m_probeInFlight = true;
    m_probeClock.start();
    health().then(this, [this](Result<HealthInfo> result) {
        m_probeInFlight = false;
        onHealthProbeFinished(result);
    });
}

void BackendClient::onHealthProbeFinished(const Result<HealthInfo> &result)
{
    if (!m_probing || m_state == ConnectionState::AuthenticationFailed)
        return; // disconnected, or a 401 arrived while the probe was in flight: both wait for the user
    QString failure;
    if (!result && (result.error().code == ErrorCode::Unauthorized || result.error().code == ErrorCode::Forbidden)) {
        onAuthenticationFailed(result.error().message);
        return;
    }
    if (!result)
        failure = result.error().message;
    else if (result->protocol != ProtocolVersion)
        failure = tr("The backend speaks protocol %1; this app needs protocol %2.")
                      .arg(result->protocol)
                      .arg(ProtocolVersion);
    if (!failure.isEmpty()) {
        m_lastError = failure;
        setState(ConnectionState::Disconnected);
        // Jitter keeps many clients of a restarted backend from probing in lockstep.
        ++m_failures;
        const int base = backoffMs(m_failures, m_backoffInitialMs, m_backoffMaxMs);
        const int ms = base + int(qint64(base) * (QRandomGenerator::global()->bounded(2 * JitterPercent + 1) - JitterPercent) / 100);
        scheduleProbe(ms);
        emit reconnectScheduled(ms);
        return;
    }
    m_failures = 0;
    m_latencyMs = int(m_probeClock.elapsed());
    m_version = result->version;
    m_lastError.clear();
    scheduleProbe(m_probeIntervalMs);
    const bool reconnected = m_state != ConnectionState::Connected;
    // Log in as soon as the server answers, so wrong credentials show at once, not at the first action.
    if (usesSession() && m_accessToken.isEmpty() && !m_sessionReply && m_sessionRetryAt.hasExpired())
        startSessionRequest();
    setState(ConnectionState::Connected);
    emit healthUpdated(*result);
    if (reconnected && (m_eventStream->isOpen() || std::exchange(m_streamSuspended, false)))
        m_eventStream->open(); // now, instead of after the stream's own backoff
}

void BackendClient::setState(ConnectionState state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit connectionStateChanged(state);
}

QString BackendClient::desktopUserName()
{
    // $USER is unset under some session managers, cron and systemd units; the account database still knows
    // who runs the app, so the audit log never says "anonymous" for a real person.
    for (const char *variable : {"USER", "LOGNAME"})
        if (const QString name = qEnvironmentVariable(variable); !name.isEmpty())
            return name;
    if (const passwd *entry = getpwuid(getuid()); entry && entry->pw_name)
        return QString::fromLocal8Bit(entry->pw_name);
    return {};
}

void BackendClient::prepare(QNetworkRequest &request) const
{
    request.setTransferTimeout(m_timeoutMs);
    request.setRawHeader("Accept", "application/json");
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("taskmill/" TASKMILL_VERSION));
    if (const QByteArray authorization = authorizationHeader(); !authorization.isEmpty())
        request.setRawHeader("Authorization", authorization);
    // Audited actions name who did them: servers with accounts take that from the credentials; the header
    // only names the desktop user for anonymous loopback access (docs/security.md).
    const QString actor = !m_profile.user.isEmpty() ? m_profile.user : desktopUserName();
    if (!actor.isEmpty())
        request.setRawHeader("X-Taskmill-Actor", actor.toUtf8() + "@taskmill-app");
    applyTls(request);
}

QByteArray BackendClient::authorizationHeader() const
{
    switch (m_profile.auth) {
    case ConnectionProfile::Auth::None:
        if (!m_localToken.isEmpty())
            return "Bearer " + m_localToken;
        break;
    case ConnectionProfile::Auth::Password:
        if (!m_accessToken.isEmpty())
            return "Bearer " + m_accessToken;
        break;
    case ConnectionProfile::Auth::Token:
        if (!m_secret.isEmpty())
            return "Bearer " + m_secret.toUtf8();
        break;
    }
    return {};
}

void BackendClient::setSecret(const QString &secret)
{
    m_secret = secret;
    clearSession(); // tokens of the old password must not outlive it
    m_eventStream->setAuthorization(authorizationHeader());
    emit credentialsChanged();
    if (m_state == ConnectionState::AuthenticationFailed)
        retryNow();
}

void BackendClient::setLocalToken(const QByteArray &token)
{
    if (token == m_localToken)
        return;
    m_localToken = token;
    m_eventStream->setAuthorization(authorizationHeader());
    emit credentialsChanged();
    if (m_state == ConnectionState::AuthenticationFailed)
        retryNow();
}

void BackendClient::setBackoff(int initialMs, int maxMs)
{
    m_backoffInitialMs = initialMs;
    m_backoffMaxMs = maxMs;
}

int BackendClient::backoffMs(int failures, int initialMs, int maxMs)
{
    qint64 ms = initialMs;
    for (int i = 1; i < failures && ms < maxMs; ++i)
        ms *= 2;
    return int(qMin<qint64>(ms, maxMs));
}

int BackendClient::reconnectInMs() const
{
    if (m_state == ConnectionState::Connected || !m_probeTimer.isActive())
        return -1;
    return m_probeTimer.remainingTime();
}

void BackendClient::retryNow()
{
    if (!m_probing) {
        connectToBackend();
        return;
    }
    if (m_state == ConnectionState::AuthenticationFailed)
        setState(ConnectionState::Connecting);
    if (m_eventStream->isOpen() && !m_eventStream->isConnected())
        m_eventStream->open();
    probe();
}

void BackendClient::scheduleProbe(int ms)
{
    if (m_probing)
        m_probeTimer.start(ms);
}

void BackendClient::onConnectionLost(const QString &reason)
{
    if (m_state == ConnectionState::AuthenticationFailed)
        return; // stays until the user acts; a network error says nothing about the credentials
    const bool wasConnected = m_state == ConnectionState::Connected;
    m_lastError = reason;
    setState(ConnectionState::Disconnected);
    // A request noticed the loss before the probe did: probe soon instead of at the next interval.
    // Only on the transition, so a burst of failing requests cannot defeat the backoff.
    if (wasConnected && m_probing && !m_probeInFlight) {
        m_failures = 0;
        scheduleProbe(backoffMs(1, m_backoffInitialMs, m_backoffMaxMs));
        emit reconnectScheduled(m_probeTimer.remainingTime());
    }
}

void BackendClient::onAuthenticationFailed(const QString &message)
{
    if (m_state == ConnectionState::AuthenticationFailed)
        return;
    m_lastError = message.isEmpty() ? tr("Authentication failed: check the user name and password or token.")
                                    : tr("Authentication failed: %1").arg(message);
    m_probeTimer.stop();
    // Reconnecting with the same credentials would only be refused again.
    if (m_eventStream->isOpen()) {
        m_eventStream->close();
        m_streamSuspended = true;
    }
    setState(ConnectionState::AuthenticationFailed);
    emit authenticationRequired(m_lastError);
}

} // namespace taskmill
