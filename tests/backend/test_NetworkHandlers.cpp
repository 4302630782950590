// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "NetworkTestSupport.h"
#include "handlers/BuiltinCatalog.h"
#include "handlers/DownloadFilesHandler.h"
#include "handlers/HttpHandler.h"
#include "handlers/MimeMessage.h"
#include "handlers/UrlPolicy.h"
#include "validation/PayloadSchema.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <chrono>
#include <future>
#include <memory>

using namespace Qt::StringLiterals;
using namespace taskmill;

// http, download_files and send_email against real servers: an HTTP/1.1 server and an aiosmtpd SMTP sink,
// both tests/backend/network_test_servers.py run with Debian's Python, started per test binary and stopped by PID.
using namespace taskmill::nettest;

class TestNetworkHandlers : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void classifies_addresses_data();
    void classifies_addresses();
    void policy_permits_private_only_when_allowed();
    void schemas_accept_and_reject_payloads_data();
    void schemas_accept_and_reject_payloads();

    void http_round_trips_a_json_body();
    void http_status_decides_retry_data();
    void http_status_decides_retry();
    void http_cuts_the_body_at_the_cap();
    void http_timeout_is_retryable();
    void http_refuses_loopback_by_default_and_allows_it_when_set();
    void http_refuses_metadata_and_private_addresses_without_connecting_data();
    void http_refuses_metadata_and_private_addresses_without_connecting();
    void http_checks_every_redirect_target_data();
    void http_checks_every_redirect_target();
    void http_refuses_other_schemes_data();
    void http_refuses_other_schemes();
    void http_refuses_header_injection();

    void download_names_stay_inside_the_task_folder_data();
    void download_names_stay_inside_the_task_folder();
    void downloads_files_in_parallel_with_checksums();
    void download_over_size_cap_fails_and_leaves_no_files_data();
    void download_over_size_cap_fails_and_leaves_no_files();
    void download_traversal_url_stays_inside();
    void download_server_error_is_retryable_and_cleans_up();
    void download_task_time_cap_is_retryable();
    void download_refuses_loopback_by_default();
    void download_without_files_dir_fails_permanently();
    void download_cancels_promptly();

    void encodes_non_ascii_header_text();
    void sends_email_with_attachments_and_non_ascii_subject();
    void sends_plain_text_email_to_one_address();
    void attachment_outside_files_dir_fails_and_sends_nothing_data();
    void attachment_outside_files_dir_fails_and_sends_nothing();
    void email_without_smtp_url_fails_permanently();

private:
    QString url(const QString &path) const { return u"http://127.0.0.1:%1%2"_s.arg(m_httpPort).arg(path); }
    HandlerSettings settings(bool allowPrivate = true) const;
    QStringList deliveredMessages() const;
    QJsonObject parseMessage(const QString &file) const;
    QString downloadDir(const Task &task) const;

    std::unique_ptr<ScriptServer> m_http;
    std::unique_ptr<ScriptServer> m_smtp;
    quint16 m_httpPort = 0;
    quint16 m_smtpPort = 0;
    QTemporaryDir m_filesDir;
    QTemporaryDir m_mailDir;
};

void TestNetworkHandlers::initTestCase()
{
    QVERIFY(m_filesDir.isValid() && m_mailDir.isValid());
    QVERIFY2(QFile::exists(serversScript()), qPrintable(serversScript()));

    m_http = std::make_unique<ScriptServer>(QStringList{u"http"_s});
    const std::optional<QString> port = m_http->waitForLine("PORT");
    QVERIFY2(port, "the HTTP test server did not start");
    m_httpPort = quint16(port->toUInt());

    m_smtpPort = freePort();
    QVERIFY(m_smtpPort != 0);
    m_smtp = std::make_unique<ScriptServer>(QStringList{u"smtp"_s, QString::number(m_smtpPort), m_mailDir.path()});
    QVERIFY2(m_smtp->waitForLine("READY"), "the SMTP sink did not start (is python3-aiosmtpd installed?)");
    QTRY_VERIFY_WITH_TIMEOUT(acceptsConnections(m_smtpPort), StartTimeoutMs);
}

void TestNetworkHandlers::cleanupTestCase()
{
    m_http.reset();
    m_smtp.reset();
}

HandlerSettings TestNetworkHandlers::settings(bool allowPrivate) const
{
    HandlerSettings s;
    s.filesDir = m_filesDir.path();
    s.allowPrivateNetworks = allowPrivate;
    s.smtp.url = u"smtp://127.0.0.1:%1"_s.arg(m_smtpPort);
    s.smtp.from = u"taskmill@example.org"_s;
    s.smtp.timeoutMs = 10'000;
    return s;
}

QString TestNetworkHandlers::downloadDir(const Task &task) const
{
    return m_filesDir.filePath(u"downloads/"_s + task.id.toString(QUuid::WithoutBraces));
}

// ---- network policy --------------------------------------------------------------------------------------

