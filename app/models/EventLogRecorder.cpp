// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "models/EventLogRecorder.h"
#include "models/TimeFormat.h"

#include "client/EventStream.h"
#include "models/EventLogModel.h"

#include <QLocale>
#include <QStringList>

#include <utility>

namespace taskmill {

using Severity = EventLogEntry::Severity;

namespace {
constexpr int CatchUpLimit = 1000; // events per request; a long outage takes several bounded answers

QString clockTime(const QDateTime &at)
{
    return formatClock(at, TimePrecision::Minutes);
}
} // namespace

EventLogRecorder::EventLogRecorder(BackendClient &client, EventLogModel &log, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_log(log)
{
    connect(&client, &BackendClient::connectionStateChanged, this, &EventLogRecorder::onConnectionStateChanged);
    connect(&client, &BackendClient::healthUpdated, this, &EventLogRecorder::onHealthUpdated);
    connect(&client.eventStream(), &EventStream::eventsReceived, this, &EventLogRecorder::onStreamEvents);
    connect(&client.eventStream(), &EventStream::connectedChanged, this, &EventLogRecorder::onStreamConnectedChanged);
    connect(&client.eventStream(), &EventStream::resyncRequired, this, [this] {
        m_log.appendNotice(Severity::Warning, tr("Live events fell behind; the task list was reloaded"));
    });
}

void EventLogRecorder::onConnectionStateChanged(BackendClient::ConnectionState state)
{
    using State = BackendClient::ConnectionState;
    if (state == m_state)
        return;
    const State previous = m_state;
    m_state = state;
    switch (state) {
    case State::Connected:
        if (m_wasConnected || previous == State::AuthenticationFailed)
            m_log.appendNotice(Severity::Info, tr("Connection to the backend restored"));
        else
            m_log.appendNotice(Severity::Info, tr("Connected to %1").arg(m_client.profile().baseUrl.toDisplayString()));
        m_wasConnected = true;
        break;
    case State::Disconnected:
        if (previous == State::Connected) {
            const QString why = m_client.lastError();
            m_log.appendNotice(Severity::Error, why.isEmpty() ? tr("Connection to the backend lost")
                                                              : tr("Connection to the backend lost: %1").arg(why));
        }
        break;
    case State::AuthenticationFailed:
        m_log.appendNotice(Severity::Error, tr("The backend refused the credentials"));
        break;
    case State::Connecting:
        break;
    }
}

void EventLogRecorder::onHealthUpdated(const HealthInfo &health)
{
    const bool changed = health.status != m_health || health.postgres != m_postgres || health.redis != m_redis;
    const bool first = m_health.isEmpty();
    m_health = health.status;
    m_postgres = health.postgres;
    m_redis = health.redis;
    if (!changed || (first && health.status == u"ok"))
        return;
    if (health.status == u"ok") {
        m_log.appendNotice(Severity::Info, tr("Backend healthy again"));
        return;
    }
    QStringList down;
    if (!health.postgres)
        down << tr("PostgreSQL is down");
    if (!health.redis)
        down << tr("Redis is down");
    m_log.appendNotice(Severity::Warning, down.isEmpty() ? tr("Backend degraded")
                                                         : tr("Backend degraded: %1").arg(down.join(QStringLiteral("; "))));
}

void EventLogRecorder::onLocalBackendFailed(const QString &message)
{
    m_log.appendNotice(Severity::Error, tr("Local backend failed: %1").arg(message));
}

void EventLogRecorder::onStreamConnectedChanged(bool subscribed)
{
    if (!subscribed) {
        if (m_revision >= 0 && !m_lostAt.isValid())
            m_lostAt = QDateTime::currentDateTime();
        return;
    }
    const qint64 head = m_client.eventStream().subscribedRevision();
    if (m_revision < 0 || head < m_revision) {
        // The first subscription starts the log; a server whose numbering restarted (a new database) has
        // nothing the old numbers could fetch.
        m_revision = head;
        m_lostAt = {};
        return;
    }
    if (head > m_revision)
        catchUp();
    else
        m_lostAt = {};
}

void EventLogRecorder::onStreamEvents(const QList<TaskEvent> &events, qint64 revision)
{
    if (!m_catchingUp && !events.isEmpty() && m_revision >= 0 && events.constFirst().revision > m_revision + 1)
        catchUp(); // a batch went missing: fetch it, these wait behind it
    if (m_catchingUp) {
        m_buffered.append(events);
        m_bufferedRevision = qMax(m_bufferedRevision, revision);
        return;
    }
    append(events, revision);
}

void EventLogRecorder::append(const QList<TaskEvent> &events, qint64 revision)
{
    QList<TaskEvent> fresh;
    for (const TaskEvent &event : events)
        if (event.revision > m_revision)
            fresh.append(event);
    if (!fresh.isEmpty())
        m_log.appendEvents(fresh);
    m_caughtUp += int(fresh.size());
    m_revision = qMax(m_revision, fresh.isEmpty() ? revision : qMax(revision, fresh.constLast().revision));
}

void EventLogRecorder::catchUp()
{
    if (m_catchingUp)
        return;
    m_catchingUp = true;
    m_caughtUp = 0;
    fetchMissed();
}

void EventLogRecorder::fetchMissed()
{
    m_client.events(m_revision, CatchUpLimit).then(this, [this](Result<EventsPage> page) {
        if (!page && page.error().code == ErrorCode::Unavailable) {
            // The server went away again: the next subscription tries again. What waits stays buffered: the
            // catch-up fetches those events too, and the revision check drops the copies.
            m_catchingUp = false;
            return;
        }
        if (!page) {
            finishCatchUp(false); // 410: the server no longer keeps them
            return;
        }
        append(page->events, page->revision);
        if (!page->events.isEmpty() && page->revision < page->head)
            fetchMissed();
        else
            finishCatchUp(true);
    });
}

void EventLogRecorder::finishCatchUp(bool complete)
{
    const QDateTime now = QDateTime::currentDateTime();
    if (!complete) {
        const QDateTime from = m_lostAt.isValid() ? m_lostAt : now;
        m_log.appendNotice(Severity::Warning, tr("Events between %1 and %2 were missed while offline")
                                                  .arg(clockTime(from), clockTime(now)));
        // Live events go on from where the stream stands.
        m_revision = qMax(m_revision, m_client.eventStream().subscribedRevision());
    } else if (m_caughtUp > 0) {
        m_log.appendNotice(Severity::Info, tr("Caught up on %Ln event(s) from while the connection was down", nullptr,
                                              m_caughtUp));
    }
    m_catchingUp = false;
    m_lostAt = {};
    const QList<TaskEvent> buffered = std::exchange(m_buffered, {});
    append(buffered, std::exchange(m_bufferedRevision, -1));
}

} // namespace taskmill
