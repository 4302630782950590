// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "store/Migrator.h"

#include "observability/Logging.h"
#include "store/Database.h"
#include "store/Transaction.h"

#include <QDir>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>

// The migrations are a resource of a static library: the linker drops its initializer unless referenced.
static void initMigrationResources()
{
    Q_INIT_RESOURCE(migrations);
}

namespace taskmill {

namespace {
constexpr qint64 MigrationLockKey = 0x7461736b6d696c6c; // "taskmill"
// SQLSTATE 42P01: the relation does not exist.
const QString UndefinedTable = QStringLiteral("42P01");

struct MigrationFile
{
    int version;
    QString name;
    QString path;
};

QList<MigrationFile> migrationFiles()
{
    initMigrationResources();
    QList<MigrationFile> out;
    const QDir dir(QStringLiteral(":/migrations"));
    for (const QString &f : dir.entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name)) {
        bool ok = false;
        const int v = f.left(4).toInt(&ok);
        if (ok)
            out.append({v, f.mid(5).chopped(4), dir.filePath(f)});
    }
    return out;
}
} // namespace

Migrator::Migrator(QSqlDatabase db) : m_db(std::move(db)) {}

int Migrator::latestVersion()
{
    const auto files = migrationFiles();
    return files.isEmpty() ? 0 : files.last().version;
}

Result<int> Migrator::currentVersion()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT coalesce(max(version), 0) FROM schema_migrations"))) {
        // Only a missing table means "nothing applied yet"; any other failure (a lost connection, no
        // permission) is reported, or a reader would take a healthy schema for an empty one.
        if (q.lastError().nativeErrorCode() == UndefinedTable)
            return 0;
        return dbError(q.lastError(), QStringLiteral("read schema version"));
    }
    if (!q.next())
        return dbError(q.lastError(), QStringLiteral("read schema version"));
    return q.value(0).toInt();
}

Result<QList<MigrationStep>> Migrator::pending()
{
    auto current = currentVersion();
    if (!current)
        return current.error();
    QList<MigrationStep> out;
    for (const MigrationFile &m : migrationFiles())
        if (m.version > *current)
            out.append({m.version, m.name});
    return out;
}

Result<int> Migrator::migrate()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS schema_migrations ("
                               "version integer PRIMARY KEY, name text NOT NULL, "
                               "applied_at timestamptz NOT NULL DEFAULT now())")))
        return dbError(q.lastError(), QStringLiteral("create schema_migrations"));
    if (!q.exec(QStringLiteral("SELECT pg_advisory_lock(%1)").arg(MigrationLockKey)))
        return dbError(q.lastError(), QStringLiteral("migration lock"));
    struct Unlock
    {
        QSqlDatabase &db;
        ~Unlock() { QSqlQuery(db).exec(QStringLiteral("SELECT pg_advisory_unlock(%1)").arg(MigrationLockKey)); }
    } unlock{m_db};

    auto current = currentVersion();
    if (!current)
        return current.error();
    int version = *current;
    for (const MigrationFile &m : migrationFiles()) {
        if (m.version <= version)
            continue;
        QFile f(m.path);
        if (!f.open(QIODevice::ReadOnly))
            return ApiError::internal(QStringLiteral("cannot read migration %1").arg(m.path));
        const QString sql = QString::fromUtf8(f.readAll());
        Transaction tx(m_db);
        QSqlQuery step(m_db);
        // Not prepared: QPSQL then uses PQexec, which runs a multi-statement script.
        if (!step.exec(sql))
            return dbError(step.lastError(), QStringLiteral("migration %1_%2").arg(m.version).arg(m.name));
        step.prepare(QStringLiteral("INSERT INTO schema_migrations (version, name) VALUES (?, ?)"));
        step.addBindValue(m.version);
        step.addBindValue(m.name);
        if (!step.exec() || !tx.commit())
            return dbError(step.lastError(), QStringLiteral("record migration %1").arg(m.version));
        qCInfo(lcStore).noquote() << "applied migration" << m.version << m.name;
        version = m.version;
    }
    return version;
}

} // namespace taskmill
