// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "local/LocalServices.h"
#include "local/PostgresProcess.h"
#include "local/ProcessControl.h"
#include "local/RedisProcess.h"
#include "support/TestServers.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <unistd.h>

using namespace taskmill;

namespace {

bool isRoot()
{
    return ::geteuid() == 0;
}

// A short temp dir the `postgres` account can traverse when we are root (QTemporaryDir makes it 0700).
QString reachableTempDir(QTemporaryDir &dir)
{
    QFile::setPermissions(dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                                          | QFileDevice::ReadGroup | QFileDevice::ExeGroup | QFileDevice::ReadOther
                                          | QFileDevice::ExeOther);
    return dir.path();
}

PostgresOptions pgOptions(const QString &dataDir, const QString &socketDir, bool durable = true)
{
    PostgresOptions options;
    options.dataDir = dataDir;
    options.socketDir = socketDir;
    options.durable = durable;
    return options;
}

QString run(const QString &program, const QStringList &args)
{
    QProcess p;
    p.start(program, args);
    p.waitForFinished(60000);
    return QString::fromUtf8(p.readAllStandardOutput()).trimmed();
}

QString psql(const PostgresProcess &pg, const QString &sql)
{
    const PostgresOptions &o = pg.options();
    return run(PostgresProcess::toolPath(QStringLiteral("psql")),
               {QStringLiteral("-X"), QStringLiteral("-qAt"), QStringLiteral("-h"), o.socketDir, QStringLiteral("-p"),
                QString::number(o.port), QStringLiteral("-U"), o.user, QStringLiteral("-d"), o.database,
                QStringLiteral("-c"), sql});
}

QString redisCli(const RedisProcess &redis, const QStringList &args)
{
    return run(QStringLiteral("redis-cli"), QStringList{QStringLiteral("-s"), redis.options().socketPath} + args);
}

bool allGone(const QList<qint64> &pids)
{
    for (qint64 pid : pids) {
        if (!localproc::isGone(pid))
            return false;
    }
    return true;
}

} // namespace

