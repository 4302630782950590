// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// Command-line level of ConfigLoader: roles, listen addresses, the local-mode default, --help/--version,
// command and option errors, unreadable configuration files. (Key-by-key settings: test_ConfigLoader.)
#include "config/ConfigLoader.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace taskmill;

namespace {
QString rolesText(const QSet<Role> &roles)
{
    QStringList names;
    for (Role r : roles)
        names << toString(r);
    names.sort();
    return names.join(u',');
}
} // namespace

class TestCommandLine : public QObject
{
    Q_OBJECT
private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }
    void roles_parsing_data();
    void roles_parsing();
    void listen_address_parsing_data();
    void listen_address_parsing();
    void local_mode_by_default_data();
    void local_mode_by_default();
    void help_and_version_exit_at_once_data();
    void help_and_version_exit_at_once();
    void command_and_option_errors_data();
    void command_and_option_errors();
    void unreadable_or_malformed_toml_is_an_error_data();
    void unreadable_or_malformed_toml_is_an_error();

private:
    QString writeToml(const QByteArray &text)
    {
        const QString path = m_dir->filePath(u"config-%1.toml"_s.arg(++m_files));
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(text) != text.size())
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    int m_files = 0;
};

void TestCommandLine::roles_parsing_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("expected"); // empty = error

    QTest::newRow("one") << u"api"_s << u"api"_s;
    QTest::newRow("two") << u"executor,scheduler"_s << u"executor,scheduler"_s;
    QTest::newRow("case and spaces") << u" API , Notifier "_s << u"api,notifier"_s;
    QTest::newRow("empty parts skipped") << u"api,,executor,"_s << u"api,executor"_s;
    QTest::newRow("duplicates") << u"api,api"_s << u"api"_s;
    QTest::newRow("all") << u"all"_s << u"api,executor,notifier,scheduler"_s;
    QTest::newRow("ALL") << u"ALL"_s << u"api,executor,notifier,scheduler"_s;
    QTest::newRow("all with another") << u"api,all"_s << u"api,executor,notifier,scheduler"_s;
    QTest::newRow("unknown") << u"chef"_s << QString();
    QTest::newRow("one unknown among known") << u"api,chef"_s << QString();
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("only commas") << u",,"_s << QString();
}

void TestCommandLine::roles_parsing()
{
    QFETCH(QString, value);
    QFETCH(QString, expected);
    const auto cl = ConfigLoader::fromArguments({u"taskmilld"_s, u"--role=%1"_s.arg(value)}, {});
    if (expected.isEmpty()) {
        QVERIFY(!cl.ok());
        QCOMPARE(toString(cl.error().code), u"validation"_s);
        QCOMPARE(cl.error().field, u"roles"_s);
        return;
    }
    QVERIFY2(cl.ok(), qPrintable(cl.ok() ? QString() : cl.error().message));
    QCOMPARE(rolesText(cl->config.roles), expected);
    for (Role r : {Role::Api, Role::Executor, Role::Notifier, Role::Scheduler})
        QCOMPARE(cl->config.hasRole(r), expected.split(u',').contains(toString(r)));
}

void TestCommandLine::listen_address_parsing_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");

    QTest::newRow("IPv4") << u"0.0.0.0:9000"_s << true << u"0.0.0.0"_s << 9000;
    QTest::newRow("name, port 1") << u"localhost:1"_s << true << u"localhost"_s << 1;
    QTest::newRow("port 65535") << u"example.org:65535"_s << true << u"example.org"_s << 65535;
    QTest::newRow("IPv6 loopback in brackets") << u"[::1]:8080"_s << true << u"::1"_s << 8080;
    QTest::newRow("IPv6 any in brackets") << u"[::]:443"_s << true << u"::"_s << 443;
    QTest::newRow("port only") << u"8080"_s << false << QString() << 0;
    QTest::newRow("empty host") << u":8080"_s << false << QString() << 0;
    QTest::newRow("IPv6 without port") << u"[::1]"_s << false << QString() << 0;
    QTest::newRow("port 65536") << u"host:65536"_s << false << QString() << 0;
    QTest::newRow("port word") << u"host:http"_s << false << QString() << 0;
    QTest::newRow("port missing") << u"host:"_s << false << QString() << 0;
    QTest::newRow("negative port") << u"host:-1"_s << false << QString() << 0;
    QTest::newRow("empty") << QString() << false << QString() << 0;
}

void TestCommandLine::listen_address_parsing()
{
    QFETCH(QString, value);
    QFETCH(bool, ok);
    QFETCH(QString, host);
    QFETCH(int, port);
    for (const QString &flag : {u"-a"_s, u"--listen"_s}) {
        const auto cl = ConfigLoader::fromArguments({u"taskmilld"_s, flag, value}, {});
        QCOMPARE(cl.ok(), ok);
        if (!ok) {
            QCOMPARE(toString(cl.error().code), u"validation"_s);
            QCOMPARE(cl.error().field, u"api.listen"_s);
            QCOMPARE(cl.error().message, u"api.listen must be HOST:PORT, e.g. 127.0.0.1:8080"_s);
            continue;
        }
        QCOMPARE(cl->config.listenHost, host);
        QCOMPARE(int(cl->config.listenPort), port);
    }
}

