// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "models/FetchedRowsModel.h"
#include "wire/AccountTypes.h"

namespace taskmill {

class BackendClient;

// The user accounts (GET /api/v1/users), one row per account in server order, keyed by id. Loaded on
// refresh() only (FetchedRowsModel): the Users & Tokens page asks when it is shown and after each change
// made there, since accounts change rarely and have no events.
class UserModel final : public FetchedRowsModel<UserAccount, qint64>
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UserModel)

public:
    enum Column { Email, Role, Payloads, Created, ColumnCount };
    enum Role { RawValueRole = Qt::UserRole + 1 }; // sortable value: QString, bool, QDateTime

    explicit UserModel(BackendClient &client, QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

protected:
    qint64 keyOf(const UserAccount &user) const override { return user.id; }
    QFuture<Result<QList<UserAccount>>> fetchRows() override;

private:
    BackendClient &m_client;
};

} // namespace taskmill