void TestNetworkHandlers::classifies_addresses_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<AddressClass>("expected");
    const QList<std::pair<const char *, AddressClass>> rows = {
        {"8.8.8.8", AddressClass::Public},
        {"172.32.0.1", AddressClass::Public},
        {"100.128.0.1", AddressClass::Public},
        {"0.0.0.0", AddressClass::Unspecified},
        {"127.0.0.1", AddressClass::Loopback},
        {"127.255.255.254", AddressClass::Loopback},
        {"169.254.169.254", AddressClass::LinkLocal},
        {"10.0.0.1", AddressClass::Private},
        {"172.16.0.1", AddressClass::Private},
        {"172.31.255.255", AddressClass::Private},
        {"192.168.1.1", AddressClass::Private},
        {"100.64.0.1", AddressClass::SharedCgnat},
        {"100.127.255.255", AddressClass::SharedCgnat},
        {"224.0.0.1", AddressClass::Multicast},
        {"255.255.255.255", AddressClass::Reserved},
        {"2606:4700:4700::1111", AddressClass::Public},
        {"::", AddressClass::Unspecified},
        {"::1", AddressClass::Loopback},
        {"fe80::1", AddressClass::LinkLocal},
        {"febf::1", AddressClass::LinkLocal},
        {"fc00::1", AddressClass::UniqueLocal},
        {"fd12:3456::1", AddressClass::UniqueLocal},
        {"ff02::1", AddressClass::Multicast},
        {"::ffff:8.8.8.8", AddressClass::Public},
        {"::ffff:127.0.0.1", AddressClass::Loopback},
        {"::ffff:169.254.169.254", AddressClass::LinkLocal},
        {"::ffff:10.0.0.1", AddressClass::Private},
        {"::ffff:0.0.0.0", AddressClass::Unspecified},
        {"::127.0.0.1", AddressClass::Loopback},     // IPv4-compatible (deprecated)
        {"64:ff9b::a00:1", AddressClass::Private},   // NAT64 of 10.0.0.1
        {"64:ff9b::808:808", AddressClass::Public},  // NAT64 of 8.8.8.8
    };
    for (const auto &[address, expected] : rows)
        QTest::newRow(address) << QString::fromLatin1(address) << expected;
}

void TestNetworkHandlers::classifies_addresses()
{
    QFETCH(QString, address);
    QFETCH(AddressClass, expected);
    const QHostAddress host(address);
    QVERIFY2(!host.isNull(), qPrintable(address));
    QCOMPARE(addressClassName(classifyAddress(host)), addressClassName(expected));
}

void TestNetworkHandlers::policy_permits_private_only_when_allowed()
{
    const QHostAddress loopback(u"127.0.0.1"_s);
    QVERIFY(!NetworkPolicy{}.permits(loopback));
    QVERIFY(NetworkPolicy{}.permits(QHostAddress(u"93.184.216.34"_s)));
    QVERIFY((NetworkPolicy{true, {}}.permits(loopback)));
    QVERIFY((NetworkPolicy{false, {loopback}}.permits(loopback)));
    QVERIFY(!(NetworkPolicy{false, {loopback}}.permits(QHostAddress(u"127.0.0.2"_s))));
    HandlerSettings s;
    QVERIFY(!NetworkPolicy::fromSettings(s).allowPrivateNetworks); // the default refuses
}

void TestNetworkHandlers::schemas_accept_and_reject_payloads_data()
{
    QTest::addColumn<QString>("handler");
    QTest::addColumn<QString>("payload");
    QTest::addColumn<bool>("valid");
    QTest::newRow("http minimal") << u"http"_s << u"{\"url\": \"https://example.org/hook\"}"_s << true;
    QTest::newRow("http full") << u"http"_s
                               << u"{\"method\": \"PUT\", \"url\": \"http://x.org\", \"headers\": {\"A\": \"b\"},"
                                  " \"body\": {\"k\": [1]}, \"timeout_ms\": 600000}"_s
                               << true;
    QTest::newRow("http no url") << u"http"_s << u"{\"method\": \"GET\"}"_s << false;
    QTest::newRow("http ftp url") << u"http"_s << u"{\"url\": \"ftp://example.org/x\"}"_s << false;
    QTest::newRow("http lower-case method") << u"http"_s << u"{\"url\": \"http://x.org\", \"method\": \"get\"}"_s << false;
    QTest::newRow("http timeout 0") << u"http"_s << u"{\"url\": \"http://x.org\", \"timeout_ms\": 0}"_s << false;
    QTest::newRow("http header number") << u"http"_s << u"{\"url\": \"http://x.org\", \"headers\": {\"A\": 1}}"_s << false;
    QTest::newRow("download one") << u"download_files"_s << u"{\"urls\": [\"https://example.org/a.zip\"]}"_s << true;
    QTest::newRow("download none") << u"download_files"_s << u"{\"urls\": []}"_s << false;
    QTest::newRow("download file url") << u"download_files"_s << u"{\"urls\": [\"file:///etc/passwd\"]}"_s << false;
    QTest::newRow("email to only") << u"send_email"_s << u"{\"to\": \"a@example.org\"}"_s << false;
    QTest::newRow("email subject") << u"send_email"_s << u"{\"to\": \"a@example.org\", \"subject\": \"s\"}"_s << true;
    QTest::newRow("email body, list") << u"send_email"_s << u"{\"to\": [\"a@x.org\", \"b@x.org\"], \"body\": \"b\"}"_s << true;
    QTest::newRow("email files") << u"send_email"_s << u"{\"to\": \"a@x.org\", \"attached_files\": [\"f.txt\"]}"_s << true;
    QTest::newRow("email empty list") << u"send_email"_s << u"{\"to\": [], \"body\": \"b\"}"_s << false;
    QTest::newRow("email no to") << u"send_email"_s << u"{\"subject\": \"s\"}"_s << false;
}

