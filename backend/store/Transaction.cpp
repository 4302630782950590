// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "store/Transaction.h"

#include <map>

namespace taskmill {

namespace {
// Per thread: connection name → Transaction objects alive on it (nesting is not used, but counted right).
thread_local std::map<QString, int> t_open;
} // namespace

bool transactionOpen(const QString &connectionName)
{
    const auto it = t_open.find(connectionName);
    return it != t_open.end() && it->second > 0;
}

Transaction::Transaction(QSqlDatabase &db) : m_db(db), m_name(db.connectionName()), m_active(db.transaction())
{
    ++t_open[m_name];
}

Transaction::~Transaction()
{
    if (m_active)
        m_db.rollback();
    if (--t_open[m_name] <= 0)
        t_open.erase(m_name);
}

bool Transaction::commit()
{
    if (!m_active)
        return false;
    m_active = false;
    return m_db.commit();
}

} // namespace taskmill
