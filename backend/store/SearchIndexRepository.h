// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/Result.h"

#include <QSqlDatabase>

namespace taskmill {

// The batched search indexer (migration 0005): created tasks wait in task_search_queue until a pass writes
// their documents into task_search (pg_trgm GIN), many per statement, off the create's commit. A text
// search sees a new task once a pass has run: within a dispatch pass of the api that created it, or the
// scheduler's next loop for tasks another process wrote.
class SearchIndexRepository final
{
public:
    explicit SearchIndexRepository(QSqlDatabase db) : m_db(std::move(db)) {}

    // Writes the documents of up to `limit` queued tasks and drops them from the queue, in one statement.
    // Rows other indexers hold are skipped. Returns how many queue rows were taken.
    Result<int> indexPending(int limit);

    // A pass writes at most this many documents: one statement's worth of GIN inserts.
    static constexpr int PassMax = 2000;

private:
    QSqlDatabase m_db;
};

} // namespace taskmill
