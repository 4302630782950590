// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/WireTypes.h"
#include "client/BackendClient.h"

#include <QDateTime>
#include <QList>
#include <QObject>

namespace taskmill {

class EventLogModel;

// Feeds the events log: every live task event from the client's EventStream, and a notice for each
// change the user should know about while looking elsewhere: connection lost / restored, credentials
// refused, backend health degraded / recovered, the local backend failing. Only transitions are logged,
// so a backend that stays down for an hour is one line, not one per probe. The log has no holes: when the
// stream subscribes again after a loss it catches up from the last revision logged with GET /api/v1/events
// (live events meanwhile wait, so the order holds), and when the server no longer has those events (410)
// or cannot be asked, a line says which span was missed.
class EventLogRecorder final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventLogRecorder)

public:
    EventLogRecorder(BackendClient &client, EventLogModel &log, QObject *parent = nullptr);

    // Public so tests and MainWindow (local backend) can drive them directly.
    void onConnectionStateChanged(taskmill::BackendClient::ConnectionState state);
    void onHealthUpdated(const taskmill::HealthInfo &health);
    void onLocalBackendFailed(const QString &message);

    qint64 revision() const { return m_revision; } // of the last event logged; -1 before the first subscription
    bool isCatchingUp() const { return m_catchingUp; }

private:
    void onStreamConnectedChanged(bool subscribed);
    void onStreamEvents(const QList<taskmill::TaskEvent> &events, qint64 revision);
    void append(const QList<taskmill::TaskEvent> &events, qint64 revision); // those after m_revision
    void catchUp();
    void fetchMissed(); // one page of GET /api/v1/events after m_revision, then the next
    void finishCatchUp(bool complete);

    BackendClient &m_client;
    EventLogModel &m_log;
    BackendClient::ConnectionState m_state = BackendClient::ConnectionState::Disconnected;
    bool m_wasConnected = false; // a later Disconnected is a loss, not the initial state
    QString m_health;            // last health status seen ("ok", "degraded"); empty before one
    bool m_postgres = true;
    bool m_redis = true;
    qint64 m_revision = -1;
    bool m_catchingUp = false;
    int m_caughtUp = 0;            // events added by the current catch-up
    QList<TaskEvent> m_buffered;   // live events that arrived during a catch-up
    qint64 m_bufferedRevision = -1;
    QDateTime m_lostAt;            // when the stream went down; invalid while it is up
};

} // namespace taskmill
