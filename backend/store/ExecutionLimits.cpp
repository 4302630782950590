// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// Handlers' concurrency limits at claim time (ExecutionRepository::claimWithin): the one place that decides
// whether another task of a limited type may start, for built-in executors and leasing workers alike.
#include "store/ExecutionRepository.h"

#include "store/Database.h"
#include "store/PgArray.h"
#include "store/Transaction.h"

#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace taskmill {

Result<QHash<QString, int>> ExecutionRepository::runningByType(const QStringList &types)
{
    QHash<QString, int> out;
    if (types.isEmpty())
        return out;
    // tasks_active_idx holds only PENDING and IN_PROGRESS rows: the scan is as long as the running set.
    QSqlQuery q(m_db);
    q.prepare(u"SELECT type, count(*) FROM tasks WHERE status = 'IN_PROGRESS' AND type = ANY(?::text[]) GROUP BY type"_s);
    q.addBindValue(pgTextArray(types));
    if (!q.exec())
        return dbError(q.lastError(), u"count running tasks per type"_s);
    while (q.next())
        out.insert(q.value(0).toString(), q.value(1).toInt());
    return out;
}

Result<ExecutionRepository::Claimed> ExecutionRepository::claimWithin(const QList<QUuid> &ids, const QList<QByteArray> &entryIds,
                                                                     const QString &worker, const QStringList &types,
                                                                     const QHash<QString, int> &limits, bool reclaim, int leaseMs)
{
    Claimed out;
    if (limits.isEmpty() || ids.isEmpty()) {
        auto all = claim(ids, entryIds, worker, types, reclaim, leaseMs);
        if (!all)
            return all.error();
        out.tasks = *all;
        return out;
    }
    Transaction tx(m_db);
    // Which of the ids are of a limited type (unfinished ones only: a stale entry takes no slot).
    QSqlQuery q(m_db);
    q.prepare(u"SELECT id, type FROM tasks WHERE id = ANY(?::uuid[]) AND type = ANY(?::text[]) "
              "AND (status || '') IN ('NEW', 'PENDING', 'IN_PROGRESS')"_s);
    q.addBindValue(pgUuidArray(ids));
    q.addBindValue(pgTextArray(limits.keys()));
    if (!q.exec())
        return dbError(q.lastError(), u"find tasks of limited types"_s);
    QHash<QUuid, QString> limitedType;
    while (q.next())
        limitedType.insert(QUuid::fromString(q.value(0).toString()), q.value(1).toString());
    QStringList present;
    for (const QString &type : std::as_const(limitedType))
        if (!present.contains(type))
            present.append(type);
    std::sort(present.begin(), present.end());
    // Held to the commit: a second claimer of the same type counts after this claim is visible.
    for (const QString &type : std::as_const(present)) {
        QSqlQuery lock(m_db);
        lock.prepare(u"SELECT pg_advisory_xact_lock(hashtextextended('taskmill:concurrency:' || ?, 0))"_s);
        lock.addBindValue(type);
        if (!lock.exec())
            return dbError(lock.lastError(), u"lock the concurrency of %1"_s.arg(type));
    }
    auto running = runningByType(present);
    if (!running)
        return running.error();
    // A reclaimed task is still IN_PROGRESS under its dead attempt: it must not count against itself.
    if (reclaim && !present.isEmpty()) {
        QSqlQuery self(m_db);
        self.prepare(u"SELECT type, count(*) FROM tasks WHERE id = ANY(?::uuid[]) AND (status || '') = 'IN_PROGRESS' "
                     "GROUP BY type"_s);
        self.addBindValue(pgUuidArray(ids));
        if (!self.exec())
            return dbError(self.lastError(), u"count reclaimed tasks"_s);
        while (self.next())
            (*running)[self.value(0).toString()] -= self.value(1).toInt();
    }
    QList<QUuid> fitIds;
    QList<QByteArray> fitEntries;
    QHash<QString, int> taken;
    for (qsizetype i = 0; i < ids.size(); ++i) {
        const QUuid &id = ids.at(i);
        const auto type = limitedType.constFind(id);
        if (type != limitedType.cend()) {
            const bool alreadyFits = fitIds.contains(id); // a duplicate entry in the batch takes no second slot
            if (!alreadyFits && running->value(*type) + taken.value(*type) >= limits.value(*type)) {
                out.overLimit.append({id, *type});
                continue;
            }
            if (!alreadyFits)
                ++taken[*type];
        }
        fitIds.append(id);
        fitEntries.append(entryIds.value(i));
    }
    auto claimed = claim(fitIds, fitEntries, worker, types, reclaim, leaseMs);
    if (!claimed)
        return claimed.error();
    if (!tx.commit())
        return dbError(m_db.lastError(), u"commit limited claim"_s);
    out.tasks = *claimed;
    return out;
}

} // namespace taskmill
