// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// Durability levels on real servers: "fast" (acknowledged once Redis holds the entry; an executor writes
// the row from the entry if it gets there first), "replicated" (refused without a synchronous standby;
// accepted with a real streaming standby and a real Redis replica), and the fallbacks.
#include "IntegrationHelpers.h"

#include <QProcess>
#include <QUrl>

#include <pwd.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace taskmill;
using namespace taskmill::test;

namespace {
// Runs a PostgreSQL client tool, as the postgres account when we are root (it writes a data dir).
bool runPgTool(const QString &tool, const QStringList &args, QString *output)
{
    QProcess p;
    const QString path = PostgresProcess::toolPath(tool);
    if (::geteuid() == 0)
        p.start(u"runuser"_s, QStringList{u"-u"_s, u"postgres"_s, u"--"_s, path} + args);
    else
        p.start(path, args);
    p.waitForFinished(120000);
    *output = QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
    return p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}
} // namespace

class TestDurability : public QObject
{
    Q_OBJECT
    TestServers m_servers{TestServersOptions{true, false, {u"wal_level=replica"_s, u"max_wal_senders=4"_s}}};
    BackendProcess m_api; // api + scheduler: entries stay in Redis for inspection until an executor runs
    TestHttp m_http;

private slots:
    void initTestCase()
    {
        auto started = m_servers.start();
        QVERIFY2(started, qPrintable(started ? QString() : started.error().message));
        auto up = m_api.start({u"--postgres"_s, m_servers.postgresUrl(), u"--redis"_s, m_servers.redisTcpUrl(),
                               u"-a"_s, u"127.0.0.1:0"_s, u"--role"_s, u"api,scheduler"_s,
                               u"--set"_s, u"redis.wait_replicas=1"_s, u"--set"_s, u"durability.types.quick=fast"_s,
                               // A built-in under another name: an external handler's tasks are always durable.
                               u"--set"_s, u"handlers.aliases.quick=noop"_s});
        QVERIFY2(up, qPrintable(up ? QString() : up.error().message));
        m_http.setBaseUrl(m_api.baseUrl());
    }
    void cleanupTestCase() { QVERIFY(m_api.terminate()); }

    void fast_is_acknowledged_from_redis_and_persisted_after()
    {
        const auto r = m_http.post(u"/api/v1/tasks"_s, QJsonValue(QJsonObject{{u"title"_s, u"fast one"_s}, {u"durability"_s, u"fast"_s}}));
        QCOMPARE(r.status, 201);
        QCOMPARE(r.obj().value(u"status"_s).toString(), u"PENDING"_s);
        const QString id = r.obj().value(u"id"_s).toString();
        QTRY_COMPARE_WITH_TIMEOUT(countRows(m_servers, u"SELECT count(*) FROM tasks WHERE id = '%1' AND status = 'PENDING'"_s.arg(id)), 1, 5000);
        // The entry carries the whole task, so an executor never depends on the row being there first.
        const QString entry = m_servers.redisCli({u"XREVRANGE"_s, u"taskmill:tasks:medium"_s, u"+"_s, u"-"_s, u"COUNT"_s, u"1"_s});
        QVERIFY(entry.contains(id));
        QVERIFY(entry.contains(u"fast one"_s));
        // Per-type default: type "quick" is fast without asking.
        const auto typed = m_http.post(u"/api/v1/tasks"_s, QJsonValue(QJsonObject{{u"type"_s, u"quick"_s}}));
        QCOMPARE(typed.obj().value(u"status"_s).toString(), u"PENDING"_s);
    }

