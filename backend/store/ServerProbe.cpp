// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "store/ServerProbe.h"

#include "store/Database.h"

#include <QSqlError>
#include <QSqlQuery>

namespace taskmill {

Result<Unit> ServerProbe::ping()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT 1")) || !q.next())
        return dbError(q.lastError(), QStringLiteral("ping"));
    return Unit{};
}

Result<bool> ServerProbe::hasSynchronousStandby()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT current_setting('synchronous_standby_names') <> '' AND "
                               "EXISTS (SELECT 1 FROM pg_stat_replication WHERE sync_state IN ('sync', 'quorum'))"))
        || !q.next())
        return dbError(q.lastError(), QStringLiteral("check synchronous standby"));
    return q.value(0).toBool();
}

} // namespace taskmill
