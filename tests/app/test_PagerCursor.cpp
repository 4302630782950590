// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "models/PagerCursor.h"

#include <QTest>

using namespace taskmill;

namespace {
PagerCursor::Position cursorAt(const char *cursor)
{
    return {QString::fromLatin1(cursor), QUuid()};
}
} // namespace

// The keyset position stack and the staleness of page-load answers, without a server.
class TestPagerCursor final : public QObject
{
    Q_OBJECT

private slots:
    void starts_on_the_first_page_without_neighbours()
    {
        PagerCursor cursor;
        QCOMPARE(cursor.pageNumber(), 1);
        QVERIFY(cursor.current().isNull());
        QVERIFY(!cursor.hasNextPage());
        QVERIFY(!cursor.hasPreviousPage());
        QVERIFY(!cursor.toNext());
        QVERIFY(!cursor.toPrevious());
        QCOMPARE(cursor.pageNumber(), 1);
    }

    void goes_forward_by_the_answered_position_and_back_by_the_remembered_one()
    {
        PagerCursor cursor;
        cursor.setNext(cursorAt("P2"));
        QVERIFY(cursor.toNext());
        QCOMPARE(cursor.pageNumber(), 2);
        QCOMPARE(cursor.current().cursor, QStringLiteral("P2"));
        QVERIFY(cursor.hasPreviousPage());

        const QUuid after = QUuid::createUuid();
        cursor.setNext({QString(), after}); // a server without cursors pages by id
        QVERIFY(cursor.toNext());
        QCOMPARE(cursor.pageNumber(), 3);
        QCOMPARE(cursor.current().after, after);
        QVERIFY(cursor.current().cursor.isEmpty());

        QVERIFY(cursor.toPrevious());
        QCOMPARE(cursor.current().cursor, QStringLiteral("P2"));
        cursor.toFirst();
        QCOMPARE(cursor.pageNumber(), 1);
        QVERIFY(cursor.current().isNull());
    }

    void every_move_makes_earlier_answers_stale()
    {
        PagerCursor cursor;
        cursor.setNext(cursorAt("P2"));
        const PagerCursor::Ticket first = cursor.issue();
        QVERIFY(!cursor.isStale(first));
        QVERIFY(cursor.toNext());
        QVERIFY(cursor.isStale(first));
        QVERIFY(!cursor.isCurrentQuery(first));
        const PagerCursor::Ticket second = cursor.issue();
        QVERIFY(cursor.toPrevious());
        QVERIFY(cursor.isStale(second));
        const PagerCursor::Ticket third = cursor.issue();
        cursor.toFirst(); // also when already on the first page: the query (filter, sort) changed
        QVERIFY(cursor.isStale(third));
    }

    void an_answer_older_than_the_applied_one_is_stale()
    {
        PagerCursor cursor;
        const PagerCursor::Ticket slow = cursor.issue();
        const PagerCursor::Ticket reload = cursor.issue();
        QVERIFY(cursor.isCurrentQuery(slow));
        cursor.markApplied(reload);
        QVERIFY(cursor.isStale(slow));
        QVERIFY(!cursor.isStale(reload)); // the same answer may be applied again
        const PagerCursor::Ticket later = cursor.issue();
        QVERIFY(!cursor.isStale(later));
        cursor.markApplied(slow); // never moves the mark back
        QVERIFY(cursor.isStale(slow));
    }
};

QTEST_GUILESS_MAIN(TestPagerCursor)
#include "test_PagerCursor.moc"
