// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "settings/LaunchOptions.h"

#include "settings/ProfileValidator.h"

#include <QCommandLineParser>
#include <QStringList>

namespace taskmill {

namespace {
const QString CheckConnectionOption = QStringLiteral("check-connection");
const QString ConnectOption = QStringLiteral("connect");
const QString LocalOption = QStringLiteral("local");
const QString ProfileOption = QStringLiteral("profile");

// Same backend: scheme, host, port and path up to a trailing slash; user info does not matter.
bool sameBackend(const QUrl &a, const QUrl &b)
{
    const auto norm = [](const QUrl &u) {
        QString path = u.path();
        while (path.endsWith(u'/'))
            path.chop(1);
        const int defaultPort = u.scheme() == u"https" ? 443 : 80;
        return QStringList{u.scheme(), u.host().toLower(), QString::number(u.port(defaultPort)), path};
    };
    return norm(a) == norm(b);
}
} // namespace

void LaunchOptions::addOptions(QCommandLineParser &parser)
{
    parser.setApplicationDescription(tr("Desktop client for the Taskmill task queue."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption({ConnectOption, tr("Connect to the backend at <url>."), tr("url")});
    parser.addOption({LocalOption, tr("Use the Local profile: start a private backend if none answers at its URL "
                                      "(default %1).")
                                       .arg(ConnectionProfile::defaultLocalUrl().toString())});
    parser.addOption({ProfileOption, tr("Use the stored connection profile <name>."), tr("name")});
    parser.addOption({CheckConnectionOption, tr("Check that the backend at <url> answers, print the result and exit."),
                      tr("url")});
}

LaunchOptions LaunchOptions::fromParser(const QCommandLineParser &parser)
{
    LaunchOptions options;
    if (parser.isSet(ConnectOption))
        options.connectUrl = QUrl::fromUserInput(parser.value(ConnectOption));
    options.local = parser.isSet(LocalOption);
    options.profileName = parser.value(ProfileOption);
    if (parser.isSet(CheckConnectionOption))
        options.checkConnectionUrl = QUrl::fromUserInput(parser.value(CheckConnectionOption));
    return options;
}

std::optional<LaunchOptions::Resolved> LaunchOptions::resolve(const QList<ConnectionProfile> &stored,
                                                              const ConnectionProfile &current, QString *error) const
{
    Resolved resolved{current, {}};
    const auto localProfile = [&] {
        for (const ConnectionProfile &p : stored)
            if (p.kind == ConnectionProfile::Kind::Local)
                return p;
        return ConnectionProfile::local();
    };

    if (!profileName.isEmpty()) {
        const auto it = std::find_if(stored.cbegin(), stored.cend(),
                                     [&](const ConnectionProfile &p) { return p.name == profileName; });
        if (it == stored.cend()) {
            QStringList names;
            for (const ConnectionProfile &p : stored)
                names.append(p.name);
            *error = tr("Unknown connection profile \"%1\". Known profiles: %2.")
                         .arg(profileName, names.join(QStringLiteral(", ")));
            return std::nullopt;
        }
        if (local && it->kind != ConnectionProfile::Kind::Local) {
            *error = tr("--local contradicts --profile %1, which is a remote profile.").arg(profileName);
            return std::nullopt;
        }
        resolved.profile = *it;
    } else if (local) {
        resolved.profile = localProfile();
    }

    if (connectUrl.isEmpty())
        return resolved;
    if (const QString problem = ProfileValidator::checkUrl(connectUrl); !problem.isEmpty()) {
        *error = problem;
        return std::nullopt;
    }
    QUrl url = connectUrl;
    const QString user = url.userName();
    resolved.sessionSecret = url.password();
    url.setUserInfo(QString());

    if (profileName.isEmpty() && !local) {
        const auto it = std::find_if(stored.cbegin(), stored.cend(), [&](const ConnectionProfile &p) {
            return p.kind == ConnectionProfile::Kind::Remote && sameBackend(p.baseUrl, url)
                && (user.isEmpty() || p.user == user);
        });
        if (it != stored.cend()) {
            resolved.profile = *it;
        } else {
            resolved.profile = ConnectionProfile{url.host(), url, ConnectionProfile::Kind::Remote};
        }
    } else {
        // The named (or Local) profile at another address, for this run: its id keeps its secret.
        resolved.profile.baseUrl = url;
    }
    if (!user.isEmpty()) {
        resolved.profile.user = user;
        if (resolved.profile.auth == ConnectionProfile::Auth::None)
            resolved.profile.auth = ConnectionProfile::Auth::Password;
    }
    return resolved;
}

} // namespace taskmill