void TestCommandLine::local_mode_by_default_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QStringList>("env");
    QTest::addColumn<bool>("local");
    QTest::addColumn<QString>("errorField");

    const QString pg = u"postgresql://u@db/tm"_s;
    const QString rd = u"redis://cache:6379/0"_s;
    QTest::newRow("neither: local") << QStringList{} << QStringList{} << true << QString();
    QTest::newRow("both flags: external") << QStringList{u"--postgres"_s, pg, u"--redis"_s, rd} << QStringList{} << false
                                          << QString();
    QTest::newRow("both from environment: external")
        << QStringList{} << QStringList{u"TASKMILL_POSTGRES_URL="_s + pg, u"TASKMILL_REDIS_URL="_s + rd} << false
        << QString();
    QTest::newRow("both and --local: local")
        << QStringList{u"--postgres"_s, pg, u"--redis"_s, rd, u"--local"_s} << QStringList{} << true << QString();
    QTest::newRow("local.enabled=false and neither: still local")
        << QStringList{u"--set"_s, u"local.enabled=false"_s} << QStringList{} << true << QString();
    QTest::newRow("only --postgres: error names redis") << QStringList{u"--postgres"_s, pg} << QStringList{} << false
                                                        << u"redis"_s;
    QTest::newRow("only --redis: error names postgres") << QStringList{u"--redis"_s, rd} << QStringList{} << false
                                                        << u"postgres"_s;
    QTest::newRow("only one, with --local") << QStringList{u"--postgres"_s, pg, u"--local"_s} << QStringList{} << true
                                            << QString();
}

void TestCommandLine::local_mode_by_default()
{
    QFETCH(QStringList, args);
    QFETCH(QStringList, env);
    QFETCH(bool, local);
    QFETCH(QString, errorField);
    const auto cl = ConfigLoader::fromArguments(QStringList{u"taskmilld"_s} + args, env);
    if (!errorField.isEmpty()) {
        QVERIFY(!cl.ok());
        QCOMPARE(toString(cl.error().code), u"validation"_s);
        QCOMPARE(cl.error().field, errorField);
        return;
    }
    QVERIFY2(cl.ok(), qPrintable(cl.ok() ? QString() : cl.error().message));
    QCOMPARE(cl->config.local, local);
    QVERIFY(!cl->config.dataDir.isEmpty());
}

void TestCommandLine::help_and_version_exit_at_once_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::newRow("--help") << QStringList{u"--help"_s};
    QTest::newRow("-h") << QStringList{u"-h"_s};
    QTest::newRow("--version") << QStringList{u"--version"_s};
    QTest::newRow("-v") << QStringList{u"-v"_s};
    QTest::newRow("--help wins over bad config") << QStringList{u"--help"_s, u"--workers"_s, u"0"_s};
}

void TestCommandLine::help_and_version_exit_at_once()
{
    QFETCH(QStringList, args);
    const auto cl = ConfigLoader::fromArguments(QStringList{u"taskmilld"_s} + args, {});
    QVERIFY(cl.ok());
    QVERIFY(cl->exitNow);
}

void TestCommandLine::command_and_option_errors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("command"); // expected command, or "!" for a BadRequest

    QTest::newRow("no command") << QStringList{} << QString();
    QTest::newRow("migrate") << QStringList{u"migrate"_s} << u"migrate"_s;
    QTest::newRow("migrate after options") << QStringList{u"--workers"_s, u"2"_s, u"migrate"_s} << u"migrate"_s;
    QTest::newRow("unknown command") << QStringList{u"frobnicate"_s} << u"!"_s;
    QTest::newRow("two commands") << QStringList{u"migrate"_s, u"again"_s} << u"!"_s;
    QTest::newRow("unknown option") << QStringList{u"--frobnicate"_s} << u"!"_s;
    QTest::newRow("option missing its value") << QStringList{u"--workers"_s} << u"!"_s;
}

void TestCommandLine::command_and_option_errors()
{
    QFETCH(QStringList, args);
    QFETCH(QString, command);
    const auto cl = ConfigLoader::fromArguments(QStringList{u"taskmilld"_s} + args, {});
    if (command == u"!") {
        QVERIFY(!cl.ok());
        QCOMPARE(toString(cl.error().code), u"bad_request"_s);
        QVERIFY(!cl.error().message.isEmpty());
        return;
    }
    QVERIFY2(cl.ok(), qPrintable(cl.ok() ? QString() : cl.error().message));
    QCOMPARE(cl->command, command);
    QVERIFY(!cl->exitNow);
}

void TestCommandLine::unreadable_or_malformed_toml_is_an_error_data()
{
    QTest::addColumn<QByteArray>("text"); // empty: the file does not exist
    QTest::newRow("missing file") << QByteArray();
    QTest::newRow("unterminated string") << QByteArray("[api]\nlisten = \"127.0.0.1:8080\n");
    QTest::newRow("not TOML") << QByteArray("{\"api\": {\"listen\": \"x:1\"}}\n");
    QTest::newRow("duplicate key") << QByteArray("[executor]\nworkers = 2\nworkers = 3\n");
}

void TestCommandLine::unreadable_or_malformed_toml_is_an_error()
{
    QFETCH(QByteArray, text);
    const QString path = text.isEmpty() ? m_dir->filePath(u"absent.toml"_s) : writeToml(text);
    const auto cl = ConfigLoader::fromArguments({u"taskmilld"_s, u"--config"_s, path}, {});
    QVERIFY(!cl.ok());
    QCOMPARE(toString(cl.error().code), u"validation"_s);
    QCOMPARE(cl.error().field, u"config"_s);
    QVERIFY2(cl.error().message.startsWith(path + u':'), qPrintable(cl.error().message));
}

QTEST_GUILESS_MAIN(TestCommandLine)
#include "test_CommandLine.moc"
