// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// Metrics, readiness and the API description against a real taskmilld: counters after a known workload
// (checked by value and by promtool), /ready with an unreadable schema version and with Redis stopped, the
// OpenAPI document through a real validator (@redocly/cli, pinned in scripts/openapi-lint) and compared both
// ways with the registered routes, /docs, and the metrics.listen server of an executor-only process.
#include "IntegrationHelpers.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;
using namespace taskmill;
using namespace taskmill::test;

namespace {

QString sourceDir()
{
    return qEnvironmentVariable("TASKMILL_SOURCE_DIR");
}

} // namespace

class TestObservability : public QObject
{
    Q_OBJECT
    TestServers m_servers;
    BackendProcess m_backend;
    TestHttp m_http;

    QHash<QString, double> scrape(QByteArray *raw = nullptr)
    {
        const auto r = m_http.get(u"/metrics"_s);
        if (r.status != 200)
            qWarning() << "GET /metrics" << r.status << r.body;
        if (raw)
            *raw = r.body;
        return metricSamples(r.body);
    }

private slots:
    void initTestCase()
    {
        auto started = m_servers.start();
        QVERIFY2(started, qPrintable(started ? QString() : started.error().message));
        auto up = m_backend.start(backendArgs(m_servers));
        QVERIFY2(up, qPrintable(up ? QString() : up.error().message));
        m_http.setBaseUrl(m_backend.baseUrl());
    }
    void cleanupTestCase()
    {
        QVERIFY(m_backend.terminate());
    }

    void counters_follow_a_known_workload()
    {
        const QJsonObject fastRetry{{u"strategy"_s, u"constant"_s}, {u"base_ms"_s, 10}, {u"max_ms"_s, 10}, {u"jitter"_s, 0}};
        QStringList ok;
        for (int i = 0; i < 3; ++i)
            ok << createTask(m_http, {{u"type"_s, u"noop"_s}, {u"priority"_s, u"HIGH"_s}});
        // Fails once, then succeeds: one failed attempt, one retry, one completion.
        const QString flaky = createTask(m_http, {{u"type"_s, u"fail"_s}, {u"priority"_s, u"MEDIUM"_s},
                                                  {u"payload"_s, QJsonObject{{u"times"_s, 1}}},
                                                  {u"max_attempts"_s, 3}, {u"retry_policy"_s, fastRetry}});
        // Always fails: two failed attempts, one retry, then the dead-letter queue.
        const QString doomed = createTask(m_http, {{u"type"_s, u"fail"_s}, {u"priority"_s, u"LOW"_s},
                                                   {u"max_attempts"_s, 2}, {u"retry_policy"_s, fastRetry}});
        QCOMPARE(m_http.post(u"/api/v1/handlers"_s, QJsonValue(QJsonObject{{u"name"_s, u"obs.cancel"_s}})).status, 201);
        const QString later = createTask(m_http, {{u"type"_s, u"obs.cancel"_s}, {u"priority"_s, u"LOW"_s},
                                                  {u"run_at"_s, u"2099-01-01T00:00:00Z"_s}});
        QCOMPARE(m_http.del(u"/api/v1/tasks/"_s + later).status, 200);
        for (const QString &id : ok)
            QCOMPARE(waitForStatus(m_http, id, u"COMPLETED"_s).value(u"status"_s).toString(), u"COMPLETED"_s);
        QCOMPARE(waitForStatus(m_http, flaky, u"COMPLETED"_s).value(u"status"_s).toString(), u"COMPLETED"_s);
        const QJsonObject dead = waitForStatus(m_http, doomed, u"FAILED"_s);
        QCOMPARE(dead.value(u"status"_s).toString(), u"FAILED"_s);
        QVERIFY(!dead.value(u"dead_lettered_at"_s).isNull());

        const auto m = scrape();
        const QList<std::pair<QString, double>> expected{
            {u"taskmill_tasks_created_total{type=\"noop\",priority=\"high\"}"_s, 3},
            {u"taskmill_tasks_completed_total{type=\"noop\",priority=\"high\"}"_s, 3},
            {u"taskmill_tasks_created_total{type=\"fail\",priority=\"medium\"}"_s, 1},
            {u"taskmill_task_attempts_failed_total{type=\"fail\",priority=\"medium\"}"_s, 1},
            {u"taskmill_tasks_retried_total{type=\"fail\",priority=\"medium\"}"_s, 1},
            {u"taskmill_tasks_completed_total{type=\"fail\",priority=\"medium\"}"_s, 1},
            {u"taskmill_tasks_created_total{type=\"fail\",priority=\"low\"}"_s, 1},
            {u"taskmill_task_attempts_failed_total{type=\"fail\",priority=\"low\"}"_s, 2},
            {u"taskmill_tasks_retried_total{type=\"fail\",priority=\"low\"}"_s, 1},
            {u"taskmill_tasks_dead_lettered_total{type=\"fail\",priority=\"low\"}"_s, 1},
            {u"taskmill_tasks_created_total{type=\"obs.cancel\",priority=\"low\"}"_s, 1},
            {u"taskmill_tasks_cancelled_total{type=\"obs.cancel\",priority=\"low\"}"_s, 1},
            {u"taskmill_task_duration_seconds_count{type=\"noop\"}"_s, 3},
            {u"taskmill_task_duration_seconds_count{type=\"fail\"}"_s, 4},
            {u"taskmill_http_request_duration_seconds_count{route=\"/api/v1/tasks\",method=\"POST\",code=\"201\"}"_s, 6},
            {u"taskmill_http_request_duration_seconds_count{route=\"/api/v1/tasks/<arg>\",method=\"DELETE\",code=\"200\"}"_s, 1},
            {u"taskmill_queue_depth{priority=\"high\"}"_s, 0},
            {u"taskmill_redis_up"_s, 1},
        };
        for (const auto &[sample, value] : expected) {
            QVERIFY2(m.contains(sample), qPrintable(u"missing sample "_s + sample));
            QVERIFY2(m.value(sample) == value,
                     qPrintable(u"%1 = %2, expected %3"_s.arg(sample).arg(m.value(sample)).arg(value)));
        }
        QVERIFY(m.contains(u"taskmill_build_info{version=\"%1\",roles=\"api,executor,notifier,scheduler\"}"_s.arg(
            QStringLiteral(TASKMILL_VERSION))));
        QVERIFY(!m.contains(u"taskmill_tasks_completed_total{type=\"fail\",priority=\"low\"}"_s));
    }

