// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "models/DeadLetterModel.h"
#include "models/RelativeTime.h"
#include "models/StatsWorkerModel.h"
#include "models/TimeFormat.h"

#include <QSignalSpy>
#include <QTest>

using namespace taskmill;

class TestRelativeTime final : public QObject
{
    Q_OBJECT

private:
    // Local noon, so "same day" and "yesterday" do not depend on when the test runs.
    static QDateTime noon() { return QDateTime(QDate(2026, 12, 5), QTime(12, 0), Qt::LocalTime); }

private slots:
    // Fixed here, whatever the machine's locale: the expected strings are US English.
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void one_format_follows_the_language()
    {
        const QDateTime t(QDate(2026, 12, 5), QTime(18, 2, 44, 120), Qt::LocalTime);
        QCOMPARE(formatTime(t), QStringLiteral("12/5/2026 6:02:44 PM"));
        QCOMPARE(formatTime(t, TimePrecision::Milliseconds), QStringLiteral("12/5/2026 6:02:44.120 PM"));
        QCOMPARE(formatClock(t), QStringLiteral("6:02:44 PM"));
        const QLocale previous;
        QLocale::setDefault(QLocale(QLocale::Russian, QLocale::Russia));
        QCOMPARE(formatTime(t), QStringLiteral("05.12.2026 18:02:44"));
        QCOMPARE(formatTime(t, TimePrecision::Milliseconds), QStringLiteral("05.12.2026 18:02:44.120"));
        QCOMPARE(formatRelativeTime(t, t.addDays(1)), QStringLiteral("yesterday 18:02")); // untranslated in this test
        QCOMPARE(dateTimeFormat(TimePrecision::Minutes), QStringLiteral("dd.MM.yyyy HH:mm"));
        QLocale::setDefault(previous);
        // Minutes means minutes in every locale, also where the short clock carries seconds (the chart's axis).
        QCOMPARE(clockFormat(TimePrecision::Minutes, QLocale::c()), QStringLiteral("HH:mm"));
        QCOMPARE(clockFormat(TimePrecision::Seconds, QLocale::c()), QStringLiteral("HH:mm:ss"));
        QCOMPARE(clockFormat(TimePrecision::Minutes, QLocale(QLocale::English, QLocale::UnitedStates)), QStringLiteral("h:mm AP"));
    }

    void formats_by_age_data()
    {
        QTest::addColumn<QDateTime>("time");
        QTest::addColumn<QString>("expected");
        const QDateTime now = noon();
        QTest::newRow("invalid") << QDateTime() << QString();
        QTest::newRow("seconds") << now.addSecs(-20) << QStringLiteral("just now");
        QTest::newRow("slightly ahead") << now.addSecs(30) << QStringLiteral("just now");
        QTest::newRow("far ahead") << now.addDays(1) << QStringLiteral("12/6/2026 12:00 PM");
        QTest::newRow("one minute") << now.addSecs(-60) << QStringLiteral("1 min ago");
        QTest::newRow("minutes") << now.addSecs(-3 * 60 - 59) << QStringLiteral("3 min ago");
        QTest::newRow("hours") << now.addSecs(-2 * 3600 - 100) << QStringLiteral("2 h ago");
        QTest::newRow("early today") << QDateTime(QDate(2026, 12, 5), QTime(0, 5), Qt::LocalTime)
                                     << QStringLiteral("11 h ago");
        QTest::newRow("yesterday") << QDateTime(QDate(2026, 12, 4), QTime(14, 5), Qt::LocalTime)
                                   << QStringLiteral("yesterday 2:05 PM");
        QTest::newRow("older") << QDateTime(QDate(2026, 11, 30), QTime(9, 12, 40), Qt::LocalTime)
                               << QStringLiteral("11/30/2026 9:12 AM");
    }

    void formats_by_age()
    {
        QFETCH(QDateTime, time);
        QFETCH(QString, expected);
        QCOMPARE(formatRelativeTime(time, noon()), expected);
        QCOMPARE(formatRelativeTime(time.toUTC(), noon().toUTC()), expected); // zone of the inputs does not matter
    }

    void minutes_after_midnight_stay_relative()
    {
        const QDateTime now(QDate(2026, 12, 5), QTime(0, 10), Qt::LocalTime);
        QCOMPARE(formatRelativeTime(now.addSecs(-20 * 60), now), QStringLiteral("20 min ago"));
    }

    void worker_columns_relative_with_absolute_tooltip_and_raw_sort()
    {
        StatsWorkerModel model;
        WorkerInfo w;
        w.consumer = QStringLiteral("exec-1");
        w.heartbeatAt = QDateTime::currentDateTimeUtc().addSecs(-5 * 60 - 10);
        w.startedAt = QDateTime::currentDateTimeUtc().addSecs(-10);
        model.setRows({w});
        const QModelIndex heartbeat = model.index(0, StatsWorkerModel::Heartbeat);
        QCOMPARE(heartbeat.data().toString(), QStringLiteral("5 min ago"));
        QCOMPARE(heartbeat.data(Qt::ToolTipRole).toString(), formatTime(w.heartbeatAt));
        QCOMPARE(heartbeat.data(StatsWorkerModel::RawValueRole).toDateTime(), w.heartbeatAt);
        QCOMPARE(model.index(0, StatsWorkerModel::Started).data().toString(), QStringLiteral("just now"));
    }

    void refresh_signals_only_time_columns()
    {
        StatsWorkerModel model;
        WorkerInfo a, b;
        a.consumer = QStringLiteral("a");
        b.consumer = QStringLiteral("b");
        model.setRows({a, b});
        auto *refresh = model.findChild<RelativeTimeRefresh *>();
        QVERIFY(refresh);
        QSignalSpy spy(&model, &QAbstractItemModel::dataChanged);
        refresh->refresh();
        QCOMPARE(spy.size(), 2);
        QList<int> columns;
        for (const QList<QVariant> &args : std::as_const(spy)) {
            const auto topLeft = args.at(0).toModelIndex(), bottomRight = args.at(1).toModelIndex();
            QCOMPARE(topLeft.column(), bottomRight.column());
            QCOMPARE(topLeft.row(), 0);
            QCOMPARE(bottomRight.row(), 1);
            columns << topLeft.column();
        }
        QCOMPARE(columns, (QList<int>{StatsWorkerModel::Heartbeat, StatsWorkerModel::Started}));
    }

    void dead_letter_model_refreshes_its_time_column()
    {
        DeadLetterModel model;
        QVERIFY(model.findChild<RelativeTimeRefresh *>());
    }
};

QTEST_MAIN(TestRelativeTime)
#include "test_RelativeTime.moc"
