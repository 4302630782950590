// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "client/BackendClient.h"
#include "client/BackendClientCall.h"

#include "client/EventStream.h"
#include "codec/TaskJson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPromise>

#include <memory>

namespace taskmill {

namespace {
constexpr int HttpServiceUnavailable = 503;

QString taskPath(const QUuid &id, const QString &suffix = {})
{
    return QStringLiteral("/api/v1/tasks/") + id.toString(QUuid::WithoutBraces) + suffix;
}
} // namespace

BackendClient::BackendClient(QNetworkAccessManager &network, ConnectionProfile profile, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_profile(std::move(profile))
{
    m_eventStream = new EventStream(m_profile.baseUrl, this);
    m_probeTimer.setInterval(DefaultProbeIntervalMs);
    connect(&m_probeTimer, &QTimer::timeout, this, &BackendClient::probe);
}

BackendClient::~BackendClient()
{
    // Nobody may observe a half-destroyed client: finish every future silently.
    blockSignals(true);
    abortAll();
}

void BackendClient::setProbeInterval(int ms)
{
    m_probeTimer.setInterval(ms);
}

void BackendClient::connectToBackend()
{
    if (m_state != ConnectionState::Connected)
        setState(ConnectionState::Connecting);
    m_probeTimer.start();
    probe();
}

void BackendClient::disconnectFromBackend()
{
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

QFuture<Result<Task>> BackendClient::createTask(const CreateTaskRequest &request)
{
    const QByteArray body = QJsonDocument(request.toJson()).toJson(QJsonDocument::Compact);
    return call<Task>(Verb::Post, QStringLiteral("/api/v1/tasks"), {}, body, objectDecoder<Task>(&taskFromJson));
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

void BackendClient::send(Verb verb, const QString &path, const QUrlQuery &query, const QByteArray &body, Handler onDone)
{
    QNetworkRequest request(endpoint(path, query));
    request.setTransferTimeout(m_timeoutMs);
    request.setRawHeader("Accept", "application/json");
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("taskmill/" TASKMILL_VERSION));
    QNetworkReply *reply = nullptr;
    switch (verb) {
    case Verb::Get:
        reply = m_network.get(request);
        break;
    case Verb::Post:
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        reply = m_network.post(request, body);
        break;
    case Verb::Delete:
        reply = m_network.deleteResource(request);
        break;
    }
    m_pending.insert(reply);
    connect(reply, &QNetworkReply::finished, this, [this, reply, onDone = std::move(onDone)] {
        m_pending.remove(reply);
        reply->deleteLater();
        RawResponse response;
        response.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (response.status == 0) {
            response.transportError = transportErrorMessage(*reply);
            if (!m_aborting)
                setState(ConnectionState::Disconnected);
        } else {
            response.body = reply->readAll();
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
    m_probeInFlight = true;
    m_probeClock.start();
    health().then(this, [this](Result<HealthInfo> result) {
        m_probeInFlight = false;
        onHealthProbeFinished(result);
    });
}

void BackendClient::onHealthProbeFinished(const Result<HealthInfo> &result)
{
    if (!m_probeTimer.isActive())
        return; // disconnectFromBackend() was called while the probe was in flight
    if (!result) {
        m_lastError = result.error().message;
        setState(ConnectionState::Disconnected);
        return;
    }
    if (result->protocol != ProtocolVersion) {
        m_lastError = tr("The backend speaks protocol %1; this app needs protocol %2.")
                          .arg(result->protocol)
                          .arg(ProtocolVersion);
        setState(ConnectionState::Disconnected);
        return;
    }
    m_latencyMs = int(m_probeClock.elapsed());
    m_version = result->version;
    m_lastError.clear();
    setState(ConnectionState::Connected);
    emit healthUpdated(*result);
}

void BackendClient::setState(ConnectionState state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit connectionStateChanged(state);
}

} // namespace taskmill
