// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "settings/LaunchOptions.h"

#include <QCommandLineParser>
#include <QTest>

using namespace taskmill;
using Kind = ConnectionProfile::Kind;

Q_DECLARE_METATYPE(ConnectionProfile::Kind)

namespace {
// What AppSettings::profiles() would return: Local (moved to port 9191), then two remote profiles.
QList<ConnectionProfile> stored()
{
    ConnectionProfile local = ConnectionProfile::local();
    local.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:9191"));
    ConnectionProfile jobs{QStringLiteral("jobs"), QUrl(QStringLiteral("http://jobs.example:9000")), Kind::Remote};
    jobs.id = QUuid::createUuidV5(QUuid(), QStringLiteral("jobs"));
    jobs.user = QStringLiteral("ops");
    jobs.auth = ConnectionProfile::Auth::Password;
    ConnectionProfile prod{QStringLiteral("prod"), QUrl(QStringLiteral("https://prod.example/taskmill")), Kind::Remote};
    prod.id = QUuid::createUuidV5(QUuid(), QStringLiteral("prod"));
    return {local, jobs, prod};
}

std::optional<LaunchOptions::Resolved> resolve(const QStringList &args, QString *error)
{
    QCommandLineParser parser;
    LaunchOptions::addOptions(parser);
    if (!parser.parse(QStringList{QStringLiteral("taskmill")} + args)) {
        *error = parser.errorText();
        return std::nullopt;
    }
    return LaunchOptions::fromParser(parser).resolve(stored(), stored().at(1), error);
}
} // namespace

class TestLaunchOptions final : public QObject
{
    Q_OBJECT

private slots:
    void command_line_resolves_the_profile_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("url");
        QTest::addColumn<Kind>("kind");
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("stored"); // a profile from the settings (has an id), not an ad-hoc one
        QTest::newRow("nothing: last profile")
            << QStringList{} << "http://jobs.example:9000" << Kind::Remote << "jobs" << true;
        QTest::newRow("--local: the stored Local profile")
            << QStringList{QStringLiteral("--local")} << "http://127.0.0.1:9191" << Kind::Local << "Local" << true;
        QTest::newRow("--profile")
            << QStringList{QStringLiteral("--profile"), QStringLiteral("prod")} << "https://prod.example/taskmill"
            << Kind::Remote << "prod" << true;
        QTest::newRow("--connect unknown URL: ad-hoc remote profile")
            << QStringList{QStringLiteral("--connect"), QStringLiteral("http://10.0.0.5:8080")}
            << "http://10.0.0.5:8080" << Kind::Remote << "10.0.0.5" << false;
        QTest::newRow("--connect a stored URL: that profile")
            << QStringList{QStringLiteral("--connect"), QStringLiteral("https://prod.example/taskmill/")}
            << "https://prod.example/taskmill" << Kind::Remote << "prod" << true;
        QTest::newRow("--connect --local: Local at that URL")
            << QStringList{QStringLiteral("--connect"), QStringLiteral("http://127.0.0.1:9999"), QStringLiteral("--local")}
            << "http://127.0.0.1:9999" << Kind::Local << "Local" << true;
        QTest::newRow("--connect --profile: that profile at that URL")
            << QStringList{QStringLiteral("--profile"), QStringLiteral("jobs"), QStringLiteral("--connect"),
                           QStringLiteral("http://localhost:19000")}
            << "http://localhost:19000" << Kind::Remote << "jobs" << true;
        QTest::newRow("host:port without scheme")
            << QStringList{QStringLiteral("--connect"), QStringLiteral("queue.example:8080")}
            << "http://queue.example:8080" << Kind::Remote << "queue.example" << false;
    }

    void command_line_resolves_the_profile()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, url);
        QFETCH(Kind, kind);
        QFETCH(QString, name);
        QFETCH(bool, stored);
        QString error;
        const auto resolved = resolve(args, &error);
        QVERIFY2(resolved, qPrintable(error));
        QCOMPARE(resolved->profile.baseUrl, QUrl(url));
        QCOMPARE(resolved->profile.kind == Kind::Local, kind == Kind::Local);
        QCOMPARE(resolved->profile.name, name);
        QCOMPARE(!resolved->profile.id.isNull(), stored);
        QVERIFY(resolved->sessionSecret.isEmpty());
    }

    void unknown_profile_lists_the_known_ones()
    {
        QString error;
        QVERIFY(!resolve({QStringLiteral("--profile"), QStringLiteral("staging")}, &error));
        QVERIFY2(error.contains(QStringLiteral("staging")), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("Local, jobs, prod")), qPrintable(error));
        QCOMPARE(LaunchOptions::UsageExitCode, 2);
    }

    void local_contradicts_a_remote_profile()
    {
        QString error;
        QVERIFY(!resolve({QStringLiteral("--profile"), QStringLiteral("prod"), QStringLiteral("--local")}, &error));
        QVERIFY(error.contains(QStringLiteral("prod")));
    }

    void unusable_url_is_refused()
    {
        QString error;
        QVERIFY(!resolve({QStringLiteral("--connect"), QStringLiteral("ftp://files.example/")}, &error));
        QVERIFY2(error.contains(QStringLiteral("ftp://files.example/")), qPrintable(error));
    }

    void credentials_in_the_url_are_split_off()
    {
        QString error;
        const auto resolved = resolve({QStringLiteral("--connect"), QStringLiteral("https://ci:s3cret@ci.example:8443")}, &error);
        QVERIFY2(resolved, qPrintable(error));
        QCOMPARE(resolved->profile.baseUrl, QUrl(QStringLiteral("https://ci.example:8443")));
        QCOMPARE(resolved->profile.user, QStringLiteral("ci"));
        QVERIFY(resolved->profile.auth == ConnectionProfile::Auth::Password);
        QCOMPARE(resolved->sessionSecret, QStringLiteral("s3cret"));

        // A stored profile with that URL and user is reused (its keychain secret applies).
        const auto reused = resolve({QStringLiteral("--connect"), QStringLiteral("http://ops@jobs.example:9000")}, &error);
        QVERIFY2(reused, qPrintable(error));
        QCOMPARE(reused->profile.name, QStringLiteral("jobs"));
    }
};

QTEST_GUILESS_MAIN(TestLaunchOptions)
#include "test_LaunchOptions.moc"
