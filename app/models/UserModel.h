// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "models/DeadLetterRowsModel.h"
#include "wire/AccountTypes.h"

namespace taskmill {

class BackendClient;

// The user accounts (GET /api/v1/users), one row per account in server order, keyed by id. Loaded on
// refresh() only: the Users & Tokens page asks when it is shown and after each change made there, since
// accounts change rarely and have no events. A refresh asked for while one is in flight runs once more
// when it ends, so the table ends on an answer sent after the last change.
class UserModel final : public DeadLetterRowsModel<UserAccount, qint64>
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

    void refresh();

signals:
    void loaded();
    void loadFailed(const taskmill::ApiError &error);

protected:
    qint64 keyOf(const UserAccount &user) const override { return user.id; }

private:
    BackendClient &m_client;
    bool m_inFlight = false;
    bool m_again = false;
};

} // namespace taskmill
