// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include <QString>
#include <QUrl>

namespace taskmill {

// Where the app talks to a backend. Local and remote take the same code path: a local profile is a
// loopback URL of a taskmilld the app may start itself (LocalBackend); a remote one is never started.
struct ConnectionProfile
{
    enum class Kind { Local, Remote };

    QString name;
    QUrl baseUrl; // scheme://host:port, without the /api/v1 prefix
    Kind kind = Kind::Remote;

    static QUrl defaultLocalUrl() { return QUrl(QStringLiteral("http://127.0.0.1:8080")); }

    bool operator==(const ConnectionProfile &) const = default;
};

} // namespace taskmill
