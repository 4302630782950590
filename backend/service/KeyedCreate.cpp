// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "service/KeyedCreate.h"

#include "observability/Metrics.h"
#include "service/HandlerCatalog.h"
#include "service/TaskDispatch.h"
#include "store/Database.h"
#include "store/IdempotencyRepository.h"
#include "store/TaskRepository.h"
#include "store/Transaction.h"

#include <QSqlError>

using namespace Qt::StringLiterals;

namespace taskmill {

Result<KeyedCreate::Outcome> KeyedCreate::create(const QString &owner, const QString &key, const QByteArray &requestHash,
                                                 const QList<Task> &tasks, bool replicated)
{
    QList<QUuid> ids;
    ids.reserve(tasks.size());
    for (const Task &t : tasks)
        ids.append(t.id);

    TaskRepository repo(m_db);
    Transaction tx(m_db);
    if (replicated)
        if (auto set = repo.setSynchronousCommit(true); !set)
            return set.error();
    // The key first: a request with the same key in flight elsewhere holds its row until it commits or rolls
    // back, so this waits here rather than inserting a second copy of the tasks.
    auto earlier = IdempotencyRepository(m_db).claim(owner, key, requestHash, ids);
    if (!earlier)
        return earlier.error();
    if (*earlier) // the transaction rolls back: it wrote nothing
        return Outcome{true, (*earlier)->requestHash == requestHash, (*earlier)->taskIds};
    if (auto inserted = repo.insert(tasks); !inserted)
        return inserted.error();
    if (!tx.commit())
        return dbError(m_db.lastError(), u"commit tasks"_s);

    QList<TaskRef> runnable;
    for (const Task &t : tasks) {
        Metrics::countTask(Metrics::TaskEvent::Created, t.type, t.priority);
        if (t.status == Status::New)
            runnable.append({t.id, t.priority, m_catalog.laneOf(t.type)});
    }
    // Committed: from here nothing can fail the request. A Redis outage leaves the tasks NEW for the
    // reconciler (TaskDispatch logs and counts it), as for every other create.
    if (!runnable.isEmpty())
        m_dispatch.dispatch(m_db, runnable);
    return Outcome{false, true, ids};
}

} // namespace taskmill
