// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
#include "models/DeadLetterGroupModel.h"
#include "models/DeadLetterModel.h"
#include "wire/TaskIdSearch.h"

#include <QAbstractItemModelTester>
#include <QLocale>
#include <QPersistentModelIndex>
#include <QSignalSpy>
#include <QTest>

using namespace taskmill;

namespace {
QUuid taskId(int n)
{
    return QUuid(QStringLiteral("00000000-0000-4000-8000-%1").arg(n, 12, 10, QLatin1Char('0')));
}

Task task(int n, const QString &error = QStringLiteral("boom"))
{
    Task t;
    t.id = taskId(n);
    t.title = QStringLiteral("task %1").arg(n);
    t.type = QStringLiteral("fail");
    t.status = Status::Failed;
    t.error = error;
    t.attempts = 3;
    t.maxAttempts = 3;
    t.deadLetteredAt = QDateTime(QDate(2026, 11, 23), QTime(12, 0, n % 60), Qt::UTC);
    return t;
}

QList<Task> tasks(std::initializer_list<int> ns)
{
    QList<Task> out;
    for (int n : ns)
        out.append(task(n));
    return out;
}

DeadLetterGroup group(const QString &error, qint64 count)
{
    DeadLetterGroup g;
    g.error = error;
    g.count = count;
    g.firstSeen = QDateTime(QDate(2026, 11, 23), QTime(11, 0), Qt::UTC);
    g.lastSeen = QDateTime(QDate(2026, 11, 23), QTime(12, 0), Qt::UTC);
    g.types = {QStringLiteral("fail")};
    return g;
}

QList<QUuid> ids(const DeadLetterModel &model)
{
    QList<QUuid> out;
    for (const Task &t : model.rows())
        out.append(t.id);
    return out;
}
} // namespace

// DeadLetterGroupModel and DeadLetterModel through QAbstractItemModelTester: whole answers become
// minimal inserts, removes, moves and grouped dataChanged spans.
class TestDeadLetterModels final : public QObject
{
    Q_OBJECT

private slots:
    void page_diffs_keep_persistent_indexes()
    {
        DeadLetterModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.applyRows(tasks({5, 4, 3, 2, 1}));
        QCOMPARE(model.rowCount(), 5);
        const QPersistentModelIndex three(model.index(2, DeadLetterModel::Title));
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);