void TestNetworkHandlers::schemas_accept_and_reject_payloads()
{
    QFETCH(QString, handler);
    QFETCH(QString, payload);
    QFETCH(bool, valid);
    const auto schema = PayloadSchema::compile(builtin(handler).schema);
    QVERIFY2(schema, qPrintable(schema ? QString() : schema.error()));
    const QJsonArray violations = (*schema)->violations(json(payload));
    QVERIFY2(violations.isEmpty() == valid, QJsonDocument(violations).toJson(QJsonDocument::Compact).constData());
}

// ---- http ------------------------------------------------------------------------------------------------

void TestNetworkHandlers::http_round_trips_a_json_body()
{
    const QJsonObject sent{{u"order"_s, 42}, {u"items"_s, QJsonArray{u"é"_s, true}}};
    const HandlerOutcome out = run(u"http"_s,
                                   taskOf(u"http"_s, {{u"url"_s, url(u"/echo"_s)},
                                                      {u"headers"_s, QJsonObject{{u"X-Signature"_s, u"abc"_s}}},
                                                      {u"body"_s, sent}}),
                                   settings());
    QVERIFY2(out.status == Status::Completed, qPrintable(out.error));
    const QJsonObject result = out.result.toObject();
    QCOMPARE(result.value(u"status"_s).toInt(), 200);
    QCOMPARE(result.value(u"body_truncated"_s).toBool(true), false);
    QCOMPARE(result.value(u"headers"_s).toObject().value(u"content-type"_s).toString(), u"application/json"_s);
    const QJsonObject echo = json(result.value(u"body"_s).toString());
    QCOMPARE(echo.value(u"method"_s).toString(), u"POST"_s);                  // the default method
    QCOMPARE(json(echo.value(u"body"_s).toString()), sent);                   // the JSON body arrived intact
    const QJsonObject headers = echo.value(u"headers"_s).toObject();
    QCOMPARE(headers.value(u"content-type"_s).toString(), u"application/json"_s);
    QCOMPARE(headers.value(u"x-signature"_s).toString(), u"abc"_s);
}

void TestNetworkHandlers::http_status_decides_retry_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("expected"); // completed, retryable, permanent
    QTest::newRow("204") << 204 << u"completed"_s;
    QTest::newRow("500") << 500 << u"retryable"_s;
    QTest::newRow("503") << 503 << u"retryable"_s;
    QTest::newRow("429") << 429 << u"retryable"_s;
    QTest::newRow("408") << 408 << u"retryable"_s;
    QTest::newRow("404") << 404 << u"permanent"_s;
    QTest::newRow("400") << 400 << u"permanent"_s;
    QTest::newRow("401") << 401 << u"permanent"_s;
}

void TestNetworkHandlers::http_status_decides_retry()
{
    QFETCH(int, status);
    QFETCH(QString, expected);
    const HandlerOutcome out = run(u"http"_s,
                                   taskOf(u"http"_s, {{u"method"_s, u"GET"_s}, {u"url"_s, url(u"/status/%1"_s.arg(status))}}),
                                   settings());
    const QString got = out.status == Status::Completed ? u"completed"_s : isRetryable(out) ? u"retryable"_s
                      : isPermanent(out)                ? u"permanent"_s : u"other"_s;
    QCOMPARE(got, expected);
    if (out.status == Status::Failed)
        QVERIFY2(out.error.contains(u"HTTP %1"_s.arg(status)), qPrintable(out.error));
}

void TestNetworkHandlers::http_cuts_the_body_at_the_cap()
{
    constexpr qint64 Cap = 1000;
    HandlerSettings s = settings();
    s.httpMaxBodyBytes = Cap;
    const HandlerOutcome out = run(u"http"_s,
                                   taskOf(u"http"_s, {{u"method"_s, u"GET"_s}, {u"url"_s, url(u"/bytes/50000?seed=3"_s)}}), s);
    QVERIFY2(out.status == Status::Completed, qPrintable(out.error));
    const QJsonObject result = out.result.toObject();
    QCOMPARE(result.value(u"body_truncated"_s).toBool(), true);
    QCOMPARE(result.value(u"body_encoding"_s).toString(), u"base64"_s); // the bytes are not UTF-8
    QCOMPARE(QByteArray::fromBase64(result.value(u"body"_s).toString().toLatin1()), pattern(Cap, 3));
}

void TestNetworkHandlers::http_timeout_is_retryable()
{
    QElapsedTimer clock;
    clock.start();
    const HandlerOutcome out = run(u"http"_s,
                                   taskOf(u"http"_s, {{u"method"_s, u"GET"_s}, {u"url"_s, url(u"/slow/10000"_s)},
                                                      {u"timeout_ms"_s, 300}}),
                                   settings());
    QVERIFY2(isRetryable(out), qPrintable(out.error));
    QVERIFY2(out.error.contains(u"timed out"_s, Qt::CaseInsensitive), qPrintable(out.error));
    QCOMPARE_LT(clock.elapsed(), 5000);
}

void TestNetworkHandlers::http_refuses_loopback_by_default_and_allows_it_when_set()
{
    const Task task = taskOf(u"http"_s, {{u"method"_s, u"GET"_s}, {u"url"_s, url(u"/echo"_s)}});
    const HandlerOutcome refused = run(u"http"_s, task, settings(false));
    QVERIFY2(isPermanent(refused), qPrintable(refused.error));
    QVERIFY2(refused.error.contains(u"127.0.0.1"_s), qPrintable(refused.error));
    QVERIFY2(refused.error.contains(u"handlers.allow_private_networks"_s), qPrintable(refused.error));

    const HandlerOutcome allowed = run(u"http"_s, task, settings(true));
    QVERIFY2(allowed.status == Status::Completed, qPrintable(allowed.error));
    QCOMPARE(allowed.result.toObject().value(u"status"_s).toInt(), 200);
}

