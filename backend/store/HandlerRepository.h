// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/HandlerTypes.h"
#include "wire/Result.h"

#include <QHash>
#include <QSqlDatabase>
#include <QUuid>

#include <optional>

namespace taskmill {

// The handler registry's table (docs/handlers.md). Every change bumps `version` and `updated_at` in the same
// statement, so a reader comparing (count, max(updated_at)) sees any change (HandlerCatalog's refresh).
class HandlerRepository final
{
public:
    explicit HandlerRepository(QSqlDatabase db) : m_db(std::move(db)) {}

    // Every handler by name; `withCounts` adds each one's queued / running / failed tasks (one grouped scan
    // of the type index over unfinished and dead-lettered tasks) and the processes serving it: executors or
    // leasing workers whose last sign of life is younger than aliveWithinMs.
    // The default: executor.visibility_timeout_ms's default, the Monitor's notion of alive.
    static constexpr qint64 DefaultAliveMs = 30'000;
    Result<QList<HandlerSpec>> list(bool withCounts, qint64 aliveWithinMs = DefaultAliveMs);
    Result<HandlerSpec> get(const QString &name, bool withCounts, qint64 aliveWithinMs = DefaultAliveMs);

    // Conflict when the name is taken.
    Result<HandlerSpec> insert(const HandlerSpec &h);
    // Writes every editable field. h.version is the version the client read (-1: not checked): Conflict naming
    // the stored version when it moved on; NotFound for an unknown name.
    Result<HandlerSpec> update(const HandlerSpec &h);
    // Refuses built-ins (Conflict: disable them instead). With unfinished tasks of the type: Conflict naming
    // their count, or with `force` cancels them (error "handler deleted", history rows, one audit row naming
    // `actor` and the ids) in the same transaction. Returns the ids of the tasks it cancelled.
    Result<QList<QUuid>> remove(const QString &name, bool force, const QString &actor);

    // The built-in handlers on every start: inserted when missing; an existing row keeps the defaults an
    // admin set but takes the description and schema of this build (its code reads the payload).
    Result<Unit> seedBuiltins(const QList<HandlerSpec> &builtins);

    // Of these tasks, those whose type has its own stream lane (an external handler's, or one with a
    // concurrency limit), with that type.
    Result<QHash<QUuid, QString>> typeLanes(const QList<QUuid> &taskIds);

    // (count, newest updated_at in ms): changes whenever any handler is added, edited or removed.
    Result<QPair<qint64, qint64>> fingerprint();

private:
    QSqlDatabase m_db;
};

} // namespace taskmill
