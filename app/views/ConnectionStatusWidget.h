// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "client/BackendClient.h"

#include <QWidget>

class QLabel;

namespace taskmill {

// Passive status-bar indicator: connection state (coloured dot + text, the reason as tooltip),
// backend version and probe latency. Never pops anything up.
class ConnectionStatusWidget final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionStatusWidget)

public:
    explicit ConnectionStatusWidget(BackendClient &client, QWidget *parent = nullptr);

    QString stateText() const;

private:
    void showState();

    BackendClient &m_client;
    QLabel *m_dot = nullptr;
    QLabel *m_state = nullptr;
    QLabel *m_version = nullptr;
    QLabel *m_latency = nullptr;
};

} // namespace taskmill