class TestLocalServices : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void postgres_starts_answers_stops_and_restarts()
    {
        QTemporaryDir tmp(QStringLiteral("/tmp/tm-t-XXXXXX"));
        const QString base = reachableTempDir(tmp);
        PostgresProcess pg(pgOptions(base + QStringLiteral("/pg"), base + QStringLiteral("/s"), false));
        const auto started = pg.start();
        QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().message));
        QVERIFY(pg.pid() > 0);
        QCOMPARE(pg.connectionUrl(),
                 QStringLiteral("postgresql://taskmill@/taskmill?host=%1&port=5432")
                     .arg(QString::fromLatin1(QUrl::toPercentEncoding(base + QStringLiteral("/s")))));
        QCOMPARE(psql(pg, QStringLiteral("create table t(v int); insert into t values (42); select v from t")),
                 QStringLiteral("42"));
        if (isRoot())
            QVERIFY(localproc::commandContains(localproc::parentPid(pg.pid()), QStringLiteral("runuser")));

        const qint64 first = pg.pid();
        const QList<qint64> children = localproc::childPids(first);
        QVERIFY(!children.isEmpty());
        pg.stop();
        QCOMPARE(pg.pid(), 0);
        QVERIFY(allGone(children + QList<qint64>{first}));

        QVERIFY(pg.start().ok());
        QVERIFY(pg.pid() != first);
        QCOMPARE(psql(pg, QStringLiteral("select v from t")), QStringLiteral("42"));
    }

    void postgres_recovers_after_kill()
    {
        QTemporaryDir tmp(QStringLiteral("/tmp/tm-t-XXXXXX"));
        const QString base = reachableTempDir(tmp);
        // fsync off is fine for a process crash (the kernel keeps the writes); synchronous_commit on makes each commit
        // reach the kernel before psql returns, so the committed row must survive the kill.
        PostgresOptions options = pgOptions(base + QStringLiteral("/pg"), base + QStringLiteral("/s"), false);
        options.extraSettings = {QStringLiteral("synchronous_commit=on")};
        PostgresProcess pg(options);
        QVERIFY(pg.start().ok());
        QCOMPARE(psql(pg, QStringLiteral("create table t(v int); insert into t values (7); select count(*) from t")),
                 QStringLiteral("1"));
        const qint64 killed = pg.pid();
        const QList<qint64> children = localproc::childPids(killed);
        pg.kill();
        QVERIFY(allGone(children + QList<qint64>{killed}));

        const auto restarted = pg.start();
        QVERIFY2(restarted.ok(), qPrintable(restarted.ok() ? QString() : restarted.error().message));
        QCOMPARE(psql(pg, QStringLiteral("select v from t")), QStringLiteral("7"));
    }

    void postgres_rejects_socket_path_over_107_bytes()
    {
        PostgresProcess pg(pgOptions(QStringLiteral("/tmp/tm-unused/pg"), QStringLiteral("/tmp/") + QString(100, u's')));
        const auto started = pg.start();
        QVERIFY(!started.ok());
        QVERIFY2(started.error().message.contains(QLatin1String("socket path")), qPrintable(started.error().message));
        QVERIFY(!QFileInfo::exists(QStringLiteral("/tmp/tm-unused")));
    }

    void postgres_as_root_names_the_unreachable_dir()
    {
        if (!isRoot())
            QSKIP("only root runs PostgreSQL through another account");
        QTemporaryDir hidden(QStringLiteral("/tmp/tm-t-XXXXXX")); // mode 0700, owned by root
        PostgresProcess pg(pgOptions(hidden.filePath(QStringLiteral("pg")), hidden.filePath(QStringLiteral("s"))));
        const auto started = pg.start();
        QVERIFY(!started.ok());
        QVERIFY2(started.error().message.contains(QStringLiteral("directory %1 is not searchable").arg(hidden.path())),
                 qPrintable(started.error().message));
    }

    void redis_answers_ping_and_aof_survives_stop_and_kill()
    {
        QTemporaryDir tmp(QStringLiteral("/tmp/tm-t-XXXXXX"));
        RedisOptions options;
        options.dir = tmp.filePath(QStringLiteral("redis"));
        options.socketPath = tmp.filePath(QStringLiteral("r.sock"));
        options.appendFsync = QStringLiteral("always"); // every write on disk before the reply: kill loses nothing
        RedisProcess redis(options);
        QVERIFY(redis.start().ok());
        QCOMPARE(redis.url(), QStringLiteral("unix://") + options.socketPath);
        QVERIFY(RedisProcess::ping(options.socketPath));
        QCOMPARE(redisCli(redis, {QStringLiteral("SET"), QStringLiteral("k"), QStringLiteral("v1")}),
                 QStringLiteral("OK"));

        qint64 pid = redis.pid();
        redis.stop();
        QVERIFY(localproc::isGone(pid));
        QVERIFY(redis.start().ok());
        QCOMPARE(redisCli(redis, {QStringLiteral("GET"), QStringLiteral("k")}), QStringLiteral("v1"));

        QCOMPARE(redisCli(redis, {QStringLiteral("SET"), QStringLiteral("k"), QStringLiteral("v2")}),
                 QStringLiteral("OK"));
        pid = redis.pid();
        redis.kill();
        QVERIFY(localproc::isGone(pid));
        QVERIFY(!RedisProcess::ping(options.socketPath));
        QVERIFY(redis.start().ok());
        QCOMPARE(redisCli(redis, {QStringLiteral("GET"), QStringLiteral("k")}), QStringLiteral("v2"));
    }

    void leftover_servers_of_a_dead_owner_are_stopped()
    {
        QTemporaryDir tmp(QStringLiteral("/tmp/tm-t-XXXXXX"));
        const QString base = reachableTempDir(tmp);
        PostgresProcess pg(pgOptions(base + QStringLiteral("/pg"), base + QStringLiteral("/s"), false));
        RedisOptions options;
        options.dir = base + QStringLiteral("/redis");
        options.socketPath = base + QStringLiteral("/r.sock");
        RedisProcess redis(options);
        QVERIFY(pg.start().ok());
        QVERIFY(redis.start().ok());
        // Nothing of ours runs in an unrelated dir.
        QCOMPARE(PostgresProcess::stopLeftover(base), 0);
        QCOMPARE(RedisProcess::stopLeftover(base), 0);

        const qint64 pgPid = pg.pid();
        const qint64 redisPid = redis.pid();
        QCOMPARE(PostgresProcess::stopLeftover(base + QStringLiteral("/pg")), pgPid);
        QCOMPARE(RedisProcess::stopLeftover(options.dir), redisPid);
        QVERIFY(localproc::isGone(pgPid));
        QVERIFY(localproc::isGone(redisPid));
        // The owners notice nothing is left to stop.
        pg.stop();
        redis.stop();
        QCOMPARE(pg.pid(), 0);
    }

    void test_servers_start_and_stop_by_pid()
    {
        qint64 pgPid = 0;
        qint64 redisPid = 0;
        QString dir;
        {
            test::TestServersOptions options;
            options.redisTcp = true;
            test::TestServers servers(options);
            const auto started = servers.start();
            QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().message));
            dir = servers.dir();
            pgPid = servers.postgres().pid();
            redisPid = servers.redis().pid();
            QString out;
            QVERIFY(servers.psql(QStringLiteral("select 40 + 2"), &out));
            QCOMPARE(out, QStringLiteral("42"));
            QVERIFY(!servers.psql(QStringLiteral("select * from no_such_table")));
            QCOMPARE(servers.redisCli({QStringLiteral("PING")}), QStringLiteral("PONG"));
            QVERIFY(servers.redisTcpUrl().startsWith(QLatin1String("redis://127.0.0.1:")));
            const QString port = QString::number(QUrl(servers.redisTcpUrl()).port());
            QCOMPARE(run(QStringLiteral("redis-cli"), {QStringLiteral("-p"), port, QStringLiteral("PING")}),
                     QStringLiteral("PONG"));
        }
        QVERIFY(localproc::isGone(pgPid));
        QVERIFY(localproc::isGone(redisPid));
        QVERIFY(!QFileInfo::exists(dir));
    }

    void local_services_lock_out_a_second_instance_and_persist()
    {
        QTemporaryDir tmp(QStringLiteral("/tmp/tm-t-XXXXXX"));
        const QString dataDir = reachableTempDir(tmp) + QStringLiteral("/data");
        LocalServices first;
        const auto started = first.start(dataDir);
        QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().message));
        QCOMPARE(first.clusterDir(), dataDir + QStringLiteral("/postgres"));
        QVERIFY(first.postgresUrl().startsWith(QLatin1String("postgresql://taskmill@/taskmill?host=")));
        QVERIFY(first.redisUrl().startsWith(QLatin1String("unix://")));
        QCOMPARE(psql(*first.postgres(), QStringLiteral("create table kept(v text); insert into kept values ('x');"
                                                        "select v from kept")),
                 QStringLiteral("x"));
        QCOMPARE(redisCli(*first.redis(), {QStringLiteral("CONFIG"), QStringLiteral("GET"), QStringLiteral("appendonly")}),
                 QStringLiteral("appendonly\nyes"));

        LocalServices second;
        const auto refused = second.start(dataDir);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().message, QStringLiteral("another taskmilld --local is already using %1 (pid %2)")
                                              .arg(dataDir)
                                              .arg(QCoreApplication::applicationPid()));

        const QList<qint64> pids{first.postgres()->pid(), first.redis()->pid()};
        first.stop();
        QVERIFY(allGone(pids));
        QVERIFY(second.start(dataDir).ok());
        QCOMPARE(psql(*second.postgres(), QStringLiteral("select v from kept")), QStringLiteral("x"));
        second.stop();
    }

    void local_services_use_a_short_socket_dir_for_a_long_data_dir()
    {
        QTemporaryDir tmp(QStringLiteral("/tmp/tm-t-XXXXXX"));
        QTemporaryDir runtime(QStringLiteral("/tmp/tm-r-XXXXXX"));
        const QString runtimeDir = reachableTempDir(runtime);
        const QByteArray savedRuntime = qgetenv("XDG_RUNTIME_DIR");
        const auto restore = qScopeGuard([&] { qputenv("XDG_RUNTIME_DIR", savedRuntime); });
        const QString dataDir = reachableTempDir(tmp) + u'/' + QString(60, u'a') + u'/' + QString(60, u'b');
        QVERIFY(QFile::encodeName(dataDir).size() > 108);

        // One durable cluster, started twice (initdb is the slow part): first without, then with a runtime dir.
        for (const bool withRuntimeDir : {false, true}) {
            if (withRuntimeDir)
                qputenv("XDG_RUNTIME_DIR", QFile::encodeName(runtimeDir));
            else
                qunsetenv("XDG_RUNTIME_DIR");
            LocalServices local;
            const auto started = local.start(dataDir);
            QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().message));
            QVERIFY2(local.socketDir().startsWith(withRuntimeDir ? runtimeDir + QStringLiteral("/taskmill-")
                                                                 : QStringLiteral("/tmp/taskmill-%1-").arg(::geteuid())),
                     qPrintable(local.socketDir()));
            QVERIFY(QFile::encodeName(local.postgres()->socketPath()).size() < 108);
            QVERIFY(!(QFileInfo(local.socketDir()).permissions() & (QFileDevice::ExeGroup | QFileDevice::ExeOther)));
            QCOMPARE(psql(*local.postgres(), QStringLiteral("select 1")), QStringLiteral("1"));
            QCOMPARE(redisCli(*local.redis(), {QStringLiteral("PING")}), QStringLiteral("PONG"));
            const QList<qint64> pids{local.postgres()->pid(), local.redis()->pid()};
            local.stop();
            QVERIFY(allGone(pids));
            QVERIFY(!QFileInfo::exists(local.socketDir()));
        }
    }

    void local_services_as_root_move_an_unreachable_cluster()
    {
        if (!isRoot())
            QSKIP("the fallback cluster location is for root only");
        QTemporaryDir hidden(QStringLiteral("/tmp/tm-t-XXXXXX")); // mode 0700, owned by root: like a root home directory
        const QString dataDir = hidden.filePath(QStringLiteral("taskmill"));
        LocalServices local;
        const auto started = local.start(dataDir);
        const auto cleanup = qScopeGuard([&] {
            local.stop();
            if (local.clusterDir().startsWith(QLatin1String("/var/lib/taskmill-local/")))
                QFileInfo(local.clusterDir()).dir().removeRecursively();
        });
        QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().message));
        QVERIFY2(local.clusterDir().startsWith(QLatin1String("/var/lib/taskmill-local/")), qPrintable(local.clusterDir()));
        QCOMPARE(QFileInfo(local.clusterDir()).owner(), QStringLiteral("postgres"));
        QVERIFY(QFileInfo::exists(dataDir + QStringLiteral("/taskmilld.lock")));
        QVERIFY(QFileInfo::exists(dataDir + QStringLiteral("/redis")));
        QCOMPARE(psql(*local.postgres(), QStringLiteral("select current_user")), QStringLiteral("taskmill"));
    }
};

QTEST_GUILESS_MAIN(TestLocalServices)
#include "test_LocalServices.moc"
