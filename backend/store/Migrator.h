// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#pragma once

#include "wire/Result.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace taskmill {

// One migration file: resources/migrations/<version as NNNN>_<name>.sql.
struct MigrationStep
{
    int version = 0;
    QString name;
};

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
    // What migrate() would apply now, in order (`taskmilld migrate --dry-run`). Only reads: no table is
    // created and no lock taken, so a start racing it may already have applied some of them.
    Result<QList<MigrationStep>> pending();

private:
    QSqlDatabase m_db;
};

} // namespace taskmill
