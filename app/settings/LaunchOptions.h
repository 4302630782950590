// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "client/ConnectionProfile.h"

#include <QCoreApplication>
#include <QString>
#include <QUrl>

#include <optional>

class QCommandLineParser;

namespace taskmill {

// The command line of the `taskmill` executable:
//   --connect URL   talk to the backend at URL (a Remote profile unless --local is given too)
//   --local         a Local profile: start our own taskmilld if nothing answers at the URL
//                   (http://127.0.0.1:8080 unless --connect says otherwise)
//   --profile NAME  name of the profile, stored with it in the settings
struct LaunchOptions
{
    Q_DECLARE_TR_FUNCTIONS(taskmill::LaunchOptions)

public:
    QUrl connectUrl;
    bool local = false;
    QString profileName;

    static void addOptions(QCommandLineParser &parser);
    static LaunchOptions fromParser(const QCommandLineParser &parser);

    // Applies the options on top of the last saved profile. nullopt (with *error set) for an unusable URL.
    std::optional<ConnectionProfile> resolveProfile(const ConnectionProfile &last, QString *error) const;
};

} // namespace taskmill