    void metrics_pass_promtool()
    {
        const QString promtool = QStandardPaths::findExecutable(u"promtool"_s);
        if (promtool.isEmpty())
            QFAIL("promtool not found: install the Debian package `prometheus` (scripts/deps lists it)");
        QByteArray body;
        scrape(&body);
        QVERIFY(body.contains("# TYPE taskmill_http_request_duration_seconds histogram"));
        QProcess p;
        p.start(promtool, {u"check"_s, u"metrics"_s});
        QVERIFY(p.waitForStarted());
        p.write(body);
        p.closeWriteChannel();
        QVERIFY(p.waitForFinished(30000));
        const QByteArray out = p.readAllStandardOutput() + p.readAllStandardError();
        QVERIFY2(p.exitCode() == 0, out.constData());
        QVERIFY2(out.trimmed().isEmpty(), out.constData()); // lint findings are printed even with exit code 0
    }

    void openapi_document_is_valid()
    {
        const auto r = m_http.get(u"/api/v1/openapi.json"_s);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json.object().value(u"openapi"_s).toString(), u"3.1.0"_s);
        const QString tool = sourceDir() + u"/scripts/openapi-lint"_s;
        QVERIFY2(QFile::exists(tool + u"/package-lock.json"_s), qPrintable(tool));
        const QString npm = QStandardPaths::findExecutable(u"npm"_s);
        const QString npx = QStandardPaths::findExecutable(u"npx"_s);
        if (npm.isEmpty() || npx.isEmpty())
            QFAIL("npm/npx not found: install Node.js (scripts/deps) to validate the OpenAPI document");
        if (!QFile::exists(tool + u"/node_modules/.bin/redocly"_s)) {
            // First run on a clean clone: install the pinned validator (cached in the gitignored node_modules).
            QProcess install;
            install.setWorkingDirectory(tool);
            install.setProcessChannelMode(QProcess::MergedChannels);
            install.start(npm, {u"ci"_s, u"--no-audit"_s, u"--no-fund"_s});
            QVERIFY(install.waitForFinished(240000));
            QVERIFY2(install.exitCode() == 0, install.readAll().constData());
        }
        QTemporaryDir dir;
        QFile doc(dir.filePath(u"openapi.json"_s));
        QVERIFY(doc.open(QIODevice::WriteOnly));
        doc.write(r.body);
        doc.close();
        QProcess lint;
        lint.setWorkingDirectory(tool);
        lint.setProcessChannelMode(QProcess::MergedChannels);
        lint.start(npx, {u"--no-install"_s, u"redocly"_s, u"lint"_s, u"--config"_s, u"redocly.yaml"_s,
                         u"--format=stylish"_s, doc.fileName()});
        QVERIFY(lint.waitForFinished(120000));
        const QByteArray out = lint.readAll();
        QVERIFY2(lint.exitCode() == 0, out.constData());
        // The served document is the one in the source tree, byte for byte.
        QFile source(sourceDir() + u"/resources/api/openapi.json"_s);
        QVERIFY(source.open(QIODevice::ReadOnly));
        QCOMPARE(r.body, source.readAll());
    }

    void every_registered_route_is_documented_and_nothing_else()
    {
        const auto routes = m_http.get(u"/api/v1/routes"_s);
        QCOMPARE(routes.status, 200);
        QSet<QString> registered;
        for (const QJsonValue &v : routes.obj().value(u"routes"_s).toArray()) {
            const QJsonObject o = v.toObject();
            registered.insert(o.value(u"method"_s).toString() + u' ' + o.value(u"path"_s).toString());
        }
        QVERIFY(registered.size() > 30);
        const QJsonObject paths = m_http.get(u"/api/v1/openapi.json"_s).obj().value(u"paths"_s).toObject();
        static const QRegularExpression param(u"\\{[^}/]+\\}"_s);
        QSet<QString> documented;
        for (auto it = paths.begin(); it != paths.end(); ++it) {
            QString pattern = it.key();
            pattern.replace(param, u"<arg>"_s);
            const QJsonObject item = it.value().toObject();
            for (const QString &method : {u"get"_s, u"put"_s, u"post"_s, u"delete"_s, u"patch"_s, u"head"_s, u"options"_s})
                if (item.contains(method))
                    documented.insert(method.toUpper() + u' ' + pattern);
        }
        const QStringList undocumented = QStringList((registered - documented).values());
        const QStringList unregistered = QStringList((documented - registered).values());
        QVERIFY2(undocumented.isEmpty(), qPrintable(u"registered but not in openapi.json: "_s + undocumented.join(u", "_s)));
        QVERIFY2(unregistered.isEmpty(), qPrintable(u"in openapi.json but not registered: "_s + unregistered.join(u", "_s)));
    }

    void docs_page_lists_every_path()
    {
        const auto r = m_http.get(u"/docs"_s);
        QCOMPARE(r.status, 200);
        QVERIFY(r.header("Content-Type").startsWith("text/html"));
        QVERIFY(!r.body.contains("<script"));
        const QJsonObject paths = m_http.get(u"/api/v1/openapi.json"_s).obj().value(u"paths"_s).toObject();
        for (const QString &path : paths.keys())
            QVERIFY2(r.body.contains(QByteArray("<code>" + path.toUtf8() + "</code>")), qPrintable(path));
    }

    void executor_only_process_serves_metrics_on_metrics_listen()
    {
        const quint16 port = freePort();
        BackendProcess executor;
        auto up = executor.start({u"--postgres"_s, m_servers.postgresUrl(), u"--redis"_s, m_servers.redisUrl(),
                                  u"--role"_s, u"executor"_s, u"--set"_s, u"metrics.listen=127.0.0.1:%1"_s.arg(port)},
                                 BackendProcess::Readiness::Ready);
        QVERIFY2(up, qPrintable(up ? QString() : up.error().message));
        TestHttp http(QUrl(u"http://127.0.0.1:%1"_s.arg(port)));
        const auto metrics = http.get(u"/metrics"_s);
        QCOMPARE(metrics.status, 200);
        QVERIFY(metrics.header("Content-Type").startsWith("text/plain; version=0.0.4"));
        const auto m = metricSamples(metrics.body);
        QVERIFY(m.contains(u"taskmill_build_info{version=\"%1\",roles=\"executor\"}"_s.arg(QStringLiteral(TASKMILL_VERSION))));
        QVERIFY(m.contains(u"taskmill_queue_pending_entries{priority=\"low\"}"_s));
        QCOMPARE(http.get(u"/health"_s).status, 200);
        QCOMPARE(http.get(u"/ready"_s).status, 200);
        QCOMPARE(http.get(u"/docs"_s).status, 404); // operations endpoints only
        QVERIFY(executor.terminate());
    }

    // A role that may use the tables but not read schema_migrations: its /ready says the version could not
    // be read (and why) instead of calling the schema version 0, while /health stays up.
    void ready_reports_an_unreadable_schema_version()
    {
        QVERIFY(m_servers.psql(u"CREATE ROLE taskmill_app LOGIN; GRANT USAGE, CREATE ON SCHEMA public TO taskmill_app; "
                               "GRANT ALL ON ALL TABLES IN SCHEMA public TO taskmill_app; "
                               "GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO taskmill_app"_s));
        QString url = m_servers.postgresUrl();
        QVERIFY(url.startsWith(u"postgresql://taskmill@"_s));
        url.replace(0, int(qstrlen("postgresql://taskmill@")), u"postgresql://taskmill_app@"_s);
        BackendProcess api;
        auto up = api.start({u"--postgres"_s, url, u"--redis"_s, m_servers.redisUrl(), u"-a"_s, u"127.0.0.1:0"_s,
                             u"--role"_s, u"api"_s});
        QVERIFY2(up, qPrintable(up ? QString() : up.error().message));
        TestHttp http(api.baseUrl());
        QCOMPARE(http.get(u"/ready"_s).status, 200); // the grants are enough to run

        QVERIFY(m_servers.psql(u"REVOKE SELECT ON schema_migrations FROM taskmill_app"_s));
        const auto ready = http.get(u"/ready"_s);
        QCOMPARE(ready.status, 503);
        QCOMPARE(ready.obj().value(u"status"_s).toString(), u"not_ready"_s);
        QCOMPARE(ready.obj().value(u"missing"_s).toArray(), QJsonArray{u"schema_version"_s});
        QCOMPARE(ready.obj().value(u"postgres"_s).toBool(), true);
        QCOMPARE(ready.obj().value(u"redis"_s).toBool(), true);
        const QJsonObject migrations = ready.obj().value(u"migrations"_s).toObject();
        QVERIFY2(migrations.value(u"current"_s).isNull(), qPrintable(QString::fromUtf8(ready.body)));
        QVERIFY(migrations.value(u"latest"_s).toInt() > 0);
        QVERIFY2(migrations.value(u"error"_s).toString().contains(u"schema version"_s), qPrintable(QString::fromUtf8(ready.body)));
        QCOMPARE(http.get(u"/health"_s).status, 200);
        const auto m = metricSamples(http.get(u"/metrics"_s).body);
        QVERIFY(m.value(u"taskmill_handled_failures_total{operation=\"schema_version\"}"_s) >= 1);
        QVERIFY(api.terminate());
    }

    // Last: it stops Redis.
    void ready_answers_503_naming_redis_when_it_is_down()
    {
        auto ready = m_http.get(u"/ready"_s);
        QCOMPARE(ready.status, 200);
        QCOMPARE(ready.obj().value(u"status"_s).toString(), u"ready"_s);
        const QJsonObject migrations = ready.obj().value(u"migrations"_s).toObject();
        QVERIFY(migrations.value(u"latest"_s).toInt() > 0);
        QCOMPARE(migrations.value(u"current"_s).toInt(), migrations.value(u"latest"_s).toInt());
        QCOMPARE(ready.obj().value(u"missing"_s).toArray(), QJsonArray());

        m_servers.redis().stop();
        ready = m_http.get(u"/ready"_s);
        QCOMPARE(ready.status, 503);
        QCOMPARE(ready.obj().value(u"status"_s).toString(), u"not_ready"_s);
        QCOMPARE(ready.obj().value(u"missing"_s).toArray(), QJsonArray{u"redis"_s});
        QCOMPARE(ready.obj().value(u"postgres"_s).toBool(), true);
        const auto m = scrape();
        QCOMPARE(m.value(u"taskmill_redis_up"_s, -1), 0.0);
        double redisErrors = 0;
        for (auto it = m.begin(); it != m.end(); ++it)
            if (it.key().startsWith(u"taskmill_redis_errors_total{"_s))
                redisErrors += it.value();
        QVERIFY(redisErrors > 0);

        auto restarted = m_servers.redis().start();
        QVERIFY2(restarted, qPrintable(restarted ? QString() : restarted.error().message));
        QTRY_COMPARE_WITH_TIMEOUT(m_http.get(u"/ready"_s).status, 200, 10000);
    }
};

QTEST_GUILESS_MAIN(TestObservability)
#include "test_Observability.moc"
