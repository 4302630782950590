// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "views/ConnectionStatusWidget.h"

#include "models/CallerAccess.h"

#include "wire/ServerInfo.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPixmap>

#include <cmath>

namespace taskmill {

namespace {
constexpr int CountdownTickMs = 250; // fine enough that the shown second never lags by a whole one

QPixmap dot(const QColor &color, qreal devicePixelRatio)
{
    const int size = 10;
    QPixmap pixmap(QSize(size, size) * devicePixelRatio);
    pixmap.setDevicePixelRatio(devicePixelRatio);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(color);
    painter.drawEllipse(QRectF(0.5, 0.5, size - 1, size - 1));
    return pixmap;
}
} // namespace

ConnectionStatusWidget::ConnectionStatusWidget(BackendClient &client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
{
    m_dot = new QLabel(this);
    m_state = new QLabel(this);
    m_state->setObjectName(QStringLiteral("connectionState"));
    m_countdown = new QLabel(this);
    m_countdown->setObjectName(QStringLiteral("reconnectCountdown"));
    m_version = new QLabel(this);
    m_latency = new QLabel(this);
    m_caller = new QLabel(this);
    m_caller->setObjectName(QStringLiteral("callerLabel"));
    m_caller->setTextFormat(Qt::PlainText); // an account name is the server's text
    m_caller->hide();
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 0, 4, 0);
    layout->addWidget(m_dot);
    layout->addWidget(m_state);
    layout->addWidget(m_countdown);
    layout->addSpacing(8);
    layout->addWidget(m_version);
    layout->addSpacing(8);
    layout->addWidget(m_latency);
    layout->addSpacing(8);
    layout->addWidget(m_caller);
    m_countdownTimer.setInterval(CountdownTickMs);
    connect(&m_countdownTimer, &QTimer::timeout, this, &ConnectionStatusWidget::showCountdown);
    connect(&m_client, &BackendClient::connectionStateChanged, this, &ConnectionStatusWidget::showState);
    connect(&m_client, &BackendClient::connectionStateChanged, this, [this](BackendClient::ConnectionState state) {
        if (state == BackendClient::ConnectionState::Connected)
            loadCaller();
        else
            m_caller->hide();
    });
    connect(&m_client, &BackendClient::credentialsChanged, this, [this] {
        if (m_client.connectionState() == BackendClient::ConnectionState::Connected)
            loadCaller(); // a login, a new token: someone else now
    });
    connect(&m_client, &BackendClient::healthUpdated, this, &ConnectionStatusWidget::showState);
    connect(&m_client, &BackendClient::reconnectScheduled, this, &ConnectionStatusWidget::showState);
    showState();
}

QString ConnectionStatusWidget::stateText() const
{
    return m_state->text();
}

QString ConnectionStatusWidget::callerText() const
{
    return m_caller->isVisibleTo(this) ? m_caller->text() : QString();
}

void ConnectionStatusWidget::loadCaller()
{
    m_client.serverInfo().then(this, [this](Result<ServerInfo> info) {
        if (!info || info->callerRole.isEmpty()) {
            m_caller->hide(); // an older server, or it did not answer: nothing to say
            return;
        }
        // The owner's own backend, reached anonymously or with its local-token file.
        const bool local = info->callerName == u"local"
            || (m_client.hasLocalToken() && m_client.profile().auth == ConnectionProfile::Auth::None);
        m_caller->setText(local
                              ? tr("local access (%1)", "status bar: the owner's own backend, role").arg(CallerAccess::roleName(info->callerRole))
                              : tr("%1 (%2)", "status bar: account or token name, role").arg(info->callerName, CallerAccess::roleName(info->callerRole)));
        m_caller->setToolTip(tr("Who the server takes this connection for, and its role"));
        m_caller->show();
    });
}

QString ConnectionStatusWidget::reconnectText() const
{
    return m_countdown->isVisibleTo(this) ? m_countdown->text() : QString();
}

void ConnectionStatusWidget::showState()
{
    const QString where = m_client.profile().baseUrl.toDisplayString();
    QColor color;
    switch (m_client.connectionState()) {
    case BackendClient::ConnectionState::Connected:
        color = QColor(0x2e, 0x7d, 0x32);
        m_state->setText(tr("Connected to %1").arg(where));
        break;
    case BackendClient::ConnectionState::Connecting:
        color = QColor(0xef, 0x6c, 0x00);
        m_state->setText(tr("Connecting to %1…").arg(where));
        break;
    case BackendClient::ConnectionState::Disconnected:
        color = QColor(0xc6, 0x28, 0x28);
        m_state->setText(tr("Disconnected from %1").arg(where));
        break;
    case BackendClient::ConnectionState::AuthenticationFailed:
        color = QColor(0xc6, 0x28, 0x28);
        m_state->setText(tr("Authentication failed at %1").arg(where));
        break;
    }
    m_dot->setPixmap(dot(color, devicePixelRatioF()));
    const bool connected = m_client.connectionState() == BackendClient::ConnectionState::Connected;
    setToolTip(connected || m_client.lastError().isEmpty() ? QString() : m_client.lastError());
    m_version->setText(m_client.version().isEmpty() ? QString() : tr("Backend %1").arg(m_client.version()));
    m_version->setVisible(!m_client.version().isEmpty());
    m_latency->setText(tr("%1 ms", "latency").arg(m_client.latencyMs()));
    m_latency->setVisible(connected && m_client.latencyMs() >= 0);
    showCountdown();
}

void ConnectionStatusWidget::showCountdown()
{
    const int ms = m_client.reconnectInMs();
    const bool scheduled = ms >= 0 && m_client.connectionState() == BackendClient::ConnectionState::Disconnected;
    m_countdown->setVisible(scheduled);
    if (!scheduled) {
        m_countdownTimer.stop();
        return;
    }
    const int seconds = int(std::ceil(ms / 1000.0));
    m_countdown->setText(tr("reconnecting in %Ln s", nullptr, seconds));
    if (!m_countdownTimer.isActive())
        m_countdownTimer.start();
}

} // namespace taskmill
