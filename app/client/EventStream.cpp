// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "client/EventStream.h"

#include "client/PublicKeyPin.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QSslSocket>
#include <QWebSocket>

#include <utility>

namespace taskmill {

EventStream::EventStream(const QUrl &baseUrl, QObject *parent)
    : QObject(parent)
    , m_url(socketUrl(baseUrl))
{
    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &EventStream::open);
}

EventStream::~EventStream()
{
    blockSignals(true);
    close();
}

QUrl EventStream::socketUrl(const QUrl &baseUrl)
{
    QUrl url = baseUrl;
    url.setScheme(baseUrl.scheme() == u"https" ? QStringLiteral("wss") : QStringLiteral("ws"));
    QString path = url.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    url.setPath(path + QStringLiteral("/api/v1/ws"));
    url.setQuery(QString());
    return url;
}

int EventStream::backoffMs(int failures)
{
    int ms = InitialBackoffMs;
    for (int i = 1; i < failures && ms < MaxBackoffMs; ++i)
        ms *= 2;
    return qMin(ms, MaxBackoffMs);
}

void EventStream::open()
{
    m_wanted = true;
    m_reconnectTimer.stop();
    if (m_socket)
        return;
    m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    connect(m_socket, &QWebSocket::connected, this, &EventStream::onSocketConnected);
    connect(m_socket, &QWebSocket::disconnected, this, &EventStream::onSocketDisconnected);
    connect(m_socket, &QWebSocket::textMessageReceived, this, &EventStream::onTextMessageReceived);
    // A refused or failed handshake may report only an error, without `disconnected`.
    connect(m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this, [this](QAbstractSocket::SocketError) {
        if (!m_socket)
            return;
        if (!m_refused)
            m_lastError = m_socket->errorString();
        if (m_socket->state() != QAbstractSocket::ConnectedState)
            onSocketDisconnected();
    });
    const bool tls = m_url.scheme() == u"wss";
    if (tls)
        m_socket->setSslConfiguration(m_ssl);
    QNetworkRequest request(m_url);
    if (!m_authorization.isEmpty())
        request.setRawHeader("Authorization", m_authorization);
    m_refused = false;
    m_socket->open(request);
    // QWebSocket writes the upgrade request as soon as TCP connects; QSslSocket holds it until the TLS
    // handshake is done and sends it after `encrypted` has been handled, so an abort here sends nothing.
    if (QSslSocket *tlsSocket = tls && !m_pins.isEmpty() ? m_socket->findChild<QSslSocket *>() : nullptr) {
        connect(tlsSocket, &QSslSocket::encrypted, m_socket, [this, tlsSocket] {
            if (!acceptedByPins(tlsSocket->sslConfiguration()))
                tlsSocket->abort();
        }, Qt::DirectConnection);
    }
}

void EventStream::close()
{
    m_wanted = false;
    m_failures = 0;
    m_reconnectTimer.stop();
    if (QWebSocket *socket = std::exchange(m_socket, nullptr)) {
        socket->disconnect(this);
        socket->abort();
        socket->deleteLater();
    }
    setSubscribed(false);
}

void EventStream::onSocketConnected()
{
    if (m_url.scheme() == u"wss" && !acceptedByPins(m_socket->sslConfiguration())) {
        m_socket->abort();
        return;
    }
    const QJsonObject subscribe{{QStringLiteral("type"), QStringLiteral("subscribe")}};
    m_socket->sendTextMessage(QString::fromUtf8(QJsonDocument(subscribe).toJson(QJsonDocument::Compact)));
}

void EventStream::onSocketDisconnected()
{
    QWebSocket *socket = std::exchange(m_socket, nullptr);
    if (!socket)
        return; // the error and the disconnect of one failure both arrive here
    socket->disconnect(this);
    socket->deleteLater();
    setSubscribed(false);
    if (m_wanted)
        scheduleReconnect();
}

void EventStream::scheduleReconnect()
{
    ++m_failures;
    m_reconnectTimer.start(backoffMs(m_failures));
}

void EventStream::onTextMessageReceived(const QString &text)
{
    const QJsonObject o = QJsonDocument::fromJson(text.toUtf8()).object();
    const QString type = o.value(QStringLiteral("type")).toString();
    if (type == u"subscribed") {
        m_failures = 0;
        m_lastError.clear();
        m_subscribedRevision = o.value(QStringLiteral("revision")).toInteger(-1);
        setSubscribed(true);
        return;
    }
    if (type == u"events") {
        QList<TaskEvent> events;
        for (const QJsonValue &v : o.value(QStringLiteral("events")).toArray()) {
            Result<TaskEvent> event = TaskEvent::fromJson(v.toObject());
            if (!event) {
                // A gap in the sequence is worse than a reload: let the consumer take a snapshot.
                emit resyncRequired();
                return;
            }
            events.append(*event);
        }
        const qint64 revision = o.value(QStringLiteral("revision")).toInteger(
            events.isEmpty() ? m_subscribedRevision : events.constLast().revision);
        emit eventsReceived(events, revision);
        return;
    }
    if (type == u"pauses") {
        if (Result<PauseSet> pauses = PauseSet::fromJson(o.value(QStringLiteral("items")).toArray()); pauses)
            emit pausesReceived(*pauses);
        return;
    }
    if (type == u"resync") {
        // The server disconnects right after; the reconnect resubscribes.
        emit resyncRequired();
        return;
    }
    // `error` answers a bad subscription, which this client never sends; unknown types are ignored.
}

bool EventStream::acceptedByPins(const QSslConfiguration &session)
{
    const QString failure = PublicKeyPin::mismatch(PublicKeyPin::peerChain(session), m_pins);
    if (failure.isEmpty())
        return true;
    m_refused = true;
    m_lastError = failure;
    return false;
}

void EventStream::setSubscribed(bool subscribed)
{
    if (m_subscribed == subscribed)
        return;
    m_subscribed = subscribed;
    if (!subscribed)
        m_subscribedRevision = -1;
    emit connectedChanged(subscribed);
}

} // namespace taskmill
