// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "ConfigKeyCases.h"
#include "config/ConfigLoader.h"

#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace taskmill;

class TestConfigLoader : public QObject
{
    Q_OBJECT

private slots:
    void init();

    void defaults_without_arguments();
    void every_known_key_has_a_test_case();
    void every_key_is_settable_from_toml_data();
    void every_key_is_settable_from_toml();
    void every_key_is_settable_from_environment_data();
    void every_key_is_settable_from_environment();
    void every_key_is_settable_with_set_flag_data();
    void every_key_is_settable_with_set_flag();
    void later_sources_override_earlier_ones_data();
    void later_sources_override_earlier_ones();
    void bad_value_is_a_validation_error_naming_the_key_data();
    void bad_value_is_a_validation_error_naming_the_key();
    void bad_value_in_toml_names_the_key();
    void bad_value_in_environment_names_the_variable_and_key();
    void bad_value_in_a_flag_names_the_key();
    void unknown_key_is_an_error_data();
    void unknown_key_is_an_error();
    void unknown_environment_variables_are_ignored();
    void set_flag_parsing_data();
    void set_flag_parsing();
    void per_type_retry_policies();
    void handler_aliases();
    void retry_bounds_are_checked_after_every_source_data();
    void retry_bounds_are_checked_after_every_source();

private:
    QString writeToml(const QByteArray &text);

    std::unique_ptr<QTemporaryDir> m_dir;
    int m_files = 0;
};

void TestConfigLoader::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

QString TestConfigLoader::writeToml(const QByteArray &text)
{
    const QString path = m_dir->filePath(u"config-%1.toml"_s.arg(++m_files));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(text) != text.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

void TestConfigLoader::defaults_without_arguments()
{
    const auto cl = ConfigLoader::fromArguments({u"taskmilld"_s}, {});
    QVERIFY2(cl.ok(), qPrintable(cl.ok() ? QString() : cl.error().message));
    QVERIFY(!cl->exitNow);
    QCOMPARE(cl->command, QString());
    const BackendConfig &c = cl->config;
    const BackendConfig d;
    QCOMPARE(c.listenHost, u"127.0.0.1"_s);
    QCOMPARE(c.listenPort, quint16(8080));
    QCOMPARE(c.maxBodyBytes, 1024 * 1024);
    QCOMPARE(c.writerBatchMax, d.writerBatchMax);
    QCOMPARE(rolesText(c.roles), u"api,executor,notifier,scheduler"_s);
    QCOMPARE(c.shutdownGraceMs, d.shutdownGraceMs);
    QCOMPARE(c.workers, 4);
    QCOMPARE(c.consumerName, QString());
    QCOMPARE(c.fairnessEvery, 8);
    QCOMPARE(c.visibilityTimeoutMs, d.visibilityTimeoutMs);
    QCOMPARE(policyText(c.defaultRetry), policyText(d.defaultRetry));
    QVERIFY(c.typeRetry.isEmpty());
    QCOMPARE(c.schedulerIntervalMs, d.schedulerIntervalMs);
    QCOMPARE(c.reconcileIntervalMs, d.reconcileIntervalMs);
    QCOMPARE(c.reconcileAgeMs, d.reconcileAgeMs);
    QCOMPARE(c.postgresUrl, QString());
    QCOMPARE(c.redisUrl, QString());
    QCOMPARE(c.streamPrefix, u"taskmill"_s);
    QCOMPARE(c.local, true); // neither server named: embedded
    QCOMPARE(c.dataDir, QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + u"/taskmill"_s);
    QCOMPARE(c.logJson, false);
}

void TestConfigLoader::every_known_key_has_a_test_case()
{
    QStringList known = ConfigLoader::knownKeys();
    QStringList tested;
    for (const KeyCase &k : keyCases())
        tested << k.key;
    known.sort();
    tested.sort();
    QCOMPARE(tested, known);
    QCOMPARE(QSet<QString>(known.cbegin(), known.cend()).size(), known.size());
}

void TestConfigLoader::every_key_is_settable_from_toml_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("literal");
    QTest::addColumn<QString>("expected");
    for (const KeyCase &k : keyCases())
        QTest::newRow(qPrintable(k.key)) << k.key << k.toml << k.expected;
}