void TestNetworkHandlers::http_refuses_metadata_and_private_addresses_without_connecting_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("address");
    // Nothing listens at these addresses: a connection attempt would hang until the timeout or fail
    // as retryable; only a refusal at socket-open time is both permanent and immediate.
    QTest::newRow("cloud metadata") << u"http://169.254.169.254/latest/meta-data/"_s << u"169.254.169.254"_s;
    QTest::newRow("private 10/8") << u"http://10.0.0.1:8080/admin"_s << u"10.0.0.1"_s;
    QTest::newRow("CGNAT") << u"http://100.64.0.1/"_s << u"100.64.0.1"_s;
    QTest::newRow("unspecified") << u"http://0.0.0.0:1/"_s << u"0.0.0.0"_s;
    QTest::newRow("IPv6 loopback") << u"http://[::1]:1/"_s << u"::1"_s;
    QTest::newRow("v4-mapped loopback") << u"http://[::ffff:127.0.0.1]:1/"_s << u"127.0.0.1"_s;
}

void TestNetworkHandlers::http_refuses_metadata_and_private_addresses_without_connecting()
{
    QFETCH(QString, target);
    QFETCH(QString, address);
    QElapsedTimer clock;
    clock.start();
    const HandlerOutcome out = run(u"http"_s,
                                   taskOf(u"http"_s, {{u"method"_s, u"GET"_s}, {u"url"_s, target}, {u"timeout_ms"_s, 20000}}),
                                   settings(false));
    QVERIFY2(isPermanent(out), qPrintable(out.error));
    QVERIFY2(out.error.contains(address), qPrintable(out.error));
    QVERIFY2(out.error.contains(u"handlers.allow_private_networks"_s), qPrintable(out.error));
    QCOMPARE_LT(clock.elapsed(), PromptMs);
}

void TestNetworkHandlers::http_checks_every_redirect_target_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("refused"); // empty: the redirect is followed
    QTest::newRow("to the trusted server") << url(u"/echo"_s) << QString();
    QTest::newRow("to another loopback address") << u"http://127.0.0.2:%1/echo"_s.arg(m_httpPort) << u"127.0.0.2"_s;
    QTest::newRow("to IPv6 loopback") << u"http://[::1]:%1/echo"_s.arg(m_httpPort) << u"::1"_s;
    QTest::newRow("to cloud metadata") << u"http://169.254.169.254/latest/"_s << u"169.254.169.254"_s;
}

void TestNetworkHandlers::http_checks_every_redirect_target()
{
    QFETCH(QString, target);
    QFETCH(QString, refused);
    // The first hop must be reachable, and the only server here is on loopback: trust exactly 127.0.0.1
    // and see that the policy is applied again to the address each redirect connects to.
    const NetworkPolicy policy{false, {QHostAddress(QHostAddress::LocalHost)}};
    const QString start = url(u"/redirect?to="_s + QString::fromLatin1(QUrl::toPercentEncoding(target)));
    CancellationToken token;
    const HandlerOutcome out = runHttp(taskOf(u"http"_s, {{u"method"_s, u"GET"_s}, {u"url"_s, start}}), token,
                                       settings(false), policy);
    if (refused.isEmpty()) {
        QVERIFY2(out.status == Status::Completed, qPrintable(out.error));
        QCOMPARE(out.result.toObject().value(u"url"_s).toString(), target);
        return;
    }
    QVERIFY2(isPermanent(out), qPrintable(out.error));
    QVERIFY2(out.error.contains(u"handlers.allow_private_networks"_s), qPrintable(out.error));
    QVERIFY2(out.error.contains(refused), qPrintable(out.error));
}

void TestNetworkHandlers::http_refuses_other_schemes_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<bool>("viaRedirect");
    QTest::newRow("file") << u"file:///etc/passwd"_s << false;
    QTest::newRow("ftp") << u"ftp://127.0.0.1/x"_s << false;
    QTest::newRow("gopher") << u"gopher://127.0.0.1:70/x"_s << false;
    QTest::newRow("redirect to file") << u"file:///etc/passwd"_s << true;
    QTest::newRow("redirect to ftp") << u"ftp://127.0.0.1/x"_s << true;
}

void TestNetworkHandlers::http_refuses_other_schemes()
{
    QFETCH(QString, target);
    QFETCH(bool, viaRedirect);
    const QString start = viaRedirect ? url(u"/redirect?to="_s + QString::fromLatin1(QUrl::toPercentEncoding(target))) : target;
    const HandlerOutcome out = run(u"http"_s, taskOf(u"http"_s, {{u"method"_s, u"GET"_s}, {u"url"_s, start}}),
                                   settings(true)); // even with private networks allowed
    QVERIFY2(isPermanent(out), qPrintable(out.error));
    QVERIFY2(!out.error.contains(u"root:"_s), qPrintable(out.error));
}

