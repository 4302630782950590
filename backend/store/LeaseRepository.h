// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "model/Task.h"
#include "wire/Result.h"

#include <QSqlDatabase>

#include <optional>

namespace taskmill {

// The SQL of external workers' leases (docs/workers.md). A lease is valid while its task is IN_PROGRESS at
// the lease's attempt and lease_expires_at is still ahead; anything else answers LeaseLost and writes nothing.
// (Leases are granted by ExecutionRepository::claim with a lease time; results recorded by its finish().)
class LeaseRepository final
{
public:
    explicit LeaseRepository(QSqlDatabase db) : m_db(std::move(db)) {}

    struct Held
    {
        Task task;
        QByteArray entry; // the stream entry the attempt came from
    };

    // Moves the lease's end to leaseMs from now; records progress (0-100) and a message when given.
    Result<QDateTime> heartbeat(const QUuid &id, int attempt, int leaseMs, std::optional<int> progress,
                                const std::optional<QString> &message);
    // Locks a valid lease's row for the caller's transaction (FOR NO KEY UPDATE): the task as it is.
    Result<Held> lock(const QUuid &id, int attempt);
    // Gives a valid lease back: PENDING again, the attempt not counted (attempts - 1), a history row naming
    // the worker. Returns the task (for its new stream entry) and the old entry.
    Result<Held> release(const QUuid &id, int attempt, const QString &worker);
    // Leases past their end, locked for the caller's transaction (SKIP LOCKED: reapers never wait on each
    // other or on a finishing worker).
    Result<QList<Held>> expired(int limit);

    // An external worker was heard from (a lease request or a heartbeat): its row in `workers` for the Monitor.
    Result<Unit> touchWorker(const QString &worker, const QString &host, const QStringList &types, int capacity);

private:
    QSqlDatabase m_db;
};

} // namespace taskmill