void TestConfigLoader::every_key_is_settable_from_toml()
{
    QFETCH(QString, key);
    QFETCH(QString, literal);
    QFETCH(QString, expected);
    BackendConfig c;
    QVERIFY2(render(c, key) != expected, "the test value must differ from the default");
    const auto r = ConfigLoader::applyTomlFile(c, writeToml(tomlFor(key, literal)));
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
    QCOMPARE(render(c, key), expected);
}

void TestConfigLoader::every_key_is_settable_from_environment_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("expected");
    for (const KeyCase &k : keyCases())
        QTest::newRow(qPrintable(envName(k.key))) << k.key << k.text << k.expected;
}

void TestConfigLoader::every_key_is_settable_from_environment()
{
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(QString, expected);
    const QStringList env = serversEnv + QStringList{u"PATH=/usr/bin"_s, envName(key) + u'=' + value};
    const auto cl = ConfigLoader::fromArguments({u"taskmilld"_s}, env);
    QVERIFY2(cl.ok(), qPrintable(cl.ok() ? QString() : cl.error().message));
    QCOMPARE(render(cl->config, key), expected);
}

void TestConfigLoader::every_key_is_settable_with_set_flag_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("expected");
    for (const KeyCase &k : keyCases())
        QTest::newRow(qPrintable(k.key)) << k.key << k.text << k.expected;
}

void TestConfigLoader::every_key_is_settable_with_set_flag()
{
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(QString, expected);
    const auto cl = ConfigLoader::fromArguments({u"taskmilld"_s, u"--set"_s, key + u'=' + value}, serversEnv);
    QVERIFY2(cl.ok(), qPrintable(cl.ok() ? QString() : cl.error().message));
    QCOMPARE(render(cl->config, key), expected);
}

void TestConfigLoader::later_sources_override_earlier_ones_data()
{
    QTest::addColumn<int>("toml");
    QTest::addColumn<int>("env");
    QTest::addColumn<int>("flag");
    QTest::addColumn<int>("set");
    QTest::addColumn<int>("expected");

    // 0 = not given. Defaults < TOML < environment < flags (--workers, --set).
    QTest::newRow("default") << 0 << 0 << 0 << 0 << 4;
    QTest::newRow("toml") << 2 << 0 << 0 << 0 << 2;
    QTest::newRow("env over toml") << 2 << 3 << 0 << 0 << 3;
    QTest::newRow("env alone") << 0 << 3 << 0 << 0 << 3;
    QTest::newRow("flag over env and toml") << 2 << 3 << 5 << 0 << 5;
    QTest::newRow("flag over toml") << 2 << 0 << 5 << 0 << 5;
    QTest::newRow("flag over env") << 0 << 3 << 5 << 0 << 5;
    QTest::newRow("--set over env and toml") << 2 << 3 << 0 << 7 << 7;
}

void TestConfigLoader::later_sources_override_earlier_ones()
{
    QFETCH(int, toml);
    QFETCH(int, env);
    QFETCH(int, flag);
    QFETCH(int, set);
    QFETCH(int, expected);

    QStringList args{u"taskmilld"_s};
    QStringList environment;
    if (toml)
        args << u"--config"_s
             << writeToml("[executor]\nworkers = " + QByteArray::number(toml) + "\n[api]\nlisten = \"toml:1\"\n");
    if (env)
        environment << u"TASKMILL_EXECUTOR_WORKERS=%1"_s.arg(env) << u"TASKMILL_API_LISTEN=env:2"_s;
    if (flag)
        args << u"--workers"_s << QString::number(flag) << u"-a"_s << u"flag:3"_s;
    if (set)
        args << u"--set"_s << u"executor.workers=%1"_s.arg(set);
    const auto cl = ConfigLoader::fromArguments(args, environment);
    QVERIFY2(cl.ok(), qPrintable(cl.ok() ? QString() : cl.error().message));
    QCOMPARE(cl->config.workers, expected);
    const QString listen = flag ? u"flag:3"_s : env ? u"env:2"_s : toml ? u"toml:1"_s : u"127.0.0.1:8080"_s;
    QCOMPARE(render(cl->config, u"api.listen"_s), listen);
}

