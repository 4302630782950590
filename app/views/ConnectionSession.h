// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "client/ConnectionProfile.h"

#include <QObject>
#include <QPointer>

#include <memory>

class QNetworkAccessManager;

namespace taskmill {

class AppSettings;
class BackendClient;
class LocalBackend;
class LoginDialog;
class MainWindow;
class ProfileSecrets;

// Everything that belongs to one connection profile: the BackendClient, the LocalBackend for a Local
// profile, and the MainWindow. Switching profiles at run time replaces the whole session (main owns it):
// no widget, model or pager ever sees a second backend, and nothing of the old one can leak into the
// new window. start() loads the profile's secret, starts taskmilld --local when a Local profile's URL
// does not answer, connects and opens the event stream.
class ConnectionSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionSession)

public:
    ConnectionSession(QNetworkAccessManager &network, AppSettings &settings, ProfileSecrets &secrets,
                      const ConnectionProfile &profile, QObject *parent = nullptr);
    // Saves the window layout, stops the local backend (if any) and closes the window.
    ~ConnectionSession() override;

    void start(bool showWindow = true);
    void openConnectionDialog();
    // Asks for credentials (LoginDialog) with `message` saying why; one dialog at a time.
    void openLoginDialog(const QString &message = {});
    LoginDialog *loginDialog() const; // out of line: QPointer<LoginDialog> needs the complete type (clang)

    BackendClient &client() const { return *m_client; }
    MainWindow &window() const { return *m_window; }
    LocalBackend *localBackend() const { return m_local.get(); }

signals:
    // The user chose another profile (or changed this one) in the connection dialog.
    void switchRequested(const taskmill::ConnectionProfile &profile);

private:
    void connectClient();
    void onAuthenticationRequired(const QString &message);
    // `registered`: the dialog made the account, and a client of `profile` holds its session already.
    void applyLogin(const ConnectionProfile &profile, const QString &secret, bool remember, bool registered);
    bool useLocalToken(); // reads the local backend's token file; true when it brought a new token

    QNetworkAccessManager &m_network;
    AppSettings &m_settings;
    ProfileSecrets &m_secrets;
    // Destroyed bottom-up: the window first, then the local backend is stopped, then the client.
    std::unique_ptr<BackendClient> m_client;
    std::unique_ptr<LocalBackend> m_local;
    std::unique_ptr<MainWindow> m_window;
    QPointer<LoginDialog> m_loginDialog;
};

} // namespace taskmill
