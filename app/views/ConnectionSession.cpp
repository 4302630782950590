// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "views/ConnectionSession.h"

#include "client/BackendClient.h"
#include "client/EventStream.h"
#include "client/LocalBackend.h"
#include "client/ProfileSecrets.h"
#include "settings/AppSettings.h"
#include "views/ConnectionDialog.h"
#include "views/MainWindow.h"
#include "views/TaskTablePanel.h"

#include <QStatusBar>

namespace taskmill {

namespace {
constexpr int AuthMessageMs = 15'000;
}

ConnectionSession::ConnectionSession(QNetworkAccessManager &network, AppSettings &settings, ProfileSecrets &secrets,
                                     const ConnectionProfile &profile, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_secrets(secrets)
    , m_client(std::make_unique<BackendClient>(network, profile))
{
    if (profile.kind == ConnectionProfile::Kind::Local)
        m_local = std::make_unique<LocalBackend>();
    m_window = std::make_unique<MainWindow>(*m_client, m_settings, m_local.get());
    connect(m_window.get(), &MainWindow::connectionDialogRequested, this, &ConnectionSession::openConnectionDialog);
    connect(m_client.get(), &BackendClient::authenticationRequired, m_window.get(), [this](const QString &message) {
        // Passive, as every connection problem: the status bar says what to do; no dialog pops up.
        m_window->statusBar()->showMessage(
            tr("%1 Use File → Connect to… to enter the credentials, then Retry now.").arg(message), AuthMessageMs);
    });
}

ConnectionSession::~ConnectionSession()
{
    // The window may be set to hide to the tray on close, so its layout is saved here, not by close().
    m_settings.setWindowGeometry(m_window->saveGeometry());
    m_settings.setWindowState(m_window->saveState());
    m_settings.setTaskTableState(m_window->taskTable()->headerState());
    m_client->abortAll();
    m_window->hide();
    m_window.reset();
    m_local.reset();
    m_client.reset();
}

void ConnectionSession::start(bool showWindow)
{
    if (showWindow)
        m_window->show();
    const ConnectionProfile &profile = m_client->profile();
    if (!profile.needsSecret()) {
        connectClient();
        return;
    }
    m_secrets.load(profile).then(this, [this](SecretResult result) {
        if (result.ok())
            m_client->setSecret(result.secret);
        else if (!result.message.isEmpty())
            m_window->statusBar()->showMessage(result.message, AuthMessageMs);
        // Without a secret the backend decides: it may not require one (docs/app.md, Connections).
        connectClient();
    });
}

void ConnectionSession::connectClient()
{
    if (m_local) {
        // Only when nothing answers at all: an answering backend (even a degraded one) is used as is.
        m_client->health().then(this, [this](Result<HealthInfo> health) {
            if (!health && health.error().code == ErrorCode::Unavailable)
                m_local->start(m_client->profile().baseUrl);
        });
    }
    m_client->connectToBackend();
    m_client->eventStream().open();
}

void ConnectionSession::openConnectionDialog()
{
    auto *dialog = new ConnectionDialog(m_settings, m_secrets, m_client->profile(), m_window.get());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const std::optional<ConnectionProfile> chosen = dialog->chosenProfile();
        if (!chosen)
            return;
        if (*chosen != m_client->profile()) {
            emit switchRequested(*chosen);
            return;
        }
        // Same profile, perhaps a new secret: no need to rebuild the window.
        if (!chosen->needsSecret()) {
            m_client->retryNow();
            return;
        }
        m_secrets.load(*chosen).then(this, [this](SecretResult result) {
            if (result.ok())
                m_client->setSecret(result.secret);
            m_client->retryNow();
        });
    });
    dialog->open();
}

} // namespace taskmill
