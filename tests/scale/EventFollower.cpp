// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "EventFollower.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutexLocker>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <QUrlQuery>
#include <QWebSocket>

using namespace Qt::StringLiterals;

namespace taskmill::test {

namespace {
// Pause before reopening a dropped stream or repeating a failed catch-up request: pacing, so a proxy that
// has not yet noticed a dead server is not hammered; nothing waits on it.
constexpr int RetryPauseMs = 50;
constexpr int CatchUpLimit = 10000;
} // namespace

EventFollower::EventFollower(const QUrl &base, const QByteArray &token, QObject *parent)
    : QObject(parent), m_base(base), m_token(token)
{
}

EventFollower::~EventFollower() = default;

void EventFollower::start()
{
    // Created here, in the thread this object was moved to, so their sockets live there too.
    m_ws = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    m_nam = new QNetworkAccessManager(this);
    connect(m_ws, &QWebSocket::connected, this, [this] {
        m_ws->sendTextMessage(u"{\"type\":\"subscribe\"}"_s);
    });
    connect(m_ws, &QWebSocket::textMessageReceived, this, &EventFollower::onText);
    connect(m_ws, &QWebSocket::disconnected, this, &EventFollower::onDisconnected);
    open();
}

void EventFollower::stop()
{
    m_stopping = true;
    if (m_ws)
        m_ws->close();
}

EventFollower::Report EventFollower::report() const
{
    QMutexLocker lock(&m_mutex);
    return m_report;
}

void EventFollower::open()
{
    if (m_stopping)
        return;
    QUrl url = m_base;
    url.setScheme(u"ws"_s);
    url.setPath(u"/api/v1/ws"_s);
    // Browsers cannot set headers on a WebSocket, so the stream also takes the token in the query.
    url.setQuery(u"access_token="_s + QString::fromLatin1(m_token));
    m_ws->open(url);
}

void EventFollower::onText(const QString &text)
{
    const QJsonObject message = QJsonDocument::fromJson(text.toUtf8()).object();
    const QString type = message.value(u"type"_s).toString();
    if (type == u"subscribed") {
        const qint64 revision = message.value(u"revision"_s).toInteger();
        m_subscribed = true;
        m_lastLive = -1;
        {
            QMutexLocker lock(&m_mutex);
            ++m_report.connects;
            if (m_report.start < 0)
                m_report.start = m_report.applied = revision;
        }
        m_connectsAtomic.fetch_add(1);
        const qint64 applied = report().applied;
        if (revision > applied) {
            // Everything between what we applied and what this server's stream starts after comes from the
            // catch-up route; live events above `revision` wait until it is done.
            m_target = std::max(m_target, revision);
            if (!m_catchingUp) {
                m_catchingUp = true;
                catchUp();
            }
        }
        publish();
    } else if (type == u"events") {
        for (const QJsonValue &e : message.value(u"events"_s).toArray()) {
            const qint64 revision = e.toObject().value(u"revision"_s).toInteger();
            if (m_catchingUp)
                m_held.append(revision);
            else
                applyLive(revision);
        }
        publish();
    } else if (type == u"resync" || type == u"error") {
        problem(u"server sent %1: %2"_s.arg(type, text.left(300)));
    }
}

void EventFollower::onDisconnected()
{
    m_subscribed = false;
    {
        QMutexLocker lock(&m_mutex);
        ++m_report.disconnects;
    }
    publish();
    if (m_stopping)
        return;
    if (m_lag.load() > 0)
        reopenWhenBehind(0);
    else
        QTimer::singleShot(RetryPauseMs, this, &EventFollower::open);
}

void EventFollower::reopenWhenBehind(int attempt)
{
    constexpr int MaxAttempts = 40; // × RetryPauseMs: give up waiting for the stream near the end of a run
    QUrl url = m_base.resolved(QUrl(u"/api/v1/events"_s));
    url.setQuery(u"since=%1&limit=1"_s.arg(report().applied));
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    request.setRawHeader("Authorization", "Bearer " + m_token);
    QNetworkReply *reply = m_nam->get(request);
    connect(reply, &QNetworkReply::finished, this, [this, reply, attempt] {
        reply->deleteLater();
        const qint64 head = QJsonDocument::fromJson(reply->readAll()).object().value(u"head"_s).toInteger(-1);
        if (m_stopping)
            return;
        if (head >= report().applied + m_lag.load() || attempt >= MaxAttempts)
            open();
        else
            QTimer::singleShot(RetryPauseMs, this, [this, attempt] { reopenWhenBehind(attempt + 1); });
    });
}

void EventFollower::catchUp()
{
    QUrl url = m_base.resolved(QUrl(u"/api/v1/events"_s));
    url.setQuery(u"since=%1&limit=%2"_s.arg(report().applied).arg(CatchUpLimit));
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    request.setRawHeader("Authorization", "Bearer " + m_token);
    QNetworkReply *reply = m_nam->get(request);
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status != 200) {
            if (status == 410)
                problem(u"catch-up refused with 410: the revisions after %1 are no longer kept"_s.arg(report().applied));
            // A proxy answer for a server that just died (502/503) or no answer: ask again.
            QTimer::singleShot(RetryPauseMs, this, &EventFollower::catchUp);
            return;
        }
        const QJsonArray events = QJsonDocument::fromJson(reply->readAll()).object().value(u"events"_s).toArray();
        for (const QJsonValue &e : events) {
            const qint64 revision = e.toObject().value(u"revision"_s).toInteger();
            if (revision > report().applied)
                advance(revision, true);
        }
        if (!events.isEmpty() && report().applied < m_target) {
            catchUp();
            return;
        }
        if (report().applied < m_target)
            problem(u"catch-up ended at revision %1, below %2 announced by subscribed"_s.arg(report().applied).arg(m_target));
        m_catchingUp = false;
        const QList<qint64> held = std::exchange(m_held, {});
        for (qint64 revision : held)
            applyLive(revision);
        publish();
    });
}

void EventFollower::applyLive(qint64 revision)
{
    if (m_lastLive >= 0 && revision <= m_lastLive)
        problem(u"live revision %1 after %2 on the same connection"_s.arg(revision).arg(m_lastLive));
    m_lastLive = revision;
    if (revision <= report().applied) {
        // After a reconnect to a server whose hub was a little behind us: already applied.
        QMutexLocker lock(&m_mutex);
        ++m_report.replayed;
        return;
    }
    advance(revision, false);
}

void EventFollower::advance(qint64 revision, bool caughtUp)
{
    QMutexLocker lock(&m_mutex);
    if (revision != m_report.applied + 1)
        m_report.problems << u"gap: revisions %1..%2 never arrived (next was %3, %4)"_s.arg(m_report.applied + 1)
                                 .arg(revision - 1)
                                 .arg(revision)
                                 .arg(caughtUp ? u"from the catch-up"_s : u"live"_s);
    m_report.applied = revision;
    if (caughtUp)
        ++m_report.caughtUp;
}

void EventFollower::problem(const QString &text)
{
    QMutexLocker lock(&m_mutex);
    if (m_report.problems.size() < 50)
        m_report.problems << text;
}

void EventFollower::publish()
{
    m_appliedAtomic.store(report().applied);
    m_liveAtomic.store(m_subscribed && !m_catchingUp);
}

} // namespace taskmill::test
