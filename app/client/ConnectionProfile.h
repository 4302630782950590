// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include <QString>
#include <QStringList>
#include <QUrl>
#include <QUuid>

#include <utility>

namespace taskmill {

// Where the app talks to a backend and how it proves who it is. Local and remote take the same code
// path: a local profile is a loopback URL of a taskmilld the app may start itself (LocalBackend); a
// remote one is never started. The profile never carries a secret: the password or token lives in a
// SecretStore under secretKey(), so a profile can be written to the settings file as it is.
struct ConnectionProfile
{
    enum class Kind { Local, Remote };
    enum class Auth {
        None,     // no Authorization header
        Password, // HTTP Basic with `user` and the stored password
        Token,    // "Authorization: Bearer <stored token>"; `user` is informational
    };

    ConnectionProfile() = default;
    ConnectionProfile(QString name, QUrl baseUrl, Kind kind)
        : name(std::move(name))
        , baseUrl(std::move(baseUrl))
        , kind(kind)
    {
    }

    QString name; // unique among the stored profiles, shown in the window title
    QUrl baseUrl; // scheme://host:port[/prefix], without the /api/v1 part
    Kind kind = Kind::Remote;
    QUuid id;     // stable across renames; keys the secret (null for a profile given on the command line)
    QString user;
    Auth auth = Auth::None;
    bool verifyPeer = true;    // https only: false accepts any certificate (self-signed test servers)
    QString caCertificateFile; // https only: PEM file with extra trusted CAs; empty = system CAs only
    // https only: "sha256//<base64>" pins of public keys (PublicKeyPin); empty = no pinning. With pins a
    // connection is used only when the server's chain holds one of these keys, in addition to the chain
    // verification of verifyPeer (with verifyPeer off the pin alone decides). Not secrets.
    QStringList pinnedKeys;

    static QUrl defaultLocalUrl() { return QUrl(QStringLiteral("http://127.0.0.1:8080")); }
    static QString localName() { return QStringLiteral("Local"); }
    // The built-in profile that starts its own taskmilld; it can be edited but not removed.
    static ConnectionProfile local()
    {
        ConnectionProfile p;
        p.id = QUuid(QStringLiteral("{00000000-0000-4000-8000-00000000000a}"));
        p.name = localName();
        p.baseUrl = defaultLocalUrl();
        p.kind = Kind::Local;
        return p;
    }

    bool needsSecret() const { return auth != Auth::None; }
    QString secretKey() const { return QStringLiteral("profile/") + id.toString(QUuid::WithoutBraces); }
    bool isTls() const { return baseUrl.scheme() == u"https"; }

    bool operator==(const ConnectionProfile &) const = default;
};

} // namespace taskmill
