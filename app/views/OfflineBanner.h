// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include <QDateTime>
#include <QFrame>
#include <QPointer>
#include <QTimer>

class QLabel;
class QPushButton;

namespace taskmill {

class BackendClient;

// A bar over the pages while the client is not connected, in the palette's tooltip colours (the theme's own
// "note" colours, light or dark): "Not connected to <server> — showing data from HH:MM. Reconnecting in
// N s…" with a "Reconnect now" button (BackendClient::retryNow), the reason as its tooltip. It appears the
// moment the connection state leaves Connected, not at startup before the first attempt has failed. While it
// shows, the item views under `dimmed` draw their text in the disabled colour on the disabled background —
// the rows stay readable, selectable and selected, and plainly not live — and get their palette back on
// reconnect.
class OfflineBanner final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OfflineBanner)

public:
    OfflineBanner(BackendClient &client, QWidget *dimmed, QWidget *parent = nullptr);

    QString text() const;
    QPushButton *reconnectButton() const { return m_reconnect; }
    QDateTime lastAnswerAt() const { return m_lastAnswer; } // the last answered probe; invalid before one
    bool isDimming() const { return m_dimming; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyColours();
    void onStateChanged();
    void showText();
    void setDimming(bool dim);

    BackendClient &m_client;
    QPointer<QWidget> m_dimmed;
    QLabel *m_text = nullptr;
    QPushButton *m_reconnect = nullptr;
    QTimer m_countdown; // ticks while shown, for the seconds to the next attempt
    QDateTime m_lastAnswer;
    bool m_dimming = false;
};

} // namespace taskmill
