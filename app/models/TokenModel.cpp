// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "models/TokenModel.h"

#include "client/BackendClient.h"
#include "models/CallerAccess.h"
#include "models/TimeFormat.h"

#include <QTextDocument>

namespace taskmill {

TokenModel::TokenModel(BackendClient &client, QObject *parent)
    : FetchedRowsModel(parent)
    , m_client(client)
{
}

QFuture<Result<QList<ApiTokenInfo>>> TokenModel::fetchRows()
{
    return m_client.listTokens();
}

int TokenModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TokenModel::displayData(const ApiTokenInfo &token, int column) const
{
    switch (column) {
    case Name: return token.name;
    case Role: return CallerAccess::roleName(token.role);
    case Payloads: return token.payloads ? tr("yes", "may see payloads") : tr("no", "may see payloads");
    case Types: return token.types.isEmpty() ? tr("all", "token task types") : token.types.join(QStringLiteral(", "));
    case Created: return formatTime(token.createdAt);
    // The server writes last use every few seconds, not per request: a fresh token reads "never" briefly.
    case LastUsed: return token.lastUsedAt.isValid() ? formatTime(token.lastUsedAt) : tr("never", "token last used");
    default: return {};
    }
}

QVariant TokenModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ApiTokenInfo &token = rowAt(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayData(token, index.column());
    case Qt::ToolTipRole:
        // Names and types are admin-typed text; tooltips guess rich text, so they go in escaped.
        if (index.column() == Name)
            return Qt::convertFromPlainText(token.createdBy.isEmpty() ? token.name
                                                                      : tr("%1\nCreated by %2").arg(token.name, token.createdBy),
                                            Qt::WhiteSpaceNormal);
        if (index.column() == Types && !token.types.isEmpty())
            return Qt::convertFromPlainText(token.types.join(u'\n'), Qt::WhiteSpaceNormal);
        return {};
    case RawValueRole:
        switch (index.column()) {
        case Name: return token.name;
        case Role: return token.role;
        case Payloads: return token.payloads;
        case Types: return token.types;
        case Created: return token.createdAt;
        case LastUsed: return token.lastUsedAt;
        default: return {};
        }
    default:
        return {};
    }
}

QVariant TokenModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Name: return tr("Name", "column");
    case Role: return tr("Role", "column");
    case Payloads: return tr("Payloads", "column: may see task payloads");
    case Types: return tr("Task types", "column: types the token may create");
    case Created: return tr("Created", "column");
    case LastUsed: return tr("Last used", "column");
    default: return {};
    }
}

} // namespace taskmill
