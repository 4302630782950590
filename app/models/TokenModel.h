// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "models/FetchedRowsModel.h"
#include "wire/AccountTypes.h"

namespace taskmill {

class BackendClient;

// The live API tokens (GET /api/v1/tokens), newest first, keyed by id; never a secret (the server keeps
// only hashes). Loaded on refresh() only, like UserModel.
class TokenModel final : public FetchedRowsModel<ApiTokenInfo, qint64>
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TokenModel)

public:
    enum Column { Name, Role, Payloads, Types, Created, LastUsed, ColumnCount };
    enum Role { RawValueRole = Qt::UserRole + 1 }; // sortable value: QString, bool, QStringList, QDateTime

    explicit TokenModel(BackendClient &client, QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

protected:
    qint64 keyOf(const ApiTokenInfo &token) const override { return token.id; }
    QFuture<Result<QList<ApiTokenInfo>>> fetchRows() override;

private:
    QVariant displayData(const ApiTokenInfo &token, int column) const;

    BackendClient &m_client;
};

} // namespace taskmill
