// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "settings/LaunchOptions.h"

#include <QCommandLineParser>

namespace taskmill {

namespace {
const QString ConnectOption = QStringLiteral("connect");
const QString LocalOption = QStringLiteral("local");
const QString ProfileOption = QStringLiteral("profile");
} // namespace

void LaunchOptions::addOptions(QCommandLineParser &parser)
{
    parser.setApplicationDescription(tr("Desktop client for the Taskmill task queue."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption({ConnectOption, tr("Connect to the backend at <url>."), tr("url")});
    parser.addOption({LocalOption, tr("Start a private backend if none answers at the URL (default %1).")
                                       .arg(ConnectionProfile::defaultLocalUrl().toString())});
    parser.addOption({ProfileOption, tr("Name of the connection profile."), tr("name")});
}

LaunchOptions LaunchOptions::fromParser(const QCommandLineParser &parser)
{
    LaunchOptions options;
    if (parser.isSet(ConnectOption))
        options.connectUrl = QUrl::fromUserInput(parser.value(ConnectOption));
    options.local = parser.isSet(LocalOption);
    options.profileName = parser.value(ProfileOption);
    return options;
}

std::optional<ConnectionProfile> LaunchOptions::resolveProfile(const ConnectionProfile &last, QString *error) const
{
    ConnectionProfile profile = last;
    if (!connectUrl.isEmpty()) {
        const QString scheme = connectUrl.scheme();
        if (!connectUrl.isValid() || connectUrl.host().isEmpty() || (scheme != u"http" && scheme != u"https")) {
            *error = tr("Not a backend URL: %1 (expected e.g. http://host:8080)").arg(connectUrl.toDisplayString());
            return std::nullopt;
        }
        profile.baseUrl = connectUrl;
        profile.kind = local ? ConnectionProfile::Kind::Local : ConnectionProfile::Kind::Remote;
        profile.name = connectUrl.host();
    } else if (local) {
        profile.baseUrl = ConnectionProfile::defaultLocalUrl();
        profile.kind = ConnectionProfile::Kind::Local;
        profile.name = QStringLiteral("local");
    }
    if (!profileName.isEmpty())
        profile.name = profileName;
    return profile;
}

} // namespace taskmill