void TestConfigLoader::bad_value_is_a_validation_error_naming_the_key_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");

    QTest::newRow("listen without port") << u"api.listen"_s << u"localhost"_s;
    QTest::newRow("max_body_bytes below 1024") << u"api.max_body_bytes"_s << u"1023"_s;
    QTest::newRow("max_body_bytes above 1 GiB") << u"api.max_body_bytes"_s << u"1073741825"_s;
    QTest::newRow("max_body_bytes with unit") << u"api.max_body_bytes"_s << u"1M"_s;
    QTest::newRow("writer_batch_max 0") << u"api.writer_batch_max"_s << u"0"_s;
    QTest::newRow("origin with a path") << u"api.allowed_origins"_s << u"https://a.example/x"_s;
    QTest::newRow("origin without scheme") << u"api.allowed_origins"_s << u"admin.example.com"_s;
    QTest::newRow("origin ftp") << u"api.allowed_origins"_s << u"ftp://a.example"_s;
    QTest::newRow("host with a path") << u"api.allowed_hosts"_s << u"a.example/x"_s;
    QTest::newRow("statement timeout 0") << u"api.statement_timeout_ms"_s << u"0"_s;
    QTest::newRow("registration maybe") << u"auth.registration"_s << u"maybe"_s;
    QTest::newRow("local anonymous word") << u"auth.local_anonymous"_s << u"sometimes"_s;
    QTest::newRow("access ttl 0") << u"auth.access_ttl_s"_s << u"0"_s;
    QTest::newRow("search chars 2") << u"api.max_search_chars"_s << u"2"_s;
    QTest::newRow("param chars 10") << u"api.max_param_chars"_s << u"10"_s;
    QTest::newRow("writer_batch_max 100001") << u"api.writer_batch_max"_s << u"100001"_s;
    QTest::newRow("unknown role") << u"roles"_s << u"api,chef"_s;
    QTest::newRow("grace negative") << u"shutdown.grace_ms"_s << u"-1"_s;
    QTest::newRow("workers 0") << u"executor.workers"_s << u"0"_s;
    QTest::newRow("workers 1025") << u"executor.workers"_s << u"1025"_s;
    QTest::newRow("workers word") << u"executor.workers"_s << u"four"_s;
    QTest::newRow("workers fraction") << u"executor.workers"_s << u"4.5"_s;
    QTest::newRow("workers empty") << u"executor.workers"_s << QString();
    QTest::newRow("fairness_every 1") << u"executor.fairness_every"_s << u"1"_s;
    QTest::newRow("fairness_every 1001") << u"executor.fairness_every"_s << u"1001"_s;
    QTest::newRow("visibility timeout 99") << u"executor.visibility_timeout_ms"_s << u"99"_s;
    QTest::newRow("retry strategy unknown") << u"retry.strategy"_s << u"random"_s;
    QTest::newRow("retry base_ms word") << u"retry.base_ms"_s << u"soon"_s;
    QTest::newRow("retry base_ms negative") << u"retry.base_ms"_s << u"-5"_s;
    QTest::newRow("retry jitter above 1") << u"retry.jitter"_s << u"1.5"_s;
    QTest::newRow("retry max_ms beyond a week") << u"retry.max_ms"_s << u"604800001"_s;
    QTest::newRow("scheduler interval 0") << u"scheduler.interval_ms"_s << u"0"_s;
    QTest::newRow("reconcile interval 9") << u"scheduler.reconcile_interval_ms"_s << u"9"_s;
    QTest::newRow("retention without unit") << u"retention.completed"_s << u"7"_s;
    QTest::newRow("retention unknown unit") << u"retention.failed"_s << u"2w"_s;
    QTest::newRow("retention negative") << u"retention.cancelled"_s << u"-1d"_s;
    QTest::newRow("idempotency keys without unit") << u"retention.idempotency_keys"_s << u"24"_s;
    QTest::newRow("retention beyond a century") << u"retention.completed"_s << u"36501d"_s;
    QTest::newRow("retention interval 99") << u"retention.interval_ms"_s << u"99"_s;
    QTest::newRow("retention batch 0") << u"retention.batch"_s << u"0"_s;
    QTest::newRow("reconcile age negative") << u"scheduler.reconcile_age_ms"_s << u"-1"_s;
    QTest::newRow("local.enabled maybe") << u"local.enabled"_s << u"maybe"_s;
    QTest::newRow("log.format xml") << u"log.format"_s << u"xml"_s;
    QTest::newRow("log.format upper case") << u"log.format"_s << u"JSON"_s;
    // tracing
    QTest::newRow("tracing endpoint not a URL") << u"tracing.endpoint"_s << u"tempo:4318"_s;
    QTest::newRow("tracing endpoint grpc scheme") << u"tracing.endpoint"_s << u"grpc://tempo:4317"_s;
    QTest::newRow("tracing batch_size 0") << u"tracing.batch_size"_s << u"0"_s;
    QTest::newRow("tracing flush_ms 0") << u"tracing.flush_ms"_s << u"0"_s;
    QTest::newRow("tracing queue_max 0") << u"tracing.queue_max"_s << u"0"_s;
    QTest::newRow("tracing service_name blank") << u"tracing.service_name"_s << u" "_s;
    QTest::newRow("tracing link_template without placeholder") << u"tracing.link_template"_s << u"http://jaeger/trace"_s;
    QTest::newRow("grpc listen without port") << u"grpc.listen"_s << u"127.0.0.1"_s;
}

