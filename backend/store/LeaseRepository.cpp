// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "store/LeaseRepository.h"

#include "store/Database.h"
#include "store/PgArray.h"
#include "store/TaskRow.h"
#include "store/Transaction.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

using namespace Qt::StringLiterals;

namespace taskmill {

namespace {
// The lease test every route makes; (status || '') keeps the status index out of the plan (as in claims).
const QString ValidLease = u"id = ?::uuid AND attempts = ? AND (status || '') = 'IN_PROGRESS' AND lease_expires_at > now()"_s;

ApiError lost(const QUuid &id, int attempt)
{
    return ApiError::leaseLost(u"the lease on task %1 (attempt %2) is no longer held: it expired and was reclaimed, "
                               "or the task was cancelled or finished; nothing was written"_s
                                   .arg(id.toString(QUuid::WithoutBraces))
                                   .arg(attempt));
}
} // namespace

Result<QDateTime> LeaseRepository::heartbeat(const QUuid &id, int attempt, int leaseMs, std::optional<int> progress,
                                             const std::optional<QString> &message)
{
    QSqlQuery q(m_db);
    q.prepare(u"UPDATE tasks SET lease_expires_at = now() + make_interval(secs => ?::int / 1000.0), "
              "progress = coalesce(?::smallint, progress), progress_message = coalesce(?, progress_message) WHERE "_s
              + ValidLease + u" RETURNING lease_expires_at"_s);
    q.addBindValue(leaseMs);
    q.addBindValue(progress ? QVariant(*progress) : QVariant(QMetaType::fromType<int>()));
    q.addBindValue(message ? QVariant(*message) : QVariant(QMetaType::fromType<QString>()));
    q.addBindValue(id.toString(QUuid::WithoutBraces));
    q.addBindValue(attempt);
    if (!q.exec())
        return dbError(q.lastError(), u"extend lease"_s);
    if (!q.next())
        return lost(id, attempt);
    return q.value(0).toDateTime().toUTC();
}

Result<LeaseRepository::Held> LeaseRepository::lock(const QUuid &id, int attempt)
{
    QSqlQuery q(m_db);
    q.prepare(u"SELECT "_s + taskColumns() + u", coalesce(stream_entry, '') FROM tasks WHERE "_s + ValidLease
              + u" FOR NO KEY UPDATE"_s);
    q.addBindValue(id.toString(QUuid::WithoutBraces));
    q.addBindValue(attempt);
    if (!q.exec())
        return dbError(q.lastError(), u"lock lease"_s);
    if (!q.next())
        return lost(id, attempt);
    const Task t = taskFromRow(q);
    return Held{t, q.value(q.record().count() - 1).toString().toLatin1()};
}

Result<LeaseRepository::Held> LeaseRepository::release(const QUuid &id, int attempt, const QString &worker)
{
    Transaction tx(m_db);
    auto held = lock(id, attempt);
    if (!held)
        return held.error();
    QSqlQuery q(m_db);
    q.prepare(u"WITH u AS (UPDATE tasks SET status = 'PENDING', attempts = attempts - 1, worker = NULL, started_at = NULL, "
              "lease_expires_at = NULL, progress = NULL, progress_message = NULL, updated_at = now() "
              "WHERE id = ?::uuid RETURNING id, attempts) "
              "INSERT INTO task_history (task_id, from_status, to_status, worker, attempt, message) "
              "SELECT id, 'IN_PROGRESS', 'PENDING', ?, ?, 'released by its worker (no attempt used)' FROM u"_s);
    q.addBindValue(id.toString(QUuid::WithoutBraces));
    q.addBindValue(worker);
    q.addBindValue(attempt);
    if (!q.exec())
        return dbError(q.lastError(), u"release lease"_s);
    if (!tx.commit())
        return dbError(m_db.lastError(), u"commit"_s);
    held->task.status = Status::Pending;
    held->task.attempts = attempt - 1;
    return held;
}

Result<Unit> LeaseRepository::touchWorker(const QString &worker, const QString &host, const QStringList &types, int capacity)
{
    QSqlQuery q(m_db);
    // Types and capacity only from lease requests (capacity > 0); a heartbeat refreshes the time alone.
    q.prepare(u"INSERT INTO workers (consumer, host, pid, threads, kind, types) VALUES (?, ?, 0, ?, 'external', ?::text[]) "
              "ON CONFLICT (consumer) DO UPDATE SET heartbeat_at = now(), stopped_at = NULL, "
              "host = CASE WHEN excluded.host <> '' THEN excluded.host ELSE workers.host END, "
              "threads = CASE WHEN excluded.threads > 0 THEN excluded.threads ELSE workers.threads END, "
              "types = CASE WHEN cardinality(excluded.types) > 0 THEN excluded.types ELSE workers.types END"_s);
    q.addBindValue(worker);
    q.addBindValue(host.isNull() ? u""_s : host); // NULL would break the upsert (host NOT NULL): a heartbeat names none
    q.addBindValue(capacity);
    q.addBindValue(pgTextArray(types));
    if (!q.exec())
        return dbError(q.lastError(), u"record external worker"_s);
    return Unit{};
}

Result<QList<LeaseRepository::Held>> LeaseRepository::expired(int limit)
{
    QSqlQuery q(m_db);
    q.prepare(u"SELECT "_s + taskColumns() + u", coalesce(stream_entry, '') FROM tasks "
              "WHERE lease_expires_at < now() AND (status || '') = 'IN_PROGRESS' "
              "ORDER BY lease_expires_at LIMIT ? FOR NO KEY UPDATE SKIP LOCKED"_s);
    q.addBindValue(limit);
    if (!q.exec())
        return dbError(q.lastError(), u"find expired leases"_s);
    QList<Held> out;
    while (q.next())
        out.append({taskFromRow(q), q.value(q.record().count() - 1).toString().toLatin1()});
    return out;
}

} // namespace taskmill