        // Two new dead letters on top, 4 and 2 requeued elsewhere.
        model.applyRows(tasks({7, 6, 5, 3, 1}));
        QCOMPARE(ids(model), (QList<QUuid>{taskId(7), taskId(6), taskId(5), taskId(3), taskId(1)}));
        QCOMPARE(inserted.size(), 1); // one span of two rows
        QCOMPARE(removed.size(), 2);  // rows 4 and 2 are not adjacent
        QCOMPARE(reset.size(), 0);
        QVERIFY(three.isValid());
        QCOMPARE(three.row(), 3);
        QCOMPARE(three.data().toString(), QStringLiteral("task 3"));
        QCOMPARE(model.rowOf(taskId(3)), 3);
        QCOMPARE(model.rowOf(taskId(4)), -1);
    }

    void changed_rows_are_reported_in_contiguous_spans()
    {
        DeadLetterModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.applyRows(tasks({5, 4, 3, 2, 1}));
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QList<Task> next = tasks({5, 4, 3, 2, 1});
        for (int row : {0, 1, 3})
            next[row].error = QStringLiteral("edited");
        model.applyRows(next);
        QCOMPARE(changed.size(), 2); // rows 0–1 and row 3
        QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 0);
        QCOMPARE(changed.at(0).at(1).toModelIndex().row(), 1);
        QCOMPARE(changed.at(0).at(1).toModelIndex().column(), DeadLetterModel::ColumnCount - 1);
        QCOMPARE(changed.at(1).at(0).toModelIndex().row(), 3);
        QCOMPARE(model.index(3, DeadLetterModel::Error).data().toString(), QStringLiteral("edited"));

        changed.clear();
        model.applyRows(next); // the same answer again changes nothing
        QCOMPARE(changed.size(), 0);
    }

    void reordered_rows_move_instead_of_reset()
    {
        DeadLetterModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.applyRows(tasks({1, 2, 3}));
        const QPersistentModelIndex one(model.index(0, 0));
        QSignalSpy moved(&model, &QAbstractItemModel::rowsMoved);
        model.applyRows(tasks({3, 2, 1, 1})); // a duplicate id keeps its first row
        QCOMPARE(ids(model), (QList<QUuid>{taskId(3), taskId(2), taskId(1)}));
        QVERIFY(moved.size() >= 1);
        QCOMPARE(one.row(), 2);
    }

    void remove_keys_and_clear()
    {
        DeadLetterModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.applyRows(tasks({4, 3, 2, 1}));
        model.removeKeys({taskId(3), taskId(2), taskId(99)});
        QCOMPARE(ids(model), (QList<QUuid>{taskId(4), taskId(1)}));
        QCOMPARE(model.rowOf(taskId(1)), 1);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.rowOf(taskId(4)), -1);
    }

    void task_columns_show_and_sort()
    {
        DeadLetterModel model;
        model.applyRows(tasks({1}));
        QCOMPARE(model.index(0, DeadLetterModel::Id).data().toString(), TaskIdSearch::shortForm(taskId(1)));
        QCOMPARE(model.index(0, DeadLetterModel::Attempts).data().toString(), QStringLiteral("3/3"));
        QCOMPARE(model.index(0, DeadLetterModel::DeadLettered).data(DeadLetterModel::RawValueRole).toDateTime(),
                 task(1).deadLetteredAt);
        QCOMPARE(model.index(0, 0).data(DeadLetterModel::TaskRole).value<Task>().id, taskId(1));
        QVERIFY(!model.headerData(DeadLetterModel::Error, Qt::Horizontal).toString().isEmpty());
    }

    void groups_follow_answers()
    {
        DeadLetterGroupModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.applyRows({group(QStringLiteral("timeout"), 10), group(QStringLiteral("boom"), 3)});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.totalCount(), 13);
        const QPersistentModelIndex boom(model.index(1, DeadLetterGroupModel::Error));
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

        // "boom" grows past "timeout" (largest first), a new group appears, "timeout" shrinks.
        model.applyRows({group(QStringLiteral("boom"), 30), group(QStringLiteral("timeout"), 9),
                         group(QStringLiteral("refused"), 1)});
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(boom.row(), 0);
        QCOMPARE(model.index(0, DeadLetterGroupModel::Count).data(DeadLetterGroupModel::RawValueRole).toLongLong(), 30);
        QCOMPARE(model.index(0, DeadLetterGroupModel::Count).data().toString(), QLocale().toString(30));
        QCOMPARE(model.totalCount(), 40);
        QVERIFY(!changed.isEmpty());
        QCOMPARE(model.rowOf(QStringLiteral("refused")), 2);
        QCOMPARE(model.index(2, 0).data(DeadLetterGroupModel::GroupRole).value<DeadLetterGroup>().count, 1);

        model.applyRows({});
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(!boom.isValid());
    }

    void multi_line_errors_show_their_first_line()
    {
        DeadLetterGroupModel model;
        model.applyRows({group(QStringLiteral("Traceback\n  at x\n  at y"), 1)});
        const QString shown = model.index(0, DeadLetterGroupModel::Error).data().toString();
        QVERIFY(shown.startsWith(QStringLiteral("Traceback")));
        QVERIFY(!shown.contains(u'\n'));
        QCOMPARE(model.index(0, DeadLetterGroupModel::Error).data(Qt::ToolTipRole).toString(),
                 QStringLiteral("Traceback\n  at x\n  at y"));
    }
};

QTEST_GUILESS_MAIN(TestDeadLetterModels)
#include "test_DeadLetterModels.moc"
