// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "views/ConnectionSession.h"

#include "client/BackendClient.h"
#include "client/EventStream.h"
#include "client/LocalBackend.h"
#include "client/ProfileSecrets.h"
#include "settings/AppSettings.h"
#include "views/ConnectionDialog.h"
#include "views/LoginDialog.h"
#include "views/MainWindow.h"
#include "views/TaskTablePanel.h"

#include <QStatusBar>

namespace taskmill {

namespace {
constexpr int AuthMessageMs = 15'000;
// A person is waiting behind the offline banner's countdown: never longer than this between attempts (the
// client's default cap is for many unattended clients of one server). The event stream, which reconnects on
// its own, brings the state back even sooner (BackendClient probes when it subscribes).
constexpr int ReconnectMaxBackoffMs = 10'000;
}

ConnectionSession::ConnectionSession(QNetworkAccessManager &network, AppSettings &settings, ProfileSecrets &secrets,
                                     const ConnectionProfile &profile, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_settings(settings)
    , m_secrets(secrets)
    , m_client(std::make_unique<BackendClient>(network, profile))
{
    m_client->setBackoff(BackendClient::InitialBackoffMs, ReconnectMaxBackoffMs);
    if (profile.kind == ConnectionProfile::Kind::Local)
        m_local = std::make_unique<LocalBackend>();
    m_window = std::make_unique<MainWindow>(*m_client, m_settings, m_local.get());
    connect(m_window.get(), &MainWindow::connectionDialogRequested, this, &ConnectionSession::openConnectionDialog);
    connect(m_window.get(), &MainWindow::loginRequested, this, [this] { openLoginDialog(); });
    connect(m_client.get(), &BackendClient::authenticationRequired, this, &ConnectionSession::onAuthenticationRequired);
    if (m_local) {
        // taskmilld --local writes its token file once it is up: pick it up at the first answer.
        connect(m_client.get(), &BackendClient::connectionStateChanged, this, [this](BackendClient::ConnectionState state) {
            if (state == BackendClient::ConnectionState::Connected)
                useLocalToken();
        });
    }
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
        connectClient();
        // Nothing stored to log in with: ask now rather than after the first refused request.
        if (!result.ok() && m_window->isVisible())
            openLoginDialog(result.message);
    });
}

void ConnectionSession::onAuthenticationRequired(const QString &message)
{
    // A local backend may have made a new token (a new data dir, a restart after the old one was revoked).
    if (m_client->profile().kind == ConnectionProfile::Kind::Local
        && m_client->profile().auth == ConnectionProfile::Auth::None && useLocalToken())
        return;
    m_window->statusBar()->showMessage(message, AuthMessageMs);
    // Not over a window hidden in the tray: the tray icon and the status bar say it when it is shown.
    if (m_window->isVisible())
        openLoginDialog(message);
}

bool ConnectionSession::useLocalToken()
{
    const QString dir = m_local ? m_local->dataDir() : LocalBackend::defaultDataDir();
    const QByteArray token = LocalBackend::readLocalToken(dir);
    if (token.isEmpty() || (m_client->hasLocalToken() && token == m_client->localToken()))
        return false;
    m_client->setLocalToken(token);
    return true;
}

LoginDialog *ConnectionSession::loginDialog() const
{
    return m_loginDialog;
}

void ConnectionSession::openLoginDialog(const QString &message)
{
    if (m_loginDialog) {
        m_loginDialog->setMessage(message);
        m_loginDialog->raise();
        return;
    }
    m_loginDialog = new LoginDialog(m_client->profile(), message, m_client.get(), m_window.get());
    m_loginDialog->setAttribute(Qt::WA_DeleteOnClose);
    LoginDialog *dialog = m_loginDialog;
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        applyLogin(dialog->profile(), dialog->secret(), dialog->remember(), dialog->isRegistration());
    });
    dialog->open();
}

void ConnectionSession::applyLogin(const ConnectionProfile &profile, const QString &secret, bool remember, bool registered)
{
    const bool changed = profile != m_client->profile();
    if (changed && !profile.id.isNull()) {
        // Another kind of credentials or user: the stored profile says so from now on.
        QList<ConnectionProfile> profiles = m_settings.profiles();
        for (ConnectionProfile &p : profiles)
            if (p.id == profile.id)
                p = profile;
        m_settings.setProfiles(profiles);
        m_settings.sync();
    }
    // A profile from the command line has no id to key a keychain entry: memory only.
    m_secrets.save(profile, secret, !remember || profile.id.isNull())
        .then(this, [this, profile, secret, changed, registered](SecretResult result) {
            if (result.status == SecretResult::Status::Unavailable) {
                m_secrets.keepForSession(profile, secret);
                m_window->statusBar()->showMessage(result.message, AuthMessageMs);
            }
            if (changed) {
                emit switchRequested(profile); // a new client for the new kind of credentials
                return;
            }
            // The client took the registration's tokens and password (BackendClient::registerAccount): setting the
            // password again would throw those tokens away for a second login.
            if (registered)
                return;
            m_client->setSecret(secret);
            m_client->retryNow();
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
    // A client of its own for the profile as edited (not yet saved); it carries no secret.
    dialog->setPinFetcher([this, dialog](const ConnectionProfile &profile) {
        auto *client = new BackendClient(m_network, profile, dialog);
        return client->serverKeyPin().then(dialog, [client](const Result<QString> &pin) {
            client->deleteLater();
            return pin;
        });
    });
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
