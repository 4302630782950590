// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "api/EventHub.h"

#include "api/HttpReply.h"
#include "api/Redaction.h"
#include "observability/Logging.h"
#include "queue/TaskEventStream.h"

#include <QDateTime>
#include <QHttpServer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QThread>
#include <QUrlQuery>
#include <QWebSocket>

using namespace Qt::StringLiterals;

namespace taskmill {

namespace {
// What a refused handshake over the stream limit suggests: streams end when their clients go.
constexpr int StreamRetryAfterS = 5;
} // namespace

EventHub::EventHub(RedisEndpoint redis, QByteArray streamPrefix, QObject *parent)
    : QObject(parent), m_redis(std::move(redis)), m_prefix(std::move(streamPrefix))
{
    qRegisterMetaType<QList<taskmill::TaskEvent>>();
    connect(this, &EventHub::eventsArrived, this, &EventHub::onEvents, Qt::QueuedConnection);
    m_flushTimer.setInterval(CoalesceMs);
    connect(&m_flushTimer, &QTimer::timeout, this, &EventHub::flush);
    m_flushTimer.start();
    m_follower.reset(QThread::create([this] { follow(); }));
    m_follower->setObjectName(u"event-follower"_s);
    m_follower->start();
}

EventHub::~EventHub()
{
    m_stopping = true;
    m_follower->wait();
    for (auto it = m_clients.begin(); it != m_clients.end(); ++it)
        it->socket->deleteLater();
}

void EventHub::follow()
{
    RedisConnection redis(m_redis, FollowerRedisTimeoutMs, "taskmill-api-events");
    TaskEventStream stream(redis, m_prefix);
    qint64 since = -1;
    while (!m_stopping) {
        if (since < 0) {
            auto b = stream.bounds();
            if (!b) {
                QThread::msleep(FollowerRetryPauseMs);
                continue;
            }
            since = b->newest;
            m_revision = since;
        }
        auto events = stream.waitAfter(since, FollowerBatchMax, FollowerBlockMs);
        if (!events) {
            QThread::msleep(FollowerRetryPauseMs);
            since = -1;
            continue;
        }
        if (events->isEmpty())
            continue;
        since = events->last().revision;
        m_revision = since;
        emit eventsArrived(*events, since);
    }
}

void EventHub::attach(QHttpServer &server, std::shared_ptr<const RequestGuard> guard, std::shared_ptr<const Authenticator> auth)
{
    // The route must accept the upgrade by answering nothing; plain HTTP gets 426. A handshake from another
    // site's page (Origin), through a foreign name (Host) or without the right credentials is answered with
    // the refusal instead (and its socket closed once Qt hands it over, onNewConnection).
    server.route(u"/api/v1/ws"_s, [this, guard, auth](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
        std::optional<ApiError> refused = guard ? guard->checkOrigin(request.value("host"), request.value("origin")) : std::nullopt;
        if (!refused && auth) {
            const Authenticator::Outcome who = auth->authenticate(request, true);
            if (who.error)
                refused = who.error;
            else if (!who.principal)
                refused = ApiError{ErrorCode::Unauthorized, u"the event stream needs credentials: Authorization: Bearer "
                                                             "<token> or ?access_token=<token>"_s, u"Authorization"_s, {}};
            else if (!who.principal->may(Permission::ReadSystem))
                refused = ApiError{ErrorCode::Forbidden, u"the role '%1' may not watch the event stream"_s.arg(toString(who.principal->role)), {}, {}};
            else if (overStreamLimit(who.principal))
                refused = ApiError{ErrorCode::TooManyRequests,
                                   u"this caller already holds %1 event streams (api.max_event_streams_per_caller)"_s.arg(m_streamsPerCaller),
                                   {}, {}, StreamRetryAfterS};
        }
        if (refused) {
            qCInfo(lcNotifier).noquote() << "refused a WebSocket handshake:" << refused->message;
            return respond(std::move(responder), HttpReply::error(*refused));
        }
        if (request.value("upgrade").toLower() == "websocket")
            return;
        responder.write(QJsonDocument(QJsonObject{{u"error"_s, QJsonObject{{u"code"_s, u"bad_request"_s},
                                                                           {u"message"_s, u"use a WebSocket upgrade"_s}}}}),
                        QHttpServerResponder::StatusCode::UpgradeRequired);
    });
    connect(&server, &QHttpServer::newWebSocketConnection, this, [this, &server, guard, auth] { onNewConnection(server, guard.get(), auth.get()); });
}

void EventHub::onNewConnection(QHttpServer &server, const RequestGuard *guard, const Authenticator *auth)
{
    while (QWebSocket *socket = server.nextPendingWebSocketConnection().release()) {
        // A client that hung up before Qt handed its socket over (a close frame right behind the handshake) has
        // already emitted disconnected(): the handlers below would never run and the socket would stay for good.
        if (socket->state() == QAbstractSocket::UnconnectedState) {
            socket->deleteLater();
            continue;
        }
        // Qt 6.4 hands the connection to its WebSocket server even after the route answered 403: the refused
        // handshake's socket must not become a client.
        // Closed, not aborted: an abort would drop the refusal still waiting in the socket's buffer.
        const QNetworkRequest &handshake = socket->request();
        bool payloads = true;
        QString caller;
        bool allowed = !guard || !guard->checkOrigin(handshake.rawHeader("Host"), socket->origin().toUtf8());
        if (allowed && auth) {
            const Authenticator::Outcome who = auth->authenticate(
                handshake.rawHeader("Authorization"),
                QUrlQuery(handshake.url()).queryItemValue(u"access_token"_s, QUrl::FullyDecoded).toLatin1(), socket->peerAddress());
            allowed = !who.error && who.principal && who.principal->may(Permission::ReadSystem)
                && !overStreamLimit(who.principal);
            payloads = allowed && who.principal->payloads;
            if (allowed && who.principal->kind != Principal::Kind::Local)
                caller = who.principal->actor();
        }
        if (!allowed) {
            connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);
            socket->close(QWebSocketProtocol::CloseCodePolicyViolated, u"origin not allowed"_s);
            continue;
        }
        socket->setMaxAllowedIncomingMessageSize(MaxIncomingMessageBytes);
        socket->setMaxAllowedIncomingFrameSize(MaxIncomingMessageBytes);
        const Client client{socket, false, payloads, {}, {}, caller, 2.0 * m_messagesPerS, QDateTime::currentMSecsSinceEpoch()};
        m_clients.insert(socket, client);
        connect(socket, &QWebSocket::textMessageReceived, this, [this, socket](const QString &t) { onMessage(socket, t); });
        connect(socket, &QWebSocket::disconnected, this, [this, socket] {
            m_clients.remove(socket);
            socket->deleteLater();
        });
    }
}

