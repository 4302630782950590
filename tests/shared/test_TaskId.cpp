// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
// newTaskId(): RFC 9562 version-7 UUIDs whose first 48 bits are the creation time in Unix milliseconds, so
// ids made later sort after ids made earlier (what keeps the id-keyed indexes appending), and unique.
#include "model/Task.h"

#include <QDateTime>
#include <QSet>
#include <QTest>

using namespace taskmill;

class TestTaskId : public QObject
{
    Q_OBJECT

    static quint64 millis(const QUuid &id)
    {
        const QByteArray b = id.toRfc4122();
        quint64 ms = 0;
        for (int i = 0; i < 6; ++i)
            ms = (ms << 8) | quint8(b[i]);
        return ms;
    }

private slots:
    void version_7_with_the_rfc_variant()
    {
        const QUuid id = newTaskId();
        QCOMPARE(quint8(id.toRfc4122().at(6)) >> 4, 7); // Qt 6.4's QUuid::version() knows 1-5 only
        QCOMPARE(id.variant(), QUuid::DCE);
        QVERIFY(!id.isNull());
    }

    void carries_the_creation_time()
    {
        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        const QUuid id = newTaskId();
        const qint64 after = QDateTime::currentMSecsSinceEpoch();
        QVERIFY(qint64(millis(id)) >= before);
        QVERIFY(qint64(millis(id)) <= after);
    }

    void later_ids_sort_after_earlier_ones_and_none_repeats()
    {
        QSet<QUuid> seen;
        QUuid first = newTaskId();
        // A different millisecond (waited for, not slept): the later id orders after the first in the
        // text form PostgreSQL's uuid comparison follows (byte order).
        QUuid later;
        QVERIFY(QTest::qWaitFor([&] {
            later = newTaskId();
            return millis(later) > millis(first);
        }, 1000));
        QVERIFY(later.toString() > first.toString());
        for (int i = 0; i < 100000; ++i)
            seen.insert(newTaskId());
        QCOMPARE(seen.size(), 100000);
    }
};

QTEST_GUILESS_MAIN(TestTaskId)
#include "test_TaskId.moc"