void TestNetworkHandlers::http_refuses_header_injection()
{
    const HandlerOutcome out = run(
        u"http"_s,
        taskOf(u"http"_s, {{u"url"_s, url(u"/echo"_s)}, {u"headers"_s, QJsonObject{{u"X-A"_s, u"b\r\nX-Evil: 1"_s}}}}),
        settings());
    QVERIFY2(isPermanent(out), qPrintable(out.error));
    QVERIFY2(out.error.contains(u"payload.headers"_s), qPrintable(out.error));
}

// ---- download_files --------------------------------------------------------------------------------------

void TestNetworkHandlers::download_names_stay_inside_the_task_folder_data()
{
    QTest::addColumn<QStringList>("urls");
    QTest::addColumn<QStringList>("names");
    QTest::newRow("plain") << QStringList{u"http://h/a/report.pdf"_s} << QStringList{u"report.pdf"_s};
    QTest::newRow("query ignored") << QStringList{u"http://h/x.csv?token=1"_s} << QStringList{u"x.csv"_s};
    QTest::newRow("no path") << QStringList{u"http://h"_s, u"http://h/"_s} << QStringList{u"download"_s, u"download-2"_s};
    QTest::newRow("encoded traversal") << QStringList{u"http://h/..%2F..%2Fetc%2Fpasswd"_s} << QStringList{u"passwd"_s};
    QTest::newRow("dot dot") << QStringList{u"http://h/a/%2e%2e"_s} << QStringList{u"download"_s};
    QTest::newRow("hidden") << QStringList{u"http://h/.bashrc"_s} << QStringList{u"bashrc"_s};
    QTest::newRow("odd characters") << QStringList{u"http://h/a%20b%3F%5C%00c.txt"_s} << QStringList{u"a_b___c.txt"_s};
    QTest::newRow("unicode kept") << QStringList{u"http://h/%D0%BE%D1%82%D1%87%D1%91%D1%82.txt"_s} << QStringList{u"отчёт.txt"_s};
    QTest::newRow("duplicates") << QStringList{u"http://h/a.txt"_s, u"http://g/A.TXT"_s, u"http://h/b/a.txt"_s}
                                << QStringList{u"a.txt"_s, u"A-2.TXT"_s, u"a-3.txt"_s};
}

void TestNetworkHandlers::download_names_stay_inside_the_task_folder()
{
    QFETCH(QStringList, urls);
    QFETCH(QStringList, names);
    QSet<QString> taken;
    QStringList got;
    for (const QString &u : urls)
        got.append(downloadFileName(QUrl(u), taken));
    QCOMPARE(got, names);
    for (const QString &name : got)
        QVERIFY(!name.contains(u'/') && !name.startsWith(u'.'));
}

void TestNetworkHandlers::downloads_files_in_parallel_with_checksums()
{
    constexpr int Files = 6;
    constexpr int DelayMs = 400; // each answer waits this long: in series they would take Files * DelayMs
    HandlerSettings s = settings();
    s.downloadParallel = Files;
    QJsonArray urls;
    QList<QByteArray> expected;
    for (int i = 0; i < Files; ++i) {
        const int size = 10'000 + i * 7'777;
        urls.append(url(u"/bytes/%1/file.bin?seed=%2&delay_ms=%3"_s.arg(size).arg(i).arg(DelayMs)));
        expected.append(pattern(size, i));
    }
    const Task task = taskOf(u"download_files"_s, {{u"urls"_s, urls}});
    QElapsedTimer clock;
    clock.start();
    const HandlerOutcome out = run(u"download_files"_s, task, s);
    const qint64 elapsed = clock.elapsed();
    QVERIFY2(out.status == Status::Completed, qPrintable(out.error));
    QCOMPARE_LT(elapsed, qint64(Files) * DelayMs / 2);

    const QJsonArray files = out.result.toObject().value(u"files"_s).toArray();
    QCOMPARE(files.size(), Files);
    const QString prefix = u"downloads/"_s + task.id.toString(QUuid::WithoutBraces) + u'/';
    QSet<QString> paths;
    for (int i = 0; i < Files; ++i) {
        const QJsonObject f = files.at(i).toObject();
        QCOMPARE(f.value(u"url"_s).toString(), urls.at(i).toString());
        const QString path = f.value(u"path"_s).toString();
        QVERIFY2(path.startsWith(prefix), qPrintable(path));
        paths.insert(path);
        QCOMPARE(f.value(u"bytes"_s).toInteger(), expected.at(i).size());
        QCOMPARE(f.value(u"sha256"_s).toString(), sha256Hex(expected.at(i))); // the served bytes
        QFile onDisk(m_filesDir.filePath(path));
        QVERIFY(onDisk.open(QIODevice::ReadOnly));
        QCOMPARE(onDisk.readAll(), expected.at(i));
    }
    QCOMPARE(paths.size(), Files); // same file name six times: made unique
    QVERIFY(paths.contains(prefix + u"file.bin"_s) && paths.contains(prefix + u"file-2.bin"_s));
}

void TestNetworkHandlers::download_over_size_cap_fails_and_leaves_no_files_data()
{
    QTest::addColumn<QString>("query");
    QTest::newRow("Content-Length known") << QString();
    QTest::newRow("no Content-Length") << u"&nolength=1"_s;
}

