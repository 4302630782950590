// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/ServerInfo.h"

#include <QLatin1StringView>
#include <QObject>

class QAction;

namespace taskmill {

class BackendClient;

// What the server lets this connection do (GET /api/v1/info, "caller"), for the views: actions the role
// does not allow are disabled with a tooltip saying why, pages it cannot read are hidden. The backend
// enforces every permission itself (docs/security.md); this only spares the user a 403. Reloaded on every
// (re)connection and whenever the client's credentials change. Until the first answer, and with a server
// that predates accounts, everything is allowed. While the client is not connected, restrict() disables
// every action as "Not connected" too (the role is kept: pages stay as they were), and changed() is emitted
// when that begins and ends, so actions never offer what cannot reach the server.
class CallerAccess final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CallerAccess)

public:
    explicit CallerAccess(BackendClient &client, QObject *parent = nullptr);

    const ServerInfo &info() const { return m_info; }
    bool isKnown() const { return m_info.knowsPermissions; }
    bool may(QLatin1StringView permission) const { return m_info.may(permission); }
    bool isOnline() const { return m_online; } // the client is connected
    // "Your role (viewer) does not allow this." in the user's language.
    QString deniedReason() const;
    // The role's name in the user's language ("operator" → "оператор").
    static QString roleName(const QString &role);

    // Call after setting an action's own enabled state and tooltip: when `permission` is missing, or the app
    // is offline, it is disabled and its tooltip says why; once allowed again the owner's tooltip comes back.
    void restrict(QAction *action, QLatin1StringView permission) const;

    void reload();

signals:
    void changed();

private:
    BackendClient &m_client;
    ServerInfo m_info;
    bool m_online = false;
    int m_generation = 0; // answers of older reloads are dropped
};

} // namespace taskmill
