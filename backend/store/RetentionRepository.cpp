// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "store/RetentionRepository.h"

#include "store/Database.h"

namespace taskmill {

namespace {
// Runs one bounded "WITH gone AS (DELETE … RETURNING 1) SELECT count(*) FROM gone" statement.
Result<int> removedRows(QSqlDatabase &db, const QString &sql, const QVariantList &binds, const QString &what)
{
    auto removed = preparedScalar(db, sql, binds, what);
    if (!removed)
        return removed.error();
    return int(*removed);
}
} // namespace

Result<int> RetentionRepository::purgeFinished(Status status, qint64 olderThanS, int limit)
{
    if (status != Status::Completed && status != Status::Failed && status != Status::Cancelled)
        return ApiError::internal(QStringLiteral("retention applies to finished tasks only"));
    // The oldest first through tasks_completed_idx (completed_at, id); FOR UPDATE so a concurrent retry of
    // the same task either wins (the row is skipped) or waits for this statement, never half of each.
    const QString sql = QStringLiteral(
        "WITH gone AS (DELETE FROM tasks WHERE id IN ("
        "SELECT id FROM tasks WHERE completed_at < now() - make_interval(secs => ?::float8) AND status = ? "
        "ORDER BY completed_at LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING 1) "
        "SELECT count(*) FROM gone");
    return removedRows(m_db, sql, {double(olderThanS), toString(status), limit}, QStringLiteral("remove expired tasks"));
}

Result<int> RetentionRepository::purgeEndedBulkOperations(qint64 olderThanS, int limit)
{
    const QString sql = QStringLiteral(
        "WITH gone AS (DELETE FROM bulk_operations WHERE id IN ("
        "SELECT id FROM bulk_operations WHERE finished_at < now() - make_interval(secs => ?::float8) "
        "AND state NOT IN ('running', 'stopping') ORDER BY finished_at LIMIT ?) RETURNING 1) "
        "SELECT count(*) FROM gone");
    return removedRows(m_db, sql, {double(olderThanS), limit}, QStringLiteral("remove ended bulk operations"));
}

Result<int> RetentionRepository::purgeIdempotencyKeys(qint64 olderThanS, int limit)
{
    const QString sql = QStringLiteral(
        "WITH gone AS (DELETE FROM idempotency_keys WHERE (owner, key) IN ("
        "SELECT owner, key FROM idempotency_keys WHERE created_at < now() - make_interval(secs => ?::float8) "
        "ORDER BY created_at LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING 1) "
        "SELECT count(*) FROM gone");
    return removedRows(m_db, sql, {double(olderThanS), limit}, QStringLiteral("remove old idempotency keys"));
}

} // namespace taskmill