void TestNetworkHandlers::download_over_size_cap_fails_and_leaves_no_files()
{
    QFETCH(QString, query);
    HandlerSettings s = settings();
    s.downloadMaxFileBytes = 4096;
    const Task task = taskOf(u"download_files"_s,
                             {{u"urls"_s, QJsonArray{url(u"/bytes/100/small.bin?seed=1"_s),
                                                     url(u"/bytes/200000/big.bin?seed=2"_s + query)}}});
    const HandlerOutcome out = run(u"download_files"_s, task, s);
    QVERIFY2(isPermanent(out), qPrintable(out.error));
    QVERIFY2(out.error.contains(u"handlers.download_files.max_file_bytes"_s), qPrintable(out.error));
    QVERIFY(!QFileInfo::exists(downloadDir(task)));
}

void TestNetworkHandlers::download_traversal_url_stays_inside()
{
    const Task task = taskOf(u"download_files"_s,
                             {{u"urls"_s, QJsonArray{url(u"/bytes/10/..%2F..%2F..%2Fetc%2Fpasswd"_s),
                                                     url(u"/bytes/10/%2e%2e"_s), url(u"/bytes/10/..%5C..%5Cx"_s)}}});
    const HandlerOutcome out = run(u"download_files"_s, task, settings());
    QVERIFY2(out.status == Status::Completed, qPrintable(out.error));
    const QString dir = QFileInfo(downloadDir(task)).canonicalFilePath();
    for (const QJsonValue &f : out.result.toObject().value(u"files"_s).toArray()) {
        const QString onDisk = QFileInfo(m_filesDir.filePath(f.toObject().value(u"path"_s).toString())).canonicalFilePath();
        QVERIFY2(!onDisk.isEmpty() && QFileInfo(onDisk).absolutePath() == dir, qPrintable(onDisk));
    }
    QVERIFY(!QFileInfo::exists(m_filesDir.filePath(u"etc"_s)));
    QCOMPARE(QDir(dir).entryList(QDir::Files | QDir::NoDotAndDotDot | QDir::Hidden).size(), 3);
}

void TestNetworkHandlers::download_server_error_is_retryable_and_cleans_up()
{
    const Task task = taskOf(u"download_files"_s,
                             {{u"urls"_s, QJsonArray{url(u"/bytes/100/ok.bin"_s), url(u"/status/503"_s)}}});
    const HandlerOutcome out = run(u"download_files"_s, task, settings());
    QVERIFY2(isRetryable(out), qPrintable(out.error));
    QVERIFY2(out.error.contains(u"HTTP 503"_s), qPrintable(out.error));
    QVERIFY(!QFileInfo::exists(downloadDir(task)));

    const Task gone = taskOf(u"download_files"_s, {{u"urls"_s, QJsonArray{url(u"/status/404"_s)}}});
    QVERIFY(isPermanent(run(u"download_files"_s, gone, settings())));
}

void TestNetworkHandlers::download_task_time_cap_is_retryable()
{
    HandlerSettings s = settings();
    s.downloadMaxTaskMs = 300;
    const Task task = taskOf(u"download_files"_s, {{u"urls"_s, QJsonArray{url(u"/slow/10000"_s)}}});
    QElapsedTimer clock;
    clock.start();
    const HandlerOutcome out = run(u"download_files"_s, task, s);
    QVERIFY2(isRetryable(out), qPrintable(out.error));
    QVERIFY2(out.error.contains(u"handlers.download_files.max_task_ms"_s), qPrintable(out.error));
    QCOMPARE_LT(clock.elapsed(), 300 + PromptMs);
    QVERIFY(!QFileInfo::exists(downloadDir(task)));
}

void TestNetworkHandlers::download_refuses_loopback_by_default()
{
    const Task task = taskOf(u"download_files"_s, {{u"urls"_s, QJsonArray{url(u"/bytes/10/a.bin"_s)}}});
    const HandlerOutcome out = run(u"download_files"_s, task, settings(false));
    QVERIFY2(isPermanent(out), qPrintable(out.error));
    QVERIFY2(out.error.contains(u"127.0.0.1"_s) && out.error.contains(u"handlers.allow_private_networks"_s),
             qPrintable(out.error));
    QVERIFY(!QFileInfo::exists(downloadDir(task)));
}

void TestNetworkHandlers::download_without_files_dir_fails_permanently()
{
    HandlerSettings s = settings();
    s.filesDir.clear();
    const HandlerOutcome out = run(u"download_files"_s,
                                   taskOf(u"download_files"_s, {{u"urls"_s, QJsonArray{url(u"/bytes/10/a"_s)}}}), s);
    QVERIFY(isPermanent(out));
    QCOMPARE(out.error, u"handlers.files_dir is not set"_s);
}

void TestNetworkHandlers::download_cancels_promptly()
{
    const Task task = taskOf(u"download_files"_s,
                             {{u"urls"_s, QJsonArray{url(u"/drip/10000000/slow.bin"_s), url(u"/bytes/10/quick.bin"_s)}}});
    CancellationToken token;
    const HandlerSettings s = settings();
    auto running = std::async(std::launch::async, [&] { return builtin(u"download_files"_s).run(task, token, s); });
    // Cancel once the slow file is really arriving.
    const QString slowFile = downloadDir(task) + u"/slow.bin"_s;
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(slowFile).size() > 0, 10'000);
    QElapsedTimer clock;
    clock.start();
    token.cancel();
    QCOMPARE(running.wait_for(std::chrono::seconds(10)), std::future_status::ready);
    QCOMPARE_LT(clock.elapsed(), PromptMs);
    const HandlerOutcome out = running.get();
    QCOMPARE(toString(out.status), toString(Status::Cancelled));
    QVERIFY(!QFileInfo::exists(downloadDir(task))); // the partial files of the attempt are gone
}

