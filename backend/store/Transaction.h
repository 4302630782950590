// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include <QSqlDatabase>
#include <QString>

namespace taskmill {

// Whether a Transaction is alive on this thread's connection of that name: Database::connection() never swaps
// such a connection for a fresh one (statements after the swap would run outside the transaction).
bool transactionOpen(const QString &connectionName);

// RAII transaction: rolls back on scope exit unless commit() succeeded.
class Transaction final
{
public:
    explicit Transaction(QSqlDatabase &db);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    bool isActive() const { return m_active; }
    bool commit();

private:
    QSqlDatabase &m_db;
    QString m_name;
    bool m_active = false;
};

} // namespace taskmill
