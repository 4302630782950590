// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// pinLocalTimeZone(): TZ names the system zone file when it was unset (so glibc loads the zone once instead
// of at every conversion), local-time conversions still give the system zone's answer, and an explicit TZ
// set by the user is never replaced.
#include "process/LocalTimeZone.h"

#include <QDateTime>
#include <QTest>

#include <ctime>

using namespace taskmill;

class TestLocalTimeZone : public QObject
{
    Q_OBJECT

    // The UTC offset glibc gives for a fixed instant under the current TZ.
    static long offsetAt(time_t t)
    {
        tzset();
        struct tm local{};
        localtime_r(&t, &local);
        return local.tm_gmtoff;
    }

private slots:
    void pins_the_system_zone_when_unset()
    {
        qunsetenv("TZ");
        const time_t instant = 1'780'000'000; // mid-2026, inside any daylight-saving period
        const long unpinned = offsetAt(instant);
        pinLocalTimeZone();
        QCOMPARE(qgetenv("TZ"), QByteArray(":/etc/localtime"));
        QCOMPARE(offsetAt(instant), unpinned);
    }

    void leaves_an_explicit_zone_alone()
    {
        qputenv("TZ", "Asia/Vladivostok");
        pinLocalTimeZone();
        QCOMPARE(qgetenv("TZ"), QByteArray("Asia/Vladivostok"));
        QCOMPARE(offsetAt(1'780'000'000), 10L * 3600);
        qputenv("TZ", "");
        pinLocalTimeZone(); // set, even if empty (glibc reads it as UTC): still the user's choice
        QCOMPARE(qgetenv("TZ"), QByteArray());
    }
};

QTEST_GUILESS_MAIN(TestLocalTimeZone)
#include "test_LocalTimeZone.moc"
