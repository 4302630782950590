// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "client/BackendClient.h"

#include <QTimer>
#include <QWidget>

class QLabel;

namespace taskmill {

// Passive status-bar indicator: connection state (coloured dot + text, the reason as tooltip),
// backend version and probe latency; while disconnected a "reconnecting in N s" countdown. Never pops
// anything up; the offline banner over the pages carries the one "Reconnect now" button.
class ConnectionStatusWidget final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionStatusWidget)

public:
    explicit ConnectionStatusWidget(BackendClient &client, QWidget *parent = nullptr);

    QString stateText() const;
    QString reconnectText() const; // empty unless a reconnect is scheduled
    QString callerText() const;

private:
    void showState();
    void showCountdown();
    void loadCaller(); // on every (re)connect: the role may have changed

    BackendClient &m_client;
    QLabel *m_dot = nullptr;
    QLabel *m_state = nullptr;
    QLabel *m_countdown = nullptr;
    QLabel *m_version = nullptr;
    QLabel *m_latency = nullptr;
    QLabel *m_caller = nullptr; // who the server takes us for: name and role (server text: plain)
    QTimer m_countdownTimer; // ticks while a reconnect is scheduled
};

} // namespace taskmill
