// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "store/SearchIndexRepository.h"

#include "store/Database.h"

#include <QSqlError>
#include <QSqlQuery>

namespace taskmill {

Result<int> SearchIndexRepository::indexPending(int limit)
{
    // The document is the one 0004 defined: title, description and payload::text joined by U+001F.
    // A task purged before its pass simply finds no row in the join.
    const QString sql = QStringLiteral(
        "WITH q AS (DELETE FROM task_search_queue WHERE ctid = ANY (ARRAY("
        "SELECT ctid FROM task_search_queue LIMIT ? FOR UPDATE SKIP LOCKED)) RETURNING task_id), "
        "i AS (INSERT INTO task_search (task_id, doc) "
        "SELECT t.id, t.title || E'\\x1f' || t.description || E'\\x1f' || t.payload::text "
        // In id order: the foreign-key check's KEY SHARE locks on tasks are then taken in the order every
        // other statement locks task rows.
        "FROM tasks t WHERE t.id IN (SELECT task_id FROM q) ORDER BY t.id "
        "ON CONFLICT (task_id) DO UPDATE SET doc = EXCLUDED.doc) "
        "SELECT count(*) FROM q");
    auto taken = preparedScalar(m_db, sql, {limit}, QStringLiteral("search index pass"));
    if (!taken)
        return taken.error();
    return int(*taken);
}

} // namespace taskmill