void TestConfigLoader::bad_value_is_a_validation_error_naming_the_key()
{
    QFETCH(QString, key);
    QFETCH(QString, value);
    BackendConfig c;
    const QString before = render(c, key);
    const auto r = ConfigLoader::applySetting(c, key, value);
    QVERIFY(!r.ok());
    QCOMPARE(toString(r.error().code), u"validation"_s);
    QCOMPARE(r.error().field, key);
    QVERIFY2(r.error().message.startsWith(key + u' '), qPrintable(r.error().message));
    QCOMPARE(render(c, key), before); // a refused value changes nothing
}

void TestConfigLoader::bad_value_in_toml_names_the_key()
{
    BackendConfig c;
    const auto r = ConfigLoader::applyTomlFile(c, writeToml("[executor]\nworkers = 0\n"));
    QVERIFY(!r.ok());
    QCOMPARE(toString(r.error().code), u"validation"_s);
    QCOMPARE(r.error().field, u"executor.workers"_s);

    // A float is not an integer, even in TOML.
    const auto f = ConfigLoader::applyTomlFile(c, writeToml("[executor]\nworkers = 2.5\n"));
    QVERIFY(!f.ok());
    QCOMPARE(f.error().field, u"executor.workers"_s);

    // A string where a number belongs is refused as well.
    const auto s = ConfigLoader::applyTomlFile(c, writeToml("[executor]\nworkers = \"many\"\n"));
    QVERIFY(!s.ok());
    QCOMPARE(s.error().field, u"executor.workers"_s);

    // Through the command line the same error comes back unchanged.
    const auto cl = ConfigLoader::fromArguments({u"taskmilld"_s, u"-p"_s, writeToml("[api]\nlisten = \"nohost\"\n")}, {});
    QVERIFY(!cl.ok());
    QCOMPARE(cl.error().field, u"api.listen"_s);
}

