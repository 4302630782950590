// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "client/BackendClient.h"
#include "client/EventStream.h"
#include "client/LocalBackend.h"
#include "settings/AppSettings.h"
#include "settings/LaunchOptions.h"
#include "views/MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QSettings>
#include <QTranslator>

#include <cstdio>
#include <memory>

using namespace taskmill;

int main(int argc, char *argv[])
{
    Q_INIT_RESOURCE(taskmill);
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Taskmill"));
    QApplication::setApplicationName(QStringLiteral("taskmill"));
    QApplication::setApplicationVersion(QStringLiteral(TASKMILL_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/taskmill.svg")));

    QTranslator qtTranslator;
    if (qtTranslator.load(QLocale(), QStringLiteral("qt"), QStringLiteral("_"),
                          QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(&qtTranslator);
    QTranslator appTranslator;
    if (appTranslator.load(QLocale(), QStringLiteral("taskmill"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QApplication::installTranslator(&appTranslator);

    QCommandLineParser parser;
    LaunchOptions::addOptions(parser);
    parser.process(app);
    const LaunchOptions options = LaunchOptions::fromParser(parser);

    QSettings qsettings;
    AppSettings settings(qsettings);
    QString error;
    const std::optional<ConnectionProfile> profile = options.resolveProfile(settings.lastProfile(), &error);
    if (!profile) {
        std::fprintf(stderr, "%s\n", qUtf8Printable(error));
        return 2;
    }
    settings.setLastProfile(*profile);

    // Destruction runs bottom-up: the window goes first, then the local backend is stopped.
    QNetworkAccessManager network;
    BackendClient client(network, *profile);
    std::unique_ptr<LocalBackend> localBackend;
    if (profile->kind == ConnectionProfile::Kind::Local)
        localBackend = std::make_unique<LocalBackend>();
    MainWindow window(client, settings, localBackend.get());
    QObject::connect(&app, &QCoreApplication::aboutToQuit, &client, &BackendClient::abortAll);

    if (localBackend) {
        // Only when nothing answers at all: an answering backend (even a degraded one) is used as is.
        client.health().then(&client, [&localBackend, url = profile->baseUrl](Result<HealthInfo> health) {
            if (!health && health.error().code == ErrorCode::Unavailable)
                localBackend->start(url);
        });
    }
    client.connectToBackend();
    client.eventStream().open();
    window.show();
    return app.exec();
}
