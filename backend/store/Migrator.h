// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/Result.h"

#include <QSqlDatabase>

namespace taskmill {

// Applies resources/migrations/NNNN_name.sql (embedded as :/migrations) in order, each in its own
// transaction, and records the version in schema_migrations. A PostgreSQL advisory lock makes
// concurrent starts (several api/executor processes) wait for one another instead of racing.
class Migrator final
{
public:
    explicit Migrator(QSqlDatabase db);

    // Returns the schema version after applying what was missing.
    Result<int> migrate();
    // Highest version that this binary knows about.
    static int latestVersion();
    Result<int> currentVersion();

private:
    QSqlDatabase m_db;
};

} // namespace taskmill