void TestConfigLoader::bad_value_in_environment_names_the_variable_and_key()
{
    const auto cl = ConfigLoader::fromArguments({u"taskmilld"_s}, {u"TASKMILL_EXECUTOR_WORKERS=lots"_s});
    QVERIFY(!cl.ok());
    QCOMPARE(toString(cl.error().code), u"validation"_s);
    QCOMPARE(cl.error().field, u"TASKMILL_EXECUTOR_WORKERS"_s);
    QVERIFY2(cl.error().message.startsWith(u"TASKMILL_EXECUTOR_WORKERS: executor.workers "_s),
             qPrintable(cl.error().message));
}

void TestConfigLoader::bad_value_in_a_flag_names_the_key()
{
    const QList<std::pair<QStringList, QString>> cases = {
        {{u"--workers"_s, u"0"_s}, u"executor.workers"_s},
        {{u"--listen"_s, u":8080"_s}, u"api.listen"_s},
        {{u"--role"_s, u"chef"_s}, u"roles"_s},
        {{u"--log-format"_s, u"xml"_s}, u"log.format"_s},
    };
    for (const auto &[flags, key] : cases) {
        const auto cl = ConfigLoader::fromArguments(QStringList{u"taskmilld"_s} + flags, {});
        QVERIFY2(!cl.ok(), qPrintable(flags.join(u' ')));
        QCOMPARE(toString(cl.error().code), u"validation"_s);
        QCOMPARE(cl.error().field, key);
    }
}

void TestConfigLoader::unknown_key_is_an_error_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("key");

    QTest::newRow("applySetting") << u"set"_s << u"executor.wrokers"_s;
    QTest::newRow("no section") << u"set"_s << u"workers"_s;
    QTest::newRow("--set") << u"flag"_s << u"api.colour"_s;
    QTest::newRow("toml") << u"toml"_s << u"executor.wrokers"_s;
    QTest::newRow("toml section typo") << u"toml"_s << u"exectuor.workers"_s;
}

void TestConfigLoader::unknown_key_is_an_error()
{
    QFETCH(QString, source);
    QFETCH(QString, key);
    std::optional<ApiError> err;
    if (source == u"set") {
        BackendConfig c;
        const auto r = ConfigLoader::applySetting(c, key, u"3"_s);
        if (!r.ok())
            err = r.error();
    } else if (source == u"flag") {
        const auto r = ConfigLoader::fromArguments({u"taskmilld"_s, u"--set"_s, key + u"=3"_s}, {});
        if (!r.ok())
            err = r.error();
    } else {
        BackendConfig c;
        const auto r = ConfigLoader::applyTomlFile(c, writeToml(tomlFor(key, u"3"_s)));
        if (!r.ok())
            err = r.error();
    }
    QVERIFY(err);
    QCOMPARE(toString(err->code), u"validation"_s);
    QCOMPARE(err->field, key);
    QCOMPARE(err->message, u"unknown configuration key '%1'"_s.arg(key));
}

void TestConfigLoader::unknown_environment_variables_are_ignored()
{
    const auto cl = ConfigLoader::fromArguments(
        {u"taskmilld"_s}, {u"TASKMILL_NOPE=1"_s, u"TASKMILL_EXECUTOR_WRKERS=x"_s, u"HOME=/root"_s, u"NOEQUALS"_s});
    QVERIFY2(cl.ok(), qPrintable(cl.ok() ? QString() : cl.error().message));
    QCOMPARE(cl->config.workers, 4);
}

