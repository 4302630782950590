// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "store/Transaction.h"

namespace taskmill {

Transaction::Transaction(QSqlDatabase &db) : m_db(db), m_active(db.transaction()) {}

Transaction::~Transaction()
{
    if (m_active)
        m_db.rollback();
}

bool Transaction::commit()
{
    if (!m_active)
        return false;
    m_active = false;
    return m_db.commit();
}

} // namespace taskmill
