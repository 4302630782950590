// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "client/ConnectionProfile.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QUrl>

#include <optional>

class QCommandLineParser;

namespace taskmill {

// The command line of the `taskmill` executable:
//   --profile NAME  use the stored connection profile NAME (unknown → error listing the known ones)
//   --local         use the Local profile: start our own taskmilld if nothing answers at its URL
//   --connect URL   talk to the backend at URL: the stored profile with that URL if there is one (so its
//                   credentials apply), else an unsaved Remote profile named after the host. With --local
//                   the Local profile at URL; with --profile that profile at URL, for this run only.
//                   A user in the URL (https://ops@host) sets the user; a password in it is used for this
//                   session and never stored.
//   --check-connection URL  no window: probe the backend at URL once (GET /health, protocol version), print
//                   the outcome and exit 0 when connected, 1 otherwise (scripts, the package tests).
// Without any of them the app opens the profile it used last.
struct LaunchOptions
{
    Q_DECLARE_TR_FUNCTIONS(taskmill::LaunchOptions)

public:
    static constexpr int UsageExitCode = 2;

    QUrl connectUrl;
    bool local = false;
    QString profileName;
    QUrl checkConnectionUrl; // empty unless --check-connection

    // What to connect to: the profile, and a secret that came with the command line (else empty).
    struct Resolved
    {
        ConnectionProfile profile;
        QString sessionSecret;
    };

    static void addOptions(QCommandLineParser &parser);
    static LaunchOptions fromParser(const QCommandLineParser &parser);

    // `stored`: every stored profile (Local first, as AppSettings::profiles()); `current`: the one used
    // last. nullopt with *error set for an unknown profile name, an unusable URL or contradicting options.
    std::optional<Resolved> resolve(const QList<ConnectionProfile> &stored, const ConnectionProfile &current,
                                    QString *error) const;
};

} // namespace taskmill
