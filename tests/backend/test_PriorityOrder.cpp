// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// Fetcher::roundOrder: the executor's priority rule (executor/Fetcher.h). Strict HIGH, MEDIUM, LOW, except
// that one round in every fairnessEvery starts with LOW and another starts with MEDIUM.
#include "config/BackendConfig.h"
#include "executor/Fetcher.h"

#include <QTest>

#include <limits>

using namespace Qt::StringLiterals;
using namespace taskmill;

namespace {
const QList<Priority> strict = {Priority::High, Priority::Medium, Priority::Low};
const QList<Priority> lowFirst = {Priority::Low, Priority::High, Priority::Medium};
const QList<Priority> mediumFirst = {Priority::Medium, Priority::High, Priority::Low};

QString text(const QList<Priority> &order)
{
    QStringList names;
    for (Priority p : order)
        names << toString(p);
    return names.join(u',');
}

struct Counts
{
    int strict = 0;
    int lowFirst = 0;
    int mediumFirst = 0;
    int other = 0;
};

Counts count(quint64 first, quint64 rounds, int fairnessEvery)
{
    Counts c;
    for (quint64 r = first; r < first + rounds; ++r) {
        const QList<Priority> o = Fetcher::roundOrder(r, fairnessEvery);
        if (o == strict)
            ++c.strict;
        else if (o == lowFirst)
            ++c.lowFirst;
        else if (o == mediumFirst)
            ++c.mediumFirst;
        else
            ++c.other;
    }
    return c;
}
} // namespace

class TestPriorityOrder : public QObject
{
    Q_OBJECT

private slots:
    void every_round_reads_each_priority_once_data();
    void every_round_reads_each_priority_once();
    void counts_over_many_rounds_are_exact_data();
    void counts_over_many_rounds_are_exact();
    void every_window_of_f_rounds_has_one_low_first_and_one_medium_first_data();
    void every_window_of_f_rounds_has_one_low_first_and_one_medium_first();
    void low_waits_at_most_f_rounds_to_go_first_data();
    void low_waits_at_most_f_rounds_to_go_first();
    void default_fairness_of_eight();
    void fairness_serves_only_a_starving_priority();
    void pattern_holds_near_the_top_of_the_round_counter();
};

void TestPriorityOrder::every_round_reads_each_priority_once_data()
{
    QTest::addColumn<int>("f");
    for (int f : {2, 3, 4, 5, 7, 8, 16, 1000})
        QTest::addRow("F=%d", f) << f;
}

void TestPriorityOrder::every_round_reads_each_priority_once()
{
    QFETCH(int, f);
    for (quint64 r = 0; r < quint64(f) * 3; ++r) {
        QList<Priority> o = Fetcher::roundOrder(r, f);
        QCOMPARE(o.size(), 3);
        // After whichever priority goes first, the others keep the strict order.
        QList<Priority> rest = strict;
        rest.removeOne(o.first());
        QCOMPARE(text(o.mid(1)), text(rest));
        std::sort(o.begin(), o.end());
        QCOMPARE(text(o), u"LOW,MEDIUM,HIGH"_s);
    }
}

void TestPriorityOrder::counts_over_many_rounds_are_exact_data()
{
    QTest::addColumn<int>("f");
    QTest::addColumn<int>("cycles");
    for (int f : {2, 3, 4, 5, 6, 7, 8, 10, 16, 33, 100, 1000})
        QTest::addRow("F=%d", f) << f << 250;
}

void TestPriorityOrder::counts_over_many_rounds_are_exact()
{
    QFETCH(int, f);
    QFETCH(int, cycles);
    const quint64 rounds = quint64(f) * quint64(cycles);
    const Counts c = count(0, rounds, f);
    QCOMPARE(c.other, 0);
    QCOMPARE(c.lowFirst, cycles);
    QCOMPARE(c.mediumFirst, cycles);
    QCOMPARE(c.strict, int(rounds) - 2 * cycles);
}

void TestPriorityOrder::every_window_of_f_rounds_has_one_low_first_and_one_medium_first_data()
{
    QTest::addColumn<int>("f");
    for (int f : {2, 3, 4, 5, 8, 9, 16, 64})
        QTest::addRow("F=%d", f) << f;
}