void EventHub::onMessage(QWebSocket *socket, const QString &text)
{
    auto it = m_clients.find(socket);
    if (it == m_clients.end())
        return;
    // A stream re-subscribing in a loop costs a filter parse and an answer each time: bounded per stream.
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    it->messageTokens = std::min(2.0 * m_messagesPerS, it->messageTokens + double(now - it->refilledAtMs) * m_messagesPerS / 1000.0);
    it->refilledAtMs = now;
    if (it->messageTokens < 1.0) {
        qCInfo(lcNotifier).noquote() << "closing a WebSocket that sends too many messages:" << it->caller;
        socket->close(QWebSocketProtocol::CloseCodePolicyViolated,
                      u"more than %1 messages a second (api.max_stream_messages_per_s)"_s.arg(m_messagesPerS));
        return;
    }
    it->messageTokens -= 1.0;
    const QJsonObject o = QJsonDocument::fromJson(text.toUtf8()).object();
    auto reject = [socket](const QString &field, const QString &message) {
        socket->sendTextMessage(QString::fromUtf8(QJsonDocument(QJsonObject{{u"type"_s, u"error"_s}, {u"field"_s, field},
                                                                            {u"message"_s, message}})
                                                      .toJson(QJsonDocument::Compact)));
    };
    if (o.value(u"type"_s).toString() != u"subscribe")
        return reject(u"type"_s, u"expected {\"type\": \"subscribe\", …}"_s);
    auto filter = TaskFilter::fromSubscription(o);
    if (!filter)
        return reject(filter.error().field, filter.error().message);
    it->filter = *filter;
    it->subscribed = true;
    it->queue.clear();
    socket->sendTextMessage(QString::fromUtf8(
        QJsonDocument(QJsonObject{{u"type"_s, u"subscribed"_s}, {u"revision"_s, m_revision.load()}}).toJson(QJsonDocument::Compact)));
    if (m_pauses && !m_pauses->isEmpty()) // none paused: no message (a client starts from "nothing paused")
        socket->sendTextMessage(pausesMessage());
}

