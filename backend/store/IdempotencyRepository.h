// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/Result.h"

#include <QByteArray>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QUuid>

#include <optional>

namespace taskmill {

// The keys of idempotent creates (migration 0013, docs/api.md "Idempotent creates").
class IdempotencyRepository final
{
public:
    explicit IdempotencyRepository(QSqlDatabase db) : m_db(std::move(db)) {}

    // What an earlier request stored under a key.
    struct Record
    {
        QByteArray requestHash;
        QList<QUuid> taskIds;
    };

    // Inside the transaction that inserts `taskIds`: records the key, or, when the caller used it before,
    // returns what that request stored (nothing is recorded then). A request with the same key still in
    // flight elsewhere makes this wait for its transaction: its commit answers with its record, its
    // rollback lets this one have the key.
    Result<std::optional<Record>> claim(const QString &owner, const QString &key, const QByteArray &requestHash,
                                        const QList<QUuid> &taskIds);

private:
    QSqlDatabase m_db;
};

} // namespace taskmill
