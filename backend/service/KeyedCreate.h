// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "model/Task.h"
#include "wire/Result.h"

#include <QByteArray>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QUuid>

namespace taskmill {

class HandlerCatalog;
class TaskDispatch;

// A create sent with an Idempotency-Key (docs/api.md, "Idempotent creates"): the key and the tasks go in one
// transaction of their own, outside the writer's groups, so that the key exists exactly when the tasks do.
// A request sent again — after a timeout, a dropped connection, a 503 while the first commit was in flight —
// finds the key and is answered with the tasks the first one made; two sent at once are ordered by the key's
// row lock, the second answered like a repeat. Always written before the answer, whatever durability was asked
// ("fast" answers before PostgreSQL has the task, which is exactly what a key must not do).
class KeyedCreate final
{
public:
    struct Outcome
    {
        bool replayed = false;     // the key was used before: nothing was written now
        bool sameRequest = true;   // replayed: the earlier request was this one (same route and body)
        QList<QUuid> taskIds;      // created now, or by the earlier request
    };

    KeyedCreate(QSqlDatabase &db, TaskDispatch &dispatch, const HandlerCatalog &catalog)
        : m_db(db), m_dispatch(dispatch), m_catalog(catalog)
    {
    }

    // `requestHash` identifies the request (route and body), `owner` the caller whose keys these are;
    // `replicated` waits for the synchronous standby as durability "replicated" does.
    Result<Outcome> create(const QString &owner, const QString &key, const QByteArray &requestHash,
                           const QList<Task> &tasks, bool replicated);

private:
    QSqlDatabase &m_db;
    TaskDispatch &m_dispatch;
    const HandlerCatalog &m_catalog;
};

} // namespace taskmill