QString EventHub::pausesMessage() const
{
    return QString::fromUtf8(QJsonDocument(QJsonObject{{u"type"_s, u"pauses"_s}, {u"items"_s, m_pauses.value_or(PauseSet{}).toJson()}})
                                 .toJson(QJsonDocument::Compact));
}

void EventHub::onPausesChanged(const PauseSet &pauses)
{
    const bool first = !m_pauses;
    m_pauses = pauses;
    if (first && pauses.isEmpty())
        return; // the first read at start-up: nothing any client could have missed
    const QString message = pausesMessage();
    for (const Client &c : std::as_const(m_clients))
        if (c.subscribed)
            c.socket->sendTextMessage(message);
}

void EventHub::setLimits(int streamsPerCaller, int messagesPerS)
{
    m_streamsPerCaller = streamsPerCaller;
    m_messagesPerS = messagesPerS;
}

int EventHub::streamsOf(const QString &caller) const
{
    int n = 0;
    for (const Client &c : m_clients)
        n += c.caller == caller ? 1 : 0;
    return n;
}

bool EventHub::overStreamLimit(const std::optional<Principal> &who) const
{
    // The owner of a --local backend is one person on one machine: not counted (as for create rate limits).
    return who && who->kind != Principal::Kind::Local && streamsOf(who->actor()) >= m_streamsPerCaller;
}

void EventHub::onEvents(const QList<TaskEvent> &events, qint64)
{
    for (auto it = m_clients.begin(); it != m_clients.end(); ++it) {
        if (!it->subscribed)
            continue;
        for (const TaskEvent &e : events)
            if (it->filter.matchesEvent(e))
                it->queue.append(e);
    }
}

void EventHub::dropSlow(Client &client, const QString &reason)
{
    qCInfo(lcNotifier).noquote() << "dropping slow WebSocket client:" << reason;
    client.queue.clear();
    client.subscribed = false;
    client.socket->sendTextMessage(QString::fromUtf8(
        QJsonDocument(QJsonObject{{u"type"_s, u"resync"_s}, {u"reason"_s, reason}}).toJson(QJsonDocument::Compact)));
    client.socket->close(QWebSocketProtocol::CloseCodePolicyViolated, u"too slow: resync"_s);
}

void EventHub::flush()
{
    // Each event is serialised once per flush, however many clients receive it: with ten clients, building
    // the JSON per client was 86 % of the api's CPU while draining (docs/benchmarks.md, "Live events").
    QHash<qint64, QString> encoded, encodedRedacted; // each event serialised once per audience
    const QString head = u"{\"type\":\"events\",\"revision\":%1,\"events\":["_s.arg(m_revision.load());
    for (auto it = m_clients.begin(); it != m_clients.end(); ++it) {
        Client &c = *it;
        if (!c.subscribed)
            continue;
        if (c.socket->bytesToWrite() > MaxUnsentBytes)
            dropSlow(c, u"more than 4 MiB unsent"_s);
        else if (c.queue.size() > MaxQueuedEvents)
            dropSlow(c, u"more than 10000 events queued"_s);
        if (c.queue.isEmpty())
            continue;
        QString message = head;
        bool first = true;
        for (const TaskEvent &e : std::as_const(c.queue)) {
            if (!first)
                message += u',';
            first = false;
            const auto encode = [&e, &c] {
                const QJsonObject o = c.payloads ? e.toJson() : redacted(e.toJson()).toObject();
                return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
            };
            if (e.revision <= 0) { // not from the revisioned stream: no key to share it under
                message += encode();
                continue;
            }
            QHash<qint64, QString> &cache = c.payloads ? encoded : encodedRedacted;
            auto cached = cache.constFind(e.revision);
            if (cached == cache.cend())
                cached = cache.insert(e.revision, encode());
            message += *cached;
        }
        message += u"]}"_s;
        c.queue.clear();
        c.socket->sendTextMessage(message);
    }
}

} // namespace taskmill
