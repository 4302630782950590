// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "model/Task.h"
#include "wire/Result.h"

#include <QSqlDatabase>

namespace taskmill {

// Retention (docs/operations.md): finished tasks leave PostgreSQL some time after they finished, so that
// what the hot table, its indexes and every scan over them cost follows the retention window, not the
// system's age. A task goes with its history and its search document (ON DELETE CASCADE).
class RetentionRepository final
{
public:
    explicit RetentionRepository(QSqlDatabase db) : m_db(std::move(db)) {}

    // Removes up to `limit` tasks in `status` (COMPLETED, FAILED or CANCELLED) that finished more than
    // `olderThanS` seconds ago, oldest first, in one statement; returns how many went. Rows another
    // transaction holds (a retry by hand) are skipped, so several schedulers share the work.
    Result<int> purgeFinished(Status status, qint64 olderThanS, int limit);
    // Records of bulk operations (and their id snapshots) that ended more than olderThanS ago, oldest first;
    // a running or stopping one stays whatever its age (its sweep marks it interrupted first).
    Result<int> purgeEndedBulkOperations(qint64 olderThanS, int limit);
    // Idempotency keys recorded more than olderThanS ago, oldest first (a request sent again later creates anew).
    Result<int> purgeIdempotencyKeys(qint64 olderThanS, int limit);

private:
    QSqlDatabase m_db;
};

} // namespace taskmill