void TestConfigLoader::set_flag_parsing_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QString>("errorField");

    QTest::newRow("separate value") << QStringList{u"--set"_s, u"executor.fairness_every=4"_s}
                                    << u"executor.fairness_every"_s << u"4"_s << QString();
    QTest::newRow("joined with =") << QStringList{u"--set=executor.workers=2"_s} << u"executor.workers"_s << u"2"_s
                                   << QString();
    QTest::newRow("repeated, last wins")
        << QStringList{u"--set"_s, u"executor.workers=2"_s, u"--set"_s, u"executor.workers=9"_s}
        << u"executor.workers"_s << u"9"_s << QString();
    QTest::newRow("value containing =")
        << QStringList{u"--set"_s, u"postgres.url=postgresql://u@h/db?sslmode=require"_s} << u"postgres.url"_s
        << u"postgresql://u@h/db?sslmode=require"_s << QString();
    QTest::newRow("--set beats --workers")
        << QStringList{u"--workers"_s, u"3"_s, u"--set"_s, u"executor.workers=6"_s} << u"executor.workers"_s << u"6"_s
        << QString();
    QTest::newRow("no =") << QStringList{u"--set"_s, u"executor.workers"_s} << QString() << QString() << u"set"_s;
    QTest::newRow("empty key") << QStringList{u"--set"_s, u"=3"_s} << QString() << QString() << u"set"_s;
    QTest::newRow("bad value") << QStringList{u"--set"_s, u"executor.workers=0"_s} << QString() << QString()
                               << u"executor.workers"_s;
    QTest::newRow("missing argument") << QStringList{u"--set"_s} << QString() << QString() << QString();
}

void TestConfigLoader::set_flag_parsing()
{
    QFETCH(QStringList, args);
    QFETCH(QString, key);
    QFETCH(QString, expected);
    QFETCH(QString, errorField);
    const auto cl = ConfigLoader::fromArguments(QStringList{u"taskmilld"_s} + args, serversEnv);
    if (key.isEmpty()) {
        QVERIFY(!cl.ok());
        if (errorField.isEmpty()) {
            QCOMPARE(toString(cl.error().code), u"bad_request"_s); // QCommandLineParser refused it
        } else {
            QCOMPARE(toString(cl.error().code), u"validation"_s);
            QCOMPARE(cl.error().field, errorField);
        }
        return;
    }
    QVERIFY2(cl.ok(), qPrintable(cl.ok() ? QString() : cl.error().message));
    QCOMPARE(render(cl->config, key), expected);
}

