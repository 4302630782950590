// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "store/DbParams.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace taskmill;

class TestDbParams : public QObject
{
    Q_OBJECT

private slots:
    void from_url_reads_every_part_data();
    void from_url_reads_every_part();
    void from_url_refuses_what_is_not_a_postgres_url_data();
    void from_url_refuses_what_is_not_a_postgres_url();
    void describe_leaves_out_the_password();
};

void TestDbParams::from_url_reads_every_part_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("database");
    QTest::addColumn<QString>("options");

    const QString timeout = u"connect_timeout=5"_s;
    QTest::newRow("everything") << u"postgresql://alice:s3cret@db.example.org:6543/tasks"_s << u"db.example.org"_s
                                << 6543 << u"alice"_s << u"s3cret"_s << u"tasks"_s << timeout;
    QTest::newRow("postgres scheme alias") << u"postgres://alice@db/tasks"_s << u"db"_s << 5432 << u"alice"_s
                                           << QString() << u"tasks"_s << timeout;
    QTest::newRow("default port") << u"postgresql://alice@db/tasks"_s << u"db"_s << 5432 << u"alice"_s << QString()
                                  << u"tasks"_s << timeout;
    QTest::newRow("database defaults to user") << u"postgresql://alice@db:5000"_s << u"db"_s << 5000 << u"alice"_s
                                               << QString() << u"alice"_s << timeout;
    QTest::newRow("database defaults to user, trailing slash") << u"postgresql://alice@db/"_s << u"db"_s << 5432
                                                               << u"alice"_s << QString() << u"alice"_s << timeout;
    QTest::newRow("bare: localhost, taskmill") << u"postgresql://"_s << u"localhost"_s << 5432 << QString() << QString()
                                               << u"taskmill"_s << timeout;
    QTest::newRow("no host, database only") << u"postgresql:///tasks"_s << u"localhost"_s << 5432 << QString()
                                            << QString() << u"tasks"_s << timeout;
    QTest::newRow("percent-encoded user, password, database")
        << u"postgresql://al%40ice:p%3Ass%2Fw%40rd%25@db/my%20tasks"_s << u"db"_s << 5432 << u"al@ice"_s
        << u"p:ss/w@rd%"_s << u"my tasks"_s << timeout;
    QTest::newRow("IPv6 host") << u"postgresql://u@[::1]:5433/db"_s << u"::1"_s << 5433 << u"u"_s << QString() << u"db"_s
                               << timeout;
    QTest::newRow("unix socket, encoded") << u"postgresql:///tasks?host=%2Fvar%2Frun%2Fpostgresql"_s
                                          << u"/var/run/postgresql"_s << 5432 << QString() << QString() << u"tasks"_s
                                          << timeout;
    QTest::newRow("unix socket with port") << u"postgresql://bob@/tasks?host=%2Ftmp%2Ftm%20pg&port=55432"_s
                                           << u"/tmp/tm pg"_s << 55432 << u"bob"_s << QString() << u"tasks"_s << timeout;
    QTest::newRow("unix socket, not encoded") << u"postgresql:///tasks?host=/tmp/pg"_s << u"/tmp/pg"_s << 5432
                                              << QString() << QString() << u"tasks"_s << timeout;
    QTest::newRow("host parameter wins over authority") << u"postgresql://u@ignored:1111/db?host=/run/pg&port=2222"_s
                                                        << u"/run/pg"_s << 2222 << u"u"_s << QString() << u"db"_s
                                                        << timeout;
    QTest::newRow("connect_timeout passed on") << u"postgresql://u@db/x?connect_timeout=12"_s << u"db"_s << 5432
                                               << u"u"_s << QString() << u"x"_s << u"connect_timeout=12"_s;
}

void TestDbParams::from_url_reads_every_part()
{
    QFETCH(QString, url);
    const auto p = DbParams::fromUrl(url);
    QVERIFY2(p.ok(), qPrintable(p.ok() ? QString() : p.error().message));
    QTEST(p->host, "host");
    QTEST(p->port, "port");
    QTEST(p->user, "user");
    QTEST(p->password, "password");
    QTEST(p->database, "database");
    QTEST(p->options, "options");
}

void TestDbParams::from_url_refuses_what_is_not_a_postgres_url_data()
{
    QTest::addColumn<QString>("url");

    QTest::newRow("empty") << QString();
    QTest::newRow("no scheme") << u"db.example.org:5432/tasks"_s;
    QTest::newRow("mysql") << u"mysql://u@db/tasks"_s;
    QTest::newRow("redis") << u"redis://localhost:6379/0"_s;
    QTest::newRow("http") << u"http://db/tasks"_s;
    QTest::newRow("scheme typo") << u"postgress://u@db/tasks"_s;
    QTest::newRow("port not a number") << u"postgresql://u@db:five/tasks"_s;
    QTest::newRow("port out of range") << u"postgresql://u@db:70000/tasks"_s;
    QTest::newRow("space in host") << u"postgresql://u@d b/tasks"_s;
    QTest::newRow("port parameter not a number") << u"postgresql:///tasks?host=/tmp&port=abc"_s;
    QTest::newRow("port parameter 0") << u"postgresql:///tasks?port=0"_s;
    QTest::newRow("port parameter too large") << u"postgresql:///tasks?port=65536"_s;
}

void TestDbParams::from_url_refuses_what_is_not_a_postgres_url()
{
    QFETCH(QString, url);
    const auto p = DbParams::fromUrl(url);
    QVERIFY2(!p.ok(), qPrintable(p.ok() ? p->describe() : QString()));
    QCOMPARE(toString(p.error().code), u"validation"_s);
    QCOMPARE(p.error().field, u"postgres"_s);
    QVERIFY2(p.error().message.contains(url), qPrintable(p.error().message));
}

void TestDbParams::describe_leaves_out_the_password()
{
    const auto p = DbParams::fromUrl(u"postgresql://alice:s3cret@db:6543/tasks"_s);
    QVERIFY(p.ok());
    QCOMPARE(p->describe(), u"alice@db:6543/tasks"_s);
    QVERIFY(!p->describe().contains(u"s3cret"_s));
}

QTEST_GUILESS_MAIN(TestDbParams)
#include "test_DbParams.moc"
