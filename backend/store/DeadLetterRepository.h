// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/DeadLetterFilter.h"
#include "wire/DeadLetterTypes.h"
#include "wire/Result.h"
#include "wire/WireTypes.h"
#include "model/Task.h"

#include <QJsonArray>
#include <QSqlDatabase>

namespace taskmill {

// SQL for the dead-letter queue: the rows stay in `tasks` (history intact) with dead_lettered_at set.
// Every change writes an audit_log row in the same transaction: who, when, what.
class DeadLetterRepository final
{
public:
    explicit DeadLetterRepository(QSqlDatabase db) : m_db(std::move(db)) {}

    // In `order` (default: newest dead letter first), keyset-paged by the last id of the previous page.
    Result<TaskPage> list(const DeadLetterFilter &filter, const DeadLetterOrder &order, int skip, int limit,
                          const QUuid &after);
    Result<QList<DeadLetterGroup>> groups(const DeadLetterFilter &filter, int limit);
    Result<Task> get(const QUuid &id);

    // Back to NEW with a fresh set of attempts; optionally with an edited payload (already validated).
    // Returns the requeued tasks for dispatch.
    Result<QList<TaskRef>> requeue(const DeadLetterSelection &selection,
                                                        const std::optional<QJsonObject> &payload, const QString &actor);
    // Deletes the tasks and their history. Returns the ids removed.
    Result<QList<QUuid>> purge(const DeadLetterSelection &selection, const QString &actor, const QString &action);

private:
    static QString sortColumn(DeadLetterOrder::Key key);
    Result<Unit> writeAudit(const QString &actor, const QString &action, const QStringList &ids, const QJsonObject &details);

    QSqlDatabase m_db;
};

} // namespace taskmill
