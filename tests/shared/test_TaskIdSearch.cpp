// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// Which search texts read as a task id or an id's start (wire/TaskIdSearch), the primary-key range each
// stands for, and the same rule in TaskFilter::matches() beside the text search.
#include "wire/TaskFilter.h"
#include "wire/TaskIdSearch.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace taskmill;

namespace {
const QUuid Id = QUuid::fromString(u"0b6f1c8e-5f3a-4c3e-9d55-2f1f0f7b9a10"_s);
} // namespace

class TestTaskIdSearch : public QObject
{
    Q_OBJECT
private slots:
    void reads_ids_and_their_starts_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("digits"); // empty: not an id
        QTest::newRow("whole") << u"0b6f1c8e-5f3a-4c3e-9d55-2f1f0f7b9a10"_s << u"0b6f1c8e5f3a4c3e9d552f1f0f7b9a10"_s;
        QTest::newRow("whole, upper case") << u"0B6F1C8E-5F3A-4C3E-9D55-2F1F0F7B9A10"_s << u"0b6f1c8e5f3a4c3e9d552f1f0f7b9a10"_s;
        QTest::newRow("whole, no dashes") << u"0b6f1c8e5f3a4c3e9d552f1f0f7b9a10"_s << u"0b6f1c8e5f3a4c3e9d552f1f0f7b9a10"_s;
        QTest::newRow("whole, in braces") << u"{0b6f1c8e-5f3a-4c3e-9d55-2f1f0f7b9a10}"_s << u"0b6f1c8e5f3a4c3e9d552f1f0f7b9a10"_s;
        QTest::newRow("six digits") << u"0b6f1c"_s << u"0b6f1c"_s;
        QTest::newRow("up to a dash") << u"0b6f1c8e-"_s << u"0b6f1c8e"_s;
        QTest::newRow("across a dash") << u"0B6F1C8E-5F"_s << u"0b6f1c8e5f"_s;
        QTest::newRow("five digits") << u"0b6f1"_s << QString();
        QTest::newRow("dash out of place") << u"0b6f-1c8e"_s << QString();
        QTest::newRow("not hex") << u"0b6f1c8g"_s << QString();
        QTest::newRow("too long") << u"0b6f1c8e5f3a4c3e9d552f1f0f7b9a100"_s << QString();
        QTest::newRow("a word of hex letters") << u"facade"_s << u"facade"_s;
        QTest::newRow("empty") << QString() << QString();
        QTest::newRow("short form") << u"0b6f1c8e\u20269a10"_s << u"0b6f1c8e"_s;
        QTest::newRow("short form typed with dots") << u"0B6F1C8E...9A10"_s << u"0b6f1c8e"_s;
        QTest::newRow("short form, start too short") << u"0b6f1\u20269a10"_s << QString();
        QTest::newRow("short form, end not hex") << u"0b6f1c8e\u20269x10"_s << QString();
        QTest::newRow("short form, no end") << u"0b6f1c8e\u2026"_s << QString();
    }
    void reads_ids_and_their_starts()
    {
        QFETCH(QString, text);
        QFETCH(QString, digits);
        const auto id = TaskIdSearch::parse(text);
        QCOMPARE(id.has_value(), !digits.isEmpty());
        if (id)
            QCOMPARE(id->digits(), digits);
    }

    void the_short_form_names_one_id_among_those_of_the_same_minute()
    {
        // Version-7 ids made in the same minute share their first eight digits; the end tells them apart.
        const QUuid a = QUuid::fromString(u"01a246e2-5738-7d33-bbba-9247597a4a13"_s);
        const QUuid b = QUuid::fromString(u"01a246e2-5738-7ff9-a25d-8cfc6fd7831b"_s);
        QCOMPARE(TaskIdSearch::shortForm(a), u"01a246e2\u20264a13"_s);
        const auto search = TaskIdSearch::parse(TaskIdSearch::shortForm(a));
        QVERIFY(search);
        QCOMPARE(search->suffix(), u"4a13"_s);
        QVERIFY(search->matches(a));
        QVERIFY(!search->matches(b));
        QCOMPARE(search->likeSuffix(), u"%4a13"_s);
        QCOMPARE(TaskIdSearch::parse(u"01a246e2"_s)->likeSuffix(), u"%"_s); // a plain start: any end
    }

    void a_start_stands_for_the_range_of_ids_it_begins()
    {
        const auto id = TaskIdSearch::parse(u"0B6F1C8E-5F"_s);
        QVERIFY(id);
        QCOMPARE(id->low(), QUuid::fromString(u"0b6f1c8e-5f00-0000-0000-000000000000"_s));
        QCOMPARE(id->high(), QUuid::fromString(u"0b6f1c8e-5fff-ffff-ffff-ffffffffffff"_s));
        QVERIFY(id->matches(Id));
        QVERIFY(!id->matches(QUuid::fromString(u"0b6f1c8e-6f3a-4c3e-9d55-2f1f0f7b9a10"_s)));
        const auto whole = TaskIdSearch::parse(Id.toString(QUuid::WithoutBraces));
        QVERIFY(whole && whole->low() == Id && whole->high() == Id);
    }

    void the_filter_finds_a_task_by_id_beside_its_text()
    {
        Task t;
        t.id = Id;
        t.title = u"resize"_s;
        TaskFilter f;
        for (const QString &text : {u"0b6f1c8e"_s, u"0B6F1C"_s, u" 0b6f1c8e-5f3a "_s, u"RESIZE"_s}) {
            f.text = text;
            QVERIFY2(f.matches(t), qPrintable(text));
        }
        for (const QString &text : {u"0b6f1"_s, u"0b6f1c9"_s, u"1c8e5f"_s}) {
            f.text = text;
            QVERIFY2(!f.matches(t), qPrintable(text));
        }
    }
};

QTEST_GUILESS_MAIN(TestTaskIdSearch)
#include "test_TaskIdSearch.moc"
