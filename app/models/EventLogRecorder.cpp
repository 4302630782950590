// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "models/EventLogRecorder.h"

#include "client/EventStream.h"
#include "models/EventLogModel.h"

#include <QStringList>

namespace taskmill {

using Severity = EventLogEntry::Severity;

EventLogRecorder::EventLogRecorder(BackendClient &client, EventLogModel &log, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_log(log)
{
    connect(&client, &BackendClient::connectionStateChanged, this, &EventLogRecorder::onConnectionStateChanged);
    connect(&client, &BackendClient::healthUpdated, this, &EventLogRecorder::onHealthUpdated);
    connect(&client.eventStream(), &EventStream::eventsReceived, this,
            [this](const QList<TaskEvent> &events, qint64) { m_log.appendEvents(events); });
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

} // namespace taskmill
