// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "models/InviteModel.h"

#include "client/BackendClient.h"
#include "models/CallerAccess.h"
#include "models/TimeFormat.h"

#include <QTextDocument>

namespace taskmill {

namespace {
const QString OpenState = QStringLiteral("open");
const QString UsedState = QStringLiteral("used");
const QString ExpiredState = QStringLiteral("expired");
} // namespace

InviteModel::InviteModel(BackendClient &client, QObject *parent)
    : FetchedRowsModel(parent)
    , m_client(client)
{
}

QFuture<Result<QList<InviteInfo>>> InviteModel::fetchRows()
{
    return m_client.listInvites();
}

QString InviteModel::currentState(const InviteInfo &invite)
{
    // The page is not reloaded by time passing: a code that ran out since the answer must not read as usable.
    if (invite.state == OpenState && invite.expiresAt.isValid() && invite.expiresAt <= QDateTime::currentDateTimeUtc())
        return ExpiredState;
    return invite.state;
}

QString InviteModel::stateName(const QString &state)
{
    if (state == OpenState)
        return tr("open", "invite state");
    if (state == UsedState)
        return tr("used", "invite state");
    if (state == ExpiredState)
        return tr("expired", "invite state");
    return state; // a state this app does not know yet: as the server names it
}

int InviteModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant InviteModel::displayData(const InviteInfo &invite, int column) const
{
    switch (column) {
    case Role: return CallerAccess::roleName(invite.role);
    case Email: return invite.email.isEmpty() ? tr("anyone", "invite e-mail: any address may use it") : invite.email;
    case State: return stateName(currentState(invite));
    case Expires: return formatTime(invite.expiresAt);
    case CreatedBy: return invite.createdBy;
    case Used:
        if (!invite.usedAt.isValid())
            return QString();
        // used_by is null again once the account the invite made is deleted.
        return invite.usedBy > 0 ? tr("%1 by user %2", "invite used: time, user id").arg(formatTime(invite.usedAt)).arg(invite.usedBy)
                                 : tr("%1, account deleted since", "invite used: time").arg(formatTime(invite.usedAt));
    default: return {};
    }
}

QVariant InviteModel::toolTip(const InviteInfo &invite, int column) const
{
    // E-mails and creators are client-typed text; tooltips guess rich text, so they go in escaped.
    switch (column) {
    case Email:
        return invite.email.isEmpty() ? tr("Anyone who has the code may register with it.")
                                      : Qt::convertFromPlainText(tr("Only %1 may register with this invite.").arg(invite.email),
                                                                 Qt::WhiteSpaceNormal);
    case CreatedBy:
        return invite.createdBy.isEmpty() ? QVariant() : QVariant(Qt::convertFromPlainText(invite.createdBy, Qt::WhiteSpaceNormal));
    case State:
        return tr("Created %1, valid until %2").arg(formatTime(invite.createdAt), formatTime(invite.expiresAt));
    default:
        return {};
    }
}

QVariant InviteModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const InviteInfo &invite = rowAt(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayData(invite, index.column());
    case Qt::ToolTipRole:
        return toolTip(invite, index.column());
    case RawValueRole:
        switch (index.column()) {
        case Role: return invite.role;
        case Email: return invite.email;
        case State: return currentState(invite);
        case Expires: return invite.expiresAt;
        case CreatedBy: return invite.createdBy;
        case Used: return invite.usedAt;
        default: return {};
        }
    default:
        return {};
    }
}

QVariant InviteModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Role: return tr("Role", "column");
    case Email: return tr("E-mail", "column");
    case State: return tr("State", "column: invite open, used or expired");
    case Expires: return tr("Expires", "column");
    case CreatedBy: return tr("Created by", "column");
    case Used: return tr("Used", "column: when and by whom an invite was used");
    default: return {};
    }
}

} // namespace taskmill
