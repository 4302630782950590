// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "client/BackendClient.h"
#include "client/KeychainSecretStore.h"
#include "client/ProfileSecrets.h"
#include "process/LocalTimeZone.h"
#include "settings/AppSettings.h"
#include "settings/LaunchOptions.h"
#include "views/ConnectionSession.h"
#include "views/Theme.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QSettings>
#include <QTimer>
#include <QTranslator>

#include <cstdio>
#include <functional>
#include <memory>

using namespace taskmill;

namespace {
// --check-connection: the health probe the window would start with, once, through the same client.
int checkConnection(QNetworkAccessManager &network, const QUrl &url)
{
    BackendClient client(network, ConnectionProfile(url.host(), url, ConnectionProfile::Kind::Remote));
    QObject::connect(&client, &BackendClient::connectionStateChanged, &client, [&client, url](BackendClient::ConnectionState state) {
        if (state == BackendClient::ConnectionState::Connected) {
            std::printf("taskmill: connected to %s (taskmilld %s)\n", qUtf8Printable(url.toDisplayString()),
                        qUtf8Printable(client.version()));
            QCoreApplication::exit(0);
        } else if (state != BackendClient::ConnectionState::Connecting) {
            std::fprintf(stderr, "taskmill: cannot connect to %s: %s\n", qUtf8Printable(url.toDisplayString()),
                         qUtf8Printable(client.lastError()));
            QCoreApplication::exit(1);
        }
    });
    client.connectToBackend();
    return QCoreApplication::exec();
}
} // namespace

int main(int argc, char *argv[])
{
    pinLocalTimeZone();
    Q_INIT_RESOURCE(taskmill);
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Taskmill"));
    QApplication::setApplicationName(QStringLiteral("taskmill"));
    QApplication::setApplicationVersion(QStringLiteral(TASKMILL_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/taskmill.svg")));

    QSettings qsettings;
    AppSettings settings(qsettings);

    Theme::apply(settings.theme()); // View → Appearance
    // View → Language overrides the system locale; it is read before any widget (or --help) exists.
    const QLocale locale = settings.language().isEmpty() ? QLocale() : QLocale(settings.language());
    QLocale::setDefault(locale);
    QTranslator qtTranslator;
    if (qtTranslator.load(locale, QStringLiteral("qt"), QStringLiteral("_"),
                          QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(&qtTranslator);
    QTranslator appTranslator;
    if (appTranslator.load(locale, QStringLiteral("taskmill"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QApplication::installTranslator(&appTranslator);

    QCommandLineParser parser;
    LaunchOptions::addOptions(parser);
    parser.process(app);
    const LaunchOptions options = LaunchOptions::fromParser(parser);
    QNetworkAccessManager network;
    if (!options.checkConnectionUrl.isEmpty())
        return checkConnection(network, options.checkConnectionUrl);

    QString error;
    const std::optional<LaunchOptions::Resolved> launch =
        options.resolve(settings.profiles(), settings.currentProfile(), &error);
    if (!launch) {
        std::fprintf(stderr, "taskmill: %s\n", qUtf8Printable(error));
        return LaunchOptions::UsageExitCode;
    }

    KeychainSecretStore keychain;
    ProfileSecrets secrets(keychain);
    if (!launch->sessionSecret.isEmpty())
        secrets.keepForSession(launch->profile, launch->sessionSecret);

    // Switching profiles replaces the whole session (client, local backend, window): see ConnectionSession.
    std::unique_ptr<ConnectionSession> session;
    std::function<void(const ConnectionProfile &)> openSession = [&](const ConnectionProfile &profile) {
        settings.setCurrentProfile(profile);
        settings.sync();
        // Closing the old window must not count as closing the last one.
        const bool quitOnClose = QApplication::quitOnLastWindowClosed();
        QApplication::setQuitOnLastWindowClosed(false);
        session.reset();
        session = std::make_unique<ConnectionSession>(network, settings, secrets, profile);
        QObject::connect(session.get(), &ConnectionSession::switchRequested, &app, [&](const ConnectionProfile &next) {
            // Not from inside the old session's signal: it is about to be destroyed.
            QTimer::singleShot(0, &app, [&openSession, next] { openSession(next); });
        });
        session->start();
        QApplication::setQuitOnLastWindowClosed(quitOnClose);
    };
    openSession(launch->profile);
    QObject::connect(&app, &QCoreApplication::aboutToQuit, &app, [&session] { session.reset(); });
    return app.exec();
}
