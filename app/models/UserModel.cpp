// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "models/UserModel.h"

#include "client/BackendClient.h"
#include "models/CallerAccess.h"
#include "models/TimeFormat.h"

#include <QTextDocument>

namespace taskmill {

UserModel::UserModel(BackendClient &client, QObject *parent)
    : FetchedRowsModel(parent)
    , m_client(client)
{
}

QFuture<Result<QList<UserAccount>>> UserModel::fetchRows()
{
    return m_client.listUsers();
}

int UserModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant UserModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const UserAccount &user = rowAt(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Email: return user.email;
        case Role: return CallerAccess::roleName(user.role);
        case Payloads: return user.payloads ? tr("yes", "may see payloads") : tr("no", "may see payloads");
        case Created: return formatTime(user.createdAt);
        default: return {};
        }
    case Qt::ToolTipRole:
        // Tooltips guess rich text: an e-mail is whatever an admin typed, so it goes in escaped.
        return index.column() == Email ? QVariant(Qt::convertFromPlainText(user.email, Qt::WhiteSpaceNormal)) : QVariant();
    case RawValueRole:
        switch (index.column()) {
        case Email: return user.email;
        case Role: return user.role;
        case Payloads: return user.payloads;
        case Created: return user.createdAt;
        default: return {};
        }
    default:
        return {};
    }
}

QVariant UserModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Email: return tr("E-mail", "column");
    case Role: return tr("Role", "column");
    case Payloads: return tr("Payloads", "column: may see task payloads");
    case Created: return tr("Created", "column");
    default: return {};
    }
}

} // namespace taskmill