    void executor_writes_a_fast_task_whose_row_never_arrived()
    {
        // As if the api died after Redis accepted the entry and before its grouped insert.
        const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        const QString doc = u"{\"id\":\"%1\",\"type\":\"noop\",\"title\":\"orphan entry\",\"priority\":\"HIGH\","
                            "\"status\":\"NEW\",\"payload\":{},\"max_attempts\":3,\"created_at\":\"%2\"}"_s
                                .arg(id, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
        m_servers.redisCli({u"XADD"_s, u"taskmill:tasks:high"_s, u"*"_s, u"id"_s, id, u"task"_s, doc});
        QCOMPARE(countRows(m_servers, u"SELECT count(*) FROM tasks WHERE id = '%1'"_s.arg(id)), 0);
        BackendProcess exec;
        QVERIFY(exec.start({u"--postgres"_s, m_servers.postgresUrl(), u"--redis"_s, m_servers.redisUrl(),
                            u"--role"_s, u"executor"_s}, BackendProcess::Readiness::Ready));
        const QJsonObject done = waitForStatus(m_http, id, u"COMPLETED"_s);
        QCOMPARE(done.value(u"status"_s).toString(), u"COMPLETED"_s);
        QCOMPARE(done.value(u"title"_s).toString(), u"orphan entry"_s);
        QVERIFY(exec.terminate());
    }

    void replicated_is_refused_without_a_synchronous_standby()
    {
        const int before = countRows(m_servers, u"SELECT count(*) FROM tasks"_s);
        const auto r = m_http.post(u"/api/v1/tasks"_s, QJsonValue(QJsonObject{{u"durability"_s, u"replicated"_s}}));
        QCOMPARE(r.status, 422);
        QCOMPARE(r.obj().value(u"error"_s).toObject().value(u"field"_s).toString(), u"durability"_s);
        QVERIFY(r.obj().value(u"error"_s).toObject().value(u"message"_s).toString().contains(u"standby"_s));
        QCOMPARE(countRows(m_servers, u"SELECT count(*) FROM tasks"_s), before);
        QCOMPARE(m_http.post(u"/api/v1/tasks"_s, QJsonValue(QJsonObject{{u"durability"_s, u"eventual"_s}})).status, 422);
    }

    void replicated_waits_for_a_real_standby_and_redis_replica()
    {
        // A streaming standby of the test cluster, made synchronous.
        const QString standbyDir = m_servers.dir() + u"/standby"_s;
        QVERIFY(QDir().mkpath(standbyDir));
        if (::geteuid() == 0) {
            const passwd *pg = ::getpwnam("postgres");
            QVERIFY(pg);
            QVERIFY(::chown(qPrintable(standbyDir), pg->pw_uid, pg->pw_gid) == 0);
        }
        QFile::setPermissions(standbyDir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        QString out;
        const PostgresOptions &primary = m_servers.postgres().options();
        QVERIFY2(runPgTool(u"pg_basebackup"_s, {u"-h"_s, primary.socketDir, u"-p"_s, QString::number(primary.port), u"-U"_s,
                                               u"taskmill"_s, u"-D"_s, standbyDir, u"-R"_s, u"-X"_s, u"stream"_s, u"-c"_s, u"fast"_s}, &out),
                 qPrintable(out));
        PostgresOptions options;
        options.dataDir = standbyDir;
        options.socketDir = m_servers.dir() + u"/s2"_s;
        options.port = primary.port + 1;
        options.durable = false;
        QVERIFY(QDir().mkpath(options.socketDir));
        PostgresProcess standby(options);
        auto up = standby.start();
        QVERIFY2(up, qPrintable(up ? QString() : up.error().message));
        QVERIFY(m_servers.psql(u"ALTER SYSTEM SET synchronous_standby_names = '*'"_s));
        QVERIFY(m_servers.psql(u"SELECT pg_reload_conf()"_s));
        QTRY_COMPARE_WITH_TIMEOUT(countRows(m_servers, u"SELECT count(*) FROM pg_stat_replication WHERE sync_state = 'sync'"_s), 1, 15000);

        // A Redis replica of the test Redis, so WAIT 1 can succeed.
        QProcess replica;
        const QString replicaSocket = m_servers.dir() + u"/r2.sock"_s;
        const QUrl primaryRedis(m_servers.redisTcpUrl());
        replica.start(u"redis-server"_s, {u"--port"_s, u"0"_s, u"--unixsocket"_s, replicaSocket, u"--dir"_s, m_servers.dir(),
                                          u"--save"_s, u""_s, u"--appendonly"_s, u"no"_s, u"--replicaof"_s, u"127.0.0.1"_s,
                                          QString::number(primaryRedis.port())});
        QVERIFY(replica.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(m_servers.redisCli({u"INFO"_s, u"replication"_s}).contains(u"state=online"_s), 15000);

        const auto r = m_http.post(u"/api/v1/tasks"_s, QJsonValue(QJsonObject{{u"title"_s, u"on two servers"_s},
                                                                               {u"priority"_s, u"LOW"_s},
                                                                               {u"durability"_s, u"replicated"_s}}));
        QCOMPARE(r.status, 201);
        const QString id = r.obj().value(u"id"_s).toString();
        // Committed on the standby before the answer (remote flush; visible once replayed).
        QProcess psql;
        psql.start(PostgresProcess::toolPath(u"psql"_s), {u"-X"_s, u"-At"_s, u"-h"_s, options.socketDir, u"-p"_s,
                                                          QString::number(options.port), u"-U"_s, u"taskmill"_s, u"-d"_s,
                                                          u"taskmill"_s, u"-c"_s, u"SELECT title FROM tasks WHERE id = '%1'"_s.arg(id)});
        QVERIFY(psql.waitForFinished(10000));
        QTRY_VERIFY_WITH_TIMEOUT(QString::fromUtf8(psql.readAllStandardOutput()).contains(u"on two servers"_s) || [&] {
            psql.start(psql.program(), psql.arguments());
            psql.waitForFinished(10000);
            return false;
        }(), 5000);
        QProcess cli;
        cli.start(u"redis-cli"_s, {u"-s"_s, replicaSocket, u"XRANGE"_s, u"taskmill:tasks:low"_s, u"-"_s, u"+"_s});
        QVERIFY(cli.waitForFinished(5000));
        const QString onReplica = QString::fromUtf8(cli.readAllStandardOutput() + cli.readAllStandardError());
        QVERIFY2(onReplica.contains(id), qPrintable(onReplica.left(300)));

        // Standby gone: refused again, and the primary is put back to asynchronous commits.
        standby.stop();
        QTRY_COMPARE_WITH_TIMEOUT(countRows(m_servers, u"SELECT count(*) FROM pg_stat_replication"_s), 0, 15000);
        QCOMPARE(m_http.post(u"/api/v1/tasks"_s, QJsonValue(QJsonObject{{u"durability"_s, u"replicated"_s}})).status, 422);
        QVERIFY(m_servers.psql(u"ALTER SYSTEM RESET synchronous_standby_names"_s));
        QVERIFY(m_servers.psql(u"SELECT pg_reload_conf()"_s));
        replica.terminate();
        QVERIFY(replica.waitForFinished(10000));
    }

    void fast_falls_back_to_durable_when_redis_is_down()
    {
        m_servers.redis().stop();
        const auto r = m_http.post(u"/api/v1/tasks"_s, QJsonValue(QJsonObject{{u"durability"_s, u"fast"_s}}));
        QCOMPARE(r.status, 201);
        QCOMPARE(r.obj().value(u"status"_s).toString(), u"NEW"_s); // committed to PostgreSQL instead
        QCOMPARE(countRows(m_servers, u"SELECT count(*) FROM tasks WHERE id = '%1'"_s.arg(r.obj().value(u"id"_s).toString())), 1);
        QVERIFY(m_servers.redis().start());
    }
};

QTEST_GUILESS_MAIN(TestDurability)
#include "test_Durability.moc"
