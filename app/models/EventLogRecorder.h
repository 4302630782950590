// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/WireTypes.h"
#include "client/BackendClient.h"

#include <QObject>

namespace taskmill {

class EventLogModel;

// Feeds the events log: every live task event from the client's EventStream, and a notice for each
// change the user should know about while looking elsewhere: connection lost / restored, credentials
// refused, backend health degraded / recovered, the local backend failing. Only transitions are logged,
// so a backend that stays down for an hour is one line, not one per probe.
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

private:
    BackendClient &m_client;
    EventLogModel &m_log;
    BackendClient::ConnectionState m_state = BackendClient::ConnectionState::Disconnected;
    bool m_wasConnected = false; // a later Disconnected is a loss, not the initial state
    QString m_health;            // last health status seen ("ok", "degraded"); empty before one
    bool m_postgres = true;
    bool m_redis = true;
};

} // namespace taskmill
