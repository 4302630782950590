// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// `taskmilld migrate --dry-run` against a real PostgreSQL: it lists exactly the migrations `migrate` would
// apply, in order, and changes nothing (an empty database stays without schema_migrations; a database one
// migration behind stays behind); after `migrate` it reports the schema up to date. The flag belongs to
// `migrate` only.
#include "IntegrationHelpers.h"

#include "config/ConfigLoader.h"

#include <QDir>
#include <QProcess>
#include <QRegularExpression>

using namespace Qt::StringLiterals;
using namespace taskmill;
using namespace taskmill::test;

namespace {
struct Run
{
    int exitCode = -1;
    QStringList stdoutLines;
    QString stderrText;
};

// The migration files of the source tree, as the dry run names them: "NNNN_name".
QStringList migrationNames()
{
    const QDir dir(qEnvironmentVariable("TASKMILL_SOURCE_DIR") + u"/resources/migrations"_s);
    QStringList names;
    for (const QString &f : dir.entryList({u"*.sql"_s}, QDir::Files, QDir::Name))
        names << f.chopped(4);
    return names;
}
} // namespace

class TestMigrateDryRun : public QObject
{
    Q_OBJECT
    std::unique_ptr<TestServers> m_servers;

    Run taskmilld(const QStringList &command)
    {
        QProcess p;
        p.start(qEnvironmentVariable("TASKMILLD_BIN"),
                QStringList{u"--postgres"_s, m_servers->postgresUrl(), u"--redis"_s, m_servers->redisUrl()} + command);
        Run r;
        if (!p.waitForFinished(60000)) {
            p.kill();
            p.waitForFinished();
            return r;
        }
        r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        r.stdoutLines = QString::fromUtf8(p.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts);
        r.stderrText = QString::fromUtf8(p.readAllStandardError());
        return r;
    }
    // The "  NNNN_name" lines of a dry run.
    static QStringList listed(const Run &r)
    {
        QStringList out;
        for (const QString &line : r.stdoutLines)
            if (line.startsWith(u"  "_s))
                out << line.trimmed();
        return out;
    }
    int appliedCount() { return countRows(*m_servers, u"SELECT count(*) FROM schema_migrations"_s); }

private slots:
    void initTestCase()
    {
        QVERIFY(!qEnvironmentVariable("TASKMILLD_BIN").isEmpty());
        QVERIFY(migrationNames().size() >= 2);
        m_servers = std::make_unique<TestServers>();
        auto started = m_servers->start();
        QVERIFY2(started, qPrintable(started ? QString() : started.error().message));
    }
    void cleanupTestCase() { m_servers.reset(); }

    void dry_run_on_an_empty_database_lists_every_migration_and_creates_nothing()
    {
        const Run r = taskmilld({u"migrate"_s, u"--dry-run"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText));
        QVERIFY2(!r.stdoutLines.isEmpty() && r.stdoutLines.first().startsWith(u"taskmilld: schema version 0; "_s),
                 qPrintable(r.stdoutLines.join(u'\n')));
        QVERIFY(r.stdoutLines.first().contains(u"%1 migration(s) would be applied"_s.arg(migrationNames().size())));
        QCOMPARE(listed(r), migrationNames());
        QCOMPARE(countRows(*m_servers, u"SELECT count(*) FROM pg_tables WHERE tablename IN ('schema_migrations', 'tasks')"_s), 0);
    }

    void dry_run_lists_only_what_is_missing_and_applies_none_of_it()
    {
        const Run migrated = taskmilld({u"migrate"_s});
        QVERIFY2(migrated.exitCode == 0, qPrintable(migrated.stderrText));
        QCOMPARE(appliedCount(), migrationNames().size());
        // One version behind, as a database is before an upgrade that brings one new migration. Only the record
        // goes: the dry run reads schema_migrations, never the tables.
        const QString last = migrationNames().last();
        QVERIFY(m_servers->psql(u"DELETE FROM schema_migrations WHERE version = %1"_s.arg(last.left(4).toInt())));

        const Run r = taskmilld({u"migrate"_s, u"--dry-run"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText));
        QCOMPARE(r.stdoutLines.value(0), u"taskmilld: schema version %1; 1 migration(s) would be applied (dry run, nothing changed):"_s
                                             .arg(migrationNames().at(migrationNames().size() - 2).left(4).toInt()));
        QCOMPARE(listed(r), QStringList{last});
        QCOMPARE(appliedCount(), migrationNames().size() - 1);
    }

    void dry_run_after_migrate_reports_the_schema_up_to_date()
    {
        // Restore the record the previous test removed (the migration's tables are still there).
        const QString last = migrationNames().last();
        QVERIFY(m_servers->psql(u"INSERT INTO schema_migrations (version, name) VALUES (%1, '%2') ON CONFLICT DO NOTHING"_s
                                    .arg(last.left(4).toInt())
                                    .arg(last.mid(5))));
        const Run r = taskmilld({u"migrate"_s, u"--dry-run"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.stderrText));
        QCOMPARE(r.stdoutLines, QStringList{u"taskmilld: schema version %1 is up to date; no migrations would be applied (dry run)"_s
                                                .arg(last.left(4).toInt())});
    }

    void dry_run_without_a_database_fails()
    {
        QProcess p;
        p.start(qEnvironmentVariable("TASKMILLD_BIN"),
                {u"--postgres"_s, u"postgresql://taskmill@/taskmill?host=%1/none"_s.arg(m_servers->dir()), u"--redis"_s,
                 m_servers->redisUrl(), u"migrate"_s, u"--dry-run"_s});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 1);
        QVERIFY(p.readAllStandardOutput().isEmpty());
    }

    void dry_run_belongs_to_migrate_only_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("command"); // "!" = a command-line error
        QTest::newRow("migrate --dry-run") << QStringList{u"migrate"_s, u"--dry-run"_s} << u"migrate-dry-run"_s;
        QTest::newRow("--dry-run migrate") << QStringList{u"--dry-run"_s, u"migrate"_s} << u"migrate-dry-run"_s;
        QTest::newRow("migrate") << QStringList{u"migrate"_s} << u"migrate"_s;
        QTest::newRow("--dry-run alone") << QStringList{u"--dry-run"_s} << u"!"_s;
        QTest::newRow("user add --dry-run") << QStringList{u"user"_s, u"add"_s, u"a@example.org"_s, u"--dry-run"_s} << u"!"_s;
    }

    void dry_run_belongs_to_migrate_only()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, command);
        const auto cl = ConfigLoader::fromArguments(QStringList{u"taskmilld"_s} + args, {});
        if (command == u"!") {
            QVERIFY(!cl.ok());
            QVERIFY(cl.error().message.contains(u"--dry-run"_s));
            return;
        }
        QVERIFY2(cl.ok(), qPrintable(cl.ok() ? QString() : cl.error().message));
        QCOMPARE(cl->command, command);
    }
};

QTEST_GUILESS_MAIN(TestMigrateDryRun)
#include "test_MigrateDryRun.moc"