// ---- send_email ------------------------------------------------------------------------------------------

QStringList TestNetworkHandlers::deliveredMessages() const
{
    return QDir(m_mailDir.path()).entryList({u"*.json"_s}, QDir::Files);
}

// The stored message decoded by Python's email package: an independent MIME parser.
QJsonObject TestNetworkHandlers::parseMessage(const QString &file) const
{
    QProcess parser;
    parser.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    parser.start(Python, {serversScript(), u"parse"_s, QDir(m_mailDir.path()).filePath(file)});
    if (!parser.waitForFinished(StartTimeoutMs) || parser.exitCode() != 0)
        return {};
    return QJsonDocument::fromJson(parser.readAllStandardOutput()).object();
}

void TestNetworkHandlers::encodes_non_ascii_header_text()
{
    QCOMPARE(encodeHeaderText(u"Weekly report"_s), QByteArray("Weekly report"));
    QCOMPARE(encodeHeaderText(u"a\r\nBcc: evil@example.org"_s), QByteArray("a Bcc: evil@example.org")); // no header injection

    const QString subject = u"Отчёт за неделю ✓ — 😀 достаточно длинный, чтобы занять несколько слов"_s;
    const QByteArray encoded = encodeHeaderText(subject);
    QString decoded;
    for (const QByteArray &line : encoded.split('\n')) {
        QVERIFY2(line.size() <= 77, line.constData()); // 75-character words, CR and the folding space
        const QByteArray word = line.trimmed();
        QVERIFY2(word.startsWith("=?UTF-8?B?") && word.endsWith("?="), word.constData());
        decoded += QString::fromUtf8(QByteArray::fromBase64(word.mid(10, word.size() - 12))); // each word decodes alone
    }
    QCOMPARE(decoded, subject);
}

void TestNetworkHandlers::sends_email_with_attachments_and_non_ascii_subject()
{
    const QByteArray binary = pattern(70'000, 9);
    const QByteArray text = u"Итоги: всё хорошо.\n"_s.toUtf8();
    QVERIFY(QDir(m_filesDir.path()).mkpath(u"reports"_s));
    QFile f1(m_filesDir.filePath(u"reports/data.bin"_s));
    QVERIFY(f1.open(QIODevice::WriteOnly) && f1.write(binary) == binary.size());
    f1.close();
    QFile f2(m_filesDir.filePath(u"отчёт за май.txt"_s));
    QVERIFY(f2.open(QIODevice::WriteOnly) && f2.write(text) == text.size());
    f2.close();

    const QStringList to{u"alice@example.org"_s, u"bob@example.net"_s};
    const QString subject = u"Отчёт за неделю ✓ — weekly report with a subject long enough to be folded"_s;
    const QString body = u"Hello,\nСтрока два.\n\n.a line starting with a dot"_s;
    const QStringList before = deliveredMessages();
    const Task task = taskOf(u"send_email"_s, {{u"to"_s, QJsonArray::fromStringList(to)},
                                               {u"subject"_s, subject},
                                               {u"body"_s, body},
                                               {u"attached_files"_s, QJsonArray{u"reports/data.bin"_s, u"отчёт за май.txt"_s}}});
    const HandlerOutcome out = run(u"send_email"_s, task, settings());
    QVERIFY2(out.status == Status::Completed, qPrintable(out.error));
    const QJsonObject result = out.result.toObject();
    QCOMPARE(result.value(u"accepted"_s).toArray(), QJsonArray::fromStringList(to));
    const QString messageId = result.value(u"message_id"_s).toString();
    QVERIFY2(messageId.contains(task.id.toString(QUuid::WithoutBraces)), qPrintable(messageId));

    QTRY_COMPARE_WITH_TIMEOUT(deliveredMessages().size(), before.size() + 1, 5000);
    QStringList added = deliveredMessages();
    for (const QString &old : before)
        added.removeAll(old);
    const QJsonObject mail = parseMessage(added.value(0));
    QVERIFY2(!mail.isEmpty(), "the message could not be parsed");
    QCOMPARE(mail.value(u"defects"_s).toInt(), 0);
    QCOMPARE(mail.value(u"mail_from"_s).toString(), u"taskmill@example.org"_s);
    QCOMPARE(mail.value(u"rcpt_tos"_s).toArray(), QJsonArray::fromStringList(to));
    QCOMPARE(mail.value(u"from"_s).toString(), u"taskmill@example.org"_s);
    QCOMPARE(mail.value(u"to"_s).toString(), to.join(u", "_s));
    QCOMPARE(mail.value(u"subject"_s).toString(), subject);
    QCOMPARE(mail.value(u"message_id"_s).toString(), messageId);
    QVERIFY(!mail.value(u"date"_s).toString().isEmpty());
    QVERIFY(mail.value(u"multipart"_s).toBool());
    QCOMPARE(mail.value(u"body"_s).toString().replace(u"\r\n"_s, u"\n"_s).trimmed(), body.trimmed());

    const QJsonArray attachments = mail.value(u"attachments"_s).toArray();
    QCOMPARE(attachments.size(), 2);
    QCOMPARE(attachments[0].toObject().value(u"filename"_s).toString(), u"data.bin"_s);
    QCOMPARE(QByteArray::fromBase64(attachments[0].toObject().value(u"base64"_s).toString().toLatin1()), binary);
    QCOMPARE(attachments[1].toObject().value(u"filename"_s).toString(), u"отчёт за май.txt"_s);
    QCOMPARE(attachments[1].toObject().value(u"content_type"_s).toString(), u"text/plain"_s);
    QCOMPARE(QByteArray::fromBase64(attachments[1].toObject().value(u"base64"_s).toString().toLatin1()), text);
}

void TestNetworkHandlers::sends_plain_text_email_to_one_address()
{
    const QStringList before = deliveredMessages();
    const Task task = taskOf(u"send_email"_s, {{u"to"_s, u"carol@example.org"_s}, {u"body"_s, u"Just text.\nTwo lines."_s}});
    const HandlerOutcome out = run(u"send_email"_s, task, settings());
    QVERIFY2(out.status == Status::Completed, qPrintable(out.error));
    QCOMPARE(out.result.toObject().value(u"accepted"_s).toArray(), QJsonArray{u"carol@example.org"_s});

    QTRY_COMPARE_WITH_TIMEOUT(deliveredMessages().size(), before.size() + 1, 5000);
    QStringList added = deliveredMessages();
    for (const QString &old : before)
        added.removeAll(old);
    const QJsonObject mail = parseMessage(added.value(0));
    QCOMPARE(mail.value(u"rcpt_tos"_s).toArray(), QJsonArray{u"carol@example.org"_s});
    QCOMPARE(mail.value(u"multipart"_s).toBool(true), false);
    QCOMPARE(mail.value(u"subject"_s).toString(), QString());
    QCOMPARE(mail.value(u"body"_s).toString().replace(u"\r\n"_s, u"\n"_s).trimmed(), u"Just text.\nTwo lines."_s);
}

void TestNetworkHandlers::attachment_outside_files_dir_fails_and_sends_nothing_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("parent") << u"../outside-secret.txt"_s;
    QTest::newRow("parent inside a path") << u"reports/../../outside-secret.txt"_s;
    QTest::newRow("absolute") << u"/etc/hostname"_s;
    QTest::newRow("symlink to a file outside") << u"escape.txt"_s;
    QTest::newRow("through a symlinked folder") << u"outside-dir/outside-secret.txt"_s;
    QTest::newRow("missing") << u"no-such-file.txt"_s;
    QTest::newRow("a folder") << u"reports"_s;
}

