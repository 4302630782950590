// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "settings/LaunchOptions.h"

#include <QCommandLineParser>
#include <QTest>

using namespace taskmill;
using Kind = ConnectionProfile::Kind;

Q_DECLARE_METATYPE(ConnectionProfile::Kind)

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
        const QString last = QStringLiteral("http://jobs.example:9000");
        QTest::newRow("nothing: last profile") << QStringList{} << last << Kind::Remote << QStringLiteral("jobs");
        QTest::newRow("--local") << QStringList{QStringLiteral("--local")} << QStringLiteral("http://127.0.0.1:8080")
                                 << Kind::Local << QStringLiteral("local");
        QTest::newRow("--connect") << QStringList{QStringLiteral("--connect"), QStringLiteral("http://10.0.0.5:8080")}
                                   << QStringLiteral("http://10.0.0.5:8080") << Kind::Remote << QStringLiteral("10.0.0.5");
        QTest::newRow("--connect --local --profile")
            << QStringList{QStringLiteral("--connect"), QStringLiteral("http://127.0.0.1:9999"), QStringLiteral("--local"),
                           QStringLiteral("--profile"), QStringLiteral("dev")}
            << QStringLiteral("http://127.0.0.1:9999") << Kind::Local << QStringLiteral("dev");
        QTest::newRow("host:port without scheme")
            << QStringList{QStringLiteral("--connect"), QStringLiteral("queue.example:8080")}
            << QStringLiteral("http://queue.example:8080") << Kind::Remote << QStringLiteral("queue.example");
    }

    void command_line_resolves_the_profile()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, url);
        QFETCH(Kind, kind);
        QFETCH(QString, name);
        QCommandLineParser parser;
        LaunchOptions::addOptions(parser);
        QVERIFY(parser.parse(QStringList{QStringLiteral("taskmill")} + args));
        const ConnectionProfile last{QStringLiteral("jobs"), QUrl(QStringLiteral("http://jobs.example:9000")), Kind::Remote};
        QString error;
        const auto profile = LaunchOptions::fromParser(parser).resolveProfile(last, &error);
        QVERIFY2(profile, qPrintable(error));
        QCOMPARE(profile->baseUrl, QUrl(url));
        QCOMPARE(profile->kind == Kind::Local, kind == Kind::Local);
        QCOMPARE(profile->name, name);
    }

    void unusable_url_is_refused()
    {
        LaunchOptions options;
        options.connectUrl = QUrl(QStringLiteral("ftp://files.example/"));
        QString error;
        QVERIFY(!options.resolveProfile({}, &error));
        QVERIFY(error.contains(QStringLiteral("ftp://files.example/")));
    }
};

QTEST_GUILESS_MAIN(TestLaunchOptions)
#include "test_LaunchOptions.moc"
