// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "views/OfflineBanner.h"
#include "models/TimeFormat.h"

#include "client/BackendClient.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QStyle>
#include <QTextDocument>

#include <cmath>

namespace taskmill {

namespace {
constexpr int CountdownTickMs = 250; // fine enough that the shown second never lags by a whole one
constexpr int IconSizePx = 16;
// Set on a dimmed view: its own palette to restore, or false when it had none (it inherits again).
constexpr char PaletteBeforeDimming[] = "taskmillPaletteBeforeDimming";

using State = BackendClient::ConnectionState;

QString shortTime(const QDateTime &at)
{
    // Data from an earlier day says so; today's needs only the time.
    return at.toLocalTime().date() == QDate::currentDate() ? formatClock(at, TimePrecision::Minutes)
                                                           : formatTime(at, TimePrecision::Minutes);
}
} // namespace

OfflineBanner::OfflineBanner(BackendClient &client, QWidget *dimmed, QWidget *parent)
    : QFrame(parent)
    , m_client(client)
    , m_dimmed(dimmed)
{
    setObjectName(QStringLiteral("offlineBanner"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    applyColours();

    auto *icon = new QLabel(this);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(IconSizePx, IconSizePx));
    m_text = new QLabel(this);
    m_text->setObjectName(QStringLiteral("offlineText"));
    m_text->setTextFormat(Qt::PlainText);
    m_text->setWordWrap(true);
    m_reconnect = new QPushButton(tr("Reconnect now"), this);
    m_reconnect->setObjectName(QStringLiteral("reconnectNowButton"));
    m_reconnect->setToolTip(tr("Try to reach the server at once instead of waiting"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    layout->addWidget(icon);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_reconnect);

    m_countdown.setInterval(CountdownTickMs);
    connect(&m_countdown, &QTimer::timeout, this, &OfflineBanner::showText);
    connect(m_reconnect, &QPushButton::clicked, &m_client, &BackendClient::retryNow);
    connect(&m_client, &BackendClient::connectionStateChanged, this, &OfflineBanner::onStateChanged);
    connect(&m_client, &BackendClient::reconnectScheduled, this, &OfflineBanner::showText);
    connect(&m_client, &BackendClient::healthUpdated, this, [this] { m_lastAnswer = QDateTime::currentDateTime(); });
    hide();
    // Before the first attempt the client is Disconnected too, but nothing has failed yet.
    const State state = m_client.connectionState();
    if (state == State::AuthenticationFailed || (state == State::Disconnected && m_client.reconnectInMs() >= 0))
        onStateChanged();
}

void OfflineBanner::applyColours()
{
    // From the application's palette, not our own: ours has these two roles set already.
    QPalette colours = QApplication::palette(this);
    colours.setColor(QPalette::Window, colours.color(QPalette::ToolTipBase));
    colours.setColor(QPalette::WindowText, colours.color(QPalette::ToolTipText));
    setPalette(colours);
}

void OfflineBanner::changeEvent(QEvent *event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::ApplicationPaletteChange)
        applyColours(); // the appearance was switched (View → Appearance) while the app runs
}

QString OfflineBanner::text() const
{
    return isVisibleTo(parentWidget()) ? m_text->text() : QString();
}

void OfflineBanner::onStateChanged()
{
    // Connecting is the first attempt of a session; after a loss the state stays Disconnected until an answer.
    const State state = m_client.connectionState();
    const bool offline = state == State::Disconnected || state == State::AuthenticationFailed;
    setVisible(offline);
    setDimming(offline);
    if (offline) {
        showText();
        m_countdown.start();
    } else {
        m_countdown.stop();
    }
}

void OfflineBanner::showText()
{
    if (isHidden())
        return;
    const QString server = m_client.profile().baseUrl.toDisplayString();
    const QString where = m_lastAnswer.isValid()
                              ? tr("Not connected to %1 — showing data from %2.").arg(server, shortTime(m_lastAnswer))
                              : tr("Not connected to %1.").arg(server);
    QString next;
    if (m_client.connectionState() == State::AuthenticationFailed)
        next = tr("The server refused the credentials.");
    else if (const int ms = m_client.reconnectInMs(); ms >= 0)
        next = tr("Reconnecting in %Ln s…", nullptr, int(std::ceil(ms / 1000.0)));
    else
        next = tr("Reconnecting…");
    m_text->setText(tr("%1 %2", "offline banner: what is shown, then the next attempt").arg(where, next));
    // The reason comes from the network layer and may quote the server: plain text.
    const QString reason = m_client.lastError();
    setToolTip(reason.isEmpty() ? QString() : Qt::convertFromPlainText(reason));
}

void OfflineBanner::setDimming(bool dim)
{
    if (dim == m_dimming || !m_dimmed)
        return;
    m_dimming = dim;
    for (QAbstractItemView *view : m_dimmed->findChildren<QAbstractItemView *>()) {
        // Headers follow their table; popups (a combo box's list) are windows of their own.
        if (qobject_cast<QHeaderView *>(view) || view->window() != m_dimmed->window())
            continue;
        const QVariant before = view->property(PaletteBeforeDimming);
        if (!dim) {
            if (!before.isValid())
                continue;
            view->setPalette(before.metaType() == QMetaType::fromType<QPalette>() ? before.value<QPalette>() : QPalette());
            view->setProperty(PaletteBeforeDimming, QVariant());
            continue;
        }
        if (before.isValid())
            continue;
        view->setProperty(PaletteBeforeDimming,
                          view->testAttribute(Qt::WA_SetPalette) ? QVariant::fromValue(view->palette()) : QVariant(false));
        QPalette grey = view->palette();
        for (const QPalette::ColorGroup group : {QPalette::Active, QPalette::Inactive})
            for (const QPalette::ColorRole role : {QPalette::Text, QPalette::Base, QPalette::AlternateBase})
                grey.setColor(group, role, grey.color(QPalette::Disabled, role));
        view->setPalette(grey);
    }
}

} // namespace taskmill
