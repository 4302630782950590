// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// FilterBar offscreen: toggles, counts on the toggles, type and time range choices, the debounced search.
#include "views/FilterBar.h"

#include <QAction>
#include <QComboBox>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>

using namespace taskmill;

class TestFilterBar final : public QObject
{
    Q_OBJECT

private slots:
    void toggles_build_the_filter_at_once()
    {
        FilterBar bar;
        QSignalSpy changed(&bar, &FilterBar::filterChanged);
        bar.toggle(Status::Failed)->click();
        bar.toggle(Priority::High)->click();
        QTRY_VERIFY(!changed.isEmpty());
        const TaskFilter f = bar.filter();
        QCOMPARE(f.statuses, QSet<Status>{Status::Failed});
        QCOMPARE(f.priorities, QSet<Priority>{Priority::High});
        QCOMPARE(changed.constLast().at(0).value<TaskFilter>(), f);
    }

    void counts_show_on_the_toggles_and_estimates_are_marked()
    {
        FilterBar bar;
        QVERIFY(!bar.toggle(Status::Failed)->text().contains(u'('));
        TaskCounts counts;
        counts.byStatus = {{Status::Failed, 12}, {Status::Completed, 1234}};
        counts.byPriority = {{Priority::Low, 7}};
        bar.setCounts(counts);
        QVERIFY2(bar.toggle(Status::Failed)->text().endsWith(QStringLiteral("(12)")), qPrintable(bar.toggle(Status::Failed)->text()));
        QVERIFY(bar.toggle(Status::Completed)->text().contains(QLocale().toString(1234)));
        QVERIFY(bar.toggle(Status::New)->text().endsWith(QStringLiteral("(0)")));
        QVERIFY(bar.toggle(Priority::Low)->text().endsWith(QStringLiteral("(7)")));
        counts.exact = false;
        bar.setCounts(counts);
        QVERIFY(bar.toggle(Status::Failed)->text().contains(QStringLiteral("≈12")));
        QVERIFY(!bar.toggle(Status::Failed)->toolTip().isEmpty());
        bar.clearCounts();
        QVERIFY(!bar.toggle(Status::Failed)->text().contains(u'('));
    }

    void type_choice_filters_by_one_type_and_survives_a_new_list()
    {
        FilterBar bar;
        QSignalSpy changed(&bar, &FilterBar::filterChanged);
        bar.setTypes({QStringLiteral("email.send"), QStringLiteral("image.resize")});
        auto *type = bar.findChild<QComboBox *>(QStringLiteral("typeFilter"));
        QVERIFY(type);
        QCOMPARE(type->count(), 3); // "All types" first
        type->setCurrentIndex(type->findData(QStringLiteral("image.resize")));
        emit type->activated(type->currentIndex());
        QTRY_VERIFY(!changed.isEmpty());
        QCOMPARE(bar.filter().types, QStringList{QStringLiteral("image.resize")});
        bar.setTypes({QStringLiteral("email.send")}); // the chosen type vanished from the list: it stays chosen
        QCOMPARE(bar.filter().types, QStringList{QStringLiteral("image.resize")});
    }

    void time_range_sets_created_bounds_data()
    {
        QTest::addColumn<FilterBar::TimeRange>("range");
        QTest::addColumn<qint64>("seconds");
        QTest::newRow("15 min") << FilterBar::TimeRange::Last15Minutes << qint64(900);
        QTest::newRow("1 h") << FilterBar::TimeRange::LastHour << qint64(3600);
        QTest::newRow("24 h") << FilterBar::TimeRange::Last24Hours << qint64(86400);
        QTest::newRow("7 d") << FilterBar::TimeRange::Last7Days << qint64(7 * 86400);
    }
    void time_range_sets_created_bounds()
    {
        QFETCH(FilterBar::TimeRange, range);
        QFETCH(qint64, seconds);
        FilterBar bar;
        QSignalSpy changed(&bar, &FilterBar::filterChanged);
        const QDateTime before = QDateTime::currentDateTimeUtc();
        bar.setTimeRange(range);
        QTRY_COMPARE(changed.size(), 1);
        const TaskFilter f = bar.filter();
        QVERIFY(!f.createdTo.isValid());
        QVERIFY(qAbs(f.createdFrom.secsTo(before) - seconds) <= 2);
        bar.setTimeRange(FilterBar::TimeRange::Any);
        QVERIFY(!bar.filter().createdFrom.isValid());
    }

