// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/AuditTypes.h"
#include "wire/Result.h"

#include <QSqlDatabase>

namespace taskmill {

// Reads of audit_log (migration 0002). The rows are written by the repositories whose changes they record
// (DeadLetterRepository, HandlerRepository), in the same transaction as the change.
class AuditRepository final
{
public:
    explicit AuditRepository(QSqlDatabase db) : m_db(std::move(db)) {}

    // Rows matching `filter`, newest first (by id: ids grow with time and are unique, so paging is exact),
    // at most `limit`, only those with id < `before` when it is positive. `next` is set when older rows match.
    Result<AuditPage> page(const AuditFilter &filter, qint64 before, int limit);
    // Every action in the log, sorted.
    Result<QStringList> actions();

private:
    QSqlDatabase m_db;
};

} // namespace taskmill