void TestPriorityOrder::every_window_of_f_rounds_has_one_low_first_and_one_medium_first()
{
    QFETCH(int, f);
    // Any F consecutive rounds, not only those aligned to a multiple of F.
    for (quint64 start = 0; start < quint64(f) * 4; ++start) {
        const Counts c = count(start, quint64(f), f);
        QCOMPARE(c.lowFirst, 1);
        QCOMPARE(c.mediumFirst, 1);
        QCOMPARE(c.strict, f - 2);
    }
}

void TestPriorityOrder::low_waits_at_most_f_rounds_to_go_first_data()
{
    QTest::addColumn<int>("f");
    for (int f : {2, 3, 8, 20})
        QTest::addRow("F=%d", f) << f;
}

void TestPriorityOrder::low_waits_at_most_f_rounds_to_go_first()
{
    QFETCH(int, f);
    qint64 lastLow = -1;
    qint64 lastMedium = -1;
    for (qint64 r = 0; r < qint64(f) * 50; ++r) {
        const Priority first = Fetcher::roundOrder(quint64(r), f).first();
        if (first == Priority::Low) {
            if (lastLow >= 0)
                QCOMPARE(r - lastLow, qint64(f));
            else
                QVERIFY(r < f);
            lastLow = r;
        } else if (first == Priority::Medium) {
            if (lastMedium >= 0)
                QCOMPARE(r - lastMedium, qint64(f));
            else
                QVERIFY(r < f);
            lastMedium = r;
        }
    }
    QVERIFY(lastLow >= 0 && lastMedium >= 0);
}

void TestPriorityOrder::fairness_serves_only_a_starving_priority()
{
    // Before a priority has been passed over for starvation_ms its fairness round is an ordinary strict
    // round: a short burst of HIGH runs strictly first.
    QCOMPARE(BackendConfig{}.starvationMs, 1000);
    for (quint64 r = 0; r < 64; ++r)
        QCOMPARE(text(Fetcher::roundOrder(r, 8, false, false)), text(strict));
    int low = 0, medium = 0;
    for (quint64 r = 0; r < 64; ++r) {
        const QList<Priority> onlyLow = Fetcher::roundOrder(r, 8, true, false);
        low += onlyLow == lowFirst;
        QVERIFY(onlyLow != mediumFirst);
        const QList<Priority> onlyMedium = Fetcher::roundOrder(r, 8, false, true);
        medium += onlyMedium == mediumFirst;
        QVERIFY(onlyMedium != lowFirst);
    }
    QCOMPARE(low, 8);
    QCOMPARE(medium, 8);
}

void TestPriorityOrder::default_fairness_of_eight()
{
    // BackendConfig's default: 6 strict rounds, 1 LOW-first, 1 MEDIUM-first in every 8.
    QCOMPARE(BackendConfig{}.fairnessEvery, 8);
    QStringList cycle;
    for (quint64 r = 0; r < 8; ++r)
        cycle << toString(Fetcher::roundOrder(r, 8).first()).left(1);
    QCOMPARE(cycle.count(u"H"_s), 6);
    QCOMPARE(cycle.count(u"L"_s), 1);
    QCOMPARE(cycle.count(u"M"_s), 1);
    // The cycle repeats exactly.
    for (quint64 r = 0; r < 8; ++r)
        QCOMPARE(text(Fetcher::roundOrder(r + 8 * 1'000'003, 8)), text(Fetcher::roundOrder(r, 8)));
}

void TestPriorityOrder::pattern_holds_near_the_top_of_the_round_counter()
{
    // The fetch loop's round counter is a quint64 that only ever increments: the rule holds up to its top.
    const quint64 top = std::numeric_limits<quint64>::max();
    for (int f : {2, 3, 8, 1000}) {
        const Counts c = count(top - quint64(f) * 3 + 1, quint64(f) * 3 - 1, f);
        QCOMPARE(c.other, 0);
        QVERIFY(c.lowFirst >= 2 && c.lowFirst <= 3);
        QVERIFY(c.mediumFirst >= 2 && c.mediumFirst <= 3);
        QVERIFY(Fetcher::roundOrder(top, f).size() == 3);
    }
}

QTEST_GUILESS_MAIN(TestPriorityOrder)
#include "test_PriorityOrder.moc"
