// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "models/CallerAccess.h"

#include "client/BackendClient.h"

#include <QAction>
#include <QVariant>

#include <utility>

namespace taskmill {

CallerAccess::CallerAccess(BackendClient &client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
    m_online = client.connectionState() == BackendClient::ConnectionState::Connected;
    connect(&client, &BackendClient::connectionStateChanged, this, [this](BackendClient::ConnectionState state) {
        const bool online = state == BackendClient::ConnectionState::Connected;
        if (online)
            reload();
        if (std::exchange(m_online, online) != online)
            emit changed();
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
    // The owner's tooltip is kept on the action while a reason of ours covers it; the reason shown is kept
    // too, to tell it from a tooltip the owner has set since.
    static constexpr char OwnToolTip[] = "taskmillOwnToolTip";
    static constexpr char ReasonToolTip[] = "taskmillReasonToolTip";
    const QString reason = !may(permission) ? deniedReason() : !m_online ? tr("Not connected") : QString();
    const QVariant shown = action->property(ReasonToolTip);
    const bool covered = shown.isValid() && action->toolTip() == shown.toString();
    if (reason.isEmpty()) {
        if (covered)
            action->setToolTip(action->property(OwnToolTip).toString());
        action->setProperty(OwnToolTip, QVariant());
        action->setProperty(ReasonToolTip, QVariant());
        return;
    }
    if (!covered)
        action->setProperty(OwnToolTip, action->toolTip());
    action->setProperty(ReasonToolTip, reason);
    action->setEnabled(false);
    action->setToolTip(reason);
}

} // namespace taskmill