void TestNetworkHandlers::attachment_outside_files_dir_fails_and_sends_nothing()
{
    QFETCH(QString, path);
    QTemporaryDir outside;
    QVERIFY(outside.isValid());
    const QString secret = outside.filePath(u"outside-secret.txt"_s);
    QFile s(secret);
    QVERIFY(s.open(QIODevice::WriteOnly) && s.write("secret") == 6);
    s.close();
    QVERIFY(QDir(m_filesDir.path()).mkpath(u"reports"_s));
    QFile::remove(m_filesDir.filePath(u"escape.txt"_s));
    QFile::remove(m_filesDir.filePath(u"outside-dir"_s));
    QVERIFY(QFile::link(secret, m_filesDir.filePath(u"escape.txt"_s)));
    QVERIFY(QFile::link(outside.path(), m_filesDir.filePath(u"outside-dir"_s)));

    const QStringList before = deliveredMessages();
    const HandlerOutcome out = run(u"send_email"_s,
                                   taskOf(u"send_email"_s, {{u"to"_s, u"dave@example.org"_s}, {u"subject"_s, u"leak"_s},
                                                            {u"attached_files"_s, QJsonArray{path}}}),
                                   settings());
    QVERIFY2(isPermanent(out), qPrintable(out.error));
    QVERIFY2(out.error.contains(u"payload.attached_files"_s), qPrintable(out.error));

    // Nothing was sent: a marker sent afterwards is the only new message (no waiting for an absence).
    const HandlerOutcome marker = run(u"send_email"_s,
                                      taskOf(u"send_email"_s, {{u"to"_s, u"dave@example.org"_s}, {u"subject"_s, u"marker"_s}}),
                                      settings());
    QVERIFY2(marker.status == Status::Completed, qPrintable(marker.error));
    QTRY_COMPARE_WITH_TIMEOUT(deliveredMessages().size(), before.size() + 1, 5000);
    QStringList added = deliveredMessages();
    for (const QString &old : before)
        added.removeAll(old);
    QCOMPARE(parseMessage(added.value(0)).value(u"subject"_s).toString(), u"marker"_s);
}

void TestNetworkHandlers::email_without_smtp_url_fails_permanently()
{
    HandlerSettings s = settings();
    s.smtp.url.clear();
    const Task task = taskOf(u"send_email"_s, {{u"to"_s, u"erin@example.org"_s}, {u"body"_s, u"x"_s}});
    const HandlerOutcome out = run(u"send_email"_s, task, s);
    QVERIFY(isPermanent(out));
    QCOMPARE(out.error, u"handlers.send_email.url is not set"_s);

    const HandlerOutcome badTo = run(u"send_email"_s,
                                     taskOf(u"send_email"_s, {{u"to"_s, u"x@y.org>\r\nBcc: z@y.org"_s}, {u"body"_s, u"x"_s}}),
                                     settings());
    QVERIFY(isPermanent(badTo));
    QVERIFY2(badTo.error.contains(u"payload.to"_s), qPrintable(badTo.error));
}

QTEST_GUILESS_MAIN(TestNetworkHandlers)
#include "test_NetworkHandlers.moc"
