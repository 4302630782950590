// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// The api's transport (docs/security.md, "Transport") through a real taskmilld: a listener other machines can
// reach refuses to start without TLS unless --insecure is given (and then says so loudly); with a certificate
// it serves HTTPS that a client trusting that certificate accepts and one trusting nothing refuses; a new
// certificate on disk is taken after SIGHUP without a restart, and a broken one leaves the old in place.
#include "IntegrationHelpers.h"

#include <QFile>
#include <QNetworkReply>
#include <QProcess>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QTemporaryDir>

#include <csignal>

using namespace Qt::StringLiterals;
using namespace taskmill;
using namespace taskmill::test;

class TestTransport : public QObject
{
    Q_OBJECT
    TestServers m_servers;
    QTemporaryDir m_dir;

    bool makeCertificate(const QString &name, const QString &cn)
    {
        QProcess openssl;
        openssl.start(u"openssl"_s, {u"req"_s, u"-x509"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s, u"-days"_s, u"2"_s, u"-subj"_s,
                                      u"/CN="_s + cn, u"-addext"_s, u"subjectAltName=IP:127.0.0.1"_s, u"-keyout"_s,
                                      m_dir.filePath(name + u".key"_s), u"-out"_s, m_dir.filePath(name + u".pem"_s)});
        return openssl.waitForFinished(60'000) && openssl.exitCode() == 0;
    }
    // GET /health over HTTPS trusting only `ca`; returns the status (0 when TLS failed) and the peer's CN.
    QPair<int, QString> healthOver(const QUrl &base, const QList<QSslCertificate> &ca)
    {
        QNetworkAccessManager nam;
        QNetworkRequest request(base.resolved(QUrl(u"/health"_s)));
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setCaCertificates(ca);
        request.setSslConfiguration(tls);
        QNetworkReply *reply = nam.get(request);
        if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, 10'000))
            return {0, {}};
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QString cn = reply->sslConfiguration().peerCertificate().subjectInfo(QSslCertificate::CommonName).value(0);
        reply->deleteLater();
        return {status, cn};
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        auto started = m_servers.start();
        QVERIFY2(started, qPrintable(started ? QString() : started.error().message));
        QVERIFY(makeCertificate(u"first"_s, u"taskmill-first"_s));
        QVERIFY(makeCertificate(u"second"_s, u"taskmill-second"_s));
    }

    void a_network_listener_without_tls_refuses_to_start()
    {
        BackendProcess backend;
        QStringList args = backendArgs(m_servers, {u"--role"_s, u"api"_s});
        args.replace(args.indexOf(u"127.0.0.1:0"_s), u"0.0.0.0:0"_s);
        QVERIFY(!backend.start(args, BackendProcess::Readiness::Listening, 15'000));
        QVERIFY2(backend.log().contains(u"needs TLS"_s), qPrintable(backend.log()));
        // --insecure: it starts, and says what that means.
        BackendProcess insecure;
        QVERIFY(insecure.start(args + QStringList{u"--insecure"_s}));
        QVERIFY(insecure.log().contains(u"INSECURE"_s));
        QVERIFY(insecure.terminate());
    }

    void tls_is_served_and_reloaded_on_sighup()
    {
        BackendProcess backend;
        const auto up = backend.start(backendArgs(m_servers, {u"--role"_s, u"api"_s, u"--set"_s, u"api.tls_cert="_s + m_dir.filePath(u"first.pem"_s),
                                                              u"--set"_s, u"api.tls_key="_s + m_dir.filePath(u"first.key"_s)}));
        QVERIFY2(up, qPrintable(up ? QString() : up.error().message));
        QCOMPARE(backend.baseUrl().scheme(), u"https"_s);
        const auto first = QSslCertificate::fromPath(m_dir.filePath(u"first.pem"_s));
        const auto second = QSslCertificate::fromPath(m_dir.filePath(u"second.pem"_s));
        QCOMPARE(healthOver(backend.baseUrl(), first), qMakePair(200, u"taskmill-first"_s));
        // A client that does not trust the certificate gets no answer at all.
        QCOMPARE(healthOver(backend.baseUrl(), {}).first, 0);
        // A broken certificate file and SIGHUP: the old one stays.
        QFile::remove(m_dir.filePath(u"first.pem"_s));
        QVERIFY(QFile(m_dir.filePath(u"first.pem"_s)).open(QIODevice::WriteOnly));
        ::kill(pid_t(backend.pid()), SIGHUP);
        QTRY_VERIFY_WITH_TIMEOUT(backend.log().contains(u"TLS reload failed"_s), 10'000);
        QCOMPARE(healthOver(backend.baseUrl(), first).first, 200);
        // The new certificate in place and SIGHUP: new connections get it, no restart.
        QFile::remove(m_dir.filePath(u"first.pem"_s));
        QFile::remove(m_dir.filePath(u"first.key"_s));
        QVERIFY(QFile::copy(m_dir.filePath(u"second.pem"_s), m_dir.filePath(u"first.pem"_s)));
        QVERIFY(QFile::copy(m_dir.filePath(u"second.key"_s), m_dir.filePath(u"first.key"_s)));
        ::kill(pid_t(backend.pid()), SIGHUP);
        QTRY_VERIFY_WITH_TIMEOUT(backend.log().contains(u"TLS certificate reloaded"_s), 10'000);
        QCOMPARE(healthOver(backend.baseUrl(), second), qMakePair(200, u"taskmill-second"_s));
        QVERIFY(backend.terminate());
    }
};

QTEST_GUILESS_MAIN(TestTransport)
#include "test_Transport.moc"
