// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "models/CallerAccess.h"

#include "client/BackendClient.h"

#include <QAction>
#include <QVariant>

namespace taskmill {

CallerAccess::CallerAccess(BackendClient &client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
    connect(&client, &BackendClient::connectionStateChanged, this, [this](BackendClient::ConnectionState state) {
        if (state == BackendClient::ConnectionState::Connected)
            reload();
    });
    connect(&client, &BackendClient::credentialsChanged, this, &CallerAccess::reload);
}

void CallerAccess::reload()
{
    const int generation = ++m_generation;
    m_client.serverInfo().then(this, [this, generation](Result<ServerInfo> info) {
        if (generation != m_generation)
            return;
        if (!info) {
            // Unreachable, or refused (401: the login dialog is on its way). What was known stays: a blip
            // must not enable actions the role never had.
            return;
        }
        m_info = *info;
        emit changed();
    });
}

QString CallerAccess::deniedReason() const
{
    return tr("Your role (%1) does not allow this.").arg(roleName(m_info.callerRole));
}

QString CallerAccess::roleName(const QString &role)
{
    if (role == u"user")
        return tr("user", "account role");
    if (role == u"viewer")
        return tr("viewer", "account role");
    if (role == u"operator")
        return tr("operator", "account role");
    if (role == u"admin")
        return tr("admin", "account role");
    return role; // a role this app does not know yet: as the server names it
}

void CallerAccess::restrict(QAction *action, QLatin1StringView permission) const
{
    // The owner's tooltip is kept on the action while the denial covers it.
    static constexpr char OwnToolTip[] = "taskmillOwnToolTip";
    const QString denied = deniedReason();
    if (may(permission)) {
        const QVariant own = action->property(OwnToolTip);
        if (own.isValid() && action->toolTip() == denied)
            action->setToolTip(own.toString());
        action->setProperty(OwnToolTip, QVariant());
        return;
    }
    if (action->toolTip() != denied)
        action->setProperty(OwnToolTip, action->toolTip());
    action->setEnabled(false);
    action->setToolTip(denied);
}

} // namespace taskmill