    void custom_range_uses_both_bounds()
    {
        FilterBar bar;
        const QDateTime from(QDate(2026, 11, 1), QTime(8, 0), Qt::UTC);
        const QDateTime to(QDate(2026, 11, 2), QTime(8, 0), Qt::UTC);
        bar.setCustomRange(from, to);
        QVERIFY(bar.timeRange() == FilterBar::TimeRange::Custom);
        QCOMPARE(bar.filter().createdFrom, from);
        QCOMPARE(bar.filter().createdTo, to);
    }

    void search_is_debounced_and_ctrl_f_focuses_it()
    {
        FilterBar bar;
        bar.show();
        QVERIFY(QTest::qWaitForWindowExposed(&bar));
        QSignalSpy changed(&bar, &FilterBar::filterChanged);
        auto *search = bar.findChild<QLineEdit *>(QStringLiteral("searchField"));
        QVERIFY(search);
        QCOMPARE(bar.searchAction()->shortcut(), QKeySequence(QKeySequence::Find));
        bar.searchAction()->trigger();
        QVERIFY(search->hasFocus());
        QTest::keyClicks(search, QStringLiteral("customer_id"));
        QElapsedTimer sinceLastKey;
        sinceLastKey.start();
        QCOMPARE(changed.size(), 0); // still typing
        QVERIFY(changed.wait());
        // The evidence of the debounce: the change came no earlier than the interval after the last key
        // (less slack for a coarse timer, which may fire up to 5 % early).
        QVERIFY2(sinceLastKey.elapsed() >= FilterBar::SearchDebounceMs * 9 / 10,
                 qPrintable(QString::number(sinceLastKey.elapsed())));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(bar.filter().text, QStringLiteral("customer_id"));
    }

    void clear_resets_everything()
    {
        FilterBar bar;
        bar.toggle(Status::Failed)->click();
        bar.setTimeRange(FilterBar::TimeRange::LastHour);
        bar.clear();
        QVERIFY(bar.filter().isEmpty());
    }

    void set_filter_round_trips_and_emits_once()
    {
        FilterBar source;
        source.setTypes({QStringLiteral("email.send")});
        source.toggle(Status::Failed)->click();
        source.toggle(Status::RetryWaiting)->click();
        source.toggle(Priority::High)->click();
        auto *type = source.findChild<QComboBox *>(QStringLiteral("typeFilter"));
        type->setCurrentIndex(type->findData(QStringLiteral("email.send")));
        const QDateTime from = QDateTime(QDate(2026, 3, 1), QTime(8, 30, 15), Qt::UTC);
        source.setCustomRange(from, from.addDays(2));
        source.findChild<QLineEdit *>(QStringLiteral("searchField"))->setText(QStringLiteral("invoice <b>"));
        const TaskFilter wanted = source.filter();
        QCOMPARE(wanted.createdFrom, from);

        FilterBar bar; // type not in its list yet: setFilter adds it
        QSignalSpy changed(&bar, &FilterBar::filterChanged);
        bar.setFilter(wanted);
        QCOMPARE(bar.filter(), wanted);
        QTRY_COMPARE(changed.size(), 1);
        QCOMPARE(changed.constFirst().at(0).value<TaskFilter>(), wanted);
        QTest::qWait(FilterBar::SearchDebounceMs + 50);
        QCOMPARE(changed.size(), 1);

        bar.setFilter(TaskFilter{});
        QVERIFY(bar.filter().isEmpty());
        QCOMPARE(bar.timeRange(), FilterBar::TimeRange::Any);
    }
};

QTEST_MAIN(TestFilterBar)
#include "test_FilterBar.moc"
