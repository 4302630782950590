// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// send_email over TLS with a login, against real aiosmtpd servers that insist on both (tests/backend/
// network_test_servers.py, mode smtp-tls) using a certificate this test makes with openssl: STARTTLS on smtp://,
// TLS from the first byte on smtps://, a wrong password, a certificate nobody vouched for, and require_tls
// against a server that offers no STARTTLS. What arrived is read back from the server's own record.
#include "NetworkTestSupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace taskmill;
using namespace taskmill::nettest;

class TestSmtpTls final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_certDir, m_mailDir, m_smtpsMailDir, m_plainMailDir; // one folder per server: each numbers its own files
    std::unique_ptr<ScriptServer> m_starttls, m_implicit, m_plain;
    quint16 m_starttlsPort = 0, m_implicitPort = 0, m_plainPort = 0;

    QString cert() const { return m_certDir.filePath(u"cert.pem"_s); }
    SmtpSettings smtp(const QString &scheme, quint16 port) const
    {
        SmtpSettings s;
        s.url = u"%1://127.0.0.1:%2"_s.arg(scheme).arg(port);
        s.from = u"taskmill@example.org"_s;
        s.username = u"mailer"_s;
        s.password = u"s3cret"_s;
        s.caFile = cert();
        s.requireTls = true;
        s.timeoutMs = 10'000;
        return s;
    }
    HandlerOutcome send(const SmtpSettings &s, const QString &subject)
    {
        HandlerSettings settings;
        settings.smtp = s;
        return run(u"send_email"_s, taskOf(u"send_email"_s, {{u"to"_s, u"ops@example.org"_s}, {u"subject"_s, subject},
                                                            {u"body"_s, u"over TLS"_s}}),
                   settings);
    }
    // The server's record of each message it accepted, oldest first.
    QList<QJsonObject> delivered(const QTemporaryDir &dir) const
    {
        QList<QJsonObject> out;
        QStringList files = QDir(dir.path()).entryList({u"*.json"_s}, QDir::Files);
        std::sort(files.begin(), files.end(), [](const QString &a, const QString &b) { return a.section(u'.', 0, 0).toInt() < b.section(u'.', 0, 0).toInt(); });
        for (const QString &f : files) {
            QFile file(dir.filePath(f));
            if (file.open(QIODevice::ReadOnly))
                out.append(QJsonDocument::fromJson(file.readAll()).object());
        }
        return out;
    }
    static std::unique_ptr<ScriptServer> startServer(const QStringList &args, quint16 port)
    {
        auto server = std::make_unique<ScriptServer>(args);
        if (!server->waitForLine("READY"))
            return nullptr;
        QElapsedTimer t;
        t.start();
        while (!acceptsConnections(port) && t.elapsed() < StartTimeoutMs)
            QTest::qWait(20);
        return server;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_certDir.isValid() && m_mailDir.isValid() && m_smtpsMailDir.isValid() && m_plainMailDir.isValid());
        // A self-signed certificate for 127.0.0.1: it is its own CA, given to send_email as ca_file.
        QProcess openssl;
        openssl.start(u"openssl"_s, {u"req"_s, u"-x509"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s, u"-days"_s, u"2"_s,
                                      u"-subj"_s, u"/CN=127.0.0.1"_s, u"-addext"_s, u"subjectAltName=IP:127.0.0.1"_s,
                                      u"-keyout"_s, m_certDir.filePath(u"key.pem"_s), u"-out"_s, cert()});
        QVERIFY(openssl.waitForFinished(60'000));
        QVERIFY2(openssl.exitCode() == 0, openssl.readAllStandardError().constData());

        m_starttlsPort = freePort();
        m_starttls = startServer({u"smtp-tls"_s, QString::number(m_starttlsPort), m_mailDir.path(), cert(),
                                  m_certDir.filePath(u"key.pem"_s), u"starttls"_s}, m_starttlsPort);
        QVERIFY2(m_starttls, "the STARTTLS SMTP server did not start (is python3-aiosmtpd installed?)");
        m_implicitPort = freePort();
        m_implicit = startServer({u"smtp-tls"_s, QString::number(m_implicitPort), m_smtpsMailDir.path(), cert(),
                                  m_certDir.filePath(u"key.pem"_s), u"implicit"_s}, m_implicitPort);
        QVERIFY2(m_implicit, "the smtps server did not start");
        m_plainPort = freePort();
        m_plain = startServer({u"smtp"_s, QString::number(m_plainPort), m_plainMailDir.path()}, m_plainPort);
        QVERIFY2(m_plain, "the plain SMTP server did not start");
    }

    void starttls_with_a_login_delivers()
    {
        const qsizetype before = delivered(m_mailDir).size();
        const HandlerOutcome out = send(smtp(u"smtp"_s, m_starttlsPort), u"starttls"_s);
        QVERIFY2(out.status == Status::Completed, qPrintable(out.error));
        QTRY_COMPARE_WITH_TIMEOUT(delivered(m_mailDir).size(), before + 1, 5000);
        const QJsonObject mail = delivered(m_mailDir).last();
        QCOMPARE(mail.value(u"tls"_s).toBool(), true);
        QCOMPARE(mail.value(u"login"_s).toString(), u"mailer"_s);
        QCOMPARE(mail.value(u"rcpt_tos"_s).toArray(), QJsonArray{u"ops@example.org"_s});
    }

    void smtps_delivers_over_tls_from_the_first_byte()
    {
        const qsizetype before = delivered(m_smtpsMailDir).size();
        const HandlerOutcome out = send(smtp(u"smtps"_s, m_implicitPort), u"smtps"_s);
        QVERIFY2(out.status == Status::Completed, qPrintable(out.error));
        QTRY_COMPARE_WITH_TIMEOUT(delivered(m_smtpsMailDir).size(), before + 1, 5000);
        QCOMPARE(delivered(m_smtpsMailDir).last().value(u"tls"_s).toBool(), true);
        QCOMPARE(delivered(m_smtpsMailDir).last().value(u"login"_s).toString(), u"mailer"_s);
    }

    void a_wrong_password_fails_for_good_and_does_not_leak()
    {
        SmtpSettings s = smtp(u"smtp"_s, m_starttlsPort);
        s.password = u"not-the-password"_s;
        const HandlerOutcome out = send(s, u"wrong password"_s);
        QVERIFY2(isPermanent(out), qPrintable(out.error));
        QVERIFY2(!out.error.contains(s.password), qPrintable(out.error));
    }

    void a_certificate_nobody_vouched_for_is_refused()
    {
        SmtpSettings s = smtp(u"smtps"_s, m_implicitPort);
        s.caFile.clear(); // the system's CAs do not know the test's certificate
        const HandlerOutcome out = send(s, u"unverified"_s);
        QVERIFY2(out.status == Status::Failed, qPrintable(out.error));
        QVERIFY2(out.error.contains(u"certificate"_s, Qt::CaseInsensitive) || out.error.contains(u"SSL"_s), qPrintable(out.error));
    }

    void require_tls_refuses_a_server_without_starttls()
    {
        // Sent nothing: a marker sent afterwards without require_tls is the only message that arrives.
        SmtpSettings s = smtp(u"smtp"_s, m_plainPort);
        s.username.clear();
        const HandlerOutcome out = send(s, u"in clear"_s);
        QVERIFY2(out.status == Status::Failed, qPrintable(out.error));
        s.requireTls = false;
        const HandlerOutcome marker = send(s, u"marker"_s);
        QVERIFY2(marker.status == Status::Completed, qPrintable(marker.error));
        QTRY_COMPARE_WITH_TIMEOUT(delivered(m_plainMailDir).size(), 1, 5000);
        QCOMPARE(delivered(m_plainMailDir).first().value(u"tls"_s).toBool(true), false);
    }

    void cleanupTestCase()
    {
        m_starttls.reset();
        m_implicit.reset();
        m_plain.reset();
    }
};

QTEST_GUILESS_MAIN(TestSmtpTls)
#include "test_SmtpTls.moc"
