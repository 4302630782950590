// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "models/FetchedRowsModel.h"
#include "wire/InviteTypes.h"

namespace taskmill {

class BackendClient;

// The invites (GET /api/v1/invites), open ones first as the server sends them, keyed by id; never a code
// (the server keeps only hashes). Loaded on refresh() only, like UserModel. An invite that is still "open"
// in the answer but whose expiry has passed since reads as expired.
class InviteModel final : public FetchedRowsModel<InviteInfo, qint64>
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InviteModel)

public:
    enum Column { Role, Email, State, Expires, CreatedBy, Used, ColumnCount };
    // Sortable value: QString, QDateTime; Used gives the use time (invalid: unused).
    enum Role { RawValueRole = Qt::UserRole + 1 };

    explicit InviteModel(BackendClient &client, QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // The invite's state now: the server's, or "expired" for an open one past its expiry.
    static QString currentState(const InviteInfo &invite);
    static QString stateName(const QString &state); // translated; an unknown state as sent

protected:
    qint64 keyOf(const InviteInfo &invite) const override { return invite.id; }
    QFuture<Result<QList<InviteInfo>>> fetchRows() override;

private:
    QVariant displayData(const InviteInfo &invite, int column) const;
    QVariant toolTip(const InviteInfo &invite, int column) const;

    BackendClient &m_client;
};

} // namespace taskmill