void TestConfigLoader::handler_aliases()
{
    BackendConfig c;
    const auto r = ConfigLoader::applyTomlFile(c, writeToml(R"(
[handlers.aliases]
"email.send" = "sleep"
"report.render" = "fail"
)"));
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
    QCOMPARE(c.handlerAliases.size(), 2);
    QCOMPARE(c.handlerAliases.value(u"email.send"_s), u"sleep"_s);
    QVERIFY(ConfigLoader::applySetting(c, u"handlers.aliases.image.resize"_s, u"noop"_s).ok());
    QCOMPARE(c.handlerAliases.value(u"image.resize"_s), u"noop"_s);
    const auto empty = ConfigLoader::applySetting(c, u"handlers.aliases."_s, u"noop"_s);
    QVERIFY(!empty.ok());
    QCOMPARE(empty.error().field, u"handlers.aliases."_s);
}

void TestConfigLoader::per_type_retry_policies()
{
    BackendConfig c;
    const auto r = ConfigLoader::applyTomlFile(c, writeToml(R"(
[retry]
strategy = "linear"
[retry.types.sleep]
strategy = "constant"
base_ms = 50
[retry.types."mail.send"]
max_ms = 60000
)"));
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
    QCOMPARE(toString(c.defaultRetry.strategy), u"linear"_s);
    QCOMPARE(c.typeRetry.size(), 2);
    QCOMPARE(policyText(c.retryPolicyFor(u"sleep"_s)), u"constant/50/300000/0.2"_s);
    QCOMPARE(policyText(c.retryPolicyFor(u"mail.send"_s)).section(u'/', 2, 2), u"60000"_s);
    QCOMPARE(policyText(c.retryPolicyFor(u"noop"_s)), policyText(c.defaultRetry));

    const auto bad = ConfigLoader::applySetting(c, u"retry.types.sleep.colour"_s, u"red"_s);
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error().field, u"retry.types.sleep.colour"_s);
    const auto noField = ConfigLoader::applySetting(c, u"retry.types.sleep"_s, u"1"_s);
    QVERIFY(!noField.ok());
    QCOMPARE(noField.error().field, u"retry.types.sleep"_s);
    const auto badValue = ConfigLoader::applySetting(c, u"retry.types.sleep.jitter"_s, u"-0.1"_s);
    QVERIFY(!badValue.ok());
    QCOMPARE(badValue.error().field, u"retry.types.sleep.jitter"_s);
    QCOMPARE(policyText(c.retryPolicyFor(u"sleep"_s)), u"constant/50/300000/0.2"_s);
}

void TestConfigLoader::retry_bounds_are_checked_after_every_source_data()
{
    QTest::addColumn<QByteArray>("toml");
    QTest::addColumn<QStringList>("env");
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("policy");     // default policy afterwards, when accepted
    QTest::addColumn<QString>("errorField"); // when refused

    // base_ms above the built-in max_ms (300000) is fine when max_ms is raised too, whichever comes first.
    QTest::newRow("toml, base before max") << QByteArray("[retry]\nbase_ms = 400000\nmax_ms = 900000\n") << QStringList{}
                                           << QStringList{} << u"exponential/400000/900000/0.2"_s << QString();
    QTest::newRow("toml, max before base") << QByteArray("[retry]\nmax_ms = 900000\nbase_ms = 400000\n") << QStringList{}
                                           << QStringList{} << u"exponential/400000/900000/0.2"_s << QString();
    QTest::newRow("env, base first") << QByteArray()
                                     << QStringList{u"TASKMILL_RETRY_BASE_MS=400000"_s, u"TASKMILL_RETRY_MAX_MS=900000"_s}
                                     << QStringList{} << u"exponential/400000/900000/0.2"_s << QString();
    QTest::newRow("env, max first") << QByteArray()
                                    << QStringList{u"TASKMILL_RETRY_MAX_MS=900000"_s, u"TASKMILL_RETRY_BASE_MS=400000"_s}
                                    << QStringList{} << u"exponential/400000/900000/0.2"_s << QString();
    QTest::newRow("base from toml, max from --set")
        << QByteArray("[retry]\nbase_ms = 400000\n") << QStringList{}
        << QStringList{u"--set"_s, u"retry.max_ms=500000"_s} << u"exponential/400000/500000/0.2"_s << QString();
    QTest::newRow("max below base in the end") << QByteArray("[retry]\nbase_ms = 2000\n") << QStringList{}
                                               << QStringList{u"--set"_s, u"retry.max_ms=1000"_s} << QString()
                                               << u"retry.max_ms"_s;
    QTest::newRow("base above the built-in max, max not raised") << QByteArray() << QStringList{u"TASKMILL_RETRY_BASE_MS=400000"_s}
                                                                 << QStringList{} << QString() << u"retry.max_ms"_s;
    QTest::newRow("per type, max below base")
        << QByteArray("[retry.types.sleep]\nbase_ms = 500000\n") << QStringList{} << QStringList{} << QString()
        << u"retry.types.sleep.max_ms"_s;
}

void TestConfigLoader::retry_bounds_are_checked_after_every_source()
{
    QFETCH(QByteArray, toml);
    QFETCH(QStringList, env);
    QFETCH(QStringList, args);
    QFETCH(QString, policy);
    QFETCH(QString, errorField);
    QStringList all{u"taskmilld"_s};
    if (!toml.isEmpty())
        all << u"-p"_s << writeToml(toml);
    const auto cl = ConfigLoader::fromArguments(all + args, env);
    if (!errorField.isEmpty()) {
        QVERIFY(!cl.ok());
        QCOMPARE(toString(cl.error().code), u"validation"_s);
        QCOMPARE(cl.error().field, errorField);
        QVERIFY2(cl.error().message.startsWith(errorField + u' '), qPrintable(cl.error().message));
        return;
    }
    QVERIFY2(cl.ok(), qPrintable(cl.ok() ? QString() : cl.error().message));
    QCOMPARE(policyText(cl->config.defaultRetry), policy);
}

QTEST_GUILESS_MAIN(TestConfigLoader)
#include "test_ConfigLoader.moc"
